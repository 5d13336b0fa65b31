"""Small helpers for the advisor's templates."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django import forms, template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.filter
def get_field(form: forms.Form, name: str) -> forms.BoundField:
    """`form|get_field:"skills.python"`: field names hold dots, which templates cannot."""
    return form[name]


@register.filter
def iso_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@register.filter
def lookup(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.filter
def whole(score: float) -> str:
    """A score to the whole point, halves up, as floatformat:0 rounds it: scores are tenths,
    so adding a half is exact. About a tenth of floatformat's cost, which the live ranking
    pays some twenty times per answer."""
    return str(math.floor(score + 0.5))


@register.filter
def signed(points: float) -> str:
    return f"{points:+.1f}" if points else "0"


_MARK_WORDS = {"third_party": "third-party", "disputed": "disputed", "unverified": "unverified"}


@register.simple_tag
def result_mark(facts: dict[str, Any], field: str, slug: str) -> str:
    """The third-party / disputed / unverified mark for one fact in a result: a link to the
    note that explains it on the certification's page, so touch and keyboard reach it too
    (a tooltip alone reaches only a mouse)."""
    mark = facts["marks"].get(field)
    if not mark:
        return ""
    return format_html(
        ' <a class="mark mark-{}" href="{}#note-{}" title="{}">{}</a>',
        mark["mark"],
        reverse("certifications:detail", args=[slug]),
        field,
        mark["note"],
        _MARK_WORDS.get(mark["mark"], mark["mark"]),
    )
