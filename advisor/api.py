"""Recommendation and share endpoints: the same engine, storage and limits as the web pages."""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError, ValidationError

from advisor import presenters, progress
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
    # The private key that marks progress (POST /shares/{code}/progress), returned once.
    owner_key: str
    owner_url: str


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
    except AnswersProblem as exc:  # a held slug not catalogued, a future date, a bad weight
        raise ValidationError(
            [
                {"loc": path.split("."), "msg": message, "type": "value_error"}
                for path, message in exc.problems
            ]
        ) from None


@router.post(
    "/recommendations",
    response={200: Result, 400: Message, 422: Problems, 429: Message},
    exclude_unset=True,  # a document's optional parts stay absent, not null
)
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
        saved, key = SharedResult.objects.keep(
            answers.model_dump(mode="json"), _weights(request), result
        )
    except DatabaseError:  # read-only or gone: say so, as the web's Save does
        logger.exception("a share could not be saved")
        raise HttpError(503, "The plan could not be saved just now; try again shortly.") from None
    url = request.build_absolute_uri(reverse("advisor:shared", args=[saved.code]))
    owner_url = request.build_absolute_uri(reverse("advisor:owner", args=[saved.code, key]))
    return Status(201, {"code": saved.code, "url": url, "owner_key": key, "owner_url": owner_url})


@router.get("/shares/{code}", response={200: Result | ResultV1, 404: Message}, exclude_unset=True)
def share_detail(request: HttpRequest, code: str):
    saved = SharedResult.objects.with_result().filter(code=code).first() if is_code(code) else None
    if saved is None:
        raise HttpError(404, f"No saved result with the code {code!r}.")
    return saved.result


class StepTick(Schema):
    step: int
    done: bool
    on: str | None = None


class Progress(Schema):
    done: list[dict[str, Any]]
    steps_done: int
    steps_total: int
    hours_done: float
    hours_left: float
    exam_on: str | None


def _owner_key(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.partition(" ")
    return key.strip() if scheme.lower() == "bearer" else ""


@router.post(
    "/shares/{code}/progress",
    response={
        200: Progress,
        400: Message,
        403: Message,
        404: Message,
        422: Problems,
        429: Message,
        503: Message,
    },
)
def mark_progress(request: HttpRequest, code: str, tick: StepTick):
    """Mark a step of a saved plan done (on a day, today by default) or not done, with the
    owner key as a bearer token. A missing or wrong key is 403 and changes nothing."""
    _limit(request, SHARE_GROUP)  # progress writes share the save budget
    saved = SharedResult.objects.with_result().filter(code=code).first() if is_code(code) else None
    if saved is None:
        raise HttpError(404, f"No saved result with the code {code!r}.")
    if not saved.owned_by(_owner_key(request)):
        raise HttpError(403, "This needs the plan's owner key: Authorization: Bearer OWNER_KEY.")
    form = progress.StepForm(
        {"step": tick.step, "done": tick.done, "on": tick.on or ""}, plan=saved
    )
    if not form.is_valid():
        problems = [
            {"path": field, "message": str(error)}
            for field, errors in form.errors.items()
            for error in errors
        ]
        return Status(422, {"detail": problems})
    try:
        progress.apply(form)
    except DatabaseError:
        logger.exception("a tick could not be saved")
        raise HttpError(503, "The step could not be marked just now; try again shortly.") from None
    return progress_of(saved)


def progress_of(saved: SharedResult) -> dict[str, Any]:
    """The plan's progress as the owner and the public page see it, in the API's words."""
    done = saved.done_steps()
    steps = presenters.dated_pathway(saved.result["pathway"], saved.created_at.date(), done)
    summary = presenters.progress_summary(steps)
    return {
        "done": [{"step": n, "on": on.isoformat()} for n, on in sorted(done.items())],
        **summary,
        "exam_on": summary["exam_on"].isoformat() if summary["exam_on"] else None,
    }
