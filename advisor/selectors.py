"""The thin bridge from the database to the engine's plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from advisor.engine import Answers, recommend
from certifications.selectors import current_catalogue


def recommendation_for(
    answers: Answers, *, weights: Mapping[str, float] | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """The result document for these answers against the catalogue in the database."""
    catalogue, version = current_catalogue()
    return recommend(
        answers,
        catalogue,
        today=today or timezone.localdate(),
        weights=weights,
        catalogue_version=version,
    )
