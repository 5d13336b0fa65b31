"""The thin bridge from the database to the engine's plain data."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from certifications.selectors import current_advice_inputs
from certpath.engine import Answers, recommend

RESULT_TTL_SECONDS = 60 * 60


def recommendation_for(
    answers: Answers, *, weights: Mapping[str, float] | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """The result document for these answers against the catalogue in the database.

    A result is a pure function of answers, weights, day and catalogue version, so it is kept in
    the cache: saving a share link reuses the ranking the visitor has just been shown, and the
    web, the API and every app server share one computation.
    """
    catalogue, version, study, study_version = current_advice_inputs()
    today = today or timezone.localdate()
    inputs = [
        version,
        study_version,
        today.isoformat(),
        answers.model_dump_json(),
        json.dumps(weights or {}, sort_keys=True),
    ]
    key = "result:v1:" + hashlib.sha256("\n".join(inputs).encode()).hexdigest()
    result = cache.get(key)
    if result is None:
        result = recommend(
            answers,
            catalogue,
            today=today,
            weights=weights,
            catalogue_version=version,
            study=study,
        )
        cache.set(key, result, RESULT_TTL_SECONDS)
    return result


def serving_version() -> str:
    """What a cached advice page depends on besides its answers: the catalogue and the study
    links its pathway shows."""
    _, version, _, study_version = current_advice_inputs()
    return f"{version}+{study_version}"
