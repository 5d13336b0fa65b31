"""contract/*.schema.json are written from the pydantic models (one rule book), and say what
the contract says: the committed files match the models, and the result schema still refuses
what the contract refuses."""

from __future__ import annotations

import pytest

from certpath.engine import contract_schemas
from tests.contract import RESULT_VALIDATOR, changed


def test_the_committed_schemas_are_the_models_own():
    assert contract_schemas.stale() == []


def test_a_changed_model_makes_its_file_stale(tmp_path):
    for name in contract_schemas.MODELS:
        (tmp_path / name).write_text(contract_schemas.rendered(name), encoding="utf-8")
    assert contract_schemas.stale(tmp_path) == []
    text = (tmp_path / "result.schema.json").read_text(encoding="utf-8")
    (tmp_path / "result.schema.json").write_text(text.replace("not_yet", "later"), "utf-8")
    assert contract_schemas.stale(tmp_path) == ["result.schema.json"]


@pytest.fixture(scope="module")
def result():
    from certpath.engine import Answers, recommend
    from tests.contract import example
    from tests.fixture_catalogue import BEHAVIOUR_TODAY, behaviour_catalogue

    answers = Answers.model_validate(example("gcp-ml-engineer") | {"budget_usd": 500})
    return recommend(answers, behaviour_catalogue(), today=BEHAVIOUR_TODAY)


def test_a_real_result_is_valid(result):
    assert "pathway_cost_usd" in result
    assert RESULT_VALIDATOR.is_valid(result)


@pytest.mark.parametrize(
    ("path", "value", "delete"),
    [
        (("what_if",), None, True),
        (("recommendations", 0, "readiness"), "almost", False),
        (("recommendations", 0, "score"), 101, False),
        (("pathway", 0, "kind"), "holiday", False),
        (("pathway", 0, "part"), "extra", False),
        (("pathway_cost_usd",), -1, False),
        (("version",), 3, False),
    ],
)
def test_the_result_schema_refuses_what_the_contract_refuses(result, path, value, delete):
    assert not RESULT_VALIDATOR.is_valid(changed(result, path, value, delete=delete))
