"""Study resources in the database: replaced as a whole from data/resources.yaml, read back
as the same schema for export."""

from __future__ import annotations

import datetime as dt

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from certifications.models import StudyResource
from certpath.resources import StudyResources


def resources_in_database() -> StudyResources:
    return StudyResources(version=1, resources=[r.as_schema() for r in StudyResource.objects.all()])


def edits_at_stake(resources: StudyResources, since: dt.datetime) -> list[str]:
    """Admin edits made after `since` (the file's last change) that loading `resources` would
    undo, from the admin's own history; none when the table already equals the file."""
    if resources_in_database() == resources:
        return []
    kind = ContentType.objects.get_for_model(StudyResource)
    entries = LogEntry.objects.filter(content_type=kind, action_time__gt=since)
    return [
        f"{e.object_repr}: edited by {e.user.get_username()} on {e.action_time:%Y-%m-%d %H:%M} UTC"
        for e in entries.select_related("user").order_by("action_time")
    ]


@transaction.atomic
def resources_import(resources: StudyResources) -> int | None:
    """Make the table exactly the file, all or nothing, in the file's order;
    None when it already is (the rows, and so the pages' cache keys, stay as they were)."""
    if resources_in_database() == resources:
        return None
    StudyResource.objects.all().delete()
    rows = [
        StudyResource(
            **item.model_dump(mode="json", exclude={"checked_on"}),
            checked_on=item.checked_on,
            position=position,
        )
        for position, item in enumerate(resources.resources)
    ]
    StudyResource.objects.bulk_create(rows)
    return len(rows)
