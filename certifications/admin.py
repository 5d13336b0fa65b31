import datetime as dt
from typing import Any

from django.contrib import admin, messages
from django.db import models as db_models
from django.db.models import Min, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from certifications import changes, forms, models
from certifications.integrity import (
    CatalogueWouldBreak,
    added_problems,
    problems_now,
    referenced_by,
)
from certifications.selectors import certification_as_saved, checked_snapshot

STALE_AFTER_DAYS = 180
# Facts whose old and new values the change history (and so the public feed) records.
VALUE_TRACKED = ("status", "status_date", "price_usd", "validity_years")


def _shown(value: Any) -> str:
    return "not published" if value in (None, "") else str(value)


def _with_values(label: str, form: Any, name: str) -> str:
    return f"{label} ({_shown(form.initial.get(name))} → {_shown(form.cleaned_data.get(name))})"


# Django 6's default, now: a URL typed without a scheme is https.
URL_FIELDS = {db_models.URLField: {"assume_scheme": "https"}}


class SkillRequirementInline(admin.TabularInline):
    model = models.SkillRequirement
    form = forms.SkillRequirementForm
    extra = 0


class ExamDomainInline(admin.TabularInline):
    model = models.ExamDomain
    form = forms.ExamDomainForm
    formset = forms.ExamDomainFormSet
    extra = 0


class SourceInline(admin.TabularInline):
    model = models.Source
    form = forms.SourceForm
    formfield_overrides = URL_FIELDS
    extra = 0
    min_num = 1
    validate_min = True


class FactNoteInline(admin.TabularInline):
    model = models.FactNote
    form = forms.FactNoteForm
    extra = 0
    verbose_name = "fact note (third-party, disputed or unverified fact)"


class CertificationLinkInline(admin.TabularInline):
    model = models.CertificationLink
    formset = forms.LinkFormSet
    fk_name = "certification"
    extra = 0
    verbose_name = "successor or next step"
    verbose_name_plural = "successors and next steps"


