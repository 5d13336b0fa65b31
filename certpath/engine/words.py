"""Small pieces of English the reasons share, so every sentence is built the same way."""

from __future__ import annotations

import datetime as dt


def a(phrase: str) -> str:
    """The phrase with its indefinite article: "an associate exam", "a professional one"."""
    vowel_sound = phrase[:1] in "aeiouAEIOU" and not phrase.lower().startswith(("us", "uni"))
    if phrase[:3].isupper() and phrase[:1] in "AEFHILMNORSX":  # an AWS, an NVIDIA, an SQL
        vowel_sound = True
    return ("an " if vowel_sound else "a ") + phrase


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


_LEADING_WORDS = {
    "A",
    "An",
    "The",
    "Any",
    "One",
    "Either",
    "Both",
    # Common nouns that open a requirement ("Completion of PMI's course"): not names.
    "Completion",
    "Passing",
    "Proof",
    "Membership",
}


def clause(text: str) -> str:
    """A sentence's text inside another sentence: "An active CISA" → "an active CISA". Only
    a leading article or determiner is lowered; names ("Cisco CCNA", "AWS …") keep theirs."""
    first, _, rest = text.partition(" ")
    if first not in _LEADING_WORDS:
        return text
    return " ".join((first.lower(), rest)) if rest else first.lower()


def listing(items: list[str], conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c" ("or" for things that are missing)."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def years(value: float) -> str:
    return f"{value:g} year" + ("" if value == 1 else "s")


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def money(value: float) -> str:
    return f"US${value:,.0f}"
