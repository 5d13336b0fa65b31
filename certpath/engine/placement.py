"""What places a certification lower, as points taken off its score.

Version 3 of the domain notes: people read the list top to bottom and trust the number beside
each entry, so whatever puts a certification lower (off the visitor's track, standing with
employers unknown, closing before they could be ready, a prerequisite they lack, an optional
refresh of what they hold) is part of the score, with its points and its sentence. The ranking
then sorts by the score alone, and the what-if search uses the same function.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import NamedTuple

from certpath.engine import rules, scoring
from certpath.engine.words import a, clause, long_date, money, years


class Penalty(NamedTuple):
    key: str  # the factor it is shown as
    points: float  # taken off (math.inf: everything, the certification is a later goal)
    reason: str


ALL = math.inf


def weeks_to_ready(
    visitor: scoring.Visitor, prepared: scoring.Prepared, found: list[scoring.Gap]
) -> float:
    """Study weeks to the exam: skill gaps plus exam preparation, at the visitor's pace."""
    hours = scoring.study_hours(found) + rules.EXAM_PREP_HOURS[prepared.cert.level]
    return hours / visitor.weekly_study_hours


def ready_on(
    visitor: scoring.Visitor, prepared: scoring.Prepared, found: list[scoring.Gap], today: dt.date
) -> dt.date:
    return today + dt.timedelta(days=math.ceil(7 * weeks_to_ready(visitor, prepared, found)))


def closes_first(
    visitor: scoring.Visitor, prepared: scoring.Prepared, found: list[scoring.Gap], today: dt.date
) -> bool:
    """A retiring exam that closes before the visitor could be ready for it."""
    cert = prepared.cert
    return (
        cert.status == "retiring"
        and cert.status_date is not None
        and ready_on(visitor, prepared, found, today) > cert.status_date
    )


def refreshes(visitor: scoring.Visitor, prepared: scoring.Prepared) -> scoring.Holding | None:
    """A valid held credential this one succeeds at the same level, which the visitor can keep
    without it (AI-901 after a lifetime AI-900). One that lapses and cannot be renewed (DP-100)
    makes its successor the way to stay certified, not an optional refresh."""
    return next(
        (
            h
            for h in visitor.valid_holdings
            if prepared.slug in h.successors and h.rank == prepared.rank and h.renewable
        ),
        None,
    )


def out_of_reach(visitor: scoring.Visitor, prepared: scoring.Prepared) -> bool:
    """Two or more levels above the visitor's stage (for this kind of exam), or a professional
    exam that tests ML skills for someone who says they have done no ML work (domain notes,
    v3: not the top pick for someone with no ML work behind them)."""
    if prepared.rank - scoring.stage_for(visitor, prepared) >= 2:
        return True
    return (
        prepared.rank == 2
        and prepared.cert.tests_coding
        and visitor.ml_years is not None
        and visitor.ml_years < rules.ML_WORK_YEARS_FOR_EXPERIENCED
    )


def over_budget(visitor: scoring.Visitor, prepared: scoring.Prepared) -> str | None:
    """What is known to be over the visitor's budget (None: within it, unknown, or no budget)."""
    if visitor.budget is None:
        return None
    cost, price = prepared.cost_3y, prepared.cert.price_usd
    if cost is not None and cost > visitor.budget:
        return f"about {money(cost)} over three years"
    if cost is None and price is not None and price > visitor.budget:
        return f"the first attempt alone costs {money(price)}"
    return None


def needs_gate(prepared: scoring.Prepared) -> bool:
    """Whether anything can gate this certification: prerequisites or required work years."""
    return bool(prepared.requirements or prepared.cert.required_work_years)


def _prerequisite(
    visitor: scoring.Visitor, prepared: scoring.Prepared, explain: bool = True
) -> Penalty | None:
    required = prepared.cert.required_work_years
    if required and visitor.industry_years < required:
        reason = ""
        if explain:
            reason = (
                f"It is awarded only after {years(required)} of professional work (you have "
                f"{years(visitor.industry_years)}): a later goal, not a next step, so it scores "
                "nothing for now."
            )
        return Penalty("prerequisite", ALL, reason)
    missing = scoring.missing_requirements(visitor, prepared)
    if not missing:
        return None
    later = [r for r in missing if r.reach == "later"]
    if later:
        if not explain:
            return Penalty("prerequisite", ALL, "")
        need = later[0]
        work = (
            f", which needs {years(need.work_years)} of other professional work"
            if need.work_years
            else ""
        )
        return Penalty(
            "prerequisite",
            ALL,
            f"It requires {clause(need.name)}{work}: a later goal once you hold it, not a "
            "next step, so it scores nothing for now.",
        )
    unlisted = [r for r in missing if r.reach == "unlisted"]
    if unlisted:
        return Penalty(
            "prerequisite",
            rules.PREREQUISITE_UNLISTED_PENALTY,
            f"It requires {clause(unlisted[0].name)} first, which certpath does not list, so "
            "the plan cannot time it."
            if explain
            else "",
        )
    return Penalty(
        "prerequisite",
        rules.PREREQUISITE_IN_PLAN_PENALTY,
        f"It requires {clause(missing[0].name)} first: the plan earns it before this exam, at "
        "its own cost and time."
        if explain
        else "",
    )


