"""The ordered pathway: foundations for the top pick's gaps, the exam, a project, what next,
and renewal. Weeks are estimates: hours of study divided by the visitor's weekly hours.
"""

from __future__ import annotations

import math
from typing import Any

from advisor.engine import rules
from advisor.engine.recommend import Recommendation
from advisor.engine.scoring import Visitor
from advisor.vocabulary import GOAL_DOMAIN_LABELS, LEVEL_LABELS, SKILL_LABELS, in_sentence


def weeks_for(hours: float, weekly_hours: int) -> int:
    """Whole weeks, at least one: fewer hours a week means more weeks."""
    return max(1, math.ceil(hours / weekly_hours))


def _step(kind: str, title: str, slug: str | None, hours: float, v: Visitor, detail: str):
    return {
        "kind": kind,
        "title": title,
        "slug": slug,
        "weeks": weeks_for(hours, v.weekly_study_hours) if hours else None,
        "hours": hours or None,
        "detail": detail,
    }


def _foundations(top: Recommendation, v: Visitor) -> list[dict[str, Any]]:
    steps = []
    skill_gaps = {g.skill: g for g in top.gaps if g.kind == "skill"}
    for key in rules.SKILL_ORDER:
        gap = skill_gaps.get(key)
        if gap is None:
            continue
        levels = math.ceil(gap.need - gap.have)
        target = int(gap.need)
        steps.append(
            _step(
                "foundation",
                f"{SKILL_LABELS[key]}: reach level {target}, {LEVEL_LABELS[target]}",
                None,
                rules.HOURS_PER_LEVEL[key] * levels,
                v,
                f"You are at level {gap.have:g}. "
                + ("This blocks study, so it comes first." if gap.blocking else "")
                + f" About {rules.HOURS_PER_LEVEL[key]} hours per level.",
            )
        )
    return steps


def _next_certification(top: Recommendation, ranked: list[Recommendation]) -> Recommendation | None:
    by_slug = {r.slug: r for r in ranked}
    for slug in top.prepared.cert.next_steps:
        rec = by_slug.get(slug)
        if rec is not None and rec.bookable:
            return rec
    # Otherwise the best-ranked bookable one that is not a step down.
    return next(
        (
            r
            for r in ranked
            if r.bookable and r is not top and r.prepared.stage >= top.prepared.stage
        ),
        None,
    )


def build_pathway(ranked: list[Recommendation], v: Visitor) -> list[dict[str, Any]]:
    top = next((r for r in ranked if r.bookable), None)
    if top is None:
        return []
    cert = top.prepared.cert
    steps = _foundations(top, v)
    experience = [g for g in top.gaps if g.kind == "experience"]
    detail = f"Study the exam guide's domains and take practice exams ({cert.level} level)."
    if experience:
        detail += " The vendor also recommends more hands-on experience than you have yet."
    steps.append(
        _step(
            "certification",
            f"Prepare for and pass {cert.name}",
            cert.slug,
            rules.EXAM_PREP_HOURS[cert.level],
            v,
            detail,
        )
    )
    areas = [in_sentence(GOAL_DOMAIN_LABELS[d]) for d in v.domains]
    where = f"in your own area ({', '.join(areas)})" if areas else "in a domain you care about"
    steps.append(
        _step(
            "project",
            "Build a portfolio project: a Kaggle competition or a project " + where,
            None,
            rules.PROJECT_HOURS,
            v,
            "Apply what the exam covered to real data; publish the code on GitHub with a "
            "write-up of your approach.",
        )
    )
    after = _next_certification(top, ranked)
    if after is not None:
        later = after.prepared.cert
        steps.append(
            _step(
                "certification",
                f"Next: {later.name}",
                later.slug,
                _hours_beyond(after, top) + rules.EXAM_PREP_HOURS[later.level],
                v,
                "A sensible follow-on once the first is done; its estimate includes the skills "
                "it needs beyond the first.",
            )
        )
    steps.append(_renewal(top, v))
    for order, step in enumerate(steps, start=1):
        step["order"] = order
    return [{"order": s.pop("order"), **s} for s in steps]


def _hours_beyond(later: Recommendation, first: Recommendation) -> int:
    """Skill hours the later certification needs beyond what preparing the first one covers."""
    reached = {g.skill: g.need for g in first.gaps if g.kind == "skill"}
    return sum(
        rules.HOURS_PER_LEVEL[g.skill]
        * max(0, math.ceil(g.need - max(g.have, reached.get(g.skill, g.have))))
        for g in later.gaps
        if g.kind == "skill"
    )


def _renewal(top: Recommendation, v: Visitor) -> dict[str, Any]:
    cert = top.prepared.cert
    method = cert.renewal.method
    if cert.validity_years:
        title = f"Renew {cert.name} before it expires ({cert.validity_years}-year validity)"
    else:
        title = f"Keep {cert.name} current (validity not published)"
    step = _step("renewal", title, cert.slug, rules.RENEWAL_HOURS[method], v, cert.renewal.note)
    step["due_after_years"] = cert.validity_years
    return step
