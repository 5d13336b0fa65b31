"""Marking a saved plan's steps done or not done, from its owner link (web) or owner key (API).

One form checks a tick for both, against the plan it is for: the step must exist, and the day
can be neither in the future nor before the plan was saved. A tick is one row per step written
in one statement, so a double submit changes nothing and a worker killed mid-request leaves
either the tick or nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from advisor.models import SharedResult, StepDone


class StepForm(forms.Form):
    step = forms.IntegerField(
        label="Step",
        min_value=1,
        error_messages={"required": "Say which step.", "invalid": "A step is a whole number."},
    )
    done = forms.BooleanField(label="Done", required=False)
    on = forms.DateField(
        label="Done on",
        required=False,
        error_messages={"invalid": "Give the day as YYYY-MM-DD, for example 2026-12-07."},
    )

    def __init__(self, *args: Any, plan: SharedResult, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_step(self) -> int:
        step = self.cleaned_data["step"]
        count = len(self.plan.result["pathway"])
        if step > count:
            raise forms.ValidationError(f"This plan has {count} steps; there is no step {step}.")
        return step

    def clean_on(self) -> dt.date:
        today = timezone.localdate()
        on = self.cleaned_data.get("on") or today
        if on > today:
            raise forms.ValidationError("A step cannot be done on a day still to come.")
        saved = timezone.localdate(self.plan.created_at)
        if on < saved:
            raise forms.ValidationError(
                f"The plan was saved on {saved:%-d %B %Y}; a step cannot be done before that."
            )
        return on


@transaction.atomic
def apply(form: StepForm) -> None:
    """Done: the step's row, with its day (marking it again moves the day, nothing more).
    Not done: no row."""
    plan, step = form.plan, form.cleaned_data["step"]
    if form.cleaned_data["done"]:
        StepDone.objects.update_or_create(
            plan=plan, step=step, defaults={"on": form.cleaned_data["on"]}
        )
    else:
        StepDone.objects.filter(plan=plan, step=step).delete()
    SharedResult.objects.filter(pk=plan.pk).update(progress_version=F("progress_version") + 1)
    plan.forget_progress()
