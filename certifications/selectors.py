"""Reading the catalogue out of the database as plain schema objects."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch, QuerySet
from pydantic import ValidationError

from certifications import models
from certifications.columns import COLUMNS, item_data, row_data
from certpath import catalogue as schema
from certpath.digest import json_digest
from certpath.engine.answers import problems
from certpath.vocabulary import SKILL_KEYS

logger = logging.getLogger(__name__)


def certifications_with_relations() -> QuerySet[models.Certification]:
    """Every certification with everything it owns, in a constant number of queries."""
    return models.Certification.objects.prefetch_related(
        "skill_requirements",
        "exam_domains",
        "sources",
        "fact_notes",
        Prefetch("links", queryset=models.CertificationLink.objects.select_related("target")),
    )


def scalar_data(cert: models.Certification) -> dict[str, Any]:
    """The certification's own columns in the schema's shape (no related rows).

    The admin form validates an edit with this too, so the schema is the one rule book.
    """
    return row_data(cert)


# Where each schema field lives in the admin form, when the names differ.
FORM_FIELD = {path: column for path, column in COLUMNS.items() if len(path) > 1}


def certification_to_schema(cert: models.Certification) -> schema.Certification:
    """One certification as the file would hold it (relations must be prefetched)."""
    links = sorted(cert.links.all(), key=lambda link: (link.position, link.pk))
    requirements = {req.skill: req for req in cert.skill_requirements.all()}
    return schema.Certification.model_validate(
        scalar_data(cert)
        | {
            "successors": [link.target.slug for link in links if link.kind == "successor"],
            "next_steps": [link.target.slug for link in links if link.kind == "next_step"],
            "renews": [link.target.slug for link in links if link.kind == "renews"],
            "skills": {
                key: {"level": req.level, "weight": req.weight}
                for key in SKILL_KEYS
                if (req := requirements.get(key)) is not None
            },
            "exam_domains": [item_data(d, schema.ExamDomain) for d in cert.exam_domains.all()],
            "sources": [item_data(s, schema.Source) for s in cert.sources.all()],
            "fact_notes": [item_data(n, schema.FactNote) for n in cert.fact_notes.all()],
        }
    )


def certification_as_saved(pk: Any) -> schema.Certification | None:
    """One row as the schema reads it now; None when it is gone or the schema refuses it."""
    try:
        row = certifications_with_relations().filter(pk=pk).first()
        return certification_to_schema(row) if row is not None else None
    except (ValueError, ValidationError):  # not a row's number; a row the schema refuses
        return None


def _references(cert: schema.Certification) -> set[str]:
    """Every slug a certification names: links and prerequisites (with their alternatives)."""
    named = {*cert.successors, *cert.next_steps, *cert.renews}
    for prerequisite in cert.prerequisites:
        named.update(prerequisite.alternatives)
        if prerequisite.slug is not None:
            named.add(prerequisite.slug)
    return named


def dangling_references(certs: Iterable[schema.Certification]) -> dict[str, set[str]]:
    """Slugs each certification names that no certification in `certs` has."""
    certs = list(certs)
    present = {cert.slug for cert in certs}
    return {cert.slug: missing for cert in certs if (missing := _references(cert) - present)}


def _validated(
    rows: Iterable[models.Certification],
) -> tuple[list[schema.Certification], dict[str, list[str]]]:
    good: list[schema.Certification] = []
    bad: dict[str, list[str]] = {}
    for row in rows:
        try:
            good.append(certification_to_schema(row))
        except ValidationError as exc:
            found = problems(exc.errors(include_url=False))
            bad[row.slug] = [msg if path == "answers" else f"{path}: {msg}" for path, msg in found]
    return good, bad


def _without_links_to(cert: schema.Certification, gone: set[str]) -> schema.Certification:
    return cert.model_copy(
        update={
            "successors": [s for s in cert.successors if s not in gone],
            "next_steps": [s for s in cert.next_steps if s not in gone],
            "renews": [s for s in cert.renews if s not in gone],
            "prerequisites": [
                p.model_copy(
                    update={
                        "slug": None if p.slug in gone else p.slug,
                        "alternatives": [s for s in p.alternatives if s not in gone],
                    }
                )
                for p in cert.prerequisites
            ],
        }
    )


def checked_snapshot(*, log: bool = True) -> tuple[schema.Catalogue, dict[str, list[str]]]:
    """The catalogue the site can serve, and what needs repair by slug.

    A refused row (a shell edit, a bad migration) is left out and links to it are dropped; a
    reference to a certification that does not exist (a slug renamed or deleted outside the
    admin) is dropped from the one that names it, which is still served. Each is logged as an
    error when the snapshot is rebuilt (after a change), listed for staff in the admin, and
    makes /readyz answer 503. One bad row never takes the site down. An empty database
    (before the first load_catalogue) gives an empty catalogue rather than an error, so pages
    and the API still answer.
    """
    certifications, bad = _validated(certifications_with_relations())
    problems = {slug: list(wrong) for slug, wrong in bad.items()}
    if log:
        for slug, wrong in bad.items():
            logger.error(
                "Certification %r is left out of the catalogue: the schema refuses it (%s). "
                "Repair it in the admin.",
                slug,
                "; ".join(wrong),
            )
    if not certifications:
        return schema.Catalogue.model_construct(certifications=[]), problems
    dangling = dangling_references(certifications)
    for slug, missing in dangling.items():
        unknown = sorted(missing - set(bad))
        if not unknown:
            continue
        said = ", ".join(repr(s) for s in unknown)
        problems.setdefault(slug, []).append(
            f"names {said}, which no certification has: the reference is ignored until repaired"
        )
        if log:
            logger.error("Certification %r names %s, which no certification has.", slug, said)
    if dangling:
        certifications = [
            _without_links_to(c, dangling[c.slug]) if c.slug in dangling else c
            for c in certifications
        ]
    return schema.Catalogue(certifications=certifications), problems


def catalogue_snapshot() -> schema.Catalogue:
    """The whole catalogue as validated plain data: what the advisor and the pages read."""
    return checked_snapshot()[0]


_CURRENT: dict[str, Any] = {}


def _stamps() -> tuple[Any, ...]:
    """Row count and last change of the catalogue and of the study links, in one query: what
    moves whenever either is edited (every write goes through `save()`, which moves
    `updated_at`; removals change the count)."""
    quote = connection.ops.quote_name
    parts = []
    for model in (models.Certification, models.StudyResource):
        table = quote(model._meta.db_table)
        parts += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX(updated_at) FROM {table})"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


def _current() -> dict[str, Any]:
    """The catalogue and the study links as served, each rebuilt only when its stamp moved
    (the links only when advice asks for them: the catalogue pages do not).
    The stamps cost one small query, made at most every CATALOGUE_RECHECK_SECONDS per
    process, so an edit reaches every server within that time."""
    now = time.monotonic()
    interval = getattr(settings, "CATALOGUE_RECHECK_SECONDS", 1.0)
    if _CURRENT and now - _CURRENT["checked"] < interval:
        return _CURRENT
    stamps = _stamps()
    if _CURRENT.get("catalogue_key") != stamps[:2]:
        # Problems are logged when they appear, not again on each later rebuild while they
        # last.
        catalogue, problems = checked_snapshot(log=not _CURRENT.get("problems"))
        if problems and _CURRENT.get("catalogue") is not None and not _CURRENT.get("problems"):
            # The database went wrong outside the admin (a shell, a migration): keep serving
            # the last valid catalogue this process loaded, and say what needs repair.
            _CURRENT.update(catalogue_key=stamps[:2], problems=problems)
        else:
            # Valid again, or a process that has just started: serve what the database holds,
            # rows the schema refuses left out and references to nobody ignored.
            _CURRENT.update(
                catalogue_key=stamps[:2],
                catalogue=catalogue,
                version=catalogue.content_version(),
                problems=problems,
            )
    if _CURRENT.get("study_key") != stamps[2:]:
        _CURRENT.update(study_key=stamps[2:], links=None)  # read when advice needs them
    _CURRENT["checked"] = now
    return _CURRENT


def catalogue_problems() -> dict[str, list[str]]:
    """What needs repair in the catalogue being served (for /readyz), by slug."""
    return _current()["problems"]


def current_catalogue() -> tuple[schema.Catalogue, str]:
    """The catalogue and its version for serving requests, rebuilt only when it changed."""
    current = _current()
    return current["catalogue"], current["version"]


def study_links() -> dict[str, list[dict[str, str]]]:
    """Each skill's free places to learn it, as the pathway links them (title and url)."""
    links: dict[str, list[dict[str, str]]] = {}
    for resource in models.StudyResource.objects.all():
        links.setdefault(resource.skill, []).append(
            {"title": f"{resource.title} · {resource.provider}", "url": resource.url}
        )
    return links


