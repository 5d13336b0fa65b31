"""Re-planning a saved plan on today's catalogue, from its owner link (issue 27).

The new plan is made from the same answers and weights, plus what its owner marked done: a
certification step marked done is held from that day. Progress that still applies (a done
step the new plan has too: same kind, title and certification) is carried over with its day.
The old plan keeps its advice and links to the new one; the owner's key opens both.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F

from advisor.models import SharedResult, StepDone
from advisor.presenters import done_certifications
from advisor.selectors import recommendation_for
from certifications.selectors import current_catalogue
from certpath.catalogue import Certification
from certpath.engine import Answers


def held_now(saved: SharedResult) -> list[dict[str, Any]]:
    """What the owner holds: the answers' held certifications, and each certification step
    marked done, earned on its day (the answers' own date wins for one already held)."""
    held = {item["slug"]: dict(item) for item in saved.answers.get("held") or []}
    for slug, on in done_certifications(saved.result["pathway"], saved.done_steps()):
        held.setdefault(slug, {"slug": slug, "earned_on": on.isoformat()})
    return list(held.values())


def _within_its_days(item: dict[str, Any], cert: Certification) -> dict[str, Any]:
    earned = item.get("earned_on")
    last = cert.status_date if cert.status == "retired" else None
    if earned and last and dt.date.fromisoformat(earned) > last:
        return {**item, "earned_on": last.isoformat()}
    return item


def _step_key(step: dict[str, Any]) -> tuple[Any, ...]:
    return (step["kind"], step["title"], step.get("slug"))


def replan(saved: SharedResult, key: str, today: dt.date) -> SharedResult:
    """A new plan from `saved`'s answers and progress on today's catalogue, kept under the
    same owner key; `saved` then points to it. Asked again, it answers with that plan."""
    catalogue = current_catalogue()[0].by_slug()
    # A certification since removed from the catalogue can no longer be named as held; one
    # marked done after its exam closed was passed by its last day at the latest.
    held = [
        _within_its_days(item, catalogue[item["slug"]])
        for item in held_now(saved)
        if item["slug"] in catalogue
    ]
    answers = Answers.model_validate({**saved.answers, "held": held})
    result = recommendation_for(answers, weights=saved.weights, today=today)
    old_steps = saved.result["pathway"]
    new_steps = {_step_key(step): n for n, step in enumerate(result["pathway"], start=1)}
    with transaction.atomic():
        # Re-planned already (a double submit): the plan it became, not a second new one.
        locked = SharedResult.objects.select_for_update().get(pk=saved.pk)
        if locked.replanned_to_id is not None:
            return SharedResult.objects.get(pk=locked.replanned_to_id)
        new, _ = SharedResult.objects.keep(
            answers.model_dump(mode="json"), saved.weights, result, key=key
        )
        carried: dict[int, dt.date] = {}
        for number, on in saved.done_steps().items():
            if number <= len(old_steps) and (
                same := new_steps.get(_step_key(old_steps[number - 1]))
            ):
                carried.setdefault(same, on)
        StepDone.objects.bulk_create(StepDone(plan=new, step=n, on=on) for n, on in carried.items())
        # The old plan's public page (cached by its progress counter) now links the new one.
        SharedResult.objects.filter(pk=saved.pk).update(
            replanned_to=new, progress_version=F("progress_version") + 1
        )
    return new
