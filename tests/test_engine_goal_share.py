"""An exam earns the goal points in proportion to how much of it covers the visitor's goal
areas: a product exam with one small ethics section is not a governance credential (domain
notes, v3: a goal area points to the exam domains that support it). A third of the exam or more
earns them all; without published weights each domain counts the same, and the reason says so."""

from __future__ import annotations

import datetime as dt

import pytest

from certpath.engine import Answers, recommend, rules
from certpath.vocabulary import SKILL_KEYS
from tests.fixture_catalogue import catalogue, cert

TODAY = dt.date(2026, 12, 7)


def domain(name: str, weight: int | None, *supports: str) -> dict:
    return {"name": name, "weight_min": weight, "weight_max": weight, "supports": list(supports)}


# Same facts but the share of the exam that covers governance.
WHOLE = cert(
    "whole",
    goal_domains=["ai_governance"],
    exam_domains=[domain("Governance", 60, "ai_governance"), domain("Risk", 40, "ai_governance")],
)
THIRD = cert(
    "third",
    goal_domains=["ai_governance"],
    exam_domains=[domain("Ethics", 35, "ai_governance"), domain("Product", 65)],
)
SMALL = cert(
    "small",
    goal_domains=["ai_governance"],
    exam_domains=[domain("Ethics", 15, "ai_governance"), domain("Product", 85)],
)
UNWEIGHTED = cert(
    "unweighted",
    goal_domains=["ai_governance"],
    exam_domains=[
        domain("Ethics", None, "ai_governance"),
        domain("Product", None),
        domain("Data", None),
        domain("Features", None),
    ],
)
NONE = cert("none", goal_domains=["tabular"])


def ranked(domains: list[str], *certs) -> dict[str, dict]:
    answers = Answers.model_validate(
        {
            "version": 2,
            "skills": dict.fromkeys(SKILL_KEYS, 2),
            "experience": {"industry_years": 2, "platform_years": {}},
            "environment": "aws",
            "goals": {
                "focus": "both",
                "role": "ml_engineer",
                "domains": domains,
                "exam_format": "any",
            },
            "weekly_study_hours": 6,
        }
    )
    result = recommend(answers, catalogue(*certs), today=TODAY)
    return {r["slug"]: r for r in result["recommendations"]}


def goals_factor(rec: dict) -> dict:
    return next(f for f in rec["factors"] if f["key"] == "goals")


def test_the_goal_points_follow_the_share_of_the_exam_that_covers_the_goal():
    recs = ranked(["ai_governance"], WHOLE, THIRD, SMALL, UNWEIGHTED, NONE)
    full = goals_factor(recs["whole"])["points"]
    assert full > 0
    assert goals_factor(recs["third"])["points"] == full  # a third or more earns them all
    small = goals_factor(recs["small"])["points"]
    assert small == pytest.approx(full * 0.15 / rules.GOAL_FULL_SHARE, abs=0.1)
    assert goals_factor(recs["none"])["points"] == 0
    # Everything else is equal, so the order is the share's.
    order = [slug for slug in recs if slug in {"whole", "small", "none"}]
    assert order == ["whole", "small", "none"]


def test_each_share_is_said_and_an_unweighted_guide_counts_its_domains():
    recs = ranked(["ai_governance"], WHOLE, SMALL, UNWEIGHTED)
    assert goals_factor(recs["whole"])["reason"] == (
        "Its exam covers AI governance, risk and audit (about 100 % of the exam)."
    )
    assert goals_factor(recs["small"])["reason"] == (
        "Its exam covers AI governance, risk and audit (about 15 % of the exam). An exam that "
        "gives less than a third of itself to an area earns part of its points."
    )
    unweighted = goals_factor(recs["unweighted"])
    assert "(1 of its 4 domains; the guide publishes no weights)" in unweighted["reason"]
    assert unweighted["points"] == pytest.approx(
        goals_factor(recs["whole"])["points"] * 0.25 / rules.GOAL_FULL_SHARE, abs=0.1
    )


def test_two_goal_areas_average_their_shares():
    both = cert(
        "both",
        goal_domains=["ai_governance", "tabular"],
        exam_domains=[domain("Ethics", 50, "ai_governance"), domain("Models", 50, "tabular")],
    )
    half = cert(
        "half",
        goal_domains=["ai_governance"],
        exam_domains=[domain("Ethics", 50, "ai_governance"), domain("Other", 50)],
    )
    recs = ranked(["ai_governance", "tabular"], both, half)
    assert goals_factor(recs["half"])["points"] == pytest.approx(
        goals_factor(recs["both"])["points"] / 2, abs=0.1
    )
    assert "but not tabular" in goals_factor(recs["half"])["reason"]
