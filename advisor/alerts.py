"""What changed in the catalogue since a plan was saved, told for that plan (issue 27).

A saved plan keeps the advice of its day. When a certification it names (its exam, first
milestone, prerequisites, next step, or one its owner holds) later changes status, last exam
day, successor, price or exam version, the plan's page and its own change feed say so, dated
by the change, with what it means for this plan. One alert per certification per change (a
load or an admin save that changed several facts at once is one alert).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from advisor.models import SharedResult
from advisor.presenters import done_certifications
from certifications.selectors import current_catalogue, fact_changes
from certpath.catalogue import Certification
from certpath.engine.words import long_date, money

# How the plan names a certification in each place it holds (a step's `part`; "plan" for
# results saved before steps had one).
_ROLES = {
    "target": "your plan's exam",
    "milestone": "your plan's first milestone",
    "prerequisite": "a prerequisite in your plan",
    "next": "your plan's next step",
    "plan": "a certification in your plan",
    "held": "a certification you hold",
}
_BOOKED = {"target", "milestone", "prerequisite", "next", "plan"}


@dataclass(frozen=True)
class Alert:
    when: dt.datetime
    slug: str
    title: str
    code: str  # the plan's
    key: str  # stable: the feed entry's id

    @property
    def on(self) -> dt.date:
        return self.when.date()


def plan_roles(saved: SharedResult) -> dict[str, str]:
    """Each certification the plan names, with its place in it: held when the answers said so
    or its owner marked its step done (an exam passed is no longer one to book)."""
    done = done_certifications(saved.result.get("pathway", []), saved.done_steps())
    roles: dict[str, str] = {slug: "held" for slug, _ in done}
    for held in saved.answers.get("held") or []:
        roles.setdefault(held["slug"], "held")
    for step in saved.result.get("pathway", []):
        if step.get("kind") == "certification" and step.get("slug"):
            roles.setdefault(step["slug"], step.get("part") or "plan")
        elif step.get("kind") == "renewal" and step.get("slug"):
            roles.setdefault(step["slug"], "held")
    return roles


def _day(text: str | dt.date | None) -> str:
    if isinstance(text, str):
        text = dt.date.fromisoformat(text)
    return long_date(text) if text else "a day not yet published"


def _what_changed(
    facts: dict[str, dict[str, Any]], names: dict[str, str], now: Certification | None
) -> list[str]:
    """What one save changed, in words. `now` is the certification as the catalogue has it:
    its last exam day is told when the save changed the status but not the day."""
    said = []
    if "removed" in facts:
        return ["it is no longer in the catalogue"]
    status = facts.get("status", {}).get("after")
    last_day = now.status_date if now else None
    day = facts["status_date"]["after"] if "status_date" in facts else last_day
    if status == "retiring":
        said.append(f"it is retiring, with its last exam day on {_day(day)}")
    elif status == "retired":
        said.append(f"it is retired and can no longer be booked (last exam day {_day(day)})")
    elif status == "active":
        said.append("it is offered again")
    elif "status_date" in facts and "version" not in facts:
        if now is not None and now.status in ("retiring", "retired"):
            said.append(f"its last exam day is now {_day(day)}")
        else:  # an active exam's date is when its current version went live
            said.append(f"its current exam version dates from {_day(day)}")
    if "successors" in facts:
        after = [names.get(slug, slug) for slug in facts["successors"]["after"] or []]
        said.append(f"its successor is {' or '.join(after)}" if after else "it names no successor")
    if "price_usd" in facts:
        before, after = facts["price_usd"]["before"], facts["price_usd"]["after"]
        was = f" (was {money(before)})" if before is not None else ""
        said.append(
            f"its price is now {money(after)}{was}"
            if after is not None
            else "its price is no longer published"
        )
    if "version" in facts:
        said.append(f"a new exam version went live on {_day(facts['version']['after'])}")
    return said


def _what_it_means(facts: dict[str, dict[str, Any]], role: str) -> str:
    status = facts.get("status", {}).get("after")
    gone = "removed" in facts or status == "retired"
    if role in _BOOKED and gone:
        return "Re-plan to see what to take instead."
    if role in _BOOKED and (status == "retiring" or "successors" in facts):
        return "Book it before its last day, or re-plan to see what to take instead."
    if role == "held" and (gone or status == "retiring" or "successors" in facts):
        return "What you hold stays valid until it expires; re-plan to see how to renew it."
    if role == "held" and "version" in facts:
        return "What you hold is unchanged; renewing it by exam would mean the new version."
    if "price_usd" in facts:
        return "The plan's cost changes: re-plan to see it."
    if "version" in facts:
        return "Check the new exam guide before you study further."
    return "Re-plan to see whether your plan changes."


def plan_alerts(saved: SharedResult) -> list[Alert]:
    """The plan's alerts, newest first."""
    roles = plan_roles(saved)
    if not roles:
        return []
    catalogue = current_catalogue()[0].by_slug()
    names = {slug: cert.name for slug, cert in catalogue.items()}
    rows = fact_changes(roles, saved.created_at)
    alerts = []
    for (slug, when), group in groupby(rows, key=lambda r: (r["slug"], r["changed_at"])):
        items = list(group)
        facts = {row["field"]: row for row in items}
        said = _what_changed(facts, names, catalogue.get(slug))
        if not said:
            continue
        role = roles[slug]
        title = (
            f"{items[0]['name']} ({_ROLES[role]}): {'; '.join(said)}. {_what_it_means(facts, role)}"
        )
        alerts.append(Alert(when, slug, title, saved.code, f"{saved.code}:{items[0]['pk']}"))
    return sorted(alerts, key=lambda a: a.when, reverse=True)
