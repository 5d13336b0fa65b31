"""A career changer is moving into machine learning: exams written for the roles that change
usually aims at (ML engineers, data scientists) serve them in part, exams for other roles do
not, and an exam written for career changers serves them fully."""

from __future__ import annotations

import datetime as dt

from certpath.engine import Answers, recommend
from certpath.vocabulary import SKILL_KEYS
from tests.fixture_catalogue import catalogue, cert

TODAY = dt.date(2026, 11, 21)
CATALOGUE = catalogue(
    cert("for-data-engineers", audience=["data_engineer"]),
    cert("for-ml-engineers", audience=["ml_engineer", "data_engineer"]),
    cert("for-career-changers", audience=["career_changer"]),
)


def _roles(role: str) -> dict[str, dict]:
    answers = Answers.model_validate(
        {
            "version": 2,
            "skills": dict.fromkeys(SKILL_KEYS, 1),
            "experience": {"industry_years": 0, "platform_years": {}},
            "environment": "none",
            "goals": {"role": role, "focus": "both", "domains": [], "exam_format": "any"},
            "weekly_study_hours": 10,
        }
    )
    result = recommend(answers, CATALOGUE, today=TODAY)
    return {
        rec["slug"]: next(f for f in rec["factors"] if f["key"] == "role")
        for rec in result["recommendations"]
    }


def test_a_career_changer_is_served_in_part_by_exams_for_ml_roles():
    roles = _roles("career_changer")
    full = roles["for-career-changers"]["points"]
    part = roles["for-ml-engineers"]["points"]
    assert roles["for-data-engineers"]["points"] == 0
    assert 0 < part < full
    assert "career change into machine learning" in roles["for-ml-engineers"]["reason"]
    assert "not for career changers" in roles["for-data-engineers"]["reason"]


def test_other_roles_get_no_part_credit():
    roles = _roles("software_developer")
    assert roles["for-ml-engineers"]["points"] == 0
    assert roles["for-career-changers"]["points"] == 0
