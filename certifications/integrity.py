"""Keeping the catalogue the site serves whole while staff edit it.

The admin validates one row with its form; what one row cannot see is the rest of the
catalogue: a prerequisite naming a slug nobody has, a renamed slug others still name, a deleted
certification others link to. Every admin save is therefore checked against the whole
catalogue as it would be after the save, inside the admin's own transaction, and refused (rolled
back) with errors on the fields that break it. A delete that would orphan a reference is refused
before anything is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

from certifications import models
from certifications.selectors import checked_snapshot


@dataclass
class CatalogueWouldBreak(Exception):
    """A save the whole catalogue refuses: what it would break, by slug."""

    problems: dict[str, list[str]]


def problems_now() -> dict[str, list[str]]:
    return checked_snapshot(log=False)[1]


def added_problems(
    before: dict[str, list[str]], after: dict[str, list[str]]
) -> dict[str, list[str]]:
    """What `after` has that `before` did not (a save must not be refused for a problem that
    was already there, or staff could never repair one row while another is broken)."""
    added = {
        slug: [p for p in found if p not in before.get(slug, [])] for slug, found in after.items()
    }
    return {slug: found for slug, found in added.items() if found}


def referenced_by(cert: models.Certification) -> list[str]:
    """The other certifications that name this one: as a successor, next step or renewal, or
    as a prerequisite (by slug or as an alternative)."""
    naming = set(
        models.CertificationLink.objects.filter(target=cert)
        .exclude(certification=cert)
        .values_list("certification__slug", flat=True)
    )
    for slug, prerequisites in models.Certification.objects.exclude(pk=cert.pk).values_list(
        "slug", "prerequisites"
    ):
        for item in prerequisites or []:
            if isinstance(item, dict) and (
                item.get("slug") == cert.slug or cert.slug in (item.get("alternatives") or [])
            ):
                naming.add(slug)
    return sorted(naming)
