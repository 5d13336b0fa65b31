"""What-ifs: for the visitor's top few, the smallest single change in the answers that would put
a certification first, or make the first one ready."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from advisor.engine import rules, scoring
from advisor.engine.recommend import Recommendation
from advisor.vocabulary import SKILL_LABELS

ENVIRONMENT_CHANGE_SIZE = 2  # working on another platform is a bigger change than one level


@dataclass(frozen=True, slots=True)
class Change:
    path: str  # contract key, e.g. skills.spark or experience.platform_years.gcp
    before: Any
    after: Any
    size: float
    wording: str


def _with(v: scoring.Visitor, change: Change) -> scoring.Visitor:
    parts = change.path.split(".")
    if parts[0] == "skills":
        return v.changed(skills={**v.skills, parts[1]: change.after})
    if parts[:2] == ["experience", "industry_years"]:
        return v.changed(industry_years=change.after)
    if parts[:2] == ["experience", "platform_years"]:
        return v.changed(platform_years={**v.platform_years, parts[2]: change.after})
    if parts == ["goals", "exam_format"]:
        return v.changed(exam_format=change.after)
    return v.changed(**{parts[-1]: change.after})


def _years(value: float) -> str:
    return f"{value:g} year" + ("" if value == 1 else "s")


def candidates(v: scoring.Visitor, rec: Recommendation) -> list[Change]:
    """Single changes that can help this certification, smallest first."""
    found: list[Change] = []
    platform = rec.prepared.cert.platform
    for gap in rec.gaps:
        if gap.kind == "skill":
            for level in range(int(gap.have) + 1, int(gap.need) + 1):
                found.append(
                    Change(
                        f"skills.{gap.skill}",
                        int(gap.have),
                        level,
                        level - gap.have,
                        f"Reach {SKILL_LABELS[gap.skill]} level {level}",
                    )
                )
        else:
            path = (
                "experience.industry_years"
                if gap.skill == "industry_years"
                else f"experience.{gap.skill}"
            )
            where = (
                "in industry"
                if gap.skill == "industry_years"
                else f"on {rules.PLATFORM_NAMES[platform]}"
            )
            for extra in range(1, math.ceil(gap.need - gap.have) + 1):
                after = min(gap.need, gap.have + extra)
                found.append(
                    Change(
                        path,
                        gap.have,
                        after,
                        after - gap.have,
                        f"With {_years(after)} {where}",
                    )
                )
    if platform in ("aws", "azure", "gcp", "databricks") and v.environment != platform:
        found.append(
            Change(
                "environment",
                v.environment,
                platform,
                ENVIRONMENT_CHANGE_SIZE,
                f"If your employer ran on {rules.PLATFORM_NAMES[platform]}",
            )
        )
    wanted = v.exam_format
    if wanted not in ("any", rec.prepared.cert.format):
        found.append(
            Change("goals.exam_format", wanted, "any", 1, "If the exam format did not matter")
        )
    return sorted(found, key=lambda c: (c.size, c.path, str(c.after)))


# Which factors a change can move; a change of environment switches the factor set itself.
_AFFECTS = {
    "skills": ("skills", "level"),
    "experience": ("experience", "level"),
    "goals": ("exam_format",),
}


def _leader(
    v: scoring.Visitor,
    change: Change,
    bookable: list[Recommendation],
    weights: Mapping[str, float],
) -> str:
    """The slug that would rank first after the change (same order as the ranking)."""
    keys = scoring.applicable_factors(v)
    total = sum(weights[k] for k in keys)
    affected = _AFFECTS.get(change.path.split(".", 1)[0])

    def score(rec: Recommendation) -> float:
        if affected is None or not total:
            return scoring.raw_score(v, rec.prepared, weights, keys)
        delta = sum(
            weights[k] * (scoring.FACTORS[k](v, rec.prepared, False)[0] - rec.fractions[k])
            for k in affected
        )
        return rec.fit + 100 * delta / total

    best = min(bookable, key=lambda r: (-round(score(r), 1), r.prepared.stage, r.slug))
    return best.slug


_OUTCOMES = {
    "ranks_first": ("ranks first", "would rank first"),
    "ready": ("is ready for you", "would be ready for you"),
}


def _found(rec: Recommendation, change: Change, effect: str) -> dict[str, Any]:
    plain, conditional = _OUTCOMES[effect]
    name = rec.prepared.cert.name
    if change.wording.startswith("If "):
        message = f"{change.wording}, {name} {conditional}."
    else:
        message = f"{change.wording} and {name} {plain}."
    return {
        "slug": rec.slug,
        "effect": effect,
        "change": {"path": change.path, "from": change.before, "to": change.after},
        "message": message,
    }


def what_ifs(
    v: scoring.Visitor, ranked: list[Recommendation], weights: Mapping[str, float]
) -> list[dict[str, Any]]:
    bookable_recs = [r for r in ranked if r.bookable]
    results: list[dict[str, Any]] = []
    for position, rec in enumerate(bookable_recs[: rules.CERTIFICATIONS_IN_WHAT_IF]):
        if position == 0:
            if rec.readiness == "ready":
                continue
            for change in _iter_ready(v, rec):
                results.append(_found(rec, change, "ready"))
                break
            continue
        for change in candidates(v, rec):
            if _leader(_with(v, change), change, bookable_recs, weights) == rec.slug:
                results.append(_found(rec, change, "ranks_first"))
                break
    return results


def _iter_ready(v: scoring.Visitor, rec: Recommendation) -> Iterator[Change]:
    """Only a certification with one gap left can become ready in one change."""
    if len(rec.gaps) != 1:
        return
    for change in reversed(candidates(v, rec)):
        if change.path != "environment" and not scoring.gaps(_with(v, change), rec.prepared):
            yield change
            return
