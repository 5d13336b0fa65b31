"""Credentials whose standing with employers no source establishes: never sent first while an
established one fits, never credited with employer reach or a platform, and said so."""

from __future__ import annotations

import datetime as dt

from certpath.engine import Answers, recommend
from certpath.vocabulary import SKILL_KEYS
from tests.fixture_catalogue import catalogue, cert

TODAY = dt.date(2026, 11, 23)

# An easy, portable exam of unknown standing against a harder one on the employer's platform.
UNKNOWN = cert(
    "unknown-standing",
    platform="vendor_neutral",
    recognition="unverified",
    recommended_experience={"industry_years": None, "platform_years": None},
)
HOME = cert(
    "home-platform",
    platform="databricks",
    recommended_experience={"industry_years": None, "platform_years": 0.5},
    skills={"python": {"level": 2, "weight": 3}, "spark": {"level": 3, "weight": 5}},
    audience=["data_engineer"],
)
NEUTRAL = cert(
    "established-neutral",
    platform="vendor_neutral",
    recommended_experience={"industry_years": None, "platform_years": None},
)


def answers(**overrides) -> Answers:
    data = {
        "version": 2,
        "skills": {**dict.fromkeys(SKILL_KEYS, 1), "python": 2, "spark": 1},
        "experience": {"industry_years": 2, "platform_years": {}},
        "environment": "databricks",
        "goals": {
            "focus": "both",
            "role": "ml_engineer",
            "domains": ["tabular"],
            "exam_format": "any",
        },
        "weekly_study_hours": 6,
    }
    data.update(overrides)
    return Answers.model_validate(data)


def ranked(result: dict) -> list[str]:
    return [r["slug"] for r in result["recommendations"]]


def by_slug(result: dict, slug: str) -> dict:
    return next(r for r in result["recommendations"] if r["slug"] == slug)


def test_an_unknown_standing_costs_points_shown_in_why_and_the_list_follows_the_score():
    # Advice v3, one number, one order: the unknown standing is a factor with its points,
    # not a hidden tier that lists an 80 below a 60.
    result = recommend(answers(), catalogue(UNKNOWN, HOME), today=TODAY)
    unknown, home = by_slug(result, "unknown-standing"), by_slug(result, "home-platform")
    standing = next(f for f in unknown["factors"] if f["key"] == "standing")
    assert standing["points"] == -10
    assert "how widely employers recognise" in standing["reason"]
    assert not any(f["key"] == "standing" for f in home["factors"])
    assert round(sum(f["points"] for f in unknown["factors"]), 1) == unknown["score"]
    scores = [r["score"] for r in result["recommendations"]]
    assert scores == sorted(scores, reverse=True)
    assert any("how widely employers recognise" in w for w in unknown["warnings"])
    assert not any("recognise" in w for w in home["warnings"])


def test_it_earns_no_platform_points_where_an_established_neutral_one_earns_some():
    result = recommend(answers(), catalogue(UNKNOWN, NEUTRAL), today=TODAY)
    platform = {
        slug: next(f for f in by_slug(result, slug)["factors"] if f["key"] == "platform")
        for slug in ("unknown-standing", "established-neutral")
    }
    assert platform["unknown-standing"]["points"] == 0
    assert (
        "no source shows how widely employers recognise it"
        in (platform["unknown-standing"]["reason"])
    )
    assert platform["established-neutral"]["points"] > 0


def test_without_an_employer_platform_it_earns_no_employer_reach():
    result = recommend(answers(environment="none"), catalogue(UNKNOWN, NEUTRAL), today=TODAY)
    reach = {
        slug: next(f for f in by_slug(result, slug)["factors"] if f["key"] == "employer_breadth")
        for slug in ("unknown-standing", "established-neutral")
    }
    assert reach["unknown-standing"]["points"] == 0
    assert reach["established-neutral"]["points"] > 0
    assert ranked(result) == ["established-neutral", "unknown-standing"]


def test_with_nothing_established_to_offer_it_still_ranks_and_keeps_its_warning():
    result = recommend(answers(), catalogue(UNKNOWN), today=TODAY)
    assert ranked(result) == ["unknown-standing"]
    assert result["pathway"], "a plan is still made from the only option"
    assert any("recognise" in w for w in by_slug(result, "unknown-standing")["warnings"])


def test_a_close_call_is_never_claimed_across_the_recognition_line():
    result = recommend(answers(), catalogue(UNKNOWN, HOME), today=TODAY)
    assert not any(note.startswith("A close call") for note in result["notes"])
