"""load_catalogue: a good file lands whole, a bad one changes nothing and says where it is wrong."""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError

from certifications.models import Certification
from certpath.catalogue_yaml import read_catalogue
from tests.conftest import database_state, run_command

pytestmark = pytest.mark.django_db

SHIPPED = [
    "gcp-pmle",
    "aws-mls-c01",
    "azure-ai-102",
    "tensorflow-developer",
    "databricks-ml-associate",
    "aws-mla-c01",
    "aws-aip-c01",
    "aws-aif-c01",
    "azure-ai-103",
    "databricks-ml-professional",
    "gcp-genai-leader",
]

SHIPPED_SLUGS = [c.slug for c in read_catalogue(Path(settings.CATALOGUE_PATH)).certifications]


def test_good_load_creates_every_certification_in_file_order():
    output = run_command("load_catalogue")

    assert f"{len(SHIPPED_SLUGS)} created, 0 updated, 0 removed, 0 unchanged" in output
    assert list(Certification.objects.values_list("slug", flat=True)) == SHIPPED_SLUGS
    assert SHIPPED_SLUGS[: len(SHIPPED)] == SHIPPED  # the first eleven keep their place


def test_three_of_the_original_five_are_retired_with_dates_and_successors(loaded_catalogue):
    certs = loaded_catalogue.by_slug()

    assert (certs["aws-mls-c01"].status, certs["aws-mls-c01"].status_date) == (
        "retired",
        dt.date(2026, 3, 31),
    )
    assert certs["aws-mls-c01"].successors[0] == "aws-mla-c01"
    assert {"aws-aip-c01", "aws-aif-c01"} <= set(certs["aws-mls-c01"].successors)
    assert (certs["azure-ai-102"].status, certs["azure-ai-102"].status_date) == (
        "retired",
        dt.date(2026, 6, 30),
    )
    assert certs["azure-ai-102"].successors == ["azure-ai-103"]
    assert certs["tensorflow-developer"].status == "retired"
    assert certs["tensorflow-developer"].status_date == dt.date(2024, 5, 31)
    assert certs["tensorflow-developer"].successors == []
    assert certs["gcp-pmle"].status == "active"
    assert certs["databricks-ml-associate"].status == "active"


def test_facts_match_the_fact_sheet(loaded_catalogue):
    certs = loaded_catalogue.by_slug()
    pmle = certs["gcp-pmle"]

    assert (pmle.price_usd, pmle.duration_minutes, pmle.validity_years) == (200, 120, 2)
    assert (pmle.renewal.method, pmle.renewal.discount_percent) == ("retake", 50)
    assert pmle.recommended_experience.industry_years == 3
    assert pmle.recommended_experience.platform_years == 1
    assert sum(d.weight_min for d in pmle.exam_domains) == 100
    assert certs["aws-mla-c01"].price_usd == 150
    assert certs["azure-ai-103"].renewal.method == "free_assessment"
    assert certs["databricks-ml-associate"].renewal.method == "retake"
    # Unknown facts stay unknown instead of being guessed.
    assert certs["tensorflow-developer"].price_usd is None
    notes = {n.field: n for n in certs["tensorflow-developer"].fact_notes}
    assert notes["price_usd"].confidence == "unverified"


def test_disputed_and_third_party_facts_are_marked(loaded_catalogue):
    certs = loaded_catalogue.by_slug()

    mls_notes = {n.field: n for n in certs["aws-mls-c01"].fact_notes}
    assert mls_notes["duration_minutes"].confidence == "disputed"
    assert "170" in mls_notes["duration_minutes"].note
    assert "180" in mls_notes["duration_minutes"].note
    for cert in loaded_catalogue.certifications:
        assert cert.sources, cert.slug
        assert all(source.checked_on for source in cert.sources)


def test_every_certification_has_a_source_and_every_reference_resolves(loaded_catalogue):
    slugs = {c.slug for c in loaded_catalogue.certifications}
    for cert in loaded_catalogue.certifications:
        assert set(cert.successors) <= slugs
        assert set(cert.next_steps) <= slugs


def test_reloading_the_same_file_changes_nothing(loaded_catalogue):
    before = database_state()

    output = run_command("load_catalogue")

    count = len(SHIPPED_SLUGS)
    assert f"0 created, 0 updated, 0 removed, {count} unchanged" in output
    assert database_state() == before


