"""certpath's recommender: plain Python, no Django.

`recommend(answers, catalogue)` is a pure function from validated answers and a catalogue
snapshot to the result document of contract/result.schema.json (version 2), plus certpath's
extras (the weights used, notes said once, weeks to the exam, what-ifs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from certpath.catalogue import Catalogue
from certpath.engine.answers import Answers, AnswersProblem, check_against, error_messages
from certpath.engine.notes import close_call, plan_notes, unmet_preferences
from certpath.engine.pathway import build_pathway, pathway_cost_usd, weeks_to_exam
from certpath.engine.recommend import rank, recommendation_document, resolve_weights
from certpath.engine.rules import DEFAULT_WEIGHTS
from certpath.engine.scoring import Context, Visitor, holding, prepare
from certpath.engine.whatif import what_ifs

__all__ = [
    "DEFAULT_WEIGHTS",
    "Answers",
    "AnswersProblem",
    "error_messages",
    "recommend",
    "resolve_weights",
    "visitor_for",
]


def visitor_for(answers: Answers, catalogue: Catalogue, today: dt.date) -> Visitor:
    """The answers as the engine reads them; refuses held slugs the catalogue lacks."""
    by_slug = catalogue.by_slug()
    check_against(answers, by_slug, today)
    return Visitor.build(
        skills=answers.skills.model_dump(),
        industry_years=answers.experience.industry_years,
        ml_years=answers.experience.ml_years,
        platform_years=answers.experience.platform_years.model_dump(),
        environment=answers.environment,
        role=answers.goals.role,
        focus=answers.goals.focus,
        domains=tuple(answers.goals.domains),
        exam_format=answers.goals.exam_format,
        weekly_study_hours=answers.weekly_study_hours,
        budget=answers.budget_usd,
        holdings=tuple(holding(by_slug[item.slug], item.earned_on, today) for item in answers.held),
    )


def recommend(
    answers: Answers,
    catalogue: Catalogue,
    *,
    today: dt.date,
    weights: Mapping[str, float] | None = None,
    catalogue_version: str | None = None,
    include_what_if: bool = True,
    study: Mapping[str, Sequence[Mapping[str, str]]] | None = None,
) -> dict[str, Any]:
    """The result document. Same inputs (and `today`), same output, byte for byte. `study`
    maps a skill to free places to learn it (title and url), for the foundation steps."""
    resolved = resolve_weights(weights)
    visitor = visitor_for(answers, catalogue, today)
    by_slug = catalogue.derived("by_slug", catalogue.by_slug)
    prepared = catalogue.derived(
        ("prepared", today),
        lambda: [prepare(cert, today, by_slug) for cert in catalogue.certifications],
    )
    context = Context.of(prepared, visitor)
    ranked = rank(visitor, prepared, today=today, weights=resolved, context=context)
    targets = [r for r in ranked if r.target]
    pathway = build_pathway(ranked, visitor, study, today=today)
    notes = unmet_preferences(visitor, context, ranked)
    notes += plan_notes(pathway, ranked, visitor)
    call = close_call(visitor, targets)
    if call:
        notes.append(call)
    return {
        "version": 2,
        "catalogue_version": catalogue_version or catalogue.content_version(),
        "as_of": today.isoformat(),
        "weights": resolved,
        "recommendations": [recommendation_document(r) for r in ranked if r.rank],
        "pathway": pathway,
        "weeks_to_exam": weeks_to_exam(pathway, visitor),
        "notes": notes,
        "what_if": (what_ifs(visitor, ranked, resolved, context, today) if include_what_if else []),
    } | (
        {"pathway_cost_usd": pathway_cost_usd(pathway, ranked, today)}
        if visitor.budget is not None
        else {}
    )
