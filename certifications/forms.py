"""Admin forms that validate every edit through the catalogue schema (`certpath.catalogue`).

The YAML loader and the admin must not be two rule books: a value the schema would refuse in
`data/certs.yaml` is refused here too, as an error on the field it concerns, before anything
is saved. So an edit can never leave a row that the site then has to skip.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any, ClassVar, get_args

from django import forms
from django.forms.models import BaseInlineFormSet, construct_instance
from pydantic import BaseModel, ValidationError

from certifications import models
from certifications.selectors import FORM_FIELD, scalar_data
from certpath import catalogue as schema
from certpath.engine.answers import problems
from certpath.vocabulary import GOAL_DOMAIN_LABELS, ROLE_LABELS

# Stands in for the sources while the certification's own columns are checked: the sources
# are checked by their own inline forms, one row at a time.
_PLACEHOLDER_SOURCE = {
    "url": "https://example.org/",
    "title": "placeholder",
    "kind": "official",
    "checked_on": dt.date(2000, 1, 1),
}
# Fields that whole-certification rules name in their messages ("languages lists the same
# value twice", "a retired certification needs a status_date").
_NAMED_IN_MESSAGES = (
    "status_date",
    "validity_years",
    "languages",
    "delivery",
    "audience",
    "goal_domains",
    "prerequisites",
)


class CommaSeparatedField(forms.CharField):
    """A short list typed as `English, Japanese`."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value)
        return [item.strip() for item in text.split(",") if item.strip()]


def _add_schema_errors(form: forms.BaseForm, error: ValidationError, where: Any) -> None:
    errors = error.errors(include_url=False)
    for item, (path, message) in zip(errors, problems(errors), strict=True):
        field = where(tuple(item["loc"]), message)
        if field is None or field not in form.fields:
            form.add_error(None, f"{path}: {message}" if item["loc"] else message)
        else:
            form.add_error(field, message)


class CertificationForm(forms.ModelForm):
    official_url = forms.URLField(max_length=500, assume_scheme="https", required=False)
    delivery = forms.MultipleChoiceField(
        choices=[(v, v.replace("_", " ")) for v in get_args(schema.Delivery)],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = CommaSeparatedField(
        required=False, help_text="Comma-separated, e.g. English, Japanese."
    )
    audience = forms.MultipleChoiceField(
        choices=list(ROLE_LABELS.items()), widget=forms.CheckboxSelectMultiple
    )
    goal_domains = forms.MultipleChoiceField(
        choices=list(GOAL_DOMAIN_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    # Set by the admin when the whole catalogue refused this save (certifications/integrity.py):
    # what it would have broken, by slug, shown on the fields that caused it.
    catalogue_refused: ClassVar[dict[str, list[str]] | None] = None

    class Meta:
        model = models.Certification
        exclude: ClassVar[list[str]] = []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.catalogue_refused:
            self._add_catalogue_errors(cleaned)
        if self.errors:
            return cleaned  # the fields' own errors first
        candidate = construct_instance(self, copy.copy(self.instance))
        try:
            # The goal areas are checked against the exam domains by their own formset
            # (ExamDomainFormSet), which sees the rows being saved with this form.
            schema.Certification.model_validate(
                scalar_data(candidate) | {"sources": [_PLACEHOLDER_SOURCE]},
                context={"rows_only": True},
            )
        except ValidationError as exc:
            _add_schema_errors(self, exc, _certification_field)
        return cleaned

    def _add_catalogue_errors(self, cleaned: dict[str, Any]) -> None:
        own = {self.instance.slug, cleaned.get("slug")} - {None, ""}
        named = {
            slug
            for item in cleaned.get("prerequisites") or []
            if isinstance(item, dict)
            for slug in (item.get("slug"), *(item.get("alternatives") or []))
            if slug
        }
        for slug, found in (self.catalogue_refused or {}).items():
            for problem in found:
                if slug in own:
                    field = "prerequisites" if any(f"'{n}'" in problem for n in named) else None
                    self.add_error(field, f"The catalogue would break: {problem}.")
                elif (
                    self.instance.pk and self.instance.slug and f"'{self.instance.slug}'" in problem
                ):
                    self.add_error(
                        "slug",
                        f"{slug} names this certification by its slug “{self.instance.slug}”: "
                        "renaming it would leave that reference pointing at nothing. Change "
                        f"{slug} first, or keep the slug.",
                    )
                else:
                    self.add_error(None, f"The catalogue would break: {slug}: {problem}.")


def _certification_field(loc: tuple[Any, ...], message: str) -> str | None:
    if loc[:2] in FORM_FIELD:
        return FORM_FIELD[loc[:2]]
    if loc:
        return str(loc[0])
    return next((name for name in _NAMED_IN_MESSAGES if name in message), None)


class SchemaRowForm(forms.ModelForm):
    """An inline row checked by the schema's model for it (`schema_model`)."""

    schema_model: ClassVar[type[BaseModel]]
    schema_fields: ClassVar[tuple[str, ...]]

    def row_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {name: cleaned.get(name) for name in self.schema_fields}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors or cleaned.get("DELETE"):
            return cleaned
        try:
            self.schema_model.model_validate(self.row_data(cleaned))
        except ValidationError as exc:
            _add_schema_errors(self, exc, lambda loc, _message: str(loc[0]) if loc else None)
        return cleaned


class SkillRequirementForm(SchemaRowForm):
    schema_model = schema.SkillRequirement
    schema_fields = ("level", "weight")


class ExamDomainForm(SchemaRowForm):
    schema_model = schema.ExamDomain
    schema_fields = ("name", "weight_min", "weight_max", "supports")
    supports = forms.MultipleChoiceField(
        choices=list(GOAL_DOMAIN_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="supports goal areas",
    )

    def row_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return super().row_data(cleaned) | {"supports": cleaned.get("supports") or []}


class ExamDomainFormSet(BaseInlineFormSet):
    """A goal area the certification claims must be supported by one of the exam domains
    being saved with it (the schema's rule, checked where both are in view)."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        domains = [
            schema.ExamDomain(name=data["name"], supports=data.get("supports") or [])
            for form in self.forms
            if (data := getattr(form, "cleaned_data", {})) and not data.get("DELETE")
        ]
        unsupported = schema.unsupported_goals(list(self.instance.goal_domains or []), domains)
        if unsupported:
            names = ", ".join(GOAL_DOMAIN_LABELS[g] for g in unsupported)
            raise forms.ValidationError(
                f"The certification claims {names}, but no exam domain supports it: tick it "
                "under the exam domain that covers it, or untick it in “goal domains”."
            )


class SourceForm(SchemaRowForm):
    schema_model = schema.Source
    schema_fields = ("url", "title", "kind", "checked_on")

    def row_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return super().row_data(cleaned) | {"url": cleaned.get("url") or None}


class FactNoteForm(SchemaRowForm):
    schema_model = schema.FactNote
    schema_fields = ("field", "basis", "confidence", "note")


class LinkFormSet(BaseInlineFormSet):
    """Successors, next steps and renewals: never the certification itself."""

    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            target = data.get("target")
            if data.get("DELETE") or target is None:
                continue
            if self.instance.pk is not None and target.pk == self.instance.pk:
                form.add_error("target", "A certification cannot link to itself.")
