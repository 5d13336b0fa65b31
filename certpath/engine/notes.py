"""Things said once about the whole result: a close call between the top two, and preferences
that nothing in the catalogue satisfies (said plainly instead of taking points off everything).
"""

from __future__ import annotations

from typing import Any

from certpath.engine import rules, scoring
from certpath.engine.recommend import Recommendation
from certpath.engine.scoring import FORMAT_WORDS
from certpath.engine.words import listing, money

FACTOR_WORDS = {
    "platform": "your employer's platform",
    "employer_breadth": "employer reach",
    "skills": "the skills you have",
    "experience": "your experience",
    "role": "your role",
    "goals": "your goal areas",
    "focus": "your focus",
    "level": "your level",
    "exam_format": "the exam format",
    "budget": "your budget",
    "ladder": "what you already hold",
}


def close_call(visitor: scoring.Visitor, targets: list[Recommendation]) -> str | None:
    if len(targets) < 2:
        return None
    first, second = targets[0], targets[1]
    if scoring.on_track(visitor, first.prepared) != scoring.on_track(visitor, second.prepared):
        return None
    if scoring.recognised(first.prepared) != scoring.recognised(second.prepared):
        return None
    gap = round(first.score - second.score, 1)
    if gap > rules.CLOSE_CALL_POINTS:
        return None
    points = {
        key: (dict((f["key"], f["points"]) for f in first.factors).get(key, 0.0), points_2)
        for key, points_2 in ((f["key"], f["points"]) for f in second.factors)
        if key in FACTOR_WORDS
    }
    ahead = max(points, key=lambda k: points[k][0] - points[k][1], default=None)
    behind = max(points, key=lambda k: points[k][1] - points[k][0], default=None)
    a, b = first.prepared.cert.name, second.prepared.cert.name
    text = f"A close call: {a} ({first.score:g}) and {b} ({second.score:g}) "
    text += "score the same" if gap == 0 else f"are {gap:g} point{'s' if gap != 1 else ''} apart"
    text += "."
    if ahead and points[ahead][0] > points[ahead][1]:
        text += f" {a} does better on {FACTOR_WORDS[ahead]}"
        if behind and points[behind][1] > points[behind][0]:
            text += f", {b} on {FACTOR_WORDS[behind]}"
        text += "."
    return text + " Either would do: pick the one that fits your next year at work."


def unmet_preferences(
    visitor: scoring.Visitor, context: scoring.Context, ranked: list[Recommendation]
) -> list[str]:
    said = []
    if not context.format_available(visitor):
        said.append(
            f"You prefer {FORMAT_WORDS[visitor.exam_format]} exams, but none you can book now is "
            f"{FORMAT_WORDS[visitor.exam_format]}, so the format does not change the order."
        )
    if visitor.budget is not None and not context.budget_fits_something(visitor):
        cheapest = (
            f" (the cheapest with a published price costs {money(context.cheapest)})"
            if context.cheapest is not None
            else ""
        )
        free = [
            r.prepared.cert.name
            for r in ranked
            if r.target and r.rank and r.prepared.cert.price_usd == 0
        ]
        options = f" Free to take: {listing(free)}." if free else " None of them is free to take."
        said.append(
            f"Nothing you could book fits your budget of {money(visitor.budget)} over three "
            f"years{cheapest}, so the budget does not change the order.{options} Employers "
            "often pay exam fees, so ask yours."
        )
    elif visitor.budget is not None and not context.budget_orders(visitor):
        fitting = [p.cert.name for p in context.affordable]
        said.append(
            f"What fits your budget of {money(visitor.budget)} ({listing(fitting)}) is not a "
            "main target on your path (a first milestone at most), so the budget does not "
            "change the order of the rest; steps over it are marked."
        )
    return said


def plan_notes(
    pathway: list[dict[str, Any]], ranked: list[Recommendation], visitor: scoring.Visitor
) -> list[str]:
    """What the plan itself needs said once: why it starts with a first milestone, which of
    its exams are over the budget or unpriced, and the free options when it is not all known
    to fit."""
    names = {r.slug: r.prepared.cert.name for r in ranked}
    said = []
    milestone = next((s for s in pathway if s.get("part") == "milestone"), None)
    if milestone is not None:
        said.append(f"First milestone: {names[milestone['slug']]}. {milestone['detail']}")
    if visitor.budget is None:
        return said
    exams = [s for s in pathway if s["kind"] == "certification" and s["slug"] in names]
    over = [names[s["slug"]] for s in exams if s.get("over_budget")]
    unpriced = [names[s["slug"]] for s in exams if s.get("cost_usd") is None]
    if over:
        said.append(
            f"Over your budget of {money(visitor.budget)}: {listing(over)}. Employers often "
            "pay exam fees, so ask yours."
        )
    if unpriced:
        known = sum(s["cost_usd"] for s in exams if s.get("cost_usd") is not None)
        tail = ""
        if known:
            over = ", already over your budget" if known > visitor.budget else ""
            tail = f" The exams with published prices come to {money(known)}{over}."
        said.append(
            "Price not published, so nobody can say it fits your budget: "
            f"{listing(unpriced)}.{tail}"
        )
    planned = {s["slug"] for s in exams}
    free = [
        r.prepared.cert.name
        for r in ranked
        if r.target and r.rank and r.prepared.cert.price_usd == 0 and r.slug not in planned
    ]
    if (over or unpriced) and free:
        said.append(f"Free to take: {listing(free)}.")
    return said
