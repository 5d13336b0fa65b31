"""A budget is a warning and a lower place, never a silent drop, and an unpublished price is
neither within nor over it: the visitor is told nobody can say it fits."""

from __future__ import annotations

import datetime as dt

from certpath.engine import Answers, recommend
from certpath.vocabulary import SKILL_KEYS
from tests.fixture_catalogue import catalogue, cert

TODAY = dt.date(2026, 11, 23)
CHEAP = cert("cheap", price_usd=100)
DEAR = cert("dear", price_usd=900)
UNPRICED = cert("unpriced", price_usd=None)


def result(budget: int | None) -> dict:
    answers = Answers.model_validate(
        {
            "version": 2,
            "skills": {**dict.fromkeys(SKILL_KEYS, 2)},
            "experience": {"industry_years": 2, "platform_years": {}},
            "environment": "aws",
            "goals": {"focus": "both", "role": "ml_engineer", "domains": [], "exam_format": "any"},
            "weekly_study_hours": 6,
            "budget_usd": budget,
        }
    )
    return recommend(answers, catalogue(DEAR, UNPRICED, CHEAP), today=TODAY)


def warnings(doc: dict) -> dict[str, list[str]]:
    return {r["slug"]: r["warnings"] for r in doc["recommendations"]}


def test_within_over_and_unknown_are_each_said_for_what_they_are():
    said = warnings(result(300))
    assert said["cheap"] == []
    assert said["dear"] == ["Over your budget: about $900 over three years against $300."]
    assert len(said["unpriced"]) == 1
    assert "price is not published" in said["unpriced"][0]
    assert "$300" in said["unpriced"][0]


def test_the_order_follows_the_budget_and_nothing_is_dropped():
    doc = result(300)
    assert [r["slug"] for r in doc["recommendations"]] == ["cheap", "unpriced", "dear"]


def test_without_a_budget_nothing_is_said_about_money():
    assert all(not w for w in warnings(result(None)).values())
