"""export_catalogue writes the database back in the file's own schema. On the behaviour
catalogue (tests/fixture_catalogue.py); the shipped file's round trip is in
tests/test_shipped_data.py."""

from __future__ import annotations

import pytest
from django.core.management import CommandError

from certifications.models import Certification
from certpath.catalogue_yaml import parse_catalogue
from tests.conftest import CATALOGUE_PATH, database_state, run_command

# Run again on PostgreSQL in CI (-m database): what it tests depends on the database.
pytestmark = [pytest.mark.django_db, pytest.mark.database]


def test_export_of_a_loaded_file_reproduces_it_exactly(db, behaviour_file, tmp_path):
    run_command("load_catalogue", str(behaviour_file))
    target = tmp_path / "exported.yaml"

    run_command("export_catalogue", str(target))

    assert target.read_text(encoding="utf-8") == behaviour_file.read_text(encoding="utf-8")


def test_load_export_load_is_a_no_op(loaded_catalogue, tmp_path):
    Certification.objects.filter(slug="aws-ml").update(price_usd=210)
    target = tmp_path / "exported.yaml"
    run_command("export_catalogue", str(target))
    before = database_state()

    output = run_command("load_catalogue", str(target))

    count = len(loaded_catalogue.certifications)
    assert f"0 created, 0 updated, 0 removed, {count} unchanged" in output
    assert database_state() == before


def test_export_to_standard_output_is_valid_catalogue_yaml(loaded_catalogue):
    text = run_command("export_catalogue", "-")

    catalogue = parse_catalogue(text, path=CATALOGUE_PATH)
    assert catalogue == loaded_catalogue


def test_exporting_an_empty_database_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="empty"):
        run_command("export_catalogue", str(tmp_path / "out.yaml"))
    assert not (tmp_path / "out.yaml").exists()


def test_catalogue_version_follows_content(loaded_catalogue):
    from certifications.selectors import catalogue_snapshot

    first = catalogue_snapshot().content_version()
    assert catalogue_snapshot().content_version() == first
    assert first == loaded_catalogue.content_version()

    Certification.objects.filter(slug="aws-ml").update(price_usd=151)

    assert catalogue_snapshot().content_version() != first
