"""“Ready” means the visitor could book it after exam preparation alone (domain notes, v3).
The months on a platform a foundational exam recommends are named, and cost experience
points, but do not make it a stretch: its preparation covers the basics. At associate level
and above the same gap keeps it a stretch."""

from __future__ import annotations

import datetime as dt

from certpath.engine import Answers, recommend
from certpath.vocabulary import SKILL_KEYS
from tests.fixture_catalogue import catalogue, cert

TODAY = dt.date(2026, 12, 7)
LITERACY = cert(
    "literacy",
    level="foundational",
    tests_coding=False,
    skills={},
    audience=["manager"],
    recommended_experience={"industry_years": 0, "platform_years": 0.5},
)
ASSOCIATE = cert(
    "associate",
    tests_coding=False,
    skills={},
    audience=["manager"],
    recommended_experience={"industry_years": 0, "platform_years": 0.5},
)


def recs(platform_years: float) -> dict[str, dict]:
    answers = Answers.model_validate(
        {
            "version": 2,
            "skills": dict.fromkeys(SKILL_KEYS, 0),
            "experience": {"industry_years": 5, "platform_years": {"aws": platform_years}},
            "environment": "aws",
            "goals": {"focus": "both", "role": "manager", "domains": [], "exam_format": "any"},
            "weekly_study_hours": 3,
        }
    )
    result = recommend(answers, catalogue(LITERACY, ASSOCIATE), today=TODAY)
    return {r["slug"]: r for r in result["recommendations"]}


def test_recommended_months_on_the_platform_do_not_stop_a_foundational_exam_being_ready():
    new, seasoned = recs(0), recs(1)
    assert new["literacy"]["readiness"] == "ready"
    (gap,) = new["literacy"]["gaps"]
    assert gap["label"].startswith("AWS experience: 0 years of the 0.5 years recommended")
    assert "not needed to book a foundational exam" in gap["label"]
    experience = {f["key"]: f["points"] for f in new["literacy"]["factors"]}["experience"]
    full = {f["key"]: f["points"] for f in seasoned["literacy"]["factors"]}["experience"]
    assert experience < full  # still counted against it


def test_the_same_gap_keeps_an_associate_exam_a_stretch():
    assert recs(0)["associate"]["readiness"] == "stretch"
    assert recs(1)["associate"]["readiness"] == "ready"
