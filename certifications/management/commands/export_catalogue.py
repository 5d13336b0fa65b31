from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError

from certifications.management.yaml_files import export_target, write_export
from certifications.models import Certification
from certifications.selectors import checked_snapshot
from certpath.catalogue_yaml import dump_catalogue


class Command(BaseCommand):
    help = "Write the catalogue in the database as YAML (same schema as load_catalogue reads)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", nargs="?", default=None, help="a file, or - for standard output"
        )

    def handle(self, *args: Any, path: str | None, **options: Any) -> None:
        export_target(path, Path(settings.CATALOGUE_PATH))  # refused before any read
        if not Certification.objects.exists():
            raise CommandError("The catalogue is empty: load one first with load_catalogue.")
        catalogue, invalid = checked_snapshot()
        if invalid:
            # The site leaves such rows out; an export must not quietly drop them from the file.
            listed = "\n".join(f"  {slug}: {'; '.join(why)}" for slug, why in invalid.items())
            raise CommandError(
                f"Repair these certifications in the admin first; nothing was written:\n{listed}"
            )
        try:
            text = dump_catalogue(catalogue)
        except ValidationError as exc:
            raise CommandError(f"The catalogue in the database is not valid:\n{exc}") from None
        write_export(self, text, path, Path(settings.CATALOGUE_PATH))
