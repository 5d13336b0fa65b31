"""The catalogue in the database: what staff edit in the admin and the recommender reads.

The shape mirrors certpath/catalogue.py (the YAML file) so that load and export round-trip.
Choices come from the schema's Literal types, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any, get_args

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from pydantic import ValidationError as PydanticError

from certifications.validators import SchemaRule
from certpath import catalogue as schema
from certpath.resources import ResourceKind
from certpath.resources import StudyResource as StudySchema
from certpath.vocabulary import LEVEL_TITLES, PLATFORM_LABELS, SKILL_LABELS, SkillKey


def _choices(literal: Any, labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    return [
        (value, (labels or {}).get(value, value.replace("_", " ").capitalize()))
        for value in get_args(literal)
    ]


slug_validator = RegexValidator(
    r"^[a-z0-9]+(-[a-z0-9]+)*$", "Use lower-case letters, digits and single hyphens."
)


class Certification(models.Model):
    slug = models.SlugField(max_length=60, unique=True, validators=[slug_validator])
    kind = models.CharField(
        max_length=20,
        choices=_choices(schema.EntryKind),
        default="certification",
        help_text="Prerequisite: a credential other entries require (CISA, SnowPro Core); "
        "visitors can say they hold it, and it is never recommended.",
    )
    position = models.PositiveIntegerField(default=0, help_text="Order in data/certs.yaml.")
    name = models.CharField(max_length=500)
    provider = models.CharField(max_length=500)
    platform = models.CharField(max_length=20, choices=_choices(schema.Platform, PLATFORM_LABELS))
    level = models.CharField(max_length=20, choices=_choices(schema.Level, LEVEL_TITLES))
    exam_code = models.CharField(max_length=30, blank=True)
    summary = models.TextField(max_length=2000)
    status = models.CharField(max_length=10, choices=_choices(schema.Status))
    status_date = models.DateField(
        null=True,
        blank=True,
        help_text="Retiring/retired: the last day the exam can be taken. "
        "Active: when the current exam version went live, if known.",
    )
    status_note = models.CharField(max_length=500, blank=True)
    first_offered = models.DateField(
        null=True, blank=True, help_text="When the exam first ran (any version); empty: unknown."
    )
    required_work_years = models.FloatField(
        null=True,
        blank=True,
        validators=[SchemaRule("required_work_years")],
        help_text="Years of professional work required before it is awarded (CISA: 5).",
    )
    price_usd = models.PositiveIntegerField(
        null=True, blank=True, validators=[SchemaRule("price_usd")], verbose_name="price (USD)"
    )
    member_price_usd = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[SchemaRule("member_price_usd")],
        verbose_name="member price (USD)",
        help_text="The exam price for members of the certifying body, when published.",
    )
    retake_policy = models.CharField(max_length=500, blank=True)
    duration_minutes = models.PositiveIntegerField(
        null=True, blank=True, validators=[SchemaRule("duration_minutes")]
    )
    questions_min = models.PositiveIntegerField(
        null=True, blank=True, validators=[SchemaRule("questions", "min")]
    )
    questions_max = models.PositiveIntegerField(
        null=True, blank=True, validators=[SchemaRule("questions", "max")]
    )
    questions_scored = models.PositiveIntegerField(
        null=True, blank=True, validators=[SchemaRule("questions", "scored")]
    )
    passing_score = models.CharField(max_length=500, blank=True)
    format = models.CharField(max_length=20, choices=_choices(schema.ExamFormat))
    delivery = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    validity_years = models.FloatField(
        null=True,
        blank=True,
        validators=[SchemaRule("validity_years")],
        help_text="1.5 for 18 months.",
    )
    renewal_method = models.CharField(max_length=30, choices=_choices(schema.RenewalMethod))
    renewal_discount_percent = models.PositiveIntegerField(
        default=0, validators=[SchemaRule("renewal", "discount_percent")]
    )
    renewal_fee_usd = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[SchemaRule("renewal", "fee_usd")],
        verbose_name="renewal fee (USD)",
        help_text="Per renewal cycle, when renewal is not a retake (a maintenance fee).",
    )
    renewal_fee_member_usd = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[SchemaRule("renewal", "fee_member_usd")],
        verbose_name="renewal fee for members (USD)",
        help_text="0 when members do not pay it.",
    )
    renewal_window_days = models.PositiveIntegerField(
        null=True, blank=True, validators=[SchemaRule("renewal", "window_days")]
    )
    renewal_note = models.CharField(max_length=500)
    recommended_industry_years = models.FloatField(
        null=True,
        blank=True,
        validators=[SchemaRule("recommended_experience", "industry_years")],
        help_text="Empty: not published.",
    )
    recommended_platform_years = models.FloatField(
        null=True,
        blank=True,
        validators=[SchemaRule("recommended_experience", "platform_years")],
    )
    recommended_experience_note = models.CharField(max_length=500, blank=True)
    tests_coding = models.BooleanField(
        default=True,
        help_text="Untick for literacy and leadership credentials: no Python or maths floor.",
    )
    recognition = models.CharField(
        max_length=20,
        choices=_choices(schema.Recognition),
        default="established",
        help_text="Unverified: no source shows how widely employers recognise it.",
    )
    prerequisites = models.JSONField(
        default=list,
        blank=True,
        help_text='A list of {"name": …, "slug": … or null, "required": true/false, '
        '"alternatives": [slugs], "earnable": true/false (false: no study plan can earn it)}.',
    )
    focus = models.CharField(max_length=20, choices=_choices(schema.Focus))
    audience = models.JSONField(default=list)
    goal_domains = models.JSONField(default=list, blank=True)
    official_url = models.URLField(
        max_length=500, blank=True, help_text="Empty when no official page could be read."
    )
    history = models.JSONField(
        default=list,
        blank=True,
        help_text='Dated events for the change feed: a list of {"date": "YYYY-MM-DD", '
        '"change": "version", "note": …}.',
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status in ("retiring", "retired") and self.status_date is None:
            errors["status_date"] = f"A {self.status} certification needs its last exam date."
        if (
            self.questions_min is not None
            and self.questions_max is not None
            and self.questions_min > self.questions_max
        ):
            errors["questions_max"] = "Must not be smaller than the minimum."
        if errors:
            raise ValidationError(errors)


class CertificationLink(models.Model):
    """A successor (replaces a retired exam), a next step (a sensible follow-on), or a
    certification that passing this one also renews."""

    class Kind(models.TextChoices):
        SUCCESSOR = "successor", "Successor"
        NEXT_STEP = "next_step", "Next step"
        RENEWS = "renews", "Also renews"

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    target = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "kind", "target"], name="unique_link_per_kind"
            ),
            models.CheckConstraint(
                condition=~models.Q(certification=models.F("target")), name="link_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target_id}"

    def clean(self) -> None:
        if self.certification_id and self.certification_id == self.target_id:
            raise ValidationError({"target": "A certification cannot succeed or follow itself."})


class SkillRequirement(models.Model):
    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="skill_requirements"
    )
    skill = models.CharField(max_length=30, choices=list(SKILL_LABELS.items()))
    level = models.PositiveSmallIntegerField(
        validators=[SchemaRule("skills", "level")],
        help_text="Minimum level: 1 beginner, 2 working, 3 proficient, 4 expert.",
    )
    weight = models.PositiveSmallIntegerField(
        validators=[SchemaRule("skills", "weight")],
        help_text="How much this skill matters for the exam, 1 (a little) to 5 (central).",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["certification", "skill"], name="unique_skill_per_cert")
        ]

    def __str__(self) -> str:
        return f"{self.get_skill_display()} ≥ {self.level}"


class ExamDomain(models.Model):
    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="exam_domains"
    )
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=500)
    weight_min = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[SchemaRule("exam_domains", "weight_min")]
    )
    weight_max = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[SchemaRule("exam_domains", "weight_max")]
    )
    supports = models.JSONField(
        default=list, blank=True, help_text="The goal areas this part of the exam covers."
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.weight_min is None) != (self.weight_max is None):
            raise ValidationError("Give both weights (percent), or neither when unverified.")
        if self.weight_min is not None and self.weight_min > self.weight_max:
            raise ValidationError({"weight_max": "Must not be smaller than the minimum weight."})


class Source(models.Model):
    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="sources"
    )
    position = models.PositiveIntegerField(default=0)
    url = models.URLField(max_length=500, blank=True, help_text="Empty for a source with no URL.")
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=_choices(schema.SourceKind))
    checked_on = models.DateField()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class FactNote(models.Model):
    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="fact_notes"
    )
    field = models.CharField(max_length=30, choices=_choices(schema.FactField))
    basis = models.CharField(max_length=20, choices=_choices(schema.Basis))
    confidence = models.CharField(max_length=20, choices=_choices(schema.Confidence))
    note = models.CharField(max_length=500)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["certification", "field"], name="unique_note_per_field")
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.confidence}"


class StudyResource(models.Model):
    """A free place to learn one skill, linked from the pathway's foundation steps. The file
    data/resources.yaml is its source of truth, like certs.yaml for the catalogue."""

    skill = models.CharField(max_length=30, choices=_choices(SkillKey, SKILL_LABELS))
    title = models.CharField(max_length=120)
    provider = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=_choices(ResourceKind))
    url = models.URLField(max_length=500, help_text="An https address.")
    evidence = models.CharField(
        max_length=500, help_text="Where the address was confirmed, and what it shows."
    )
    checked_on = models.DateField()
    position = models.PositiveIntegerField(
        default=0, help_text="Where it comes in the file (and in a step's list of links)."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["skill", "url"], name="unique_resource_per_skill")
        ]

    def __str__(self) -> str:
        return f"{self.get_skill_display()}: {self.title}"

    def as_schema(self) -> StudySchema:
        return StudySchema(
            skill=self.skill,
            title=self.title,
            provider=self.provider,
            kind=self.kind,
            url=self.url,
            evidence=self.evidence,
            checked_on=self.checked_on,
        )

    def clean(self) -> None:
        """The file's rules hold for admin edits too: each problem beside its field."""
        try:
            self.as_schema()
        except PydanticError as exc:
            raise ValidationError(
                {str(e["loc"][0]): e["msg"].removeprefix("Value error, ") for e in exc.errors()}
            ) from None


class FactChange(models.Model):
    """A fact that matters to a saved plan (status, last exam day, successor, price, exam
    version), as it changed in the catalogue: by a file load or an admin edit, when it
    happened. Plans saved before it are told about it (advisor/alerts.py)."""

    slug = models.SlugField(max_length=60, db_index=True)
    name = models.CharField(max_length=500, help_text="The certification's name at the time.")
    field = models.CharField(max_length=20)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    source = models.CharField(max_length=10)  # "file" or "admin"
    # One moment for every fact one save changed: they are told as one alert.
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.slug} {self.field}: {self.before} → {self.after}"
