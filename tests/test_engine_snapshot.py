"""What the engine derives from a catalogue snapshot is computed once per day and kept with
the snapshot; it never changes an answer, and a new day derives afresh."""

from __future__ import annotations

import datetime as dt

from certpath.engine import Answers, recommend
from certpath.vocabulary import SKILL_KEYS
from tests.fixture_catalogue import catalogue, cert

ANSWERS = Answers.model_validate(
    {
        "version": 2,
        "skills": dict.fromkeys(SKILL_KEYS, 2),
        "experience": {"industry_years": 2, "platform_years": {}},
        "environment": "aws",
        "goals": {"focus": "both", "role": "ml_engineer", "domains": [], "exam_format": "any"},
        "weekly_study_hours": 6,
    }
)


def test_a_snapshot_gives_the_same_result_as_a_fresh_copy_of_it():
    snapshot = catalogue(cert("one"), cert("two", level="professional"))
    day = dt.date(2026, 11, 23)
    first = recommend(ANSWERS, snapshot, today=day)
    again = recommend(ANSWERS, snapshot, today=day)
    fresh = recommend(ANSWERS, snapshot.model_copy(deep=True), today=day)
    assert first == again == fresh


def test_a_new_day_is_derived_afresh():
    closing = cert("closing", status="retiring", status_date=dt.date(2026, 12, 31))
    snapshot = catalogue(closing, cert("other"))

    before = recommend(ANSWERS, snapshot, today=dt.date(2026, 12, 30))
    after = recommend(ANSWERS, snapshot, today=dt.date(2027, 1, 2))

    closing_before = next(r for r in before["recommendations"] if r["slug"] == "closing")
    assert closing_before["status"] == "retiring" and closing_before["score"] > 0
    closed = next(r for r in after["recommendations"] if r["slug"] == "closing")
    assert closed["score"] == 0 and closed["rank"] == 2