def penalties(
    visitor: scoring.Visitor,
    prepared: scoring.Prepared,
    today: dt.date,
    *,
    explain: bool,
    found: list[scoring.Gap] | None = None,
    budget_orders: bool = True,
) -> list[Penalty]:
    """Every reason this target is placed lower, with the points it costs. Reasons are only
    worded when asked, and the gaps (`found`) only worked out for a retiring exam when not
    given: the what-if search needs the points alone, for every target it rescores. Being
    over the budget costs points only where the budget orders the path
    (`Context.budget_orders`)."""
    said: list[Penalty] = []
    cert = prepared.cert
    if not scoring.on_track(visitor, prepared):
        reason = scoring.track_reason(visitor, prepared) if explain else ""
        said.append(Penalty("track", rules.OFF_TRACK_PENALTY, reason))
    if not scoring.recognised(prepared):
        said.append(Penalty("standing", rules.UNRECOGNISED_PENALTY, scoring.RECOGNITION_WARNING))
    if out_of_reach(visitor, prepared):
        reason = ""
        if explain:
            far = prepared.rank - scoring.stage_for(visitor, prepared) >= 2
            reason = (
                f"{a(prepared.cert.level).capitalize()} exam is two levels above where you "
                "are: not a sensible next step yet, so it loses points; a level between "
                "comes first."
                if far
                else f"{a(prepared.cert.level).capitalize()} exam that tests ML skills, and "
                "you have no ML work behind you yet: an associate one comes first, so it "
                "loses points."
            )
        said.append(Penalty("reach", rules.OUT_OF_REACH_PENALTY, reason))
    if cert.status == "retiring" and found is None:
        found = scoring.gaps(visitor, prepared)
    if cert.status == "retiring" and closes_first(visitor, prepared, found or [], today):
        reason = ""
        if explain:
            assert cert.status_date is not None
            reason = (
                f"Retiring on {long_date(cert.status_date)}: at your pace you would be ready "
                f"around {long_date(ready_on(visitor, prepared, found or [], today))}, after it "
                "closes."
            )
        said.append(Penalty("status", rules.RETIRING_PENALTY, reason))
    needs = _prerequisite(visitor, prepared, explain) if needs_gate(prepared) else None
    if needs is not None:
        said.append(needs)
    over = over_budget(visitor, prepared) if budget_orders else None
    if over is not None:
        reason = (
            f"Over your budget of {money(visitor.budget)}: {over}, so it loses points; one "
            "that fits your budget and suits you nearly as well comes first."
            if explain
            else ""
        )
        said.append(Penalty("cost", rules.OVER_BUDGET_PENALTY, reason))
    held = refreshes(visitor, prepared) if visitor.valid_holdings else None
    if held is not None:
        reason = (
            f"It succeeds your {held.name} at the same level: an optional refresh, not a new "
            "step, so it loses points."
            if explain
            else ""
        )
        said.append(Penalty("refresh", rules.REFRESH_PENALTY, reason))
    return said


def tenths(value: float) -> float:
    """To one decimal place, as every score and factor's points are shown: the tenths rounded
    as a whole number, at about half the cost of round(value, 1). (The two differ only on an
    exact half tenth, like 0.15, which is not exactly representable: either is fair.)"""
    return round(value * 10) / 10


def final_score(
    visitor: scoring.Visitor,
    prepared: scoring.Prepared,
    fit: float,
    today: dt.date,
    budget_orders: bool = True,
) -> float:
    """A target's score as ranked and shown: the fit less every penalty, never below 0."""
    said = penalties(visitor, prepared, today, explain=False, budget_orders=budget_orders)
    off = sum(p.points for p in said)
    return max(0.0, tenths(tenths(fit) - off)) if off != ALL else 0.0
