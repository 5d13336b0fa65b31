"""Advice v3's general rules on a small catalogue built for them: prerequisite credentials as
gates, a same-level successor as an optional refresh, a higher pass renewing lower ones, the
first milestone, and years of ML work in the stage. The shipped catalogue's versions of these
are the personas in tests/test_personas_v3.py."""

from __future__ import annotations

import datetime as dt

from certpath.engine import Answers, recommend
from certpath.vocabulary import SKILL_KEYS
from tests.fixture_catalogue import catalogue, cert

TODAY = dt.date(2026, 11, 21)
NO_CODING = {"tests_coding": False, "skills": {}}

# A credential a plan can earn (its own exam), one that needs five years of other work, and
# exams that require them.
CORE = cert("core-cred", kind="prerequisite", level="foundational", price_usd=175, **NO_CODING)
AUDIT = cert(
    "audit-cred",
    kind="prerequisite",
    level="professional",
    price_usd=700,
    required_work_years=5,
    audience=["risk_compliance"],
    **NO_CODING,
)
NEEDS_CORE = cert(
    "needs-core",
    price_usd=300,
    prerequisites=[{"name": "Core credential", "slug": "core-cred"}],
    goal_domains=["generative_ai"],
)
AUDIT_TWO = cert(
    "audit-two",
    kind="prerequisite",
    level="professional",
    required_work_years=3,
    audience=["risk_compliance"],
    **NO_CODING,
)
NEEDS_AUDIT = cert(
    "needs-audit",
    level="professional",
    audience=["risk_compliance"],
    goal_domains=["ai_governance"],
    prerequisites=[
        {"name": "An active audit credential", "slug": "audit-cred", "alternatives": ["audit-two"]}
    ],
    **NO_CODING,
)
PARTNER_ONLY = cert(
    "partner-only",
    prerequisites=[{"name": "Working for a partner firm", "earnable": False}],
    goal_domains=["generative_ai"],
)
OTHER = cert("other-exam", price_usd=150, skills={"python": {"level": 3, "weight": 3}})


def answers(**changes) -> Answers:
    data = {
        "version": 2,
        "skills": dict.fromkeys(SKILL_KEYS, 3),
        "experience": {"industry_years": 4, "platform_years": {"aws": 2}},
        "environment": "aws",
        "goals": {"focus": "both", "role": "ml_engineer", "domains": [], "exam_format": "any"},
        "weekly_study_hours": 6,
    }
    goals = changes.pop("goals", {})
    data["goals"].update(goals)
    experience = changes.pop("experience", {})
    data["experience"].update(experience)
    return Answers.model_validate(data | changes)


def result(data: Answers, *certs) -> dict:
    return recommend(data, catalogue(*certs), today=TODAY)


def by_slug(doc: dict) -> dict[str, dict]:
    return {r["slug"]: r for r in doc["recommendations"]}


def factor(rec: dict, key: str) -> dict:
    return next(f for f in rec["factors"] if f["key"] == key)


def test_a_prerequisite_the_plan_can_earn_comes_first_with_its_cost_and_weeks():
    doc = result(answers(goals={"domains": ["generative_ai"]}), CORE, NEEDS_CORE)
    top = doc["recommendations"][0]
    assert top["slug"] == "needs-core"
    assert factor(top, "prerequisite")["points"] == -5
    first = doc["pathway"][0]
    assert (first["part"], first["slug"], first["cost_usd"]) == ("prerequisite", "core-cred", 175)
    assert first["weeks"] > 0
    exams = [s["slug"] for s in doc["pathway"] if s["kind"] == "certification"]
    assert exams.index("core-cred") < exams.index("needs-core")


def test_prerequisite_credentials_are_never_listed_unless_held():
    doc = result(answers(), CORE, NEEDS_CORE)
    assert "core-cred" not in by_slug(doc)
    held = result(
        answers(held=[{"slug": "core-cred", "earned_on": "2026-01-10"}]), CORE, NEEDS_CORE
    )
    assert by_slug(held)["core-cred"]["held"]["valid"]
    assert not any(
        g["skill"].startswith("prerequisite") for g in by_slug(held)["needs-core"]["gaps"]
    )
    assert held["pathway"][0]["part"] == "target"  # nothing to earn first


