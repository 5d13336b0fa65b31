"""Version 2 advice properties over generated visitors (held certifications, budgets, the new
skills and platforms), on the behaviour catalogue (tests/fixture_catalogue.py: ladders on two
platforms, a retiring and a retired exam, unpublished experience, non-coding credentials) and
on variants of it where any bookable exam retires soon."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from certpath.catalogue import Catalogue
from certpath.engine import Answers, recommend
from certpath.engine.rules import LEVEL_RANK
from certpath.vocabulary import SKILL_KEYS
from tests.fixture_catalogue import BEHAVIOUR_TODAY as TODAY
from tests.fixture_catalogue import behaviour_catalogue
from tests.strategies import answers_v2

CATALOGUE = behaviour_catalogue()

SLUGS = [cert.slug for cert in CATALOGUE.certifications]
BOOKABLE = [cert.slug for cert in CATALOGUE.certifications if cert.status != "retired"]
answers_data = answers_v2(SLUGS, TODAY, CATALOGUE)
SETTINGS = hsettings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))


def _retiring(slug: str, days: int) -> Catalogue:
    """The catalogue with one bookable exam retiring `days` from today."""
    data = CATALOGUE.model_dump()
    for cert in data["certifications"]:
        if cert["slug"] == slug:
            cert["status"] = "retiring"
            cert["status_date"] = TODAY + dt.timedelta(days=days)
    return Catalogue.model_validate(data)


def _result(data: dict, catalogue: Catalogue = CATALOGUE) -> dict:
    return recommend(Answers.model_validate(data), catalogue, today=TODAY)


def _apply(data: dict, path: str, value) -> dict:
    changed = copy.deepcopy(data)
    *parents, last = path.split(".")
    node = changed
    for part in parents:
        node = node[part]
    node[last] = value
    return changed


def _first_target(result: dict) -> dict:
    return next(
        r
        for r in result["recommendations"]
        if r["status"] != "retired" and not (r["held"] and r["held"]["valid"])
    )


def _check_what_ifs(data: dict, catalogue: Catalogue) -> None:
    result = _result(data, catalogue)
    for claim in result["what_if"]:
        after = _result(_apply(data, claim["change"]["path"], claim["change"]["to"]), catalogue)
        if claim["effect"] == "ranks_first":
            assert _first_target(after)["slug"] == claim["slug"], claim["message"]
        else:
            rec = next(r for r in after["recommendations"] if r["slug"] == claim["slug"])
            assert rec["readiness"] == claim["effect"], claim["message"]


@SETTINGS
@given(data=answers_data)
def test_every_what_if_comes_true_when_applied(data):
    _check_what_ifs(data, CATALOGUE)


@SETTINGS
@given(data=answers_data, slug=st.sampled_from(BOOKABLE), days=st.integers(20, 120))
def test_every_what_if_comes_true_with_an_exam_retiring_soon(data, slug, days):
    _check_what_ifs(data, _retiring(slug, days))


@SETTINGS
@given(data=answers_data, skill=st.sampled_from(SKILL_KEYS))
def test_raising_one_skill_never_lowers_an_associate_or_higher_score(data, skill):
    if data["skills"][skill] == 4:
        return
    before = _result(data)
    after = _result(_apply(data, f"skills.{skill}", data["skills"][skill] + 1))
    scores = {r["slug"]: r["score"] for r in after["recommendations"]}
    for rec in before["recommendations"]:
        if LEVEL_RANK[rec["level"]] >= 1 and not rec["held"] and rec["status"] != "retired":
            assert scores[rec["slug"]] >= rec["score"], rec["slug"]


@SETTINGS
@given(data=answers_data)
def test_the_pathway_never_targets_a_held_or_retired_exam_nor_steps_down(data):
    result = _result(data)
    by_slug = {r["slug"]: r for r in result["recommendations"]}
    exams = [s for s in result["pathway"] if s["kind"] == "certification" and s["slug"]]
    for step in exams:
        rec = by_slug[step["slug"]]
        assert rec["status"] != "retired", step["title"]
        assert not (rec["held"] and rec["held"]["valid"]), step["title"]
    main = [s for s in exams if s["title"].startswith("Prepare")]
    later = [s for s in exams if s["title"].startswith("Next")]
    if main and later:
        first, then = by_slug[main[0]["slug"]], by_slug[later[0]["slug"]]
        assert LEVEL_RANK[then["level"]] >= LEVEL_RANK[first["level"]]


@SETTINGS
@given(data=answers_data)
def test_held_valid_certifications_come_after_every_target(data):
    recs = _result(data)["recommendations"]
    kinds = [
        2 if r["status"] == "retired" else 1 if (r["held"] and r["held"]["valid"]) else 0
        for r in recs
    ]
    assert kinds == sorted(kinds)