def current_advice_inputs() -> tuple[schema.Catalogue, str, dict[str, list[dict[str, str]]], str]:
    """The catalogue, its version, the study links and theirs, from one check: what advice is
    made from."""
    current = _current()
    if current["links"] is None:
        links = study_links()
        current.update(links=links, study_version=json_digest(links)[:16])
    return current["catalogue"], current["version"], current["links"], current["study_version"]


def fact_changes(slugs: Iterable[str], since: Any) -> list[dict[str, Any]]:
    """Changes to the facts plans rest on (certifications/changes.py) of these certifications,
    made after `since`, oldest first, as plain data."""
    return list(
        models.FactChange.objects.filter(slug__in=list(slugs), changed_at__gt=since)
        .order_by("changed_at", "slug", "pk")
        .values("pk", "slug", "name", "field", "before", "after", "changed_at")
    )


def catalogue_marks() -> tuple[str, str]:
    """The served catalogue's content version, and when its rows last changed (their count
    and newest edit): unlike the version, the second moves on every edit, even one that puts
    the content back as it was. One check, no query of its own (what `current_catalogue`
    checks)."""
    current = _current()
    count, newest = current["catalogue_key"]
    # The newest edit as the database gives it (a datetime, or text on SQLite): digits only,
    # fit for a cache key.
    return current["version"], f"{count}-{''.join(filter(str.isdigit, str(newest)))}"
