"""What-ifs: for the visitor's top few targets, the smallest single change in the answers that
would put a certification first, or make the first one ready.

Changes a person can act on (a skill, study hours, the exam format) are tried before what only
time brings (years of experience), and both before "if your employer ran on X". The leader
after a change is found with the ranking's own `final_score` and `order_key`, retiring exams
and held certifications included, so every claim comes true when the change is applied.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from certpath.engine import rules, scoring
from certpath.engine.placement import final_score
from certpath.engine.recommend import Recommendation, order_key
from certpath.engine.words import years
from certpath.vocabulary import EMPLOYER_PLATFORMS, PLATFORM_LABELS, SKILL_LABELS


@dataclass(frozen=True, slots=True)
class Change:
    path: str  # contract key, e.g. skills.spark or experience.platform_years.gcp
    before: Any
    after: Any
    effort: int  # rules.CHANGE_EFFORT: what a person can do first
    size: float
    wording: str  # "Reach Apache Spark level 2" or "With 2 years on AWS" / "If …"


def apply(visitor: scoring.Visitor, change: Change) -> scoring.Visitor:
    parts = change.path.split(".")
    if parts[0] == "skills":
        return visitor.changed(skills={**visitor.skills, parts[1]: change.after})
    if parts[:2] == ["experience", "industry_years"]:
        return visitor.changed(industry_years=change.after)
    if parts[:2] == ["experience", "platform_years"]:
        return visitor.changed(platform_years={**visitor.platform_years, parts[2]: change.after})
    if parts == ["goals", "exam_format"]:
        return visitor.changed(exam_format=change.after)
    return visitor.changed(**{parts[-1]: change.after})


def _skill_changes(rec: Recommendation) -> list[Change]:
    found = []
    for gap in rec.gaps:
        if gap.kind != "skill":
            continue
        for level in range(int(gap.have) + 1, int(gap.need) + 1):
            found.append(
                Change(
                    f"skills.{gap.skill}",
                    int(gap.have),
                    level,
                    rules.CHANGE_EFFORT["skills"],
                    level - gap.have,
                    f"Reach {SKILL_LABELS[gap.skill]} level {level}",
                )
            )
    return found


def _experience_changes(rec: Recommendation) -> list[Change]:
    found = []
    platform = rec.prepared.cert.platform
    for gap in rec.gaps:
        if gap.kind != "experience":
            continue
        industry = gap.skill in ("industry_years", "work_years")  # both are years of work
        path = "experience.industry_years" if industry else f"experience.{gap.skill}"
        where = "in industry" if industry else f"on {PLATFORM_LABELS[platform]}"
        for extra in range(1, math.ceil(gap.need - gap.have) + 1):
            after = min(gap.need, gap.have + extra)
            found.append(
                Change(
                    path,
                    gap.have,
                    after,
                    rules.CHANGE_EFFORT["experience"],
                    after - gap.have,
                    f"With {years(after)} {where}",
                )
            )
    return found


def _hours_change(visitor: scoring.Visitor, rec: Recommendation, today: dt.date) -> list[Change]:
    """For a retiring exam the visitor could not be ready for in time: the weekly hours that
    would get them there before it closes."""
    cert = rec.prepared.cert
    if cert.status != "retiring" or cert.status_date is None:
        return []
    days = (cert.status_date - today).days
    if days <= 0:
        return []
    hours = scoring.study_hours(rec.gaps) + rules.EXAM_PREP_HOURS[cert.level]
    needed = math.ceil(7 * hours / days)
    while needed <= rules.MAX_WEEKLY_HOURS and (
        today + dt.timedelta(days=math.ceil(7 * hours / needed)) > cert.status_date
    ):
        needed += 1
    if needed <= visitor.weekly_study_hours or needed > rules.MAX_WEEKLY_HOURS:
        return []
    return [
        Change(
            "weekly_study_hours",
            visitor.weekly_study_hours,
            needed,
            rules.CHANGE_EFFORT["weekly_study_hours"],
            1,
            f"With {needed} study hours a week",
        )
    ]


def candidates(visitor: scoring.Visitor, rec: Recommendation, today: dt.date) -> list[Change]:
    """Single changes that can help this certification, what a person can do first."""
    found = _skill_changes(rec) + _hours_change(visitor, rec, today) + _experience_changes(rec)
    cert = rec.prepared.cert
    if visitor.exam_format not in ("any", cert.format):
        found.append(
            Change(
                "goals.exam_format",
                visitor.exam_format,
                "any",
                rules.CHANGE_EFFORT["goals"],
                1,
                "If the exam format did not matter",
            )
        )
    if cert.platform in EMPLOYER_PLATFORMS and visitor.environment != cert.platform:
        found.append(
            Change(
                "environment",
                visitor.environment,
                cert.platform,
                rules.CHANGE_EFFORT["environment"],
                1,
                f"If your employer ran on {PLATFORM_LABELS[cert.platform]}",
            )
        )
    return sorted(found, key=lambda c: (c.effort, c.size, c.path, str(c.after)))


# The factors a change can move (anything else, or a change of the factor set, rescores all).
_AFFECTS = {
    "skills": ("skills",),
    "experience": ("experience", "level"),
    "weekly_study_hours": (),
    "goals": ("exam_format",),
    "environment": ("platform", "employer_breadth"),  # both, as a change to "none" swaps them
}


class Search:
    """Finds the leader after one change, reusing every unaffected factor's fraction and every
    unaffected target's place."""

    def __init__(
        self,
        visitor: scoring.Visitor,
        ranked: list[Recommendation],
        weights: Mapping[str, float],
        context: scoring.Context,
        today: dt.date,
    ) -> None:
        self.v, self.weights, self.context, self.today = visitor, weights, context, today
        self.targets = [r for r in ranked if r.target]
        self.keys = scoring.applicable_factors(visitor, context)
        self.budget_orders = context.budget_orders(visitor)

    def ranks_first(self, change: Change, rec: Recommendation) -> bool:
        """Whether `rec` leads after the change. Targets the change cannot move keep today's
        order key, and today's order is sorted by it, so of those only the first can beat
        `rec`; every target the change moves is scored again."""
        changed = apply(self.v, change)
        keys = scoring.applicable_factors(changed, self.context)
        budget_orders = self.context.budget_orders(changed)
        affected = _AFFECTS.get(change.path.split(".", 1)[0])
        full = affected is None or keys != self.keys or budget_orders != self.budget_orders
        points = scoring.factor_points(self.weights, keys)
        skill = change.path.split(".", 1)[1] if change.path.startswith("skills.") else None
        moved = [key for key in affected or () if key in keys]

        def moves(other: Recommendation) -> bool:
            if full:
                return True
            if skill is not None:
                return skill in other.prepared.skills_needed
            # Experience, the exam format, the platform: factors to score again. Study hours
            # only move the closing-date penalty of a retiring exam (the stage comes from
            # experience alone).
            return bool(affected) or other.prepared.cert.status == "retiring"

        def key_of(other: Recommendation) -> tuple[Any, ...]:
            """The order key after the change, for a target the change moves."""
            p = other.prepared
            if full:
                fit = scoring.fit(scoring.fractions(changed, p, keys), keys, points)
            elif moved:
                parts = {**other.fractions}
                for key in moved:
                    parts[key] = scoring.FACTORS[key](changed, p, False)[0]
                fit = scoring.fit(parts, keys, points)
            else:
                fit = other.fit
            score = final_score(changed, p, fit, self.today, budget_orders)
            return order_key(changed, p, score, self.today)

        own = key_of(rec) if moves(rec) else rec.order
        first_unmoved = True
        for other in self.targets:
            if other is rec:
                continue
            if moves(other):
                if not own < key_of(other):
                    return False
            elif first_unmoved:
                first_unmoved = False
                if not own < other.order:
                    return False
        return True


