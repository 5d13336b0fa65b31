"""`make run` loads the file on every start: it must never silently undo an admin edit.

A load that would rewrite a certification edited in the admin after the file was written is
refused (or, under `--keep-edits`, skipped with a warning), and says how to export or force.
On a file written from the behaviour catalogue (tests/fixture_catalogue.py), where aws-ml costs
US$150.
"""

from __future__ import annotations

import os
import time

import pytest
from django.core.management import CommandError

from certifications.models import Certification
from tests.admin_forms import admin_edit
from tests.conftest import run_command

# Run again on PostgreSQL in CI (-m database): what it tests depends on the database.
pytestmark = [pytest.mark.django_db, pytest.mark.database]


@pytest.fixture
def catalogue_file(behaviour_file, loaded_catalogue):
    """The behaviour catalogue's file, dated an hour ago (on the pinned clock), loaded."""
    path = behaviour_file
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    run_command("load_catalogue", str(path))
    return path


def price(slug: str) -> int | None:
    return Certification.objects.get(slug=slug).price_usd


def test_a_load_that_would_undo_a_newer_admin_edit_is_refused(catalogue_file, staff_client):
    admin_edit(staff_client, "aws-ml", price_usd=175)

    with pytest.raises(CommandError) as refused:
        run_command("load_catalogue", str(catalogue_file))

    message = str(refused.value)
    assert "aws-ml: edited by editor on" in message
    assert f"export_catalogue {catalogue_file}" in message and "--force" in message
    assert "Nothing was changed." in message
    assert price("aws-ml") == 175


def test_make_runs_keep_edits_leaves_the_database_and_says_so(catalogue_file, staff_client):
    admin_edit(staff_client, "aws-ml", price_usd=175)

    output = run_command("load_catalogue", str(catalogue_file), "--keep-edits")

    assert "aws-ml: edited by editor" in output
    assert "The database was left as it is." in output
    assert price("aws-ml") == 175


def test_force_discards_the_edit(catalogue_file, staff_client):
    admin_edit(staff_client, "aws-ml", price_usd=175)

    output = run_command("load_catalogue", str(catalogue_file), "--force")

    assert "updated: aws-ml" in output
    assert price("aws-ml") == 150


def test_a_file_written_after_the_edit_wins(catalogue_file, staff_client):
    admin_edit(staff_client, "aws-ml", price_usd=175)
    later = time.time() + 1  # the file is saved again after the edit: it is the newer word
    os.utime(catalogue_file, (later, later))

    run_command("load_catalogue", str(catalogue_file))

    assert price("aws-ml") == 150


def test_exporting_keeps_the_edit_and_the_next_load_changes_nothing(catalogue_file, staff_client):
    admin_edit(staff_client, "aws-ml", price_usd=175)

    run_command("export_catalogue", str(catalogue_file))
    output = run_command("load_catalogue", str(catalogue_file))

    assert "0 created, 0 updated, 0 removed" in output
    assert price("aws-ml") == 175


def test_an_export_refuses_to_drop_a_row_the_schema_refuses(catalogue_file):
    Certification.objects.filter(slug="aws-ml").update(languages=["English", "English"])
    before = catalogue_file.read_bytes()

    with pytest.raises(CommandError, match="aws-ml: languages lists the same value twice"):
        run_command("export_catalogue", str(catalogue_file))
    assert catalogue_file.read_bytes() == before
