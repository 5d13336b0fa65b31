"""Turn a result document into what the pages and the calendar show (dates, links, labels).

Works from the document alone, so a saved result renders exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from operator import itemgetter
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from advisor.forms import DEFAULTS, answers_query
from certpath.engine import Answers
from certpath.engine.scoring import add_years
from certpath.engine.words import long_date

FACTOR_LABELS = {
    "platform": "Platform",
    "employer_breadth": "Employer reach",
    "skills": "Skills",
    "experience": "Experience",
    "role": "Role",
    "goals": "Goal areas",
    "focus": "Focus",
    "level": "Level",
    "exam_format": "Exam format",
    "budget": "Budget",
    "ladder": "Builds on what you hold",
    "track": "Kind of credential",
    "status": "Status",
    # What places a certification lower (certpath/engine/placement.py)
    "standing": "Standing with employers",
    "reach": "Too far ahead",
    "prerequisite": "Prerequisite",
    "refresh": "Refresh of what you hold",
    "cost": "Over your budget",
}
READINESS_LABELS = {"ready": "Ready", "stretch": "Stretch", "not_yet": "Not yet"}
# Targets shown as a card; the rest are a line each, so the page grows by a line (not a card)
# per certification the catalogue adds. The full reasons of any of them are one link away.
CARDS = 10
# The questionnaire's live panel shows the top of the ranking only (it is redrawn on every
# change, on a phone beside the questions): three cards and the next twelve as one line each;
# the full results, one link away, show every certification with its reasons.
LIVE_CARDS = 3
LIVE_LINES = 12


def query_from_saved(answers: dict[str, Any], weights: dict[str, int]) -> str:
    return answers_query(Answers.model_validate(answers), weights)


def _with_change(query: str, path: str, value: Any) -> str:
    data = QueryDict(query, mutable=True)
    data[path] = f"{value:g}" if isinstance(value, float) else str(value)
    return data.urlencode(safe=".")


def dated_pathway(
    pathway: list[dict[str, Any]],
    start: dt.date,
    done: Mapping[int, dt.date] | None = None,
    recommendations: list[dict[str, Any]] | None = None,
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Calendar dates from `start`: steps run one after another; the renewal falls due one
    validity period after the certification's exam. With `done` (step number → day, from a
    plan's owner), a done step keeps its day, a done exam dates its renewal, and the steps
    left run on from `today` (or, without it, the latest day marked) at the same weekly
    hours: a plan being followed never shows a step still to do in the past. A certification
    marked done is held from that day: where the plan had no renewal for it, one joins the
    plan (its validity from `recommendations`, the saved result's). Each step carries its
    `number`, its place in the saved pathway, which ticks refer to (None for a renewal that
    joined)."""
    done = done or {}
    day = max([start, *done.values(), *([today] if done and today else [])])
    steps, exams = [], {}
    for number, step in enumerate(pathway, start=1):
        item = {**step, "number": number}
        if number in done:
            item["done_on"] = done[number]
            if step["kind"] == "certification":
                exams[step.get("slug")] = done[number]
        if step.get("due_on"):  # a held certification's renewal: a fixed date
            item["due"] = dt.date.fromisoformat(step["due_on"])
        elif step["kind"] == "renewal":
            # One validity after that certification's own exam (a first milestone may come
            # before it); results saved before steps named their exam use the first one.
            passed = exams.get(step.get("slug")) or next(iter(exams.values()), day)
            years = step.get("due_after_years")
            item["due"] = add_years(passed, years) if years else None
        elif number in done:
            item["starts"] = item["ends"] = done[number]
        else:
            item["starts"] = day
            day = day + dt.timedelta(weeks=step["weeks"] or 0)
            item["ends"] = day
            if step["kind"] == "certification":
                exams.setdefault(step.get("slug"), day)
        steps.append(item)
    renewed = {step.get("slug") for step in pathway if step["kind"] == "renewal"}
    if None in renewed:  # saved before renewal steps named their exam: it was the first one
        renewed.add(next((s.get("slug") for s in pathway if s["kind"] == "certification"), None))
    by_slug = {rec["slug"]: rec for rec in recommendations or []}
    for slug, on in done_certifications(pathway, done):
        if slug not in renewed:
            steps.append(_joined_renewal(by_slug.get(slug), slug, on))
    return _in_date_order(steps)


def done_certifications(
    pathway: list[dict[str, Any]], done: Mapping[int, dt.date]
) -> list[tuple[str, dt.date]]:
    """The certifications whose steps were marked done, with the day: held from then."""
    found = []
    for number, on in sorted(done.items()):
        step = pathway[number - 1] if 0 < number <= len(pathway) else {}
        if step.get("kind") == "certification" and step.get("slug"):
            found.append((step["slug"], on))
    return found


