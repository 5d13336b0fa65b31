"""Recommendation and share endpoints: the same engine, storage and limits as the web pages."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, ValidationError

from advisor import presenters, progress
from advisor.alerts import plan_alerts
from advisor.models import SharedResult, is_code
from advisor.replan import held_now, replan
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


def _refused(problem: AnswersProblem) -> ValidationError:
    """The engine's refusal as the API's 422, each problem with its field."""
    return ValidationError(
        [
            {"loc": path.split("."), "msg": message, "type": "value_error"}
            for path, message in problem.problems
        ]
    )


def _recommend(request: HttpRequest, answers: Answers) -> dict:
    try:
        return recommendation_for(answers, weights=_weights(request), today=timezone.localdate())
    except AnswersProblem as exc:  # a held slug not catalogued, a future date, a bad weight
        raise _refused(exc) from None


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


class Tick(Schema):
    step: int = Field(ge=1, description="the step's number in the saved pathway")
    on: str = Field(description="the day it was marked done (YYYY-MM-DD)")


class HeldNow(Schema):
    slug: str
    earned_on: str | None = Field(description="null: recently (the answers gave no day)")
    valid_until: str | None = Field(description="null: validity not published or lifetime")


class DatedStep(Schema):
    step: int | None = Field(
        description="its number in the saved pathway; null for a renewal "
        "that joined when its certification was marked done"
    )
    kind: str
    title: str
    slug: str | None
    done_on: str | None = None
    starts_on: str | None = None
    ends_on: str | None = None
    due_on: str | None = Field(default=None, description="a renewal: the day it falls due")


class Progress(Schema):
    steps: list[DatedStep] = Field(
        description="the plan as it stands: done steps with their day, the steps left dated "
        "from today at the plan's weekly hours, renewals with their due day"
    )
    done: list[Tick]
    held: list[HeldNow] = Field(
        description="held when the plan was saved, and each certification step marked done"
    )
    steps_done: int
    steps_total: int
    hours_done: float
    hours_left: float
    weeks_left: float = Field(description="the study hours left at the plan's weekly hours")
    exam_on: str | None = Field(description="the top pick's exam: the day done, or planned")
    exam_done: bool = Field(description="the top pick's exam is marked done")


class PlanAlert(Schema):
    on: str = Field(description="the day the catalogue changed")
    slug: str
    message: str = Field(description="what changed, and what it means for this plan")


class SavedPlan(Result):
    progress: Progress | None = None
    alerts: list[PlanAlert] = []


class SavedPlanV1(ResultV1):
    progress: Progress | None = None
    alerts: list[PlanAlert] = []


@router.get(
    "/shares/{code}", response={200: SavedPlan | SavedPlanV1, 404: Message}, exclude_unset=True
)
def share_detail(request: HttpRequest, code: str):
    """A saved plan as it was saved, with its owner's progress (null for plans saved before
    owner links) and alerts: what changed in the catalogue for it since, newest first."""
    saved = SharedResult.objects.with_result().filter(code=code).first() if is_code(code) else None
    if saved is None:
        raise HttpError(404, f"No saved result with the code {code!r}.")
    alerts = [
        {"on": alert.on.isoformat(), "slug": alert.slug, "message": alert.title}
        for alert in plan_alerts(saved)
    ]
    plan_progress = progress_of(saved) if saved.owner_key_hash else None
    return {**saved.result, "progress": plan_progress, "alerts": alerts}


class StepTick(Schema):
    step: int
    done: bool
    on: str | None = None


def _owner_key(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.partition(" ")
    return key.strip() if scheme.lower() == "bearer" else ""


def _owned_plan(request: HttpRequest, code: str) -> SharedResult:
    """The plan at `code`, if the bearer key is its owner's: 404 for no such plan, 403 for a
    missing or wrong key (compared in constant time)."""
    saved = SharedResult.objects.with_result().filter(code=code).first() if is_code(code) else None
    if saved is None:
        raise HttpError(404, f"No saved result with the code {code!r}.")
    if not saved.owned_by(_owner_key(request)):
        raise HttpError(403, "This needs the plan's owner key: Authorization: Bearer OWNER_KEY.")
    return saved


@router.post(
    "/shares/{code}/replan",
    response={
        201: ShareCreated,
        403: Message,
        404: Message,
        422: Problems,
        429: Message,
        503: Message,
    },
)
def replan_share(request: HttpRequest, code: str):
    """A new plan from the saved plan's answers and what its owner marked done, on today's
    catalogue, under the same owner key (as the owner page's Re-plan). The old plan links to
    it; asked again, the answer is the same new plan."""
    _limit(request, SHARE_GROUP)
    saved = _owned_plan(request, code)
    key = _owner_key(request)
    try:
        new = replan(saved, key, timezone.localdate())
    except AnswersProblem as exc:  # what the owner holds no longer fits the catalogue
        raise _refused(exc) from None
    except DatabaseError:
        logger.exception("a re-plan could not be saved")
        raise HttpError(
            503, "The plan could not be re-planned just now; try again shortly."
        ) from None
    url = request.build_absolute_uri(reverse("advisor:shared", args=[new.code]))
    owner_url = request.build_absolute_uri(reverse("advisor:owner", args=[new.code, key]))
    return Status(201, {"code": new.code, "url": url, "owner_key": key, "owner_url": owner_url})


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
    saved = _owned_plan(request, code)
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


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def progress_of(saved: SharedResult) -> dict[str, Any]:
    """The plan's progress as the owner and the public page see it, in the API's words."""
    done = saved.done_steps()
    result = saved.result
    steps = presenters.dated_pathway(
        result["pathway"],
        saved.created_at.date(),
        done,
        result["recommendations"],
        timezone.localdate(),
    )
    summary = presenters.progress_summary(steps)
    # A held certification's validity: the saved result's, or its renewal step's due day.
    renewals = {s["slug"]: s.get("due") for s in steps if s["kind"] == "renewal" and s.get("slug")}
    saved_held = {
        rec["slug"]: (rec.get("held") or {}).get("valid_until")
        for rec in result["recommendations"]
        if rec.get("held")
    }
    return {
        "steps": [
            {
                "step": s.get("number"),
                "kind": s["kind"],
                "title": s["title"],
                "slug": s.get("slug"),
                "done_on": _iso(s.get("done_on")),
                "starts_on": _iso(s.get("starts")),
                "ends_on": _iso(s.get("ends")),
                "due_on": _iso(s.get("due")),
            }
            for s in steps
        ],
        "done": [{"step": n, "on": on.isoformat()} for n, on in sorted(done.items())],
        "held": [
            {
                "slug": item["slug"],
                "earned_on": item.get("earned_on"),
                "valid_until": saved_held.get(item["slug"]) or _iso(renewals.get(item["slug"])),
            }
            for item in held_now(saved)
        ],
        **summary,
        "weeks_left": round(summary["hours_left"] / saved.weekly_hours, 1),
        "exam_on": _iso(summary["exam_on"]),
    }
