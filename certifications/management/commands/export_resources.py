from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from certifications.management.yaml_files import export_target, write_export
from certifications.study import resources_in_database
from certpath.resources import dump_resources


class Command(BaseCommand):
    help = "Write the study resources in the database as YAML (what load_resources reads)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", nargs="?", default=None, help="a file, or - for standard output"
        )

    def handle(self, *args: Any, path: str | None, **options: Any) -> None:
        export_target(path, Path(settings.STUDY_RESOURCES_PATH))  # refused before any read
        text = dump_resources(resources_in_database())
        write_export(self, text, path, Path(settings.STUDY_RESOURCES_PATH))