def _joined_renewal(rec: dict[str, Any] | None, slug: str, earned: dt.date) -> dict[str, Any]:
    """The renewal of a certification marked done, which the saved plan did not renew: due
    one validity after the day it was done; without a published validity, the vendor's own
    renewal rule is quoted instead of a date."""
    facts = (rec or {}).get("facts") or {}
    name = (rec or {}).get("name", slug)
    validity = facts.get("validity_years")
    due = add_years(earned, validity) if validity else None
    detail = f"You marked it done on {long_date(earned)}: it is held from that day."
    if not due and facts.get("renewal"):
        detail += f" {facts['renewal']}"
    step = {
        "kind": "renewal",
        "title": f"Renew {name} by {long_date(due)}" if due else f"Keep {name} current",
        "slug": slug,
        "weeks": None,
        "number": None,
        "joined": True,
        "detail": detail,
    }
    if due:
        step["due"], step["due_on"] = due, due.isoformat()
    return step


def progress_summary(steps: list[dict[str, Any]]) -> dict[str, Any]:
    """How far along a plan is: steps and study hours done and left, and the day of the top
    pick's exam (the day it was done, or where the steps left put it)."""
    counted = [s for s in steps if s["kind"] != "renewal"]
    finished = [s for s in counted if "done_on" in s]
    target = next((s for s in counted if s.get("part") == "target"), None)
    exam_on = None
    if target is not None:
        exam_on = target.get("done_on") or target.get("ends")
    return {
        "steps_done": len(finished),
        "steps_total": len(counted),
        "hours_done": sum(s.get("hours") or 0 for s in finished),
        "hours_left": sum(s.get("hours") or 0 for s in counted if "done_on" not in s),
        "exam_on": exam_on,
        "exam_done": target is not None and "done_on" in target,
    }


def pathway_with_dates(saved: Any) -> list[dict[str, Any]]:
    """A saved plan's steps with their days as ISO dates (`starts_on`, `ends_on`; a renewal's
    `due_on`), counted from the day it was saved: the plan as it was made (its progress, and
    the steps left re-dated from today, are the API's `progress.steps`)."""
    steps = []
    for step in dated_pathway(saved.result["pathway"], saved.created_at.date()):
        item = {k: v for k, v in step.items() if k not in ("starts", "ends", "due", "number")}
        if step["kind"] == "renewal":
            item["due_on"] = step["due"].isoformat() if step.get("due") else None
        elif "starts" in step:
            item["starts_on"], item["ends_on"] = (
                step["starts"].isoformat(),
                step["ends"].isoformat(),
            )
        steps.append(item)
    return steps


def _in_date_order(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A held certification's renewal has a fixed date, whatever the new plan does: it is
    shown before the first step still running on that date (a renewal due next month comes
    first, not after steps running for years). The other steps keep their order."""
    fixed = [s for s in steps if s.get("due_on")]
    timeline = [s for s in steps if not s.get("due_on")]
    for renewal in sorted(fixed, key=itemgetter("due")):
        later = (n for n, s in enumerate(timeline) if (_until(s) or dt.date.min) > renewal["due"])
        timeline.insert(next(later, len(timeline)), renewal)
    return timeline


def _until(step: dict[str, Any]) -> dt.date | None:
    """The day a step ends (a renewal: the day it is due); None when it has no date."""
    return step.get("ends") or step.get("due")


def _weeks_to_first_exam(result: dict[str, Any], weekly_hours: float) -> float:
    """The weeks to the top pick's exam as the steps show them (one decimal, from the hours
    summed), so the summary and the steps agree; results without hours (older saved ones)
    fall back to their whole weeks or the steps' weeks summed."""
    hours = 0.0
    for step in result["pathway"]:
        hours += step.get("hours") or 0
        if step.get("part") == "target":
            if hours and weekly_hours:
                return max(0.1, round(hours / weekly_hours, 1))
            break
    if result.get("weeks_to_exam") is not None:
        return result["weeks_to_exam"]
    pathway = result["pathway"]
    weeks = 0
    for step in pathway:
        weeks += step["weeks"] or 0
        if step["kind"] == "certification":
            break
    return weeks


def _holds_valid(rec: dict[str, Any]) -> bool:
    held = rec.get("held")  # version 1 results have none
    return bool(held) and held.get("valid", True)


def main_reason(rec: dict[str, Any]) -> str:
    """A card's one-line why: the reason of the factor that gives it the most points (the
    first of equals, in the table's order); nothing when no factor gives any."""
    best = max(rec["factors"], key=lambda f: f["points"], default=None)
    return best["reason"] if best and best["points"] > 0 else ""


