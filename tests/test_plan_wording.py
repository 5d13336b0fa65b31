"""The plan reads as a person would write it: a prerequisite certpath does not list is named
in the sentence's own case and has no made-up dates, calendar entries name the certification
once, and the summary's readiness is grammatical for each band."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from icalendar import Calendar

from advisor import ics, presenters
from certpath.engine import Answers, recommend
from certpath.vocabulary import SKILL_KEYS
from tests.fixture_catalogue import catalogue, cert

TODAY = dt.date(2026, 11, 23)
NEEDS_CISA = cert(
    "ai-audit",
    name="AI Audit Credential",
    tests_coding=False,
    skills={},
    audience=["manager"],
    prerequisites=[{"name": "An active CISA or CPA", "required": True}],
)


def answers(skill_level: int, **changes: object) -> Answers:
    return Answers.model_validate(
        {
            "version": 2,
            "skills": dict.fromkeys(SKILL_KEYS, skill_level),
            "experience": {"industry_years": 5, "platform_years": {"aws": 2}},
            "environment": "aws",
            "goals": {"focus": "both", "role": "ml_engineer", "domains": [], "exam_format": "any"},
            "weekly_study_hours": 6,
            "budget_usd": None,
            **changes,
        }
    )


def plan(skill_level: int) -> dict:
    coding = cert("aws-ml", name="AWS ML Engineer", skills={"python": {"level": 3, "weight": 3}})
    return recommend(answers(skill_level), catalogue(NEEDS_CISA, coding), today=TODAY)


def test_an_unlisted_prerequisite_is_named_in_lower_case_and_has_no_dates():
    manager = answers(
        0,
        experience={"industry_years": 10, "platform_years": {}},
        environment="none",
        goals={"focus": "both", "role": "manager", "domains": [], "exam_format": "any"},
        weekly_study_hours=4,
    )
    result = recommend(manager, catalogue(NEEDS_CISA), today=TODAY)
    first = result["pathway"][0]
    assert first["title"] == "First: hold an active CISA or CPA"
    html = render_to_string(
        "advisor/results.html#results", presenters.results_context(result, query="", start=TODAY)
    )
    step = html.split("First: hold an active CISA or CPA", 1)[1].split("</li>", 1)[0]
    assert "step-dates" not in step  # no "23 Nov 2026 to 23 Nov 2026"

    events = Calendar.from_ical(
        ics.plan_calendar(result, start=TODAY, url="https://x.test/r/c/", code="c", weekly_hours=4)
    ).walk("VEVENT")
    summaries = [str(e.get("summary")) for e in events]
    assert not any("CISA" in s for s in summaries)  # nothing to put on a calendar
    assert "Study for AI Audit Credential" in summaries
    assert "Exam target: AI Audit Credential" in summaries


def test_calendar_entries_name_the_certification_once():
    result = plan(1)
    events = Calendar.from_ical(
        ics.plan_calendar(result, start=TODAY, url="https://x.test/r/c/", code="c", weekly_hours=4)
    ).walk("VEVENT")
    summaries = [str(e.get("summary")) for e in events]
    assert "Study for AWS ML Engineer" in summaries
    assert "Exam target: AWS ML Engineer" in summaries
    assert "Renewal due: AWS ML Engineer" in summaries
    assert not any(s.startswith(("Study for Prepare", "Exam target: Prepare")) for s in summaries)


@pytest.mark.parametrize(
    ("skill_level", "words"),
    [
        (3, 'and you are <strong class="readiness readiness-ready">ready</strong>.'),
        (2, 'and it is <strong class="readiness readiness-stretch">a stretch</strong>: a few'),
        (0, 'and you are <strong class="readiness readiness-not_yet">not yet</strong> ready:'),
    ],
)
def test_the_summary_says_the_readiness_in_a_sentence(skill_level, words):
    result = plan(skill_level)
    html = render_to_string(
        "advisor/results.html#results", presenters.results_context(result, query="", start=TODAY)
    )
    assert words in html


def test_a_held_certification_due_for_renewal_soon_comes_first_with_how_it_renews():
    """Held since January 2024 with 3 years' validity: due on 23 January 2027, two months
    away, while the new plan's steps run for most of a year. It is shown first, and says how
    it renews (a discount window is worth knowing before the date)."""
    held = cert(
        "held-pro",
        name="Held Professional",
        level="professional",
        renewal={"method": "retake", "note": "Retake it in the 60 days before expiry at 50% off."},
    )
    target = cert("aws-ml", name="AWS ML Engineer", skills={"python": {"level": 3, "weight": 3}})
    visitor = answers(1, held=[{"slug": "held-pro", "earned_on": "2024-01-23"}])
    result = recommend(visitor, catalogue(held, target), today=TODAY)
    renewal = "Renew your Held Professional by 23 January 2027"
    # Advice v3: in date order everywhere, the result document too (it was listed last).
    assert result["pathway"][0]["title"] == renewal

    steps = presenters.dated_pathway(result["pathway"], TODAY)
    assert steps[0]["title"] == renewal  # before the first step, still running on its date
    assert steps[0]["detail"].endswith("Retake it in the 60 days before expiry at 50% off.")
    assert [s["title"] for s in steps] == [s["title"] for s in result["pathway"]]
    assert steps[1]["starts"] == TODAY < dt.date(2027, 1, 23) < steps[1]["ends"]


def test_a_renewal_due_after_the_plan_comes_in_date_order_after_its_steps():
    held = cert("held-pro", name="Held Professional", level="professional")
    target = cert("aws-ml", name="AWS ML Engineer", skills={"python": {"level": 3, "weight": 3}})
    visitor = answers(3, held=[{"slug": "held-pro", "earned_on": "2026-10-01"}])  # due 2029
    result = recommend(visitor, catalogue(held, target), today=TODAY)
    steps = presenters.dated_pathway(result["pathway"], TODAY)
    titles = [s["title"] for s in steps]
    # After every dated step, before the new exam's own renewal (due three years after it).
    assert titles[-2:] == [
        "Renew your Held Professional by 1 October 2029",
        "Renew AWS ML Engineer before it expires (3 years validity)",
    ]
    assert titles[:-2] == [s["title"] for s in result["pathway"] if s["kind"] != "renewal"]
    assert steps[-2]["due"] < steps[-1]["due"]


def test_a_tie_is_said_in_plain_words():
    """ "… (80) and … (80) are level" read oddly: a tie says the two score the same."""
    twin_a = cert("twin-a", name="Twin A", skills={"python": {"level": 3, "weight": 3}})
    twin_b = cert("twin-b", name="Twin B", skills={"python": {"level": 3, "weight": 3}})
    notes = recommend(answers(3), catalogue(twin_a, twin_b), today=TODAY)["notes"]
    (call,) = [n for n in notes if n.startswith("A close call")]
    assert "Twin A (" in call and ") score the same." in call and "are level" not in call


def test_a_requirement_opening_with_a_common_noun_reads_in_lower_case_mid_sentence():
    from certpath.engine.words import clause

    assert (
        clause("Completion of PMI's course") == "completion of PMI's course"
    )  # was "It requires Completion"
    assert clause("Cisco CCNA") == "Cisco CCNA"  # a name keeps its capital
