"""Writing the catalogue: one atomic, idempotent sync from a validated file to the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from pydantic import ValidationError

from certifications import changes, models
from certifications.columns import column_values, item_values
from certifications.selectors import certification_to_schema, certifications_with_relations
from certpath import catalogue as schema


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def _scalar_fields(cert: schema.Certification, position: int) -> dict[str, object]:
    return {"position": position, **column_values(cert)}


def _replace_children(obj: models.Certification, cert: schema.Certification) -> None:
    for related in (obj.skill_requirements, obj.exam_domains, obj.sources, obj.fact_notes):
        related.all().delete()
    models.SkillRequirement.objects.bulk_create(
        models.SkillRequirement(certification=obj, skill=key, level=req.level, weight=req.weight)
        for key, req in cert.skills.items()
    )
    for row_model, items in ((models.ExamDomain, cert.exam_domains), (models.Source, cert.sources)):
        row_model.objects.bulk_create(  # kept in the file's order
            row_model(certification=obj, position=i, **item_values(row_model, item))
            for i, item in enumerate(items)
        )
    models.FactNote.objects.bulk_create(
        models.FactNote(certification=obj, **item_values(models.FactNote, note))
        for note in cert.fact_notes
    )


def _replace_links(
    obj: models.Certification, cert: schema.Certification, by_slug: dict[str, models.Certification]
) -> None:
    obj.links.all().delete()
    kinds = {"successor": cert.successors, "next_step": cert.next_steps, "renews": cert.renews}
    models.CertificationLink.objects.bulk_create(
        models.CertificationLink(certification=obj, kind=kind, target=by_slug[slug], position=i)
        for kind, slugs in kinds.items()
        for i, slug in enumerate(slugs)
    )


def _as_schema(obj: models.Certification) -> schema.Certification | None:
    try:
        return certification_to_schema(obj)
    except ValidationError:
        return None  # a row the schema refuses: the file repairs it


def _same(obj: models.Certification, cert: schema.Certification, position: int) -> bool:
    return obj.position == position and _as_schema(obj) == cert


def pending_changes(catalogue: schema.Catalogue) -> set[str]:
    """Slugs a load of `catalogue` would create, update or remove (nothing is written)."""
    existing = {obj.slug: obj for obj in certifications_with_relations()}
    wanted = {cert.slug for cert in catalogue.certifications}
    return {
        cert.slug
        for position, cert in enumerate(catalogue.certifications)
        if cert.slug not in existing or not _same(existing[cert.slug], cert, position)
    } | (set(existing) - wanted)


@dataclass(frozen=True)
class AdminEdit:
    what: str  # the slug, or the name of a certification deleted in the admin
    when: dt.datetime
    who: str


def admin_edits_at_stake(catalogue: schema.Catalogue, since: dt.datetime) -> list[AdminEdit]:
    """Admin edits made after `since` that loading `catalogue` would undo, oldest first.

    The admin's own history (LogEntry) says who changed what and when; the load would undo an
    edit when it rewrites or removes that certification, or brings back one deleted there.
    """
    kind = ContentType.objects.get_for_model(models.Certification)
    entries = LogEntry.objects.filter(content_type=kind, action_time__gt=since).select_related(
        "user"
    )
    entries = list(entries.order_by("action_time"))
    if not entries:
        return []  # nothing edited since: no need to compare the file with the database
    slugs = dict(models.Certification.objects.values_list("pk", "slug"))
    pending = pending_changes(catalogue)
    found = []
    for entry in entries:
        slug = slugs.get(int(entry.object_id)) if entry.object_id.isdigit() else None
        if entry.action_flag == DELETION or (slug is not None and slug in pending):
            what = slug or entry.object_repr
            found.append(AdminEdit(what, entry.action_time, entry.user.get_username()))
    return found


@transaction.atomic
def catalogue_import(*, catalogue: schema.Catalogue) -> ImportReport:
    """Make the database hold exactly `catalogue`: create, update, remove; untouched if equal."""
    report = ImportReport()
    existing = {obj.slug: obj for obj in certifications_with_relations().select_for_update()}
    changed: list[tuple[models.Certification, schema.Certification]] = []
    for position, cert in enumerate(catalogue.certifications):
        obj = existing.get(cert.slug)
        before = _as_schema(obj) if obj is not None else None  # read once: compared, recorded
        if obj is not None and obj.position == position and before == cert:
            report.unchanged.append(cert.slug)
            continue
        (report.updated if obj is not None else report.created).append(cert.slug)
        changes.record(before, cert, source="file")
        obj = obj or models.Certification(slug=cert.slug)
        for name, value in _scalar_fields(cert, position).items():
            setattr(obj, name, value)
        obj.save()
        existing[cert.slug] = obj
        _replace_children(obj, cert)
        changed.append((obj, cert))

    wanted = {cert.slug for cert in catalogue.certifications}
    report.removed = sorted(slug for slug in existing if slug not in wanted)
    for slug in report.removed:
        changes.record(_as_schema(existing[slug]), None, source="file")
    models.Certification.objects.filter(slug__in=report.removed).delete()

    for obj, cert in changed:
        _replace_links(obj, cert, existing)
    return report
