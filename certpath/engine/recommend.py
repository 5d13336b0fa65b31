"""From a visitor and a prepared catalogue to ranked recommendations (contract v2).

The order is: bookable targets by score; then certifications the visitor holds and are still
valid (never targets again), soonest renewal first; then exams that can no longer be booked.
`final_score` is the one number the ranking sorts targets by (everything that places one lower
is points off it, see placement.py), and the what-if search uses the same function, so a
what-if claim is true by construction (and a property test checks it).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, TypedDict

from certpath.engine import placement, rules, scoring
from certpath.engine.answers import AnswersProblem
from certpath.engine.placement import tenths
from certpath.engine.words import long_date, money


class Factor(TypedDict):
    """One factor's points and reason, already in the result document's form (built for every
    factor of every certification)."""

    key: str
    points: float
    reason: str


@dataclass(slots=True)
class Recommendation:
    prepared: scoring.Prepared
    fit: float  # score before the status factor, unrounded
    fractions: dict[str, float]  # per factor, for the what-if search
    gaps: list[scoring.Gap]
    readiness: str
    held: scoring.Holding | None
    target: bool  # bookable and not already held: something to aim for
    factors: list[Factor] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    score: float = 0.0
    rank: int = 0
    order: tuple[Any, ...] = ()  # a target's order_key, as ranked

    @property
    def slug(self) -> str:
        return self.prepared.cert.slug

    @property
    def bookable(self) -> bool:
        return not self.prepared.closed


def resolve_weights(overrides: Mapping[str, float] | None) -> dict[str, float]:
    """The weight table with a visitor's overrides; unknown keys and bad values are refused
    with the field each problem is about (AnswersProblem), so callers never parse messages."""
    weights = dict(rules.DEFAULT_WEIGHTS)
    for key, value in (overrides or {}).items():
        if key not in weights:
            raise AnswersProblem(
                [(f"weights.{key}", f"not a factor (one of {', '.join(weights)})")]
            )
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not (0 <= value <= rules.MAX_WEIGHT_OVERRIDE)
        ):
            raise AnswersProblem(
                [(f"weights.{key}", f"must be between 0 and {rules.MAX_WEIGHT_OVERRIDE}")]
            )
        weights[key] = float(value)
    if not any(weights.values()):
        raise AnswersProblem([("weights", "at least one factor must count for more than 0")])
    return weights


def order_key(
    visitor: scoring.Visitor, prepared: scoring.Prepared, score: float, today: dt.date
) -> tuple[Any, ...]:
    """Targets by the score shown (which already counts everything that places one lower);
    at an equal score the one at the visitor's level wins, then the slug keeps it stable."""
    return (-score, -scoring.level_fit(visitor, prepared), prepared.slug)


class Scorer:
    """Scores and explains each certification for one visitor. The weights are resolved for
    the visitor's factors once, and a factor whose reason depends on a small part of a
    certification (scoring.PROFILES) is worked out once per distinct part."""

    def __init__(
        self, visitor: scoring.Visitor, weights: Mapping[str, float], keys: tuple[str, ...]
    ) -> None:
        self.v, self.keys = visitor, keys
        self._plan = tuple(zip(keys, scoring.factor_points(weights, keys), strict=True))
        self._memo: dict[Hashable, tuple[float, scoring.Reason]] = {}
        self._held = {h.slug: h for h in visitor.holdings}

    def recommendation(self, prepared: scoring.Prepared) -> Recommendation:
        """Numbers and reasons; the factor points add up to the score exactly. An exam that
        cannot be booked, or one the visitor holds, is not scored: its status is the reason
        (a table of points for something nobody can aim for would only be noise)."""
        v = self.v
        held = self._held.get(prepared.slug)
        found = scoring.gaps(v, prepared)
        if prepared.closed or (held is not None and held.valid) or not prepared.cert.is_target:
            return Recommendation(
                prepared=prepared,
                fit=0.0,
                fractions={},
                gaps=found,
                readiness=scoring.readiness(found),
                held=held,
                target=False,
            )
        memo, profiles = self._memo, prepared.profiles
        fractions: dict[str, float] = {}
        factors: list[Factor] = []
        exact: list[float] = []
        tenths_each: list[int] = []  # each factor's points in whole tenths
        for key, points in self._plan:
            profile = profiles.get(key)
            said = memo.get(profile) if profile is not None else None
            if said is None:
                said = scoring.FACTORS[key](v, prepared, True)
                if profile is not None:
                    memo[profile] = said
            fraction, reason = said
            fractions[key] = fraction
            share = fraction * points
            exact.append(share)
            tenths_each.append(math.floor(share * 10))
            factors.append({"key": key, "points": 0.0, "reason": reason or ""})
        fit = sum(exact)  # as scoring.fit sums it, so the what-if search gets the same number
        # The shown points must add up to the shown score, and each stay within a tenth of its
        # exact share: the tenths left after rounding down go to the largest remainders.
        left = round(fit * 10) - sum(tenths_each)
        by_remainder = sorted(
            range(len(exact)), key=lambda i: exact[i] * 10 - tenths_each[i], reverse=True
        )
        for i in by_remainder[: max(0, left)]:
            tenths_each[i] += 1
        for factor, count in zip(factors, tenths_each, strict=True):
            factor["points"] = count / 10
        return Recommendation(
            prepared=prepared,
            fit=fit,
            fractions=fractions,
            gaps=found,
            readiness=scoring.readiness(found),
            held=held,
            target=True,
            factors=factors,
            score=tenths(fit),
        )


