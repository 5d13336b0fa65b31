"""The ordered pathway: foundations for the top pick's gaps, prerequisites, the exam, a
project, what next, and renewals. Weeks are estimates: hours of study at the visitor's pace.
Hours are summed before anything is rounded, so the weeks to the exam are not inflated by
rounding each step up.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from certpath.catalogue import Certification
from certpath.engine import rules, scoring
from certpath.engine.costs import HORIZON_YEARS, renewal_cost
from certpath.engine.recommend import Recommendation
from certpath.engine.scoring import Gap, Visitor, add_years, missing_requirements, on_track
from certpath.engine.words import clause, listing, long_date, years
from certpath.vocabulary import (
    GOAL_DOMAIN_LABELS,
    LEVEL_LABELS,
    PLATFORM_LABELS,
    SKILL_LABELS,
    in_sentence,
)


def _step(
    kind: str, title: str, slug: str | None, hours: float | None, visitor: Visitor, detail: str
) -> dict[str, Any]:
    return {
        "kind": kind,
        "title": title,
        "slug": slug,
        "weeks": round(hours / visitor.weekly_study_hours, 1) if hours else None,
        "hours": hours or None,
        "detail": detail,
    }


def _foundations(
    top: Recommendation, visitor: Visitor, study: Mapping[str, Sequence[Mapping[str, str]]]
) -> list[dict[str, Any]]:
    steps = []
    skill_gaps = {g.skill: g for g in top.gaps if g.kind == "skill"}
    for key in rules.SKILL_ORDER:
        gap = skill_gaps.get(key)
        if gap is None:
            continue
        target = int(gap.need)
        per_level = rules.HOURS_PER_LEVEL[key]
        detail = [f"You are at level {gap.have:g}."]
        if gap.blocking:
            # Before the exam preparation, in learning order (Python, maths, then libraries):
            # never "first" when another foundation comes before it.
            detail.append("This blocks exam study: close it before preparing for the exam.")
        detail.append(f"About {per_level} hours per level.")
        step = _step(
            "foundation",
            f"{SKILL_LABELS[key]}: reach level {target}, {LEVEL_LABELS[target]}",
            None,
            per_level * math.ceil(gap.need - gap.have),
            visitor,
            " ".join(detail),
        )
        _with_links(step, [dict(link) for link in study.get(key, ())])
        steps.append(step)
    return steps


def _with_links(step: dict[str, Any], links: list[dict[str, str]]) -> dict[str, Any]:
    """Where to study for a step (the contract's optional `links`), when there is somewhere."""
    if links:
        step["links"] = links
    return step


def _exam_links(cert: Certification) -> list[dict[str, str]]:
    if cert.official_url is None:
        return []
    title = f"{cert.name}: the official exam page and guide"
    return [{"title": title, "url": str(cert.official_url)}]


def _prerequisites(top: Recommendation, ranked: list[Recommendation], visitor: Visitor):
    """A required credential the visitor lacks comes first: one certpath lists is earned in
    the plan (its own study, exam and cost); one it does not list is named, without dates."""
    by_slug = {r.slug: r for r in ranked}
    name = top.prepared.cert.name
    steps = []
    for gap in top.gaps:
        if gap.kind != "prerequisite":
            continue
        slug = gap.skill.split(".", 1)[1]
        rec = by_slug.get(slug)
        if rec is not None:
            cert = rec.prepared.cert
            hours = scoring.study_hours(rec.gaps) + rules.EXAM_PREP_HOURS[cert.level]
            step = _step(
                "certification",
                f"First: {cert.name}",
                slug,
                hours,
                visitor,
                f"Required before you can book {name}.",
            )
            step["part"] = "prerequisite"
            steps.append(_with_links(step, _exam_links(cert)))
        else:
            steps.append(
                _step(
                    "certification",
                    f"First: hold {clause(gap.label)}",
                    None,
                    None,
                    visitor,
                    f"Required before you can book {name}; certpath does not list it, so "
                    "no time estimate. Skip this if you already hold it.",
                )
            )
    return steps


def _experience_note(found: list[Gap], platform: str) -> str:
    parts = []
    for gap in found:
        if gap.kind != "experience" or gap.skill == "work_years":
            continue  # required work years make it a later goal: said in its reasons
        where = (
            "in industry"
            if gap.skill == "industry_years"
            else f"on {PLATFORM_LABELS[gap.skill.split('.', 1)[1]]}"
        )
        parts.append(f"{years(gap.need)} {where} (you have {years(gap.have)})")
    if not parts:
        return ""
    who = (
        "certpath assumes what is usual for this level, since the vendor publishes nothing:"
        if any(g.assumed for g in found if g.kind == "experience")
        else "the vendor recommends"
    )
    return (
        f" Experience: {who} {'; '.join(parts)}. Study does not close that gap; working with "
        "it does, so plan hands-on work alongside."
    )


def next_certification(
    top: Recommendation,
    ranked: list[Recommendation],
    visitor: Visitor,
    open_then: Callable[[Recommendation], bool] = lambda rec: True,
):
    """The step after the top pick: on the visitor's platform and goal area where there is one,
    never a lower level, never from a business-level credential to a professional technical
    one. The top pick's own ladder (`next_steps`) comes first. Away from home only a step up
    counts, written for the visitor's role: the same level at another vendor adds little, so
    none is better than that. Outside the visitor's goal areas a home exam must be written for
    their role or be the same kind of work as the top pick: an analyst whose top pick tests no
    coding is not sent to a developer's coding exam because it is on Azure. Within a
    pool, one written for the visitor's role beats one that is not, whatever the prices; among
    equals a price known to fit beats an unpublished one, and one over the budget is taken
    only when nothing sensible fits (the step is then marked). A retiring exam must still be
    open on the day the plan would sit it (`open_then`): a next step comes after the first
    exam, and one that closes before then is a step nobody can take."""
    home = {visitor.environment, top.prepared.cert.platform} - {"none"}

    def sensible(rec: Recommendation) -> bool:
        cert = rec.prepared.cert
        return (
            rec.target
            and rec is not top
            and on_track(visitor, rec.prepared)
            and rec.prepared.rank >= top.prepared.rank
            and not (
                not top.prepared.cert.tests_coding and cert.tests_coding and rec.prepared.rank == 2
            )
            and not any(p.slug == cert.slug for p in top.prepared.cert.prerequisites)
            # The plan earns prerequisites only for the top pick: a next step needing one
            # the visitor lacks would be a step nobody can book.
            and not missing_requirements(visitor, rec.prepared)
            and open_then(rec)
        )

    def step_up(rec: Recommendation) -> bool:
        # Away from home: a higher level, written for the visitor's role.
        return rec.prepared.rank > top.prepared.rank and visitor.role in rec.prepared.cert.audience

    def in_goals(rec: Recommendation) -> bool:
        return not visitor.domains or any(
            d in rec.prepared.cert.goal_domains for d in visitor.domains
        )

    def for_role(rec: Recommendation) -> bool:
        return visitor.role in rec.prepared.cert.audience

    def alike(rec: Recommendation) -> bool:
        # Outside the goal areas: for the visitor's role, or no coding beyond the top pick's.
        return for_role(rec) or top.prepared.cert.tests_coding or not rec.prepared.cert.tests_coding

    by_slug = {r.slug: r for r in ranked}
    ladder = [by_slug[s] for s in top.prepared.cert.next_steps if s in by_slug]
    ladder = [r for r in ladder if sensible(r)]
    candidates = [r for r in ranked if sensible(r)]
    pools = (
        [r for r in ladder if r.prepared.cert.platform in home and in_goals(r)],
        [r for r in candidates if r.prepared.cert.platform in home and in_goals(r)],
        [r for r in ladder if r.prepared.cert.platform in home and alike(r)],
        [r for r in candidates if r.prepared.cert.platform in home and alike(r)],
        [r for r in ladder if in_goals(r)],
        [r for r in candidates if in_goals(r) and step_up(r)],
        # A step up written for their role (a leader's governance credential after a
        # business-level one), when nothing in their goal areas follows.
        [r for r in candidates if step_up(r)],
    )
    fit_order = {"within": 0, "unknown": 1, "over": 2}
    for allowed in (("within", "unknown"), ("within", "unknown", "over")):
        for pool in pools:
            chosen = [r for r in pool if budget_fit(r, visitor) in allowed]
            if chosen:
                # Stable: each group keeps the pool's own order.
                return min(
                    chosen,
                    key=lambda r: (not for_role(r), fit_order[budget_fit(r, visitor)]),
                )
    return None


def budget_fit(rec: Recommendation, visitor: Visitor) -> str:
    """ "within" the visitor's budget (or no budget given), "over" it, or "unknown": the
    three-year cost, or failing that the first attempt, against the budget."""
    if visitor.budget is None:
        return "within"
    cost = rec.prepared.cost_3y
    price = rec.prepared.cert.price_usd
    if cost is not None:
        return "within" if cost <= visitor.budget else "over"
    if price is not None and price > visitor.budget:
        return "over"
    return "unknown"


def first_milestone(
    top: Recommendation, ranked: list[Recommendation], visitor: Visitor, weeks_to_target: float
) -> Recommendation | None:
    """For a person starting out whose target is more than about six months away at their
    pace: a foundational credential whose first attempt fits the budget (a free one whose
    renewal is not published qualifies), on their platform where one exists, to take while
    the foundations are built (domain notes, v3)."""
    if (
        visitor.stage != 0
        or top.prepared.rank == 0
        or weeks_to_target <= rules.FIRST_MILESTONE_AFTER_WEEKS
    ):
        return None
    options = [
        r
        for r in ranked
        if r.target
        and r.rank
        and r.prepared.rank == 0
        and r.prepared.cert.price_usd is not None
        and (visitor.budget is None or r.prepared.cert.price_usd <= visitor.budget)
        and not missing_requirements(visitor, r.prepared)
        and r.readiness != "not_yet"
    ]
    home = {visitor.environment, top.prepared.cert.platform} - {"none"}
    target_price = top.prepared.cert.price_usd

    def preference(rec: Recommendation) -> tuple[bool, bool]:
        # The budget covers the plan (v3): first one that leaves the target's first attempt
        # within it (a free one beside a USD 150 target, not a USD 100 one), then one on the
        # visitor's platform; the ranking's order among equals (min keeps the first).
        leaves_room = (
            visitor.budget is None
            or target_price is None
            or rec.prepared.cert.price_usd + target_price <= visitor.budget
        )
        return (not leaves_room, rec.prepared.cert.platform not in home)

    return min(options, key=preference, default=None)


def build_pathway(
    ranked: list[Recommendation],
    visitor: Visitor,
    study: Mapping[str, Sequence[Mapping[str, str]]] | None = None,
    *,
    today: dt.date,
) -> list[dict[str, Any]]:
    """The dated plan's steps; `study` maps a skill to free places to learn it, which its
    foundation step links to (the exam steps link to the vendor's own exam page)."""
    top = next((r for r in ranked if r.target), None)
    if top is None:
        return []
    cert = top.prepared.cert
    steps = _foundations(top, visitor, study or {}) + _prerequisites(top, ranked, visitor)
    detail = f"Study the exam guide's domains and take practice exams ({cert.level} level)."
    detail += _experience_note(top.gaps, cert.platform)
    renewed = [visitor.holds(slug) for slug in cert.renews]
    renewed_names = [h.name for h in renewed if h is not None and h.valid]
    if renewed_names:
        detail += f" Passing it also renews your {', '.join(renewed_names)}."
    exam = _step(
        "certification",
        f"Prepare for and pass {cert.name}",
        cert.slug,
        rules.EXAM_PREP_HOURS[cert.level],
        visitor,
        detail,
    )
    exam["part"] = "target"
    steps.append(_with_links(exam, _exam_links(cert)))
    weeks_to_target = sum(s["hours"] or 0 for s in steps) / visitor.weekly_study_hours
    milestone = first_milestone(top, ranked, visitor, weeks_to_target)
    if milestone is not None:
        steps.insert(0, _milestone_step(milestone, visitor, weeks_to_target))
    areas = [in_sentence(GOAL_DOMAIN_LABELS[d]) for d in visitor.domains]
    where = f"in your own area ({', '.join(areas)})" if areas else "in a domain you care about"
    if cert.tests_coding:
        project = "Build a portfolio project: a Kaggle competition or a project " + where
        how = (
            "Apply what the exam covered to real data; publish the code on GitHub with a "
            "write-up of your approach."
        )
    else:
        project = "Apply it at work: lead or review one AI initiative " + where
        how = (
            "Use what the exam covered on a real decision (a use-case review, a risk "
            "assessment or a project plan) and write up what you learned."
        )
    steps.append(_step("project", project, None, rules.PROJECT_HOURS, visitor, how))

    def next_step(rec: Recommendation) -> dict[str, Any]:
        later = rec.prepared.cert
        return _step(
            "certification",
            f"Next: {later.name}",
            later.slug,
            _hours_beyond(rec, top) + rules.EXAM_PREP_HOURS[later.level],
            visitor,
            "A sensible follow-on once the first is done; its estimate includes the skills "
            "it needs beyond the first.",
        )

    def open_then(rec: Recommendation) -> bool:
        closes = rec.prepared.cert.status_date
        if rec.prepared.cert.status != "retiring" or closes is None:
            return True
        sat_on = _ends([*steps, next_step(rec)], visitor, today)[-1]
        return sat_on is None or sat_on <= closes

    after = next_certification(top, ranked, visitor, open_then)
    if after is not None:
        later = after.prepared.cert
        following = next_step(after)
        following["part"] = "next"
        steps.append(_with_links(following, _exam_links(later)))
    steps.append(_renewal(top, visitor))
    ends = _ends(steps, visitor, today)
    earned: dict[str, dt.date] = {}
    for step, end in zip(steps, ends, strict=True):
        if step["kind"] == "certification" and step["slug"] and end is not None:
            earned.setdefault(step["slug"], end)
    held = _held_renewals(visitor, ranked, earned=earned, today=today)
    steps = _in_date_order(steps, ends, held)
    _mark_costs(steps, ranked, visitor)
    for order, step in enumerate(steps, start=1):
        step["order"] = order
    return [{"order": s.pop("order"), **s} for s in steps]


def _milestone_step(
    milestone: Recommendation, visitor: Visitor, weeks_to_target: float
) -> dict[str, Any]:
    cert = milestone.prepared.cert
    hours = scoring.study_hours(milestone.gaps) + rules.EXAM_PREP_HOURS[cert.level]
    weeks = round(hours / visitor.weekly_study_hours, 1)  # as the step shows its weeks
    step = _step(
        "certification",
        f"Take {cert.name} while you study",
        cert.slug,
        hours,
        visitor,
        f"Your main target is about {math.ceil(weeks_to_target)} weeks away at your pace. "
        f"This foundational credential takes about {weeks:g} week{'s' if weeks != 1 else ''} "
        "and gives you a first result to show while you build the foundations.",
    )
    step["part"] = "milestone"
    return _with_links(step, _exam_links(cert))


def _mark_costs(
    steps: list[dict[str, Any]], ranked: list[Recommendation], visitor: Visitor
) -> None:
    """Each exam step's list price and, when a budget is given, whether the plan is over it by
    that step: its own cost, or the plan's known costs so far, beyond the budget."""
    by_slug = {r.slug: r for r in ranked}
    spent = 0
    for step in steps:
        rec = by_slug.get(step["slug"] or "")
        if step["kind"] != "certification" or rec is None:
            continue
        step["cost_usd"] = rec.prepared.cert.price_usd
        cost = rec.prepared.cost_3y
        if cost is None:
            cost = rec.prepared.cert.price_usd
        spent += cost or 0
        if visitor.budget is not None:
            step["over_budget"] = budget_fit(rec, visitor) == "over" or spent > visitor.budget


def pathway_cost_usd(
    pathway: list[dict[str, Any]], ranked: list[Recommendation], today: dt.date
) -> int | None:
    """What the plan costs over three years: each exam in it with its renewals due in that
    time, and the renewals of held credentials due in that time. None when any price in it
    is not published."""
    by_slug = {r.slug: r for r in ranked}
    total = 0
    horizon = add_years(today, HORIZON_YEARS)
    for step in pathway:
        rec = by_slug.get(step["slug"] or "")
        if step["kind"] == "certification":
            # A credential certpath does not list (no slug) has no price it can count.
            if rec is None or rec.prepared.cost_3y is None:
                return None
            total += rec.prepared.cost_3y
        elif step["kind"] == "renewal" and step.get("due_on"):
            if dt.date.fromisoformat(step["due_on"]) > horizon:
                continue
            each = renewal_cost(rec.prepared.cert) if rec is not None else None
            if each is None:
                return None
            total += each
    return total


def weeks_to_exam(pathway: list[dict[str, Any]], visitor: Visitor) -> int | None:
    """Whole weeks to the top pick's exam, from the hours summed (unknown steps count
    nothing; a first milestone and prerequisites before it count)."""
    hours = 0.0
    for step in pathway:
        hours += step.get("hours") or 0
        if step.get("part") == "target":
            return max(1, math.ceil(hours / visitor.weekly_study_hours))
    return None


def _hours_beyond(later: Recommendation, first: Recommendation) -> int:
    """Skill hours the later certification needs beyond what preparing the first one covers."""
    reached = {g.skill: g.need for g in first.gaps if g.kind == "skill"}
    return sum(
        rules.HOURS_PER_LEVEL[g.skill]
        * max(0, math.ceil(g.need - max(g.have, reached.get(g.skill, g.have))))
        for g in later.gaps
        if g.kind == "skill"
    )


_RENEWAL_WORDS = {
    "retake": "Retake the exam",
    "free_assessment": "Pass the free online renewal assessment",
    "continuing_education": "Earn the continuing-education credits (and pay any fee)",
}


def _renewal(top: Recommendation, visitor: Visitor) -> dict[str, Any]:
    cert = top.prepared.cert
    method = cert.renewal.method
    if method == "lifetime":
        title = f"{cert.name} does not expire"
    elif cert.validity_years:
        title = f"Renew {cert.name} before it expires ({years(cert.validity_years)} validity)"
    else:
        title = f"Keep {cert.name} current (validity not published)"
    step = _step(
        "renewal", title, cert.slug, rules.RENEWAL_HOURS[method], visitor, cert.renewal.note
    )
    step["due_after_years"] = cert.validity_years if method != "lifetime" else None
    return step


def _ends(steps: list[dict[str, Any]], visitor: Visitor, today: dt.date) -> list[dt.date | None]:
    """The day each step ends, the steps run one after another at the visitor's pace (a
    renewal has none: it falls due one validity after its exam, after the plan's steps)."""
    ends: list[dt.date | None] = []
    hours = 0.0
    for step in steps:
        if step["kind"] == "renewal":
            ends.append(None)
            continue
        hours += step["hours"] or 0
        ends.append(today + dt.timedelta(days=math.ceil(7 * hours / visitor.weekly_study_hours)))
    return ends


def _in_date_order(
    steps: list[dict[str, Any]], ends: list[dt.date | None], fixed: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A held credential's renewal has a fixed date whatever the plan does: it goes before the
    first step still running on that date (a renewal due next month comes first, not after
    steps running for years). The plan's own steps keep their order."""
    timeline = [(step, end or dt.date.max) for step, end in zip(steps, ends, strict=True)]
    for renewal in fixed:  # already soonest first
        due = dt.date.fromisoformat(renewal["due_on"])
        at = next((i for i, (_, end) in enumerate(timeline) if end > due), len(timeline))
        timeline.insert(at, (renewal, due))
    return [step for step, _ in timeline]


def _held_renewals(
    visitor: Visitor,
    ranked: list[Recommendation],
    *,
    earned: Mapping[str, dt.date],
    today: dt.date,
) -> list[dict[str, Any]]:
    """A renewal step for each valid held certification that expires, soonest first, dated
    from when it was earned. One renewed by an exam in the plan or by another held
    credential's renewal (a higher AWS pass renews the lower ones) needs no step of its own:
    that step says so. One due within 90 days, or whose renewal window is open, is flagged."""
    by_slug = {r.slug: r for r in ranked}
    held = sorted(
        (h for h in visitor.valid_holdings if h.valid_until is not None),
        key=lambda h: (h.valid_until, h.name),
    )
    renewed_by: dict[str, str] = {}
    for h in held:  # an exam in the plan renews it if passed before it lapses
        for slug, on in sorted(earned.items()):
            rec = by_slug.get(slug)
            renews = rec is not None and h.slug in rec.prepared.cert.renews
            if renews and on <= h.valid_until:  # type: ignore[operator]
                renewed_by.setdefault(h.slug, rec.prepared.cert.name)  # type: ignore[union-attr]
    until = {h.slug: h.valid_until for h in held}
    for h in held:  # renewing a higher one renews the lower ones still valid on its due date
        for renewed in h.renews:
            if renewed in until and h.valid_until <= until[renewed]:  # type: ignore[operator]
                renewed_by.setdefault(renewed, f"your {h.name}")
    steps = []
    for h in held:
        if h.slug in renewed_by:
            continue
        assert h.valid_until is not None and h.earned_on is not None
        also = [o.name for o in held if renewed_by.get(o.slug) == f"your {h.name}"]
        detail = (
            f"Earned on {long_date(h.earned_on)}; it stays valid until "
            f"{long_date(h.valid_until)}. {h.renewal_note}".strip()
        )
        if also:
            detail += f" Renewing it also renews your {listing(also)}."
        early = [o.name for o in held if h.slug in o.renews and o.slug not in renewed_by]
        if early and h.slug not in renewed_by:
            detail += (
                f" Renewing your {listing(early)} before {long_date(h.valid_until)} renews "
                "this one too."
            )
        title = f"Renew your {h.name} by {long_date(h.valid_until)}"
        if not h.renewable:
            after = [by_slug[s].prepared.cert.name for s in h.successors if s in by_slug]
            title = f"Your {h.name} lapses on {long_date(h.valid_until)}"
            detail += " It cannot be renewed" + (
                f": earning {after[0]} keeps you certified." if after else "."
            )
        step = _step("renewal", title, h.slug, None, visitor, detail)
        step["due_on"] = h.valid_until.isoformat()
        held_rec = by_slug.get(h.slug)
        if held_rec is not None and h.renewable:
            step["cost_usd"] = renewal_cost(held_rec.prepared.cert)
        if h.renewal_soon(today):
            opens = h.renewal_opens()
            step["soon"] = True
            lead = (
                f"Due soon: its renewal window opened on {long_date(opens)}. "
                if opens is not None and opens <= today
                else f"Due soon: within {rules.RENEWAL_SOON_DAYS} days. "
            )
            step["detail"] = lead + step["detail"]
        steps.append(step)
    return steps