def test_changed_and_missing_entries_are_updated_and_removed(db, catalogue_data, write_yaml):
    run_command("load_catalogue")
    data = copy.deepcopy(catalogue_data)
    data["certifications"][0]["price_usd"] = 250
    last = data["certifications"].pop()["slug"]  # the last: no other entry changes position
    for cert in data["certifications"]:
        assert last not in cert["next_steps"] + cert["successors"]

    output = run_command("load_catalogue", str(write_yaml(data)))

    assert "updated: gcp-pmle" in output
    assert f"removed: {last}" in output
    unchanged = len(data["certifications"]) - 1
    assert f"0 created, 1 updated, 1 removed, {unchanged} unchanged" in output
    assert Certification.objects.get(slug="gcp-pmle").price_usd == 250
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
        _set(("certifications", 0, "skills", "python", "level"), 9),
        "certifications[0].skills.python.level",
    ),
    "bad_enum": (_set(("certifications", 3, "status"), "sunset"), "certifications[3].status"),
    "duplicate_slug": (_set(("certifications", 4, "slug"), "gcp-pmle"), "duplicate slug"),
    "unknown_successor": (
        _set(("certifications", 1, "successors"), ["aws-nope"]),
        "certifications[1].successors[0]",
    ),
    "retired_without_date": (
        _set(("certifications", 1, "status_date"), None),
        "needs a status_date",
    ),
    "succeeds_itself": (
        _set(("certifications", 1, "successors"), ["aws-mls-c01"]),
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
    case, db, catalogue_data, write_yaml
):
    run_command("load_catalogue")
    before = database_state()
    content, expected = BAD_FILES[case]
    path = write_yaml(content if isinstance(content, str) else _mutate(catalogue_data, content))

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


def test_a_file_over_one_megabyte_is_refused(db, write_yaml):
    run_command("load_catalogue")
    before = database_state()
    path = write_yaml("# padding\n" * 110_000)

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


def test_if_empty_loads_only_into_an_empty_catalogue(db):
    assert f"{len(SHIPPED_SLUGS)} created" in run_command("load_catalogue", "--if-empty")
    Certification.objects.filter(slug="gcp-pmle").update(price_usd=999)

    output = run_command("load_catalogue", "--if-empty")

    assert "not empty" in output
    assert Certification.objects.get(slug="gcp-pmle").price_usd == 999


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


def _shipped_with(old: str, new: str) -> str:
    """The shipped file's text with its first `old` replaced: one hostile edit, all else valid."""
    text = settings.CATALOGUE_PATH.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


# Each of these gave a traceback (the database unchanged each time) instead of a line that
# names the file. Each must be one refusal, the same on SQLite and PostgreSQL.
HOSTILE_FILES = {
    "deep_nesting": (lambda: "a: " + "[" * 50_000 + "]" * 50_000 + "\n", "nested more than 100"),
    "raw_nul": (lambda: "version: 2\x00\n", "not valid catalogue YAML"),
    "raw_bel": (lambda: "version: 2\ncertifications: [\x07]\n", "not valid catalogue YAML"),
    "impossible_date": (
        lambda: _shipped_with("status_date: 2026-06-01", "status_date: 2026-02-30"),
        "'2026-02-30' is not a valid value",
    ),
    "huge_integer": (
        lambda: _shipped_with("price_usd: 200", "price_usd: " + "9" * 5000),
        "is not a valid value",
    ),
    "nul_in_a_name": (
        lambda: _shipped_with(
            "name: Google Cloud Professional Machine Learning Engineer",
            'name: "Google Cloud\\0 Professional Machine Learning Engineer"',
        ),
        "certifications[0].name: contains a control character",
    ),
    # A megabyte of tiny nodes: the pure-Python parser took 40 s and 400 MB to refuse it.
    "megabyte_of_nodes": (
        lambda: "version: 2\ncertifications: [" + "0," * 500_000 + "0]\n",
        "and 499,981 more problems",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_FILES))
def test_a_hostile_file_is_refused_in_one_message(case, db, write_yaml):
    run_command("load_catalogue")
    before = database_state()
    make, expected = HOSTILE_FILES[case]
    path = write_yaml(make())

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