def _targets(recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Certifications to aim for (bookable, not held and valid), each with its one-line why.
    Copies: the result document may be a cached one that other requests read."""
    return [
        {**r, "why": main_reason(r)}
        for r in recs
        if r["status"] != "retired" and not _holds_valid(r)
    ]


def applied_what_if(context: dict[str, Any], form: Any, changed: str, slug: str) -> dict[str, Any]:
    """What a followed what-if changed and what it did, for the banner on the results: the
    answer's label and new value, and where the certification it named now stands."""
    field = form.fields[changed]
    value = form[changed].value()
    shown = dict(getattr(field, "choices", ())).get(value, value) if value != "" else "none"
    targets = [*context["cards"], *context["lines"]]
    rec = next((r for r in targets if r["slug"] == slug), None)
    if rec is None:
        outcome = ""
    else:
        where = "now ranks first" if rec["rank"] == 1 else f"is now #{rec['rank']}"
        how = {
            "ready": "ready for you",
            "stretch": "a stretch for you",
            "not_yet": "not yet in reach",
        }
        outcome = f"{rec['name']} {where}, and is {how[rec['readiness']]}"
    return {"label": field.label, "value": shown, "slug": slug, "outcome": outcome}


def results_context(
    result: dict[str, Any],
    *,
    query: str,
    start: dt.date,
    live: bool = False,
    done: Mapping[int, dt.date] | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """What the results template shows; `live` for the questionnaire's panel (the top of the
    ranking, see LIVE_CARDS); a followed plan's `done` steps, the rest dated from `today`."""
    recs = result["recommendations"]
    held = [r for r in recs if r["status"] != "retired" and _holds_valid(r)]
    closed = [r for r in recs if r["status"] == "retired"]
    targets = _targets(recs)
    what_ifs = [
        {
            **w,
            # Followed, it lands on the results with the change named and the card marked.
            "query": _with_change(query, w["change"]["path"], w["change"]["to"])
            + "&"
            + urlencode({"changed": w["change"]["path"], "for": w["slug"]}),
        }
        for w in result.get("what_if", [])
    ]
    pathway = dated_pathway(result["pathway"], start, done, recs, today)
    # Results saved before steps carried `links` still link an exam step to its exam page.
    exam_pages = {r["slug"]: (r.get("facts") or {}).get("official_url") for r in recs}
    for step in pathway:
        page = exam_pages.get(step.get("slug"))
        if step["kind"] == "certification" and "links" not in step and page:
            step["links"] = [{"title": "The official exam page and guide", "url": page}]
    fields = QueryDict(query)
    weekly_hours = fields.get("weekly_study_hours") or DEFAULTS["weekly_study_hours"]
    return {
        "share_fields": [(key, value) for key, values in fields.lists() for value in values],
        "weekly_hours": weekly_hours,
        "result": result,
        "cards": targets[:LIVE_CARDS] if live else targets[:CARDS],
        "lines": targets[LIVE_CARDS : LIVE_CARDS + LIVE_LINES] if live else targets[CARDS:],
        "live": live,
        "not_shown": max(0, len(targets) - LIVE_CARDS - LIVE_LINES) if live else 0,
        "targets_count": len(targets),
        "held": held,
        "held_slugs": {r["slug"] for r in held},
        "closed": closed,
        "top": targets[0] if targets else None,
        "pathway": pathway,
        "progress": progress_summary(pathway) if done is not None else None,
        "weeks_to_exam": _weeks_to_first_exam(result, float(weekly_hours)),
        "notes": result.get("notes", []),
        "has_plan_cost": "pathway_cost_usd" in result,
        "plan_cost": result.get("pathway_cost_usd"),
        "budget": int(float(fields["budget_usd"])) if fields.get("budget_usd") else None,
        "what_ifs": what_ifs,
        "query": query,
        # The results' own address, relative: a cached page carries no visitor's Host.
        "results_link": f"{reverse('advisor:results')}?{query}" if query else "",
        "results_path": reverse("advisor:results"),
        "factor_labels": FACTOR_LABELS,
        "readiness_labels": READINESS_LABELS,
        "names": {r["slug"]: r["name"] for r in recs},
        # A certification's page is this plus its slug: one reverse, not one per line.
        "cert_path": reverse("certifications:detail", args=["-"]).removesuffix("-/"),
        "why_path": reverse("advisor:why", args=["-"]).removesuffix("-/"),
    }


def detail_context(result: dict[str, Any], slug: str) -> dict[str, Any] | None:
    """One certification's full reasons in a result: its factor table, gaps, warnings, facts
    and sources (what a compact card leaves out); None when the result has no such slug."""
    rec = next((r for r in result["recommendations"] if r["slug"] == slug), None)
    if rec is None:
        return None
    return {
        "rec": rec,
        "factor_labels": FACTOR_LABELS,
        "readiness_labels": READINESS_LABELS,
        "names": {r["slug"]: r["name"] for r in result["recommendations"]},
    }
