from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from certifications.models import Certification
from certifications.services import catalogue_import
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

    def handle(self, *args: Any, path: Path | None, if_empty: bool, **options: Any) -> None:
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
