import datetime as dt
from pathlib import Path

from certifications.management.yaml_files import LoadCommand
from certifications.models import Certification
from certifications.services import admin_edits_at_stake, catalogue_import
from certpath.catalogue import Catalogue
from certpath.catalogue_yaml import read_catalogue


class Command(LoadCommand[Catalogue]):
    help = "Validate a catalogue YAML file and make the database match it (all or nothing)."
    path_setting = "CATALOGUE_PATH"
    what = "the catalogue"
    export_command = "export_catalogue"

    def loaded(self) -> bool:
        return Certification.objects.exists()

    def read(self, path: Path) -> Catalogue:
        return read_catalogue(path)

    def edits_at_stake(self, data: Catalogue, since: dt.datetime) -> list[str]:
        return [
            f"{e.what}: edited by {e.who} on {e.when:%Y-%m-%d %H:%M} UTC"
            for e in admin_edits_at_stake(data, since)
        ]

    def load(self, data: Catalogue, path: Path) -> None:
        report = catalogue_import(catalogue=data)
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
                f"(catalogue {data.content_version()})"
            )
        )
