"""Filtering the catalogue page by query parameters (so it works without JavaScript too)."""

from __future__ import annotations

from django import forms

from certpath.catalogue import Certification
from certpath.vocabulary import LEVEL_TITLES, PLATFORM_LABELS

ANY = [("", "Any")]
STATUS_CHOICES = [("active", "Active"), ("retiring", "Retiring"), ("retired", "Retired")]
CODING_CHOICES = [("yes", "Tests coding"), ("no", "Tests no coding")]


class CatalogueFilterForm(forms.Form):
    """Every field optional; a value that is not a choice is an error on that field and that
    filter alone is ignored, so a mistyped link still shows the catalogue."""

    provider = forms.ChoiceField(required=False)
    level = forms.ChoiceField(required=False, choices=ANY + list(LEVEL_TITLES.items()))
    platform = forms.ChoiceField(required=False)
    status = forms.ChoiceField(required=False, choices=ANY + STATUS_CHOICES)
    coding = forms.ChoiceField(required=False, label="Coding", choices=ANY + CODING_CHOICES)

    def __init__(self, data: object, certifications: list[Certification]) -> None:
        super().__init__(data)
        providers = sorted({c.provider for c in certifications}, key=str.lower)
        self.fields["provider"].choices = ANY + [(p, p) for p in providers]
        platforms = [p for p in PLATFORM_LABELS if any(c.platform == p for c in certifications)]
        self.fields["platform"].choices = ANY + [(p, PLATFORM_LABELS[p]) for p in platforms]

    def chosen(self) -> dict[str, str]:
        """The valid, non-empty filters (invalid ones are reported and left out)."""
        self.is_valid()
        return {
            name: value
            for name in self.fields
            if name not in self.errors and (value := self.cleaned_data.get(name))
        }

    def apply(self, certifications: list[Certification]) -> list[Certification]:
        chosen = self.chosen()
        coding = chosen.pop("coding", None)
        return [
            c
            for c in certifications
            if all(getattr(c, name) == value for name, value in chosen.items())
            and (coding is None or c.tests_coding == (coding == "yes"))
        ]