def _apply_status(
    rec: Recommendation,
    visitor: scoring.Visitor,
    today: dt.date,
    names: Mapping[str, str],
    budget_orders: bool,
) -> None:
    cert = rec.prepared.cert
    held = rec.held
    held_successor = next((names[s] for s in cert.successors if s in visitor.valid_slugs), None)
    if held_successor:
        instead = f" You hold its successor, {held_successor}."
    else:
        instead = f" Take {names[cert.successor]} instead." if cert.successor in names else ""
    if held is not None and held.valid:
        until = f", valid until {long_date(held.valid_until)}" if held.valid_until else ""
        rec.factors.append(
            Factor(key="status", points=0.0, reason=f"You hold this{until}, so it is not a target.")
        )
        return
    if not cert.is_target:
        rec.factors.append(
            Factor(
                key="status",
                points=0.0,
                reason="A prerequisite credential that other certifications require: listed so "
                "you can say you hold it, never recommended as a target.",
            )
        )
        return
    if rec.prepared.closed:
        assert cert.status_date is not None  # the schema requires it for retired/retiring
        closed_on = long_date(cert.status_date)
        rec.factors.append(
            Factor(
                key="status",
                points=0.0,
                reason=f"Retired: the last day to sit this exam was {closed_on}, so it is not "
                f"a target.{instead}",
            )
        )
        if held is None or not held_successor:
            rec.warnings.append(
                f"Retired: this exam closed on {closed_on} and can no longer be booked.{instead}"
            )
        return
    if held is not None:
        assert held.valid_until is not None
        if held_successor:
            rec.warnings.append(
                f"Your credential expired on {long_date(held.valid_until)}; you hold its "
                f"successor, {held_successor}, so nothing more is needed."
            )
        else:
            rec.warnings.append(
                f"Your credential expired on {long_date(held.valid_until)}: earning it again is "
                "one option."
            )
    _place(rec, visitor, today, instead, budget_orders)


def _place(
    rec: Recommendation,
    visitor: scoring.Visitor,
    today: dt.date,
    instead: str,
    budget_orders: bool,
) -> None:
    """The status and every penalty as factors; the score is what they leave (never below 0),
    and the factor points still add up to it exactly."""
    cert = rec.prepared.cert
    said = placement.penalties(
        visitor, rec.prepared, today, explain=True, found=rec.gaps, budget_orders=budget_orders
    )
    by_key = {p.key: p for p in said}
    remaining = tenths(rec.fit)

    def take(points: float) -> float:
        nonlocal remaining
        taken = min(points, remaining)
        remaining = tenths(remaining - taken)
        return -float(taken) if taken else 0.0

    if cert.status == "retiring" and cert.status_date is not None:
        closes = long_date(cert.status_date)
        late = by_key.get("status")
        if late is not None:
            rec.factors.append(
                Factor(key="status", points=take(late.points), reason=late.reason + instead)
            )
        else:
            rec.factors.append(
                Factor(
                    key="status",
                    points=0.0,
                    reason=f"Retiring on {closes}: book it before then.{instead}",
                )
            )
        rec.warnings.append(f"Retiring: the last day to sit this exam is {closes}.{instead}")
    else:
        rec.factors.append(
            Factor(key="status", points=0.0, reason="Active: you can book this exam.")
        )
    track = by_key.get("track")
    rec.factors.append(
        Factor(
            key="track",
            points=take(track.points) if track else 0.0,
            reason=track.reason if track else scoring.track_reason(visitor, rec.prepared),
        )
    )
    if track is not None:
        rec.warnings.append(track.reason)
    for penalty in said:
        if penalty.key in ("status", "track"):
            continue
        rec.factors.append(
            Factor(key=penalty.key, points=take(penalty.points), reason=penalty.reason)
        )
        if penalty.key in ("standing", "prerequisite"):
            rec.warnings.append(penalty.reason)
    rec.score = remaining


