"""The thin bridge from the database to the engine's plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from certifications.selectors import current_advice_inputs
from certpath.engine import Answers, recommend


def recommendation_for(
    answers: Answers, *, weights: Mapping[str, float] | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """The result document for these answers against the catalogue in the database.

    Computed every time (about a millisecond): the pages that show it are cached whole
    (web/pages.py), so a second cache of results would only hide the engine from
    the tests that compare the command, the API and the web.
    """
    catalogue, version, study, _ = current_advice_inputs()
    return recommend(
        answers,
        catalogue,
        today=today or timezone.localdate(),
        weights=weights,
        catalogue_version=version,
        study=study,
    )


def serving_version() -> str:
    """What a cached advice page depends on besides its answers: the catalogue and the study
    links its pathway shows."""
    _, version, _, study_version = current_advice_inputs()
    return f"{version}+{study_version}"
