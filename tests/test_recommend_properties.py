"""Properties that hold for every valid visitor, checked over generated answers on the
behaviour catalogue (tests/fixture_catalogue.py); the wording check also runs on the shipped
catalogue, whose names and notes are prose a visitor reads."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from certpath.catalogue import Catalogue
from certpath.engine import Answers, recommend
from certpath.vocabulary import GOAL_DOMAINS, ROLES, SKILL_KEYS
from tests.contract import RESULT_VALIDATOR
from tests.fixture_catalogue import BEHAVIOUR_TODAY, behaviour_catalogue
from tests.personas import SHIPPED, TODAY

BEHAVIOUR = behaviour_catalogue()


def result_for(data: dict, catalogue: Catalogue = BEHAVIOUR) -> dict:
    today = BEHAVIOUR_TODAY if catalogue is BEHAVIOUR else TODAY
    return recommend(Answers.model_validate(data), catalogue, today=today)


levels = st.integers(min_value=0, max_value=4)
years = st.one_of(st.integers(0, 50), st.floats(0, 50, allow_nan=False, allow_infinity=False))

answers_data = st.fixed_dictionaries(
    {
        "skills": st.fixed_dictionaries({key: levels for key in SKILL_KEYS}),
        "experience": st.fixed_dictionaries(
            {
                "industry_years": years,
                "platform_years": st.fixed_dictionaries(
                    {p: years for p in ("aws", "azure", "gcp", "databricks")}
                ),
            }
        ),
        "environment": st.sampled_from(["aws", "azure", "gcp", "databricks", "none"]),
        "goals": st.fixed_dictionaries(
            {
                "focus": st.sampled_from(["deep_learning", "classical", "both"]),
                "role": st.sampled_from(ROLES),
                "domains": st.lists(st.sampled_from(GOAL_DOMAINS), unique=True),
                "exam_format": st.sampled_from(["any", "hands_on", "multiple_choice"]),
            }
        ),
        "weekly_study_hours": st.integers(1, 80),
    }
)
PROPERTY_SETTINGS = hsettings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(data=answers_data)
def test_every_result_is_valid_complete_and_explained(data):
    result = result_for(data)

    RESULT_VALIDATOR.validate(result)
    recs = result["recommendations"]
    assert [r["rank"] for r in recs] == list(range(1, len(recs) + 1))
    seen_retired = False
    for rec in recs:
        assert 0 <= rec["score"] <= 100
        assert rec["factors"] and all(f["reason"].strip() for f in rec["factors"])
        assert round(sum(f["points"] for f in rec["factors"]), 1) == rec["score"]
        seen_retired = seen_retired or rec["status"] == "retired"
        assert rec["status"] == "retired" or not seen_retired  # retired come last
    orders = [s["order"] for s in result["pathway"]]
    assert orders == list(range(1, len(orders) + 1))


@PROPERTY_SETTINGS
@given(data=answers_data)
def test_the_same_answers_give_the_same_document(data):
    first = json.dumps(result_for(data))
    assert json.dumps(result_for(json.loads(json.dumps(data)))) == first


@PROPERTY_SETTINGS
@given(data=answers_data, skill=st.sampled_from(SKILL_KEYS))
def test_raising_one_skill_never_adds_a_gap(data, skill):
    if data["skills"][skill] == 4:
        return
    before = {r["slug"]: r["gaps"] for r in result_for(data)["recommendations"]}
    raised = json.loads(json.dumps(data))
    raised["skills"][skill] += 1
    after = {r["slug"]: r["gaps"] for r in result_for(raised)["recommendations"]}

    for slug, gaps in after.items():
        old = {(g["skill"], g["need"]): g["have"] for g in before[slug]}
        for gap in gaps:
            assert (gap["skill"], gap["need"]) in old, (slug, gap)


@PROPERTY_SETTINGS
@given(data=answers_data)
def test_foundation_steps_come_first_python_before_maths_before_libraries(data):
    # A first milestone (advice v3) is taken while the foundations are built: it may come
    # before them; every other step comes after the last foundation.
    pathway = [s for s in result_for(data)["pathway"] if s.get("part") != "milestone"]
    kinds = [s["kind"] for s in pathway]
    if "foundation" in kinds:
        last_foundation = max(i for i, k in enumerate(kinds) if k == "foundation")
        assert all(k == "foundation" for k in kinds[: last_foundation + 1])
    order = ["Python", "Linear algebra", "Calculus", "Probability", "NumPy", "scikit-learn"]
    seen = [
        next(i for i, name in enumerate(order) if s["title"].startswith(name))
        for s in pathway
        if s["kind"] == "foundation" and s["title"].startswith(tuple(order))
    ]
    assert seen == sorted(seen)


def test_the_engine_imports_nothing_from_django():
    code = (
        "import sys, certpath.engine, certpath.engine.pathway, certpath.engine.whatif;"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(settings.BASE_DIR)},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


# "a" before a vowel sound: "a AWS certification", "a ML engineer", "a Azure exam".
WRONG_ARTICLE = re.compile(r"\b[Aa] (?:[AEIOaeio]\w*|ML\b|MLOps|NLP|LLM|SQL|RL\b|ML-)")
# Acronyms lowercased by a label put mid-sentence: "ml engineers", "classical ml". Parts of a
# dotted name (a domain such as docs.aws.amazon.com, a product such as watsonx.ai) are names,
# not prose, and keep their own spelling.
LOWERCASED_ACRONYM = re.compile(r"(?<![.\w])(?:ml|ai|mlops|nlp|aws|gcp)\b(?!\.\w)")


@pytest.mark.parametrize("catalogue", [BEHAVIOUR, SHIPPED], ids=["behaviour", "shipped"])
@PROPERTY_SETTINGS
@given(data=answers_data)
def test_every_sentence_a_visitor_reads_is_well_formed(catalogue, data):
    # Prose, not identifiers ("aws-mla-c01", "platform_years.aws") or addresses.
    result = result_for(data, catalogue)
    texts = [t for t in _texts(result) if " " in t and not t.startswith("http")]
    assert texts
    assert not [t for t in texts if WRONG_ARTICLE.search(t)]
    assert not [t for t in texts if LOWERCASED_ACRONYM.search(t)]