def test_one_that_needs_years_of_other_work_makes_the_exam_a_later_goal():
    data = answers(goals={"role": "risk_compliance", "domains": ["ai_governance"]})
    doc = result(data, AUDIT, AUDIT_TWO, NEEDS_AUDIT, OTHER)
    later = by_slug(doc)["needs-audit"]
    assert later["score"] == 0
    assert "later goal" in factor(later, "prerequisite")["reason"]
    assert "3 years" in factor(later, "prerequisite")["reason"]  # the fewer of the two
    assert doc["recommendations"][0]["slug"] != "needs-audit"


def test_any_listed_alternative_satisfies_it():
    data = answers(
        goals={"role": "risk_compliance", "domains": ["ai_governance"]},
        held=[{"slug": "audit-two", "earned_on": "2026-01-10"}],
    )
    doc = result(data, AUDIT, AUDIT_TWO, NEEDS_AUDIT)
    rec = by_slug(doc)["needs-audit"]
    assert rec["score"] > 0 and not any(f["key"] == "prerequisite" for f in rec["factors"])


def test_one_no_plan_can_earn_that_certpath_does_not_list_is_a_later_goal_too():
    doc = result(answers(goals={"domains": ["generative_ai"]}), PARTNER_ONLY, OTHER)
    assert by_slug(doc)["partner-only"]["score"] == 0
    assert doc["recommendations"][0]["slug"] == "other-exam"


FOUNDATION = cert(
    "old-basics",
    level="foundational",
    successors=["new-basics"],
    **NO_CODING,
    audience=["manager"],
    renewal={"method": "lifetime", "note": "Lifetime."},
    validity_years=None,
)
SUCCESSOR = cert(
    "new-basics",
    level="foundational",
    **NO_CODING,
    audience=["manager"],
    renewal={"method": "lifetime", "note": "Lifetime."},
    validity_years=None,
)
LEADERSHIP = cert("lead-ai", level="associate", **NO_CODING, audience=["manager"])


def test_the_same_level_successor_of_a_held_credential_is_an_optional_refresh():
    data = answers(goals={"role": "manager"}, held=[{"slug": "old-basics"}])
    doc = result(data, FOUNDATION, SUCCESSOR, LEADERSHIP)
    refresh = by_slug(doc)["new-basics"]
    assert factor(refresh, "refresh")["points"] == -25
    assert doc["recommendations"][0]["slug"] == "lead-ai"


LOWER = cert("lower-cred", level="foundational", **NO_CODING, audience=["manager", "ml_engineer"])
HIGHER = cert("higher-cred", renews=["lower-cred"])


def test_renewing_a_higher_credential_renews_the_lower_one_held():
    held = [
        {"slug": "lower-cred", "earned_on": "2025-03-14"},
        {"slug": "higher-cred", "earned_on": "2025-01-10"},  # due first: renews both
    ]
    doc = result(answers(held=held), LOWER, HIGHER, OTHER)
    renewals = [s for s in doc["pathway"] if s.get("due_on")]
    assert [s["slug"] for s in renewals] == ["higher-cred"]
    assert "also renews your Lower Cred" in renewals[0]["detail"]


def test_a_beginner_far_from_the_target_gets_a_foundational_first_milestone():
    zeros = dict.fromkeys(SKILL_KEYS, 0)
    data = answers(
        skills=zeros, experience={"industry_years": 0}, weekly_study_hours=2, budget_usd=200
    )
    first = cert(
        "first-step",
        level="foundational",
        price_usd=100,
        platform="vendor_neutral",  # not the visitor's platform: a literacy exam off their track
        **NO_CODING,
        audience=["manager", "career_changer"],
    )
    dear = cert(
        "dear-first",
        level="foundational",
        price_usd=400,
        platform="vendor_neutral",
        **NO_CODING,
        audience=["manager", "career_changer"],
    )
    doc = result(data, OTHER, first, dear)
    milestone = doc["pathway"][0]
    assert (milestone["part"], milestone["slug"]) == ("milestone", "first-step")
    assert doc["notes"][0].startswith("First milestone: First Step.")
    assert doc["pathway_cost_usd"] is not None


def test_years_of_ml_work_set_the_stage_for_an_exam_that_tests_coding():
    pro = cert("pro-exam", level="professional", recommended_experience={"industry_years": 2})
    data = answers(experience={"industry_years": 6, "ml_years": 0})
    said = factor(by_slug(result(data, pro, OTHER))["pro-exam"], "level")
    assert "early in your career, with little ML work behind you" in said["reason"]
    seasoned = answers(experience={"industry_years": 6, "ml_years": 4})
    assert (
        factor(by_slug(result(seasoned, pro, OTHER))["pro-exam"], "level")["points"]
        > said["points"]
    )
