"""Advice v3 properties, for any answers: the list is in the order of its scores; no top pick
needs a prerequisite the visitor lacks unless the plan earns (or names) it first; a first
milestone is foundational, within budget and first; the plan's cost is there whenever a budget
is. Checked on the behaviour catalogue and on the shipped one (its prerequisite credentials
and real prices are what the rules meet in use)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings

from certpath.engine import Answers, recommend
from tests.fixture_catalogue import BEHAVIOUR_TODAY, behaviour_catalogue
from tests.personas import SHIPPED, TODAY
from tests.strategies import answers_v2

BEHAVIOUR = behaviour_catalogue()
CASES = {
    "behaviour": (BEHAVIOUR, BEHAVIOUR_TODAY),
    "shipped": (SHIPPED, TODAY),
}
SETTINGS = hsettings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def _answers(name: str):
    catalogue, today = CASES[name]
    return answers_v2([c.slug for c in catalogue.certifications], today, catalogue)


def _result(name: str, data: dict) -> dict:
    catalogue, today = CASES[name]
    return recommend(Answers.model_validate(data), catalogue, today=today, include_what_if=False)


def _check(result: dict, data: dict) -> None:
    recs = result["recommendations"]
    targets = [
        r for r in recs if r["status"] != "retired" and not (r["held"] and r["held"]["valid"])
    ]
    scores = [r["score"] for r in targets]
    # One number, one order: the targets come first and in the order of their scores.
    assert scores == sorted(scores, reverse=True)
    assert recs[: len(targets)] == targets
    for rec in targets:
        assert round(sum(f["points"] for f in rec["factors"]), 1) == rec["score"]
    assert ("pathway_cost_usd" in result) == (data.get("budget_usd") is not None)
    if "pathway_cost_usd" in result:
        # Null exactly when a price in the plan is unknown (a prerequisite credential the plan
        # earns is not in the list, so only the listed ones are checked both ways).
        exams = [s for s in result["pathway"] if s["kind"] == "certification"]
        by = {r["slug"]: r for r in recs}
        listed = [s for s in exams if s["slug"] in by]
        if any(s["slug"] is None for s in exams) or any(
            by[s["slug"]]["cost_3y_usd"] is None for s in listed
        ):
            assert result["pathway_cost_usd"] is None
        elif len(listed) == len(exams) and not any(s.get("due_on") for s in result["pathway"]):
            # (a held credential's renewal may have an unpublished cost of its own)
            assert result["pathway_cost_usd"] is not None
    if not targets:
        return
    top = targets[0]
    exam = next(i for i, s in enumerate(result["pathway"]) if s.get("part") == "target")
    before = result["pathway"][:exam]
    for gap in top["gaps"]:
        if not gap["skill"].startswith("prerequisite."):
            continue
        # The plan earns it first (its prerequisite step), or names one certpath does not list.
        slug = gap["skill"].split(".", 1)[1]
        assert any(
            (s.get("part") == "prerequisite" and s["slug"] == slug)
            or (s["slug"] is None and s["title"].startswith("First: hold"))
            for s in before
        ), top["slug"]
        reason = next((f for f in top["factors"] if f["key"] == "prerequisite"), None)
        assert reason is not None
        if "later goal" in reason["reason"]:
            assert top["score"] == 0  # only when nothing scores above nothing
    milestone = [s for s in result["pathway"] if s.get("part") == "milestone"]
    if milestone:
        assert result["pathway"][0] is milestone[0]
        chosen = next(r for r in recs if r["slug"] == milestone[0]["slug"])
        assert chosen["level"] == "foundational" and chosen["readiness"] != "not_yet"
        budget = data.get("budget_usd")
        if budget is not None:
            assert chosen["price_usd"] is not None and chosen["price_usd"] <= budget


@pytest.mark.parametrize("name", list(CASES))
def test_the_list_follows_its_scores_and_the_plan_keeps_its_promises(name):
    @SETTINGS
    @given(data=_answers(name))
    def check(data):
        _check(_result(name, data), data)

    check()


@pytest.mark.parametrize("name", list(CASES))
def test_the_fast_penalty_count_equals_the_explained_one(name):
    """The unworded penalties the what-if search counts (gaps worked out only when needed)
    are the explained ones, point for point."""
    from certpath.engine import placement, scoring, visitor_for

    catalogue, today = CASES[name]
    prepared = [scoring.prepare(c, today, catalogue.by_slug()) for c in catalogue.certifications]

    @SETTINGS
    @given(data=_answers(name))
    def check(data):
        visitor = visitor_for(Answers.model_validate(data), catalogue, today)
        for p in prepared:
            found = scoring.gaps(visitor, p)
            said = placement.penalties(visitor, p, today, explain=True, found=found)
            counted = placement.penalties(visitor, p, today, explain=False)
            assert [(x.key, x.points) for x in counted] == [(x.key, x.points) for x in said]
            assert all(x.reason for x in said)

    check()


def test_every_what_if_comes_true_on_the_shipped_catalogue():
    """With every penalty part of the score, a what-if's claim is checked by applying it."""
    catalogue, today = CASES["shipped"]

    def run(data: dict) -> dict:
        return recommend(Answers.model_validate(data), catalogue, today=today)

    @hsettings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=_answers("shipped"))
    def check(data):
        for claim in run(data)["what_if"]:
            changed = copy.deepcopy(data)
            *parents, last = claim["change"]["path"].split(".")
            node = changed
            for part in parents:
                node = node[part]
            node[last] = claim["change"]["to"]
            after = run(changed)["recommendations"]
            if claim["effect"] == "ranks_first":
                assert after[0]["slug"] == claim["slug"], claim["message"]
            else:
                rec = next(r for r in after if r["slug"] == claim["slug"])
                assert rec["readiness"] == claim["effect"], claim["message"]

    check()