_OUTCOMES = {
    "ranks_first": "would rank first",
    "ready": "would be ready for you",
    "stretch": "would be a stretch for you rather than not yet",
}


def _claim(rec: Recommendation, change: Change, effect: str) -> dict[str, Any]:
    outcome = f"{rec.prepared.cert.name} {_OUTCOMES[effect]}"
    joiner = " and " if change.wording.startswith("Reach") else ", "
    return {
        "slug": rec.slug,
        "effect": effect,
        "change": {"path": change.path, "from": change.before, "to": change.after},
        "message": f"{change.wording}{joiner}{outcome}.",
    }


def what_ifs(
    visitor: scoring.Visitor,
    ranked: list[Recommendation],
    weights: Mapping[str, float],
    context: scoring.Context,
    today: dt.date,
) -> list[dict[str, Any]]:
    search = Search(visitor, ranked, weights, context, today)
    results: list[dict[str, Any]] = []
    for position, rec in enumerate(search.targets[: rules.CERTIFICATIONS_IN_WHAT_IF]):
        if position == 0:
            closing = _closing_change(visitor, rec)
            if closing is not None:
                results.append(_claim(rec, *closing))
            continue
        for change in candidates(visitor, rec, today):
            if search.ranks_first(change, rec):
                results.append(_claim(rec, change, "ranks_first"))
                break
    return results


def _closing_change(visitor: scoring.Visitor, rec: Recommendation) -> tuple[Change, str] | None:
    """The one change that closes the top pick's only gap (a skill or experience), or, when
    it is not yet in reach, the one that takes it to a stretch: the gap that blocks study,
    closed, with only smaller gaps left (something to act on before any other what-if)."""
    if rec.readiness == "ready" or any(g.kind == "prerequisite" for g in rec.gaps):
        return None
    changes = _skill_changes(rec) + _experience_changes(rec)
    if sum(not g.advisory for g in rec.gaps) == 1:
        for change in reversed(changes):
            after = scoring.readiness(scoring.gaps(apply(visitor, change), rec.prepared))
            if after == "ready":
                return change, "ready"
        return None
    if rec.readiness != "not_yet":
        return None
    # The smallest change first: the lowest level that lifts the block.
    for change in sorted(changes, key=lambda c: (c.effort, c.size, c.path)):
        if scoring.readiness(scoring.gaps(apply(visitor, change), rec.prepared)) == "stretch":
            return change, "stretch"
    return None
