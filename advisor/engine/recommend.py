"""From validated answers and a catalogue snapshot to the result document (contract v1)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from advisor.engine import rules, scoring
from advisor.engine.costs import cost_3y_usd
from certifications.schema import Catalogue


@dataclass(frozen=True, slots=True)
class Factor:
    key: str
    points: float
    reason: str


@dataclass(slots=True)
class Recommendation:
    prepared: scoring.Prepared
    fit: float  # score before the status factor, unrounded
    factors: list[Factor]
    gaps: list[scoring.Gap]
    readiness: str
    fractions: dict[str, float] = field(default_factory=dict)  # per factor, for what-ifs
    warnings: list[str] = field(default_factory=list)
    score: float = 0.0
    rank: int = 0

    @property
    def slug(self) -> str:
        return self.prepared.cert.slug

    @property
    def bookable(self) -> bool:
        return not self.prepared.closed

    def weeks_to_ready(self, weekly_hours: int) -> int:
        hours = scoring.study_hours(self.gaps) + rules.EXAM_PREP_HOURS[self.prepared.cert.level]
        return math.ceil(hours / weekly_hours)


def resolve_weights(overrides: Mapping[str, float] | None) -> dict[str, float]:
    """The weight table with a visitor's overrides; unknown keys and bad values are refused."""
    weights = dict(rules.DEFAULT_WEIGHTS)
    for key, value in (overrides or {}).items():
        if key not in weights:
            raise ValueError(f"weights.{key}: not a factor (one of {', '.join(weights)})")
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not (0 <= value <= rules.MAX_WEIGHT_OVERRIDE)
        ):
            raise ValueError(f"weights.{key}: must be between 0 and {rules.MAX_WEIGHT_OVERRIDE}")
        weights[key] = float(value)
    return weights


def _round_to_total(values: list[float], total: float) -> list[float]:
    """Round to one decimal so the rounded parts add up to the rounded total exactly.

    Any rounding drift (a tenth or two) goes to the largest part, where it matters least.
    """
    points = [round(value, 1) for value in values]
    drift = round(round(total, 1) - sum(points), 1)
    if drift:
        largest = max(range(len(points)), key=points.__getitem__)
        points[largest] = round(points[largest] + drift, 1)
    return points


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def evaluate(
    v: scoring.Visitor,
    prepared: scoring.Prepared,
    weights: Mapping[str, float],
    keys: tuple[str, ...],
) -> Recommendation:
    total_weight = sum(weights[k] for k in keys)
    scale = 100 / total_weight if total_weight else 0.0
    exact: list[float] = []
    reasons: list[str] = []
    fractions: dict[str, float] = {}
    for key in keys:
        fraction, reason = scoring.FACTORS[key](v, prepared, True)
        fractions[key] = fraction
        exact.append(scale * weights[key] * fraction)
        reasons.append(reason or "")
    fit = sum(exact)
    points = _round_to_total(exact, fit)
    factors = [Factor(k, p, r) for k, p, r in zip(keys, points, reasons, strict=True)]
    found = scoring.gaps(v, prepared)
    return Recommendation(
        prepared=prepared,
        fit=fit,
        factors=factors,
        gaps=found,
        readiness=scoring.readiness(found),
        fractions=fractions,
        score=round(fit, 1),
    )


def _apply_status(rec: Recommendation, v: scoring.Visitor, today: dt.date, names: dict) -> None:
    cert = rec.prepared.cert
    successor = cert.successor
    instead = f" Take {names[successor]} instead." if successor in names else ""
    if rec.prepared.closed:
        assert cert.status_date is not None  # the schema requires it for retired/retiring
        rec.factors.append(
            Factor(
                "status",
                -rec.score,
                f"Retired: the last day to sit this exam was {_long_date(cert.status_date)}, so it "
                f"is not a target (your fit before this: {rec.score:g}).{instead}",
            )
        )
        rec.warnings.append(
            f"Retired: this exam closed on {_long_date(cert.status_date)} and can no longer be "
            f"booked.{instead}"
        )
        rec.score = 0.0
        return
    if cert.status == "retiring" and cert.status_date is not None:
        ready_on = today + dt.timedelta(weeks=rec.weeks_to_ready(v.weekly_study_hours))
        closes = _long_date(cert.status_date)
        if ready_on > cert.status_date:
            penalty = min(rules.RETIRING_PENALTY, rec.score)
            rec.factors.append(
                Factor(
                    "status",
                    -penalty,
                    f"Retiring on {closes}: at your pace you would be ready around "
                    f"{_long_date(ready_on)}, after it closes.{instead}",
                )
            )
            rec.score = round(rec.score - penalty, 1)
        else:
            rec.factors.append(
                Factor("status", 0.0, f"Retiring on {closes}: book it before then.{instead}")
            )
        rec.warnings.append(f"Retiring: the last day to sit this exam is {closes}.{instead}")
        return
    rec.factors.append(Factor("status", 0.0, "Active: you can book this exam."))


def rank(
    v: scoring.Visitor,
    prepared: list[scoring.Prepared],
    *,
    today: dt.date,
    weights: Mapping[str, float],
) -> list[Recommendation]:
    keys = scoring.applicable_factors(v)
    names = {p.cert.slug: p.cert.name for p in prepared}
    recs = [evaluate(v, p, weights, keys) for p in prepared]
    for rec in recs:
        _apply_status(rec, v, today, names)
    bookable = sorted(
        (r for r in recs if r.bookable),
        key=lambda r: (-r.score, r.prepared.stage, r.slug),
    )
    closed = sorted((r for r in recs if not r.bookable), key=lambda r: (-r.fit, r.slug))
    ordered = bookable + closed
    for position, rec in enumerate(ordered, start=1):
        rec.rank = position
    return ordered


_PREPARED: dict[tuple[int, dt.date], tuple[Catalogue, list[scoring.Prepared]]] = {}


def prepare_all(catalogue: Catalogue, today: dt.date) -> list[scoring.Prepared]:
    """Per-certification data the scoring needs, memoised per catalogue object and day."""
    key = (id(catalogue), today)
    hit = _PREPARED.get(key)
    if hit is not None and hit[0] is catalogue:
        return hit[1]
    today_iso = today.isoformat()
    prepared = [scoring.prepare(cert, today_iso) for cert in catalogue.certifications]
    if len(_PREPARED) >= 8:
        _PREPARED.clear()
    _PREPARED[key] = (catalogue, prepared)  # holding the catalogue keeps its id unique
    return prepared


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
        "factors": [{"key": f.key, "points": f.points, "reason": f.reason} for f in rec.factors],
        "gaps": [
            {
                "skill": g.skill,
                "have": g.have,
                "need": g.need,
                "blocking": g.blocking,
                "label": scoring.gap_label(g),
            }
            for g in rec.gaps
        ],
        "warnings": rec.warnings,
        "level": cert.level,
        "platform": cert.platform,
        "status_date": cert.status_date.isoformat() if cert.status_date else None,
        "price_usd": cert.price_usd,
        "cost_3y_usd": cost_3y_usd(cert, bookable=rec.bookable),
        "facts": rec.prepared.facts,
    }
