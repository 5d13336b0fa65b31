"""A catalogue's dated history, as events a person can follow (the change feed).

The file records when things happened: when an exam first ran (`first_offered`), a retired
exam's last day and its successors (`status_date`, `successors`), and other dated events
(`history`: new versions, renames, price changes, general availability). Each becomes one
event dated by the day it happened; nothing dated after today is told as having happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from certpath.catalogue import Catalogue, HistoryChange


@dataclass(frozen=True, slots=True)
class Event:
    date: dt.date
    slug: str
    change: HistoryChange
    title: str

    @property
    def key(self) -> str:
        """Stable across loads and releases: the feed's entry id."""
        return f"{self.slug}:{self.change}:{self.date.isoformat()}"


def events(catalogue: Catalogue, today: dt.date, *, slug: str | None = None) -> list[Event]:
    """Every dated event up to today (of one certification, given its slug), newest first."""
    names = {cert.slug: cert.name for cert in catalogue.certifications}
    found: list[Event] = []
    for cert in catalogue.certifications:
        if slug is not None and cert.slug != slug:
            continue
        if cert.first_offered is not None:
            found.append(
                Event(cert.first_offered, cert.slug, "launch", f"{cert.name}: first offered")
            )
        if cert.status == "retired" and cert.status_date is not None:
            after = [names[s] for s in cert.successors if s in names]
            tail = f"; its successor is {after[0]}" if after else ""
            found.append(
                Event(
                    cert.status_date,
                    cert.slug,
                    "retirement",
                    f"{cert.name}: retired (last exam day){tail}",
                )
            )
        found.extend(
            Event(item.date, cert.slug, item.change, f"{cert.name}: {item.note}")
            for item in cert.history
        )
    unique = {event.key: event for event in found if event.date <= today}
    return sorted(unique.values(), key=lambda e: (e.date, e.slug, e.change), reverse=True)
