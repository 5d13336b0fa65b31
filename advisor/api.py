"""Recommendation and share endpoints: the same engine, storage and limits as the web pages."""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError, ValidationError

from advisor.models import SharedResult, is_code
from advisor.selectors import recommendation_for
from certpath.engine import Answers, AnswersProblem
from certpath.engine.result_schema import Result, ResultV1
from web.limits import (
    READ_GROUP,
    SHARE_GROUP,
    over_limit,
    seconds_until_allowed,
    wait_words,
)

router = Router(tags=["advice"])

logger = logging.getLogger(__name__)


class ShareCreated(Schema):
    code: str
    url: str


class Message(Schema):
    detail: str


class Problem(Schema):
    path: str
    message: str


class Problems(Schema):
    detail: list[Problem]


def _limit(request: HttpRequest, group: str) -> None:
    # Same counters as the web pages: a client cannot double its budget by switching to the API.
    if over_limit(request, group=group):
        wait = wait_words(seconds_until_allowed(request))
        raise HttpError(429, f"Too many requests: try again in {wait}.")


def _weights(request: HttpRequest) -> dict[str, float]:
    """Weight overrides from the query (`?weights.platform=0`), as on the web pages."""
    weights = {}
    for key, value in request.GET.items():
        if not key.startswith("weights."):
            continue
        try:
            weights[key.removeprefix("weights.")] = float(value)
        except ValueError:
            raise ValidationError(
                [{"loc": ["query", key], "msg": "must be a number", "type": "value_error"}]
            ) from None
    return weights


def _recommend(request: HttpRequest, answers: Answers) -> dict:
    try:
        return recommendation_for(answers, weights=_weights(request), today=timezone.localdate())
    except AnswersProblem as exc:  # a held slug not in the catalogue, a future date
        raise ValidationError(
            [
                {"loc": path.split("."), "msg": message, "type": "value_error"}
                for path, message in exc.problems
            ]
        ) from None
    except ValueError as exc:  # an unknown or out-of-range weight
        path, _, message = str(exc).partition(": ")
        raise ValidationError(
            [{"loc": path.split("."), "msg": message, "type": "value_error"}]
        ) from None


@router.post("/recommendations", response={200: Result, 400: Message, 422: Problems, 429: Message})
def recommendations(request: HttpRequest, answers: Answers):
    """The result document for these answers: identical to `manage.py recommend`.

    Optional weight overrides go in the query string, e.g. `?weights.platform=0`.
    """
    _limit(request, READ_GROUP)
    return _recommend(request, answers)


@router.post(
    "/shares", response={201: ShareCreated, 400: Message, 422: Problems, 429: Message, 503: Message}
)
def create_share(request: HttpRequest, answers: Answers):
    """Save the answers and their result under an unguessable code, as the web's Share does."""
    _limit(request, SHARE_GROUP)
    result = _recommend(request, answers)
    try:
        saved = SharedResult.objects.keep(
            answers.model_dump(mode="json"), _weights(request), result
        )
    except DatabaseError:  # read-only or gone: say so, as the web's Save does
        logger.exception("a share could not be saved")
        raise HttpError(503, "The plan could not be saved just now; try again shortly.") from None
    url = request.build_absolute_uri(reverse("advisor:shared", args=[saved.code]))
    return Status(201, {"code": saved.code, "url": url})


@router.get("/shares/{code}", response={200: Result | ResultV1, 404: Message})
def share_detail(request: HttpRequest, code: str):
    saved = SharedResult.objects.with_result().filter(code=code).first() if is_code(code) else None
    if saved is None:
        raise HttpError(404, f"No saved result with the code {code!r}.")
    return saved.result