class StaleFactsFilter(admin.SimpleListFilter):
    title = "facts checked"
    parameter_name = "facts"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("stale", f"older than {STALE_AFTER_DAYS} days"),
            ("fresh", f"within {STALE_AFTER_DAYS} days"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet | None:
        cutoff = timezone.localdate() - dt.timedelta(days=STALE_AFTER_DAYS)
        if self.value() == "stale":
            return queryset.filter(Q(checked_on__lt=cutoff) | Q(checked_on=None))
        if self.value() == "fresh":
            return queryset.filter(checked_on__gte=cutoff)
        return None


@admin.register(models.Certification)
class CertificationAdmin(admin.ModelAdmin):
    form = forms.CertificationForm
    formfield_overrides = URL_FIELDS

    class Media:
        css = {"all": ["css/admin.css"]}  # inline tables that fit the screen

    list_display = ["name", "slug", "provider", "level", "status", "price_usd", "checked_on"]
    list_filter = ["provider", "status", "level", StaleFactsFilter]
    search_fields = ["slug", "name", "provider", "exam_code", "summary"]
    ordering = ["position", "slug"]
    save_on_top = True
    inlines = [
        CertificationLinkInline,
        SkillRequirementInline,
        ExamDomainInline,
        SourceInline,
        FactNoteInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "kind",
                    "position",
                    "name",
                    "provider",
                    "platform",
                    "level",
                    "summary",
                ]
            },
        ),
        (
            "Status",
            {"fields": ["status", "status_date", "status_note", "first_offered", "history"]},
        ),
        (
            "Exam",
            {
                "fields": [
                    "exam_code",
                    "price_usd",
                    "member_price_usd",
                    "retake_policy",
                    "duration_minutes",
                    ("questions_min", "questions_max", "questions_scored"),
                    "passing_score",
                    "format",
                    "delivery",
                    "languages",
                    "official_url",
                ]
            },
        ),
        (
            "Validity and renewal",
            {
                "fields": [
                    "validity_years",
                    "renewal_method",
                    "renewal_discount_percent",
                    "renewal_fee_usd",
                    "renewal_fee_member_usd",
                    "renewal_window_days",
                    "renewal_note",
                ]
            },
        ),
        (
            "Who it is for (certpath's judgement)",
            {
                "fields": [
                    "recommended_industry_years",
                    "recommended_platform_years",
                    "recommended_experience_note",
                    "required_work_years",
                    "tests_coding",
                    "recognition",
                    "prerequisites",
                    "focus",
                    "audience",
                    "goal_domains",
                ]
            },
        ),
    ]

    def construct_change_message(
        self, request: HttpRequest, form: Any, formsets: Any, add: bool = False
    ) -> list[dict[str, Any]]:
        """Django's message, with old and new values for the facts a plan depends on, so the
        history and the public feed say "Price (USD) (200 → 225)", not just "Price"."""
        message = super().construct_change_message(request, form, formsets, add)
        if add:
            return message
        labels = {
            form.fields[name].label or name: name
            for name in form.changed_data
            if name in VALUE_TRACKED
        }
        for part in message:
            changed = part.get("changed", {})
            if "name" in changed:  # an inline row, not the certification itself
                continue
            changed["fields"] = [
                _with_values(label, form, labels[label]) if label in labels else label
                for label in changed.get("fields", [])
            ]
        return message

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # A row the schema refuses (edited outside the admin) is left out of the site, and a
        # reference to a slug nobody has is ignored; staff must see that, and what to repair,
        # where they edit the catalogue.
        catalogue, problems = checked_snapshot(log=False)
        served = {cert.slug for cert in catalogue.certifications}
        for slug, wrong in problems.items():
            lead = (
                "needs repair" if slug in served else "is left out of the site until it is repaired"
            )
            messages.error(request, f"{slug} {lead}: " + "; ".join(wrong))
        return super().changelist_view(request, extra_context)

    # --- the whole catalogue stays valid (certifications/integrity.py) ------------------------

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """A save the whole catalogue refuses is rolled back (it ran in the admin's own
        transaction) and the form is shown again with what the visitor typed and the errors
        where they belong."""
        if request.method == "POST":
            request._catalogue_before = problems_now()  # type: ignore[attr-defined]
            # The facts plans rest on, before the edit: what changed is recorded on save.
            request._facts_before = (  # type: ignore[attr-defined]
                certification_as_saved(object_id) if object_id else None
            )
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except CatalogueWouldBreak as refused:
            request._catalogue_refused = refused.problems  # type: ignore[attr-defined]
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change, **kwargs)
        refused = getattr(request, "_catalogue_refused", None)
        if refused is None:
            return form
        return type(form.__name__, (form,), {"catalogue_refused": refused})

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_catalogue_before", {})
        added = added_problems(before, problems_now())
        if added:
            raise CatalogueWouldBreak(added)
        after = certification_as_saved(form.instance.pk)
        if after is not None:  # a row the schema refuses is not a removal
            changes.record(getattr(request, "_facts_before", None), after, source="admin")

    def delete_model(self, request: HttpRequest, obj: models.Certification) -> None:
        gone = certification_as_saved(obj.pk)
        super().delete_model(request, obj)
        changes.record(gone, None, source="admin")

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if obj is not None and (naming := referenced_by(obj)):
            self.message_user(request, _orphan_message(obj, naming), messages.ERROR)
            return redirect(reverse("admin:certifications_certification_change", args=[obj.pk]))
        return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        chosen = set(queryset.values_list("slug", flat=True))
        for obj in queryset:
            naming = [slug for slug in referenced_by(obj) if slug not in chosen]
            if naming:
                raise CatalogueWouldBreak({obj.slug: [_orphan_message(obj, naming)]})
        gone = [certification_as_saved(pk) for pk in queryset.values_list("pk", flat=True)]
        super().delete_queryset(request, queryset)
        for cert in gone:
            changes.record(cert, None, source="admin")

    def response_action(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        """The bulk delete refuses, with a message, to orphan a reference (nothing deleted)."""
        try:
            return super().response_action(request, queryset)
        except CatalogueWouldBreak as refused:
            for found in refused.problems.values():
                self.message_user(request, " ".join(found), messages.ERROR)
            return redirect(reverse("admin:certifications_certification_changelist"))

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Facts are only as fresh as their stalest source.
        return super().get_queryset(request).annotate(checked_on=Min("sources__checked_on"))

    @admin.display(description="facts checked", ordering="checked_on")
    def checked_on(self, obj: models.Certification) -> dt.date | None:
        return obj.checked_on  # type: ignore[attr-defined]


def _orphan_message(obj: models.Certification, naming: list[str]) -> str:
    return (
        f"{obj.slug} cannot be deleted: {', '.join(naming)} name"
        f"{'s' if len(naming) == 1 else ''} it (as a successor, next step, renewal or "
        "prerequisite). Change them first, then delete it."
    )


@admin.register(models.StudyResource)
class StudyResourceAdmin(admin.ModelAdmin):
    """Free places to learn a skill; each edit is checked by the file's own rules
    (StudyResource.clean), so the admin cannot save what load_resources would refuse."""

    list_display = ("title", "skill", "provider", "kind", "checked_on")
    list_filter = ("skill", "kind")
    search_fields = ("title", "provider", "url")
    formfield_overrides = URL_FIELDS


@admin.register(models.FactChange)
class FactChangeAdmin(admin.ModelAdmin):
    """What saved plans were told (certifications/changes.py): read-only, since each row is
    the record of a load or an edit that already happened."""

    list_display = ("changed_at", "slug", "field", "before", "after", "source")
    list_filter = ("field", "source")
    search_fields = ("slug", "name")
    date_hierarchy = "changed_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
