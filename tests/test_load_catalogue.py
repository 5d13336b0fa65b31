"""load_catalogue: a good file lands whole, a bad one changes nothing and says where it is wrong.

Files written from the behaviour catalogue (tests/fixture_catalogue.py); the shipped file's own
load is tested in tests/test_shipped_data.py."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError

from certifications.models import Certification
from certpath.catalogue_yaml import dump_catalogue
from tests.conftest import database_state, run_command
from tests.fixture_catalogue import behaviour_catalogue

# Run again on PostgreSQL in CI (-m database): what it tests depends on the database.
pytestmark = [pytest.mark.django_db, pytest.mark.database]

# The behaviour catalogue's slugs in its order; by position: 0 aws-basics (US$100), 1 aws-ml,
# 5 azure-old (retired on 2026-06-30, succeeded by azure-ai), 11 unknown-body (named by no
# other entry).
SLUGS = [c.slug for c in behaviour_catalogue().certifications]
RETIRED = SLUGS.index("azure-old")


def test_good_load_creates_every_certification_in_file_order(db, behaviour_file):
    output = run_command("load_catalogue", str(behaviour_file))

    assert f"{len(SLUGS)} created, 0 updated, 0 removed, 0 unchanged" in output
    assert list(Certification.objects.values_list("slug", flat=True)) == SLUGS


def test_reloading_the_same_file_changes_nothing(db, behaviour_file):
    run_command("load_catalogue", str(behaviour_file))
    before = database_state()

    output = run_command("load_catalogue", str(behaviour_file))

    assert f"0 created, 0 updated, 0 removed, {len(SLUGS)} unchanged" in output
    assert database_state() == before


def test_changed_and_missing_entries_are_updated_and_removed(
    db, behaviour_file, catalogue_data, write_yaml
):
    run_command("load_catalogue", str(behaviour_file))
    data = copy.deepcopy(catalogue_data)
    assert data["certifications"][0]["price_usd"] == 100
    data["certifications"][0]["price_usd"] = 250
    last = data["certifications"].pop()["slug"]  # the last: no other entry changes position
    for cert in data["certifications"]:
        assert last not in cert["next_steps"] + cert["successors"]

    output = run_command("load_catalogue", str(write_yaml(data, "changed.yaml")))

    assert "updated: aws-basics" in output
    assert f"removed: {last}" in output
    unchanged = len(data["certifications"]) - 1
    assert f"0 created, 1 updated, 1 removed, {unchanged} unchanged" in output
    assert Certification.objects.get(slug="aws-basics").price_usd == 250
    assert not Certification.objects.filter(slug=last).exists()


def _mutate(data: dict, change) -> dict:
    data = copy.deepcopy(data)
    change(data)
    return data


def _set(path: tuple, value):
    def change(data: dict) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


BAD_FILES = {
    "malformed_yaml": (
        "version: 1\ncertifications: [\n  - slug: x\n",
        "certs.yaml:3: not valid catalogue YAML",
    ),
    "unknown_key": (_set(("certifications", 1, "pricee_usd"), 5), "certifications[1].pricee_usd"),
    "bad_value": (_set(("certifications", 2, "price_usd"), -5), "certifications[2].price_usd"),
    "bad_skill_level": (
        _set(("certifications", 1, "skills", "python", "level"), 9),
        "certifications[1].skills.python.level",
    ),
    "bad_enum": (_set(("certifications", 3, "status"), "sunset"), "certifications[3].status"),
    "duplicate_slug": (_set(("certifications", 4, "slug"), "aws-basics"), "duplicate slug"),
    "unknown_successor": (
        _set(("certifications", 1, "successors"), ["aws-nope"]),
        "certifications[1].successors[0]",
    ),
    "retired_without_date": (
        _set(("certifications", RETIRED, "status_date"), None),
        "needs a status_date",
    ),
    "succeeds_itself": (
        _set(("certifications", RETIRED, "successors"), ["azure-old"]),
        "cannot succeed itself",
    ),
    "python_tag": (
        "version: 1\ncertifications: !!python/object/apply:os.system ['echo pwned']\n",
        "python/object/apply",
    ),
    "alias_bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        "aliases",
    ),
    "duplicate_key": ("version: 1\nversion: 1\ncertifications: []\n", "duplicate key 'version'"),
    "empty_file": ("", "expected a mapping"),
    "not_a_mapping": ("- just\n- a list\n", "expected a mapping"),
    "empty_catalogue": ("version: 1\ncertifications: []\n", "certifications"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_its_path_and_changes_nothing(
    case, db, behaviour_file, catalogue_data, write_yaml
):
    run_command("load_catalogue", str(behaviour_file))
    before = database_state()
    content, expected = BAD_FILES[case]
    data = content if isinstance(content, str) else _mutate(catalogue_data, content)
    path = write_yaml(data)

    with pytest.raises(CommandError) as excinfo:
        run_command("load_catalogue", str(path))

    message = str(excinfo.value)
    assert str(path) in message
    assert expected in message
    assert "Nothing was changed" in message
    assert database_state() == before


def test_field_errors_name_the_line(db, catalogue_data, write_yaml):
    path = write_yaml(_mutate(catalogue_data, _set(("certifications", 2, "price_usd"), -5)))
    line = next(
        number
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if text.strip() == "price_usd: -5"
    )

    with pytest.raises(CommandError) as excinfo:
        run_command("load_catalogue", str(path))

    assert f"{path}:{line}: certifications[2].price_usd:" in str(excinfo.value)


def test_a_file_over_one_megabyte_is_refused(db, behaviour_file, write_yaml):
    run_command("load_catalogue", str(behaviour_file))
    before = database_state()
    path = write_yaml("# padding\n" * 110_000, "big.yaml")

    with pytest.raises(CommandError, match="over the limit of 1,048,576 bytes"):
        run_command("load_catalogue", str(path))
    assert database_state() == before


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        run_command("load_catalogue", str(tmp_path / "nope.yaml"))


def test_the_command_exits_non_zero_without_a_traceback(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\ncertifications:\n  - slug: Not A Slug\n", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "manage.py", "load_catalogue", str(bad)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"{bad}:3: certifications[0].slug" in result.stderr


def test_if_empty_loads_only_into_an_empty_catalogue(db, behaviour_file):
    output = run_command("load_catalogue", str(behaviour_file), "--if-empty")
    assert f"{len(SLUGS)} created" in output
    Certification.objects.filter(slug="aws-basics").update(price_usd=999)

    output = run_command("load_catalogue", str(behaviour_file), "--if-empty")

    assert "not empty" in output
    assert Certification.objects.get(slug="aws-basics").price_usd == 999


def test_a_load_that_fails_half_way_leaves_the_database_exactly_as_it_was(
    loaded_catalogue, catalogue_data, write_yaml, monkeypatch
):
    """All or nothing: a failure after some certifications were written undoes them too."""
    from certifications import services

    changed = copy.deepcopy(catalogue_data)
    for cert in changed["certifications"]:
        cert["price_usd"] = 1
    path = write_yaml(changed)
    before = database_state()

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away half-way")

    monkeypatch.setattr(services, "_replace_links", fail)
    with pytest.raises(RuntimeError):
        run_command("load_catalogue", str(path))

    assert database_state() == before


def _fixture_with(old: str, new: str) -> str:
    """The behaviour catalogue's file text with its first `old` replaced: one hostile edit, all
    else valid."""
    text = dump_catalogue(behaviour_catalogue())
    assert old in text
    return text.replace(old, new, 1)


# Each of these gave a traceback (the database unchanged each time) instead of a line that
# names the file. Each must be one refusal, the same on SQLite and PostgreSQL.
HOSTILE_FILES = {
    # The libyaml bundled with the locked PyYAML (6.0.4) refuses deep flow nesting while
    # scanning, before the event walk reaches depth 100: its own words, on line 1.
    "deep_nesting": (
        lambda: "a: " + "[" * 50_000 + "]" * 50_000 + "\n",
        ":1: not valid catalogue YAML: while increasing flow level: exceeded maximum nesting",
    ),
    "flow_nesting_past_our_bound": (
        lambda: "a: " + "[" * 150 + "]" * 150 + "\n",
        ":1: not valid catalogue YAML: nested more than 100 levels deep",
    ),
    "raw_nul": (lambda: "version: 2\x00\n", "not valid catalogue YAML"),
    "raw_bel": (lambda: "version: 2\ncertifications: [\x07]\n", "not valid catalogue YAML"),
    "impossible_date": (
        lambda: _fixture_with("status_date: 2026-06-30", "status_date: 2026-02-30"),
        "'2026-02-30' is not a valid value",
    ),
    "huge_integer": (
        lambda: _fixture_with("price_usd: 100", "price_usd: " + "9" * 5000),
        "is not a valid value",
    ),
    "nul_in_a_name": (
        lambda: _fixture_with("name: Aws Basics", 'name: "Aws\\0 Basics"'),
        "certifications[0].name: contains a control character",
    ),
    # A megabyte of tiny nodes: the pure-Python parser took 40 s and 400 MB to refuse it; it
    # is now refused by its node count before any node is built.
    "megabyte_of_nodes": (
        lambda: "version: 2\ncertifications: [" + "0," * 500_000 + "0]\n",
        "more than 200,000 values",
    ),
    # These crashed the process (exit 139: libyaml built nodes recursively in C) or gave a
    # Python traceback; each is now one line with where it is.
    "block_nesting": (
        lambda: "certifications:\n" + "- " * 25_000 + "x\n",
        ":2: not valid catalogue YAML: nested more than 100 levels deep",
    ),
    "question_keys": (
        lambda: "certifications:\n" + "? \n" * 300_000,
        "more than 200,000 values",
    ),
    "complex_key": (
        lambda: "version: 2\ncertifications:\n  ? [a, b]\n  : 1\n",
        ":3: not valid catalogue YAML: a key must be plain text, not a list or a mapping",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_FILES))
def test_a_hostile_file_is_refused_in_one_message(case, db, behaviour_file, write_yaml):
    run_command("load_catalogue", str(behaviour_file))
    before = database_state()
    make, expected = HOSTILE_FILES[case]
    path = write_yaml(make(), "hostile.yaml")

    with pytest.raises(CommandError) as excinfo:
        run_command("load_catalogue", str(path))

    message = str(excinfo.value)
    assert message.startswith(f"{path}") and expected in message, message[:300]
    assert "Traceback" not in message
    assert database_state() == before


def test_a_device_is_not_read_as_a_catalogue(db):
    # /dev/zero reports a size of 0 and never ends: 2.7 GB were read before a MemoryError.
    with pytest.raises(CommandError, match="/dev/zero: not a regular file"):
        run_command("load_catalogue", "/dev/zero")
