"""The ranking works out a factor once per distinct part of a certification it reads
(scoring.PROFILES). These properties check that shortcut against working every factor out
for every certification, so a factor that starts reading more than its profile is caught."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certpath.engine import DEFAULT_WEIGHTS, Answers, visitor_for
from certpath.engine.recommend import Scorer, resolve_weights
from certpath.engine.scoring import (
    FACTORS,
    PROFILES,
    Context,
    applicable_factors,
    prepare,
)
from tests.fixture_catalogue import BEHAVIOUR_TODAY, behaviour_catalogue, catalogue, cert
from tests.strategies import answers_v2

CATALOGUE = behaviour_catalogue()
# Pairs that share every profile yet differ in all else a factor could wrongly read.
TWINS = catalogue(
    *CATALOGUE.certifications,
    cert(
        "twin-a",
        audience=["ml_engineer", "manager"],
        goal_domains=["nlp"],
        price_usd=50,
        skills={"python": {"level": 4, "weight": 1}},
        recommended_experience={"industry_years": 5, "platform_years": 3},
    ),
    cert(
        "twin-b",
        audience=["ml_engineer", "manager"],
        goal_domains=["nlp"],
        price_usd=900,
        status="retiring",
        status_date=BEHAVIOUR_TODAY,
        skills={"sql": {"level": 1, "weight": 3}},
        recommended_experience={},
        name="Another Name Entirely",
    ),
)
SLUGS = [c.slug for c in TWINS.certifications]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    data=answers_v2(SLUGS, BEHAVIOUR_TODAY, TWINS), weights=st.sampled_from([None, {"role": 0.0}])
)
def test_shared_factor_results_equal_working_each_out(data, weights):
    visitor = visitor_for(Answers.model_validate(data), TWINS, BEHAVIOUR_TODAY)
    prepared = [prepare(c, BEHAVIOUR_TODAY) for c in TWINS.certifications]
    keys = applicable_factors(visitor, Context.of(prepared, visitor))
    scorer = Scorer(visitor, resolve_weights(weights), keys)
    for p in prepared:
        rec = scorer.recommendation(p)
        held = visitor.holds(p.slug)
        if p.closed or (held is not None and held.valid):
            # Not a target: not scored; its status (added by the ranking) is the reason.
            assert (rec.target, rec.factors, rec.fit) == (False, [], 0.0), p.slug
            continue
        assert rec.target, p.slug
        # The scorer's factors only; the ranking adds the status and every penalty.
        assert [f["key"] for f in rec.factors] == list(keys), p.slug
        for factor in rec.factors:
            fraction, reason = FACTORS[factor["key"]](visitor, p, True)
            assert rec.fractions[factor["key"]] == fraction, (p.slug, factor)
            assert factor["reason"] == (reason or ""), (p.slug, factor)


def test_every_profile_names_a_factor():
    assert set(PROFILES) <= set(FACTORS)


def test_the_pathway_order_names_every_skill_exactly_once():
    """rules.SKILL_ORDER orders the foundation steps and is what needs are read through: a
    skill left out of it would silently stop counting, making exams look ready."""
    from certpath.engine import rules
    from certpath.vocabulary import SKILL_KEYS

    assert sorted(rules.SKILL_ORDER) == sorted(SKILL_KEYS)
    assert len(set(rules.SKILL_ORDER)) == len(rules.SKILL_ORDER)
    assert set(rules.HOURS_PER_LEVEL) == set(SKILL_KEYS)


@pytest.mark.parametrize(
    ("overrides", "path"),
    [
        ({"charisma": 1}, "weights.charisma"),
        ({"platform": 999}, "weights.platform"),
        ({"platform": True}, "weights.platform"),
        ({key: 0 for key in DEFAULT_WEIGHTS}, "weights"),
    ],
)
def test_bad_weights_are_refused_naming_the_field(overrides, path):
    """The engine says which field is wrong as data, so the API never parses its message."""
    from certpath.engine import AnswersProblem

    with pytest.raises(AnswersProblem) as caught:
        resolve_weights(overrides)
    assert [where for where, _ in caught.value.problems] == [path]
