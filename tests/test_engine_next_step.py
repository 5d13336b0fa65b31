"""The next certification after the top pick: home first; away from home only a step up that
is written for the visitor's role."""

from __future__ import annotations

import datetime as dt

from certpath.engine import Answers, recommend
from certpath.vocabulary import SKILL_KEYS
from tests.fixture_catalogue import catalogue, cert

TODAY = dt.date(2026, 11, 23)
ANSWERS = Answers.model_validate(
    {
        "version": 2,
        "skills": dict.fromkeys(SKILL_KEYS, 3),
        "experience": {"industry_years": 2, "platform_years": {"aws": 2}},
        "environment": "aws",
        "goals": {"focus": "both", "role": "ml_engineer", "domains": [], "exam_format": "any"},
        "weekly_study_hours": 6,
    }
)
TOP = cert("home-associate", platform="aws", level="associate")


def next_exam(*others) -> str | None:
    result = recommend(ANSWERS, catalogue(TOP, *others), today=TODAY)
    assert result["recommendations"][0]["slug"] == "home-associate"
    exams = [s["slug"] for s in result["pathway"] if s["kind"] == "certification"]
    return exams[1] if len(exams) > 1 else None


ELSEWHERE_SAME_LEVEL = cert("gcp-associate", platform="gcp", audience=["data_scientist"])
ELSEWHERE_UP_FOR_ROLE = cert("gcp-professional", platform="gcp", level="professional")
ELSEWHERE_UP_OTHER_ROLE = cert(
    "gcp-pro-architects", platform="gcp", level="professional", audience=["solution_architect"]
)
HOME_SAME_LEVEL = cert("home-sideways", platform="aws", audience=["data_scientist"])


def test_home_comes_first_even_sideways():
    assert next_exam(HOME_SAME_LEVEL, ELSEWHERE_UP_FOR_ROLE) == "home-sideways"


def test_away_from_home_the_same_level_is_no_next_step():
    assert next_exam(ELSEWHERE_SAME_LEVEL) is None


def test_away_from_home_a_step_up_for_the_role_is():
    assert next_exam(ELSEWHERE_SAME_LEVEL, ELSEWHERE_UP_FOR_ROLE) == "gcp-professional"


def test_away_from_home_a_step_up_for_another_role_is_not():
    assert next_exam(ELSEWHERE_UP_OTHER_ROLE) is None


def test_a_retiring_next_step_that_closes_before_the_plan_would_sit_it_is_not_offered():
    """A next step comes after the first exam and the project: one whose last exam day falls
    before the plan's day for it is a step nobody can take."""
    closing_soon = cert(
        "home-pro-closing",
        platform="aws",
        level="professional",
        status="retiring",
        status_date=TODAY + dt.timedelta(days=30),
    )
    assert next_exam(closing_soon) is None


def test_a_retiring_next_step_still_open_on_its_day_is_offered():
    closing_late = cert(
        "home-pro-closing",
        platform="aws",
        level="professional",
        status="retiring",
        status_date=TODAY + dt.timedelta(days=3 * 365),
    )
    assert next_exam(closing_late) == "home-pro-closing"
