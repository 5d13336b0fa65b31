"""Recording the catalogue's changes to the facts a plan rests on, as they are made.

A plan is saved against the catalogue of its day. When a load of data/certs.yaml or an admin
edit later changes a certification's status, last exam day, successors, price or exam version,
one FactChange row per fact says from what to what, and when: the plan's alerts and change
feed are read from them. Rows are written in the same transaction as the change, so a refused
or failed change records nothing.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from certifications.models import FactChange
from certpath import catalogue as schema

# The facts whose change can alter a plan, in the order a plan's alert tells them.
TRACKED = ("status", "status_date", "successors", "price_usd", "version")


def plan_facts(cert: schema.Certification) -> dict[str, Any]:
    """The tracked facts of one certification, as JSON values."""
    versions = [event.date for event in cert.history if event.change == "version"]
    return {
        "status": cert.status,
        "status_date": cert.status_date.isoformat() if cert.status_date else None,
        "successors": list(cert.successors),
        "price_usd": cert.price_usd,
        "version": max(versions).isoformat() if versions else None,
    }


def record(
    before: schema.Certification | None, after: schema.Certification | None, *, source: str
) -> list[FactChange]:
    """The rows for what changed between two states of one certification. A new one changes
    no plan (none can hold it yet); one removed is a change of its own."""
    if before is None:
        return []
    now = timezone.now()
    if after is None:
        rows = [
            FactChange(
                slug=before.slug, name=before.name, field="removed", source=source, changed_at=now
            )
        ]
    else:
        old, new = plan_facts(before), plan_facts(after)
        rows = [
            FactChange(
                slug=after.slug,
                name=after.name,
                field=field,
                before=old[field],
                after=new[field],
                source=source,
                changed_at=now,
            )
            for field in TRACKED
            if old[field] != new[field]
        ]
    return FactChange.objects.bulk_create(rows)
