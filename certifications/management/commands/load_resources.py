import datetime as dt
from pathlib import Path

from certifications.management.yaml_files import LoadCommand
from certifications.models import StudyResource
from certifications.study import edits_at_stake, resources_import
from certpath.resources import StudyResources, read_resources


class Command(LoadCommand[StudyResources]):
    help = "Validate a study-resources YAML file and make the database match it (all or nothing)."
    path_setting = "STUDY_RESOURCES_PATH"
    what = "the study resources"
    export_command = "export_resources"

    def loaded(self) -> bool:
        return StudyResource.objects.exists()

    def read(self, path: Path) -> StudyResources:
        return read_resources(path)

    def edits_at_stake(self, data: StudyResources, since: dt.datetime) -> list[str]:
        return edits_at_stake(data, since)

    def load(self, data: StudyResources, path: Path) -> None:
        count = resources_import(data)
        if count is None:
            self.stdout.write(f"{path}: the study resources are already exactly this file.")
            return
        self.stdout.write(self.style.SUCCESS(f"{path}: {count} study resources loaded"))