def _budget_warning(rec: Recommendation, visitor: scoring.Visitor) -> None:
    """Said on every target whenever a budget is given, even when nothing fits it (the
    budget factor then does not apply, and a note says so once): over is over."""
    cost = rec.prepared.cost_3y
    if not (visitor.budget is not None and rec.target):
        return
    price = rec.prepared.cert.price_usd
    if cost is None and price is None:
        rec.warnings.append(
            f"Its price is not published, so certpath cannot tell whether it fits your budget "
            f"of {money(visitor.budget)}: check with the vendor before you plan on it."
        )
    elif cost is None and price > visitor.budget:
        rec.warnings.append(
            f"Over your budget: the first attempt alone costs {money(price)} "
            f"against {money(visitor.budget)}."
        )
    elif cost is None:
        rec.warnings.append(
            f"The first attempt, {money(price)}, fits your budget of {money(visitor.budget)}, "
            "but what renewing it costs is not published: check with the vendor before you "
            "plan on keeping it."
        )
    elif cost > visitor.budget:
        rec.warnings.append(
            f"Over your budget: about {money(cost)} over three years "
            f"against {money(visitor.budget)}."
        )


def _unscored_order(rec: Recommendation) -> tuple[int, str, str]:
    return (-rec.prepared.rank, rec.prepared.cert.name, rec.slug)


def _held_order(rec: Recommendation) -> tuple[Any, ...]:
    """Held certifications: the soonest renewal first (one that does not expire last)."""
    until = rec.held.valid_until if rec.held is not None else None
    return (until is None, until or dt.date.max, *_unscored_order(rec))


def rank(
    visitor: scoring.Visitor,
    prepared: list[scoring.Prepared],
    *,
    today: dt.date,
    weights: Mapping[str, float],
    context: scoring.Context,
) -> list[Recommendation]:
    keys = scoring.applicable_factors(visitor, context)
    names = {p.slug: p.cert.name for p in prepared}
    scorer = Scorer(visitor, weights, keys)
    # Each factor once, with its reason: every recommendation carries its reasons.
    recs = [scorer.recommendation(p) for p in prepared]
    budget_orders = context.budget_orders(visitor)
    for rec in recs:
        _apply_status(rec, visitor, today, names, budget_orders)
        _budget_warning(rec, visitor)
    targets = [r for r in recs if r.target]
    for rec in targets:
        rec.order = order_key(visitor, rec.prepared, rec.score, today)
    targets.sort(key=attrgetter("order"))
    # Not scored, so in a fixed order: held ones by renewal date, closed ones by level.
    held = sorted(
        (r for r in recs if r.bookable and not r.target and r.held is not None),
        key=_held_order,
    )
    closed = sorted((r for r in recs if not r.bookable), key=_unscored_order)
    ordered = targets + held + closed
    for position, rec in enumerate(ordered, start=1):
        rec.rank = position
    # Prerequisite credentials the visitor does not hold are never targets and are not
    # listed (rank 0), but the plan may earn one first, so they stay at the end.
    return ordered + [r for r in recs if r.bookable and not r.target and r.held is None]


def held_document(held: scoring.Holding | None) -> dict[str, Any] | None:
    if held is None:
        return None
    return {
        "earned_on": held.earned_on.isoformat() if held.earned_on else None,
        "valid_until": held.valid_until.isoformat() if held.valid_until else None,
        "valid": held.valid,
    }


def recommendation_document(rec: Recommendation) -> dict[str, Any]:
    cert = rec.prepared.cert
    return {
        "rank": rec.rank,
        "slug": cert.slug,
        "name": cert.name,
        "provider": cert.provider,
        "score": rec.score,
        "status": "retired" if rec.prepared.closed else cert.status,
        "successor": cert.successor,
        "readiness": rec.readiness,
        "factors": rec.factors,
        "gaps": [
            {
                "skill": g.skill,
                "have": g.have,
                "need": g.need,
                "blocking": g.blocking,
                "assumed": g.assumed,
                "label": scoring.gap_label(g),
            }
            for g in rec.gaps
        ],
        "warnings": rec.warnings,
        "level": cert.level,
        "platform": cert.platform,
        "held": held_document(rec.held),
        "tests_coding": cert.tests_coding,
        "status_date": cert.status_date.isoformat() if cert.status_date else None,
        "price_usd": cert.price_usd,
        "cost_3y_usd": rec.prepared.cost_3y,
        "facts": rec.prepared.facts,
    }
