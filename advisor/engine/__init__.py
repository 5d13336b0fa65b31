"""certpath's recommender: plain Python, no Django.

`recommend(answers, catalogue)` is a pure function from validated answers and a catalogue
snapshot to the result document of shared/contract/result.schema.json (version 1), plus
certpath's extras (cost_3y_usd, what_if, the weights used).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from advisor.engine.answers import Answers, error_messages
from advisor.engine.pathway import build_pathway
from advisor.engine.recommend import (
    prepare_all,
    rank,
    recommendation_document,
    resolve_weights,
)
from advisor.engine.rules import DEFAULT_WEIGHTS
from advisor.engine.scoring import Visitor
from advisor.engine.whatif import what_ifs
from certifications.schema import Catalogue

__all__ = ["DEFAULT_WEIGHTS", "Answers", "error_messages", "recommend", "resolve_weights"]


def recommend(
    answers: Answers,
    catalogue: Catalogue,
    *,
    today: dt.date,
    weights: Mapping[str, float] | None = None,
    catalogue_version: str | None = None,
    include_what_if: bool = True,
) -> dict[str, Any]:
    """The result document. Same inputs (and `today`), same output, byte for byte."""
    resolved = resolve_weights(weights)
    visitor = Visitor.from_answers(answers)
    ranked = rank(visitor, prepare_all(catalogue, today), today=today, weights=resolved)
    return {
        "version": 1,
        "catalogue_version": catalogue_version or catalogue.content_version(),
        "as_of": today.isoformat(),
        "weights": resolved,
        "recommendations": [recommendation_document(r) for r in ranked],
        "pathway": build_pathway(ranked, visitor),
        "what_if": what_ifs(visitor, ranked, resolved) if include_what_if else [],
    }
