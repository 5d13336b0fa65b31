import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from certifications.models import Certification
from certifications.services import admin_edits_at_stake, catalogue_import
from certpath.catalogue import Catalogue
from certpath.catalogue_yaml import CatalogueFileError, read_catalogue


class Command(BaseCommand):
    help = "Validate a catalogue YAML file and make the database match it (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", nargs="?", type=Path, default=None, help="default: data/certs.yaml"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="only load into an empty catalogue (a server restart keeps admin edits)",
        )
        when_edited = parser.add_mutually_exclusive_group()
        when_edited.add_argument(
            "--force",
            action="store_true",
            help="load even over admin edits newer than the file (they are lost)",
        )
        when_edited.add_argument(
            "--keep-edits",
            action="store_true",
            help="if admin edits newer than the file would be undone, leave the database as "
            "it is and say so (make run uses this)",
        )

    def handle(
        self,
        *args: Any,
        path: Path | None,
        if_empty: bool,
        force: bool,
        keep_edits: bool,
        **options: Any,
    ) -> None:
        path = path or Path(settings.CATALOGUE_PATH)
        if if_empty and Certification.objects.exists():
            self.stdout.write("The catalogue is not empty; left as it is (--if-empty).")
            return
        try:
            catalogue = read_catalogue(path)
        except CatalogueFileError as exc:
            for problem in exc.problems[:-1]:
                self.stderr.write(problem)
            raise CommandError(
                f"{exc.problems[-1]}\nNothing was changed: the catalogue in the database is "
                "exactly as it was."
            ) from None
        if not force and self._edits_would_be_lost(catalogue, path, keep_edits):
            return
        report = catalogue_import(catalogue=catalogue)
        for label, slugs in (
            ("created", report.created),
            ("updated", report.updated),
            ("removed", report.removed),
        ):
            for slug in slugs:
                self.stdout.write(f"{label}: {slug}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{path}: {len(report.created)} created, {len(report.updated)} updated, "
                f"{len(report.removed)} removed, {len(report.unchanged)} unchanged "
                f"(catalogue {catalogue.content_version()})"
            )
        )

    def _edits_would_be_lost(self, catalogue: Catalogue, path: Path, keep_edits: bool) -> bool:
        file_time = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        edits = admin_edits_at_stake(catalogue, file_time)
        if not edits:
            return False
        listed = "\n".join(
            f"  {e.what}: edited by {e.who} on {e.when:%Y-%m-%d %H:%M} UTC" for e in edits
        )
        message = (
            f"The admin has edits newer than {path} that loading it would undo:\n{listed}\n"
            f"To keep them, write them to the file: manage.py export_catalogue {path} (and "
            "commit it). To discard them, load with --force."
        )
        if keep_edits:
            self.stdout.write(self.style.WARNING(message + "\nThe database was left as it is."))
            return True
        raise CommandError(message + "\nNothing was changed.")
