"""Display helpers for catalogue facts: plain words instead of stored keys."""

import json
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from certpath.catalogue import Certification
from certpath.engine.costs import discounts
from certpath.engine.words import money
from certpath.vocabulary import (
    FOCUS_LABELS,
    GOAL_DOMAIN_LABELS,
    LEVEL_LABELS,
    PLATFORM_LABELS,
    ROLE_LABELS,
    SKILL_LABELS,
)

register = template.Library()

_WORDS = {
    **PLATFORM_LABELS,
    "multiple_choice": "Multiple choice",
    "hands_on": "Hands-on (coding)",
    "online_proctored": "Online proctored",
    "test_center": "Test centre",
    "remote_unproctored": "Remote, unproctored",
    "third_party": "third-party",
    "price_usd": "Price",
    "duration_minutes": "Duration",
    "validity_years": "Validity",
    "exam_code": "Exam code",
    "retake": "Retake the exam",
    "free_assessment": "Free online assessment",
    "not_renewable": "Cannot be renewed",
    **FOCUS_LABELS,
    **GOAL_DOMAIN_LABELS,
    **ROLE_LABELS,
    **SKILL_LABELS,
}


@register.filter
def usd(value: Any) -> str:
    """A US-dollar amount as every page and the engine's reasons write it: US$1,049."""
    return money(float(value))


@register.filter
def words(value: Any) -> str:
    """A stored key (`hands_on`, `gcp`, `nlp`) in plain words."""
    text = str(value)
    return _WORDS.get(text, text.replace("_", " ").capitalize())


@register.filter
def weight_range(domain: Any) -> str:
    if domain.weight_min is None:
        return "weight not published"
    if domain.weight_min == domain.weight_max:
        return f"{domain.weight_min}%"
    return f"{domain.weight_min}–{domain.weight_max}%"


@register.filter
def question_range(questions: Any) -> str:
    if questions.min is None and questions.max is None:
        return ""
    if questions.min == questions.max or questions.max is None:
        text = str(questions.min)
    elif questions.min is None:
        text = f"up to {questions.max}"
    else:
        text = f"{questions.min}–{questions.max}"
    if questions.scored:
        text += f" ({questions.scored} scored)"
    return text


@register.filter
def years(value: float | None) -> str:
    if value is None:
        return ""
    number = f"{value:g}"
    return f"{number} year" if value == 1 else f"{number} years"


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.simple_tag
def fact_mark(notes: dict[str, Any], field: str, page: str = "") -> str:
    """A visible mark after a fact that is third-party only, disputed or unverified, linking
    to the note that explains it (on `page`, the certification's own page, when elsewhere)."""
    note = notes.get(field)
    if note is None:
        return ""
    kind = note.confidence if note.confidence != "confirmed" else note.basis
    if kind == "official":
        return ""
    return format_html(
        ' <a class="mark mark-{}" href="{}#note-{}">{}</a>', kind, page, field, words(kind).lower()
    )


@register.filter
def notes_of(cert: Any) -> dict[str, Any]:
    """A certification's fact notes by the field they qualify."""
    return {note.field: note for note in cert.fact_notes}


@register.filter
def level_words(level: int) -> str:
    return LEVEL_LABELS.get(level, str(level))


# The escapes Django's json_script uses: the JSON can never close the script element.
_SCRIPT_SAFE = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def ld_json(data: dict[str, Any]) -> str:
    """A JSON-LD block (data, never executed, so the Content-Security-Policy allows it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def cheaper_by(cert: Certification) -> list[str]:
    """What the vendor publishes that can make it cost less than the list price."""
    return discounts(cert)
