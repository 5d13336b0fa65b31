"""Delete saved plans older than a number of days (retention; see docs/operations.md), except
those whose owner marked a step done within that time.

Nothing is ever deleted unless this command is run: a permanent link stays permanent by
default. `--dry-run` says how many would go.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from advisor.models import FactSheet, SharedResult

MAX_DAYS = 36_500  # a hundred years: more would pass the calendar's first day
BAD_ARGUMENTS = 2


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise CommandError(
            f"--older-than: {text!r} is not a whole number of days", returncode=BAD_ARGUMENTS
        ) from None
    if days < 1:
        raise CommandError("--older-than: must be at least 1 day", returncode=BAD_ARGUMENTS)
    if days > MAX_DAYS:
        raise CommandError(
            f"--older-than: must be at most {MAX_DAYS:,} days (a hundred years)",
            returncode=BAD_ARGUMENTS,
        )
    return days


class Command(BaseCommand):
    help = "Delete saved plans (share links) older than --older-than days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", required=True, metavar="DAYS")
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")

    def handle(self, *args: object, older_than: str, dry_run: bool, **options: object) -> None:
        cutoff = timezone.now() - dt.timedelta(days=_days(older_than))
        # A plan its owner still follows (a step marked since the cutoff) stays.
        old = SharedResult.objects.filter(created_at__lt=cutoff).exclude(
            progress__marked_at__gte=cutoff
        )
        if dry_run:
            count = old.count()
            self.stdout.write(f"{count} saved plan(s) older than {cutoff:%Y-%m-%d} would go.")
            return
        count, _ = old.delete()
        FactSheet.objects.filter(sharedresult__isnull=True).delete()  # facts no plan shows
        self.stdout.write(f"Deleted {count} saved plan(s) older than {cutoff:%Y-%m-%d}.")
