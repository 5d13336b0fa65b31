"""Retention: saved plans are kept until an operator prunes them, and pruning takes only the
ones older than asked."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command

from advisor.models import SharedResult

# Run again on PostgreSQL in CI (-m database): what it tests depends on the database.
pytestmark = [pytest.mark.django_db, pytest.mark.database]
NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def _save(days_ago: int) -> str:
    with time_machine.travel(NOW - dt.timedelta(days=days_ago), tick=False):
        return SharedResult.objects.create(
            answers={}, catalogue_version="v", document={"version": 2}
        ).code


def test_pruning_takes_only_plans_older_than_asked(capsys):
    old, recent = _save(400), _save(10)
    with time_machine.travel(NOW, tick=False):
        call_command("prune_shares", "--older-than", "365", "--dry-run")
        assert "1 saved plan(s) older than 2025-11-21 would go." in capsys.readouterr().out
        assert SharedResult.objects.count() == 2

        call_command("prune_shares", "--older-than", "365")
        assert "Deleted 1 saved plan(s)" in capsys.readouterr().out
    assert list(SharedResult.objects.values_list("code", flat=True)) == [recent]
    assert old != recent


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "must be at least 1 day"), ("-5", "must be at least 1 day"), ("a year", "whole")],
)
def test_a_bad_age_is_refused_and_nothing_is_deleted(value, message):
    _save(400)
    with pytest.raises(CommandError, match=f"--older-than: .*{message}"):
        call_command("prune_shares", "--older-than", value)
    assert SharedResult.objects.count() == 1
