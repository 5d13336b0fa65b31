"""The pydantic answers model accepts exactly what answers.schema.json accepts."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from certpath.engine.answers import Answers, error_messages
from tests.contract import ANSWERS_VALIDATOR, EXAMPLE_NAMES, example


def schema_accepts(data) -> bool:
    return ANSWERS_VALIDATOR.is_valid(data)


def model_accepts(data) -> bool:
    try:
        Answers.model_validate(data)
    except ValidationError:
        return False
    return True


def _variant(path: tuple, value, *, delete: bool = False) -> dict:
    data = copy.deepcopy(example("gcp-ml-engineer"))
    target = data
    for part in path[:-1]:
        target = target[part]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


VARIANTS = {
    "level too high": _variant(("skills", "python"), 5),
    "level negative": _variant(("skills", "python"), -1),
    "level as string": _variant(("skills", "python"), "3"),
    "level as boolean": _variant(("skills", "python"), True),
    "level fractional": _variant(("skills", "python"), 2.5),
    "level as whole float": _variant(("skills", "python"), 3.0),
    "level null": _variant(("skills", "python"), None),
    "unknown skill": _variant(("skills", "rust"), 2),
    "missing skill": _variant(("skills", "spark"), None, delete=True),
    "unknown top-level key": _variant(("name",), "Ada"),
    "industry years too many": _variant(("experience", "industry_years"), 51),
    "industry years fractional": _variant(("experience", "industry_years"), 2.5),
    "industry years as string": _variant(("experience", "industry_years"), "4"),
    "industry years as boolean": _variant(("experience", "industry_years"), False),
    "platform years negative": _variant(("experience", "platform_years", "gcp"), -0.5),
    "unknown platform": _variant(("experience", "platform_years", "mainframe"), 1),
    "missing platform": _variant(("experience", "platform_years", "aws"), None, delete=True),
    "environment upper case": _variant(("environment",), "AWS"),
    "environment none": _variant(("environment",), "none"),
    "environment null": _variant(("environment",), None),
    "unknown focus": _variant(("goals", "focus"), "quantum"),
    "unknown role": _variant(("goals", "role"), "manager"),
    "domains repeated": _variant(("goals", "domains"), ["nlp", "nlp"]),
    "domains unknown": _variant(("goals", "domains"), ["robotics"]),
    "domains empty": _variant(("goals", "domains"), []),
    "domains missing": _variant(("goals", "domains"), None, delete=True),
    "domains not a list": _variant(("goals", "domains"), "nlp"),
    "exam format missing": _variant(("goals", "exam_format"), None, delete=True),
    "exam format unknown": _variant(("goals", "exam_format"), "oral"),
    "goals extra key": _variant(("goals", "salary"), 100),
    "study hours zero": _variant(("weekly_study_hours",), 0),
    "study hours too many": _variant(("weekly_study_hours",), 81),
    "study hours fractional": _variant(("weekly_study_hours",), 5.5),
    "study hours missing": _variant(("weekly_study_hours",), None, delete=True),
    "version 2": _variant(("version",), 2),
    "version as string": _variant(("version",), "1"),
    "version as boolean": _variant(("version",), True),
    "version as whole float": _variant(("version",), 1.0),
    "version missing": _variant(("version",), None, delete=True),
    "skills not an object": _variant(("skills",), [1, 2, 3]),
    "experience missing": _variant(("experience",), None, delete=True),
}


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
        "environment: must be one of aws, azure, gcp, databricks, snowflake, oracle or none"
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
