"""The pydantic answers model accepts exactly what answers.schema.json accepts."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from certpath.engine.answers import Answers, error_messages
from tests.contract import ANSWERS_VALIDATOR, EXAMPLE_NAMES, VARIANTS, example


def schema_accepts(data) -> bool:
    return ANSWERS_VALIDATOR.is_valid(data)


def model_accepts(data) -> bool:
    try:
        Answers.model_validate(data)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_both_accept_every_example(name):
    data = example(name)
    assert schema_accepts(data)
    assert model_accepts(data)


@pytest.mark.parametrize("case", sorted(VARIANTS))
def test_both_agree_on_variants(case):
    data = VARIANTS[case]
    assert model_accepts(data) == schema_accepts(data)


def test_the_variants_include_refusals_and_acceptances():
    verdicts = {schema_accepts(data) for data in VARIANTS.values()}
    assert verdicts == {True, False}


def test_refusals_name_the_field_in_plain_words():
    with pytest.raises(ValidationError) as excinfo:
        Answers.model_validate(VARIANTS["level too high"])
    assert error_messages(excinfo.value) == ["skills.python: must be between 0 and 4"]

    with pytest.raises(ValidationError) as excinfo:
        Answers.model_validate(VARIANTS["environment upper case"])
    assert error_messages(excinfo.value) == [
        "environment: must be one of aws, azure, gcp, databricks, snowflake, oracle, salesforce, "
        "ibm, nvidia, sas or none"
    ]

    with pytest.raises(ValidationError) as excinfo:
        Answers.model_validate(VARIANTS["unknown skill"])
    assert error_messages(excinfo.value) == ["skills.rust: is not a field of the answers"]

    with pytest.raises(ValidationError) as excinfo:
        Answers.model_validate(VARIANTS["missing skill"])
    assert error_messages(excinfo.value) == ["skills.spark: is required"]


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-5, max_value=100)
    | st.floats(min_value=-5, max_value=100, allow_nan=False)
    | st.sampled_from(["aws", "nlp", "both", "any", "ml_engineer", "3", ""]),
    lambda children: st.lists(children, max_size=3),
    max_leaves=4,
)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))


ALL_PATHS = [p for p in _paths(example("databricks-data-engineer")) if p]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    path=st.sampled_from(ALL_PATHS),
    value=JSON_VALUES,
    mode=st.sampled_from(["replace", "delete", "add"]),
)
def test_both_agree_on_random_mutations(path, value, mode):
    data = copy.deepcopy(example("databricks-data-engineer"))
    target = data
    for part in path[:-1]:
        target = target[part]
    if mode == "replace":
        target[path[-1]] = value
    elif mode == "delete":
        del target[path[-1]]
    else:
        target[f"{path[-1]}_extra"] = value
    # The command and API parse JSON text, so compare on what JSON can carry.
    data = json.loads(json.dumps(data))
    assert model_accepts(data) == schema_accepts(data), data


def test_more_ml_years_than_years_in_industry_is_refused_naming_the_field():
    """ML work is part of working life: 5 years of it in a 2-year career is a typo."""
    from pydantic import ValidationError

    from certpath.engine import Answers, AnswersProblem  # noqa: F401
    from certpath.engine.answers import error_messages

    data = example("gcp-ml-engineer")
    data["experience"] = {**data["experience"], "industry_years": 2, "ml_years": 5}
    with pytest.raises(ValidationError) as refused:
        Answers.model_validate(data)
    assert error_messages(refused.value) == [
        "experience.ml_years: can't be more than the years in industry (2)"
    ]
    data["experience"]["ml_years"] = 2
    Answers.model_validate(data)  # equal is fine: all of it in ML
