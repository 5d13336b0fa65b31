"""What-ifs: for the visitor's top few, the smallest single change in the answers that would put
a certification first, or make the first one ready."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from advisor.engine import rules, scoring
from advisor.engine.answers import Answers
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


def _with(answers: Answers, change: Change) -> Answers:
    parts = change.path.split(".")
    if parts[0] == "skills":
        skills = answers.skills.model_copy(update={parts[1]: change.after})
        return answers.model_copy(update={"skills": skills})
    if parts[0] == "experience":
        experience = answers.experience
        if parts[1] == "industry_years":
            experience = experience.model_copy(update={"industry_years": change.after})
        else:
            years = experience.platform_years.model_copy(update={parts[2]: change.after})
            experience = experience.model_copy(update={"platform_years": years})
        return answers.model_copy(update={"experience": experience})
    if parts[0] == "goals":
        goals = answers.goals.model_copy(update={parts[1]: change.after})
        return answers.model_copy(update={"goals": goals})
    return answers.model_copy(update={parts[0]: change.after})


def _years(value: float) -> str:
    return f"{value:g} year" + ("" if value == 1 else "s")


def candidates(answers: Answers, rec: Recommendation) -> list[Change]:
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
    if platform in ("aws", "azure", "gcp", "databricks") and answers.environment != platform:
        found.append(
            Change(
                "environment",
                answers.environment,
                platform,
                ENVIRONMENT_CHANGE_SIZE,
                f"If your employer ran on {rules.PLATFORM_NAMES[platform]}",
            )
        )
    wanted = answers.goals.exam_format
    if wanted not in ("any", rec.prepared.cert.format):
        found.append(
            Change("goals.exam_format", wanted, "any", 1, "If the exam format did not matter")
        )
    return sorted(found, key=lambda c: (c.size, c.path, str(c.after)))


def _leader(
    answers: Answers,
    bookable: list[scoring.Prepared],
    weights: Mapping[str, float],
) -> str:
    keys = scoring.applicable_factors(answers)
    best = min(
        bookable,
        key=lambda p: (
            -round(scoring.raw_score(answers, p, weights, keys), 1),
            p.stage,
            p.cert.slug,
        ),
    )
    return best.cert.slug


def _found(rec: Recommendation, change: Change, effect: str, outcome: str) -> dict[str, Any]:
    return {
        "slug": rec.slug,
        "effect": effect,
        "change": {"path": change.path, "from": change.before, "to": change.after},
        "message": f"{change.wording} and {rec.prepared.cert.name} {outcome}.",
    }


def what_ifs(
    answers: Answers, ranked: list[Recommendation], weights: Mapping[str, float]
) -> list[dict[str, Any]]:
    bookable_recs = [r for r in ranked if r.bookable]
    bookable = [r.prepared for r in bookable_recs]
    results: list[dict[str, Any]] = []
    for position, rec in enumerate(bookable_recs[: rules.CERTIFICATIONS_IN_WHAT_IF]):
        if position == 0:
            if rec.readiness == "ready":
                continue
            for change in _iter_ready(answers, rec):
                results.append(_found(rec, change, "ready", "is ready"))
                break
            continue
        for change in candidates(answers, rec):
            if _leader(_with(answers, change), bookable, weights) == rec.slug:
                results.append(_found(rec, change, "ranks_first", "ranks first"))
                break
    return results


def _iter_ready(answers: Answers, rec: Recommendation) -> Iterator[Change]:
    """Only a certification with one gap left can become ready in one change."""
    if len(rec.gaps) != 1:
        return
    for change in reversed(candidates(answers, rec)):
        if change.path != "environment" and not scoring.gaps(_with(answers, change), rec.prepared):
            yield change
            return
