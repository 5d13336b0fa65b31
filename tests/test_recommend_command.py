"""`manage.py recommend FILE|-`: the result document as JSON, or a plain message. On the
behaviour catalogue (tests/fixture_catalogue.py)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from certifications.selectors import catalogue_snapshot
from certpath.engine import Answers, recommend
from tests.conftest import add_synthetic_certifications
from tests.contract import EXAMPLE_NAMES, EXAMPLES_DIR, RESULT_VALIDATOR, example
from tests.fixture_catalogue import on_fixture
from tests.personas import TODAY

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: str | None = None) -> str:
    out = io.StringIO()
    old_stdin = sys.stdin
    try:
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        call_command("recommend", *args, "--today", TODAY.isoformat(), stdout=out)
    finally:
        sys.stdin = old_stdin
    return out.getvalue()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_prints_the_engines_result_for_each_example(loaded_catalogue, name, tmp_path):
    answers = on_fixture(example(name))
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    printed = json.loads(run(str(path)))

    RESULT_VALIDATOR.validate(printed)
    expected = recommend(Answers.model_validate(answers), loaded_catalogue, today=TODAY)
    assert printed == json.loads(json.dumps(expected))
    assert printed["catalogue_version"] == catalogue_snapshot().content_version()


def test_reads_standard_input_and_is_deterministic(loaded_catalogue):
    text = json.dumps(example("databricks-data-engineer"))

    assert run("-", stdin=text) == run("-", stdin=text)
    # The fixture's one Databricks exam asks for Spark: the Spark data engineer's pick.
    assert json.loads(run("-", stdin=text))["recommendations"][0]["slug"] == "spark-ml"


def test_weight_overrides_reach_the_engine(loaded_catalogue):
    printed = json.loads(run(str(EXAMPLES_DIR / "gcp-ml-engineer.json"), "--weight", "platform=0"))
    assert printed["weights"]["platform"] == 0


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("", "standard input: is empty"),
        ("   \n", "standard input: is empty"),
        ("{not json", "standard input: not valid JSON (line 1, column 2"),
        ("[]", "answers: must be an object"),
    ],
)
def test_unreadable_input_gets_a_plain_message(loaded_catalogue, stdin, message):
    with pytest.raises(CommandError) as excinfo:
        run("-", stdin=stdin)
    assert message in str(excinfo.value)


def test_invalid_answers_name_each_offending_field(loaded_catalogue):
    data = example("gcp-ml-engineer")
    data["skills"]["python"] = 9
    data["environment"] = "mainframe"
    del data["goals"]["role"]

    with pytest.raises(CommandError) as excinfo:
        run("-", stdin=json.dumps(data))

    lines = str(excinfo.value).splitlines()
    assert "skills.python: must be between 0 and 4" in lines
    assert (
        "environment: must be one of aws, azure, gcp, databricks, snowflake, oracle, salesforce, "
        "ibm, nvidia, sas or none" in lines
    )
    assert "goals.role: is required" in lines


def test_an_unknown_weight_is_refused(loaded_catalogue):
    with pytest.raises(CommandError, match=r"weights\.charisma: not a factor"):
        run(str(EXAMPLES_DIR / "gcp-ml-engineer.json"), "--weight", "charisma=3")


def test_an_empty_catalogue_is_explained(db):
    with pytest.raises(CommandError, match="load_catalogue"):
        run(str(EXAMPLES_DIR / "gcp-ml-engineer.json"))


def test_exits_non_zero_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "manage.py", "recommend", "-"],
        cwd=settings.BASE_DIR,
        input='{"skills": {"python": "lots"}}',
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "skills.python: must be a whole number" in result.stderr


def test_the_snapshot_takes_a_constant_number_of_queries(
    loaded_catalogue, django_assert_num_queries
):
    from certifications.models import Certification

    with django_assert_num_queries(6):
        catalogue_snapshot()
    add_synthetic_certifications(loaded_catalogue, 100, like=0)
    assert Certification.objects.count() == len(loaded_catalogue.certifications) + 100
    with django_assert_num_queries(6):
        catalogue_snapshot()
