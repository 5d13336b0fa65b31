"""The catalogue file's schema (data/certs.yaml), as pydantic models.

This is also the plain snapshot the recommender reads, so it imports nothing from Django.
Facts people act on must be traceable: each certification lists its sources with the date they
were checked, and `fact_notes` marks any fact that is third-party only, disputed or unverified
instead of presenting a guess as settled.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from certpath.digest import json_digest
from certpath.vocabulary import GoalDomain, Level, Platform, Role, SkillKey

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=60),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _printable(text: str) -> str:
    """Text people read has no control characters: a NUL loads into SQLite but PostgreSQL
    refuses it, so one file would get two verdicts."""
    found = _CONTROL.search(text)
    if found:
        raise ValueError(f"contains a control character ({found.group()!r}); remove it")
    return text


Printable = AfterValidator(_printable)
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), Printable
]
LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), Printable
]
Percent = Annotated[int, Field(ge=0, le=100)]

Status = Literal["active", "retiring", "retired"]
ExamFormat = Literal["multiple_choice", "hands_on"]
Delivery = Literal["online_proctored", "test_center", "remote_unproctored"]
Focus = Literal["deep_learning", "classical", "both"]
# retake: sit the exam again (at a discount, if any); free_assessment: a free online test;
# continuing_education: credits (CPE/PDU/CEU) and usually a fee; lifetime: it does not expire;
# not_renewable: it expires and cannot be renewed (take the successor instead);
# not_published: nobody says how (certpath then cannot cost renewals).
RenewalMethod = Literal[
    "retake",
    "free_assessment",
    "continuing_education",
    "lifetime",
    "not_renewable",
    "not_published",
]
# established: the platform's own vendor or an established professional body; unverified: no
# source read shows how widely employers recognise the credential.
Recognition = Literal["established", "unverified"]
SourceKind = Literal["official", "third_party"]
# certification: something a visitor may aim for. prerequisite: a credential outside machine
# learning that catalogue entries require (SnowPro Core, CISA, CISSP): a visitor can say they
# hold it and the rules gate on it, but it is never ranked as a target.
EntryKind = Literal["certification", "prerequisite"]
# What a dated history entry records (the change feed tells them, dated when they happened).
HistoryChange = Literal["launch", "version", "status", "retirement", "successor", "price", "rename"]
Basis = Literal["official", "third_party"]
Confidence = Literal["confirmed", "disputed", "unverified"]

# Facts a fact note may qualify (the names of the fields below).
FactField = Literal[
    "status",
    "exam_code",
    "price_usd",
    "duration_minutes",
    "questions",
    "passing_score",
    "format",
    "delivery",
    "languages",
    "validity_years",
    "renewal",
    "recommended_experience",
    "exam_domains",
    "prerequisites",
    "first_offered",
    "member_price_usd",
    "retake_policy",
    "required_work_years",
]

_CHOICE_ORDER = {
    "delivery": get_args(Delivery),
    "audience": get_args(Role),
    "goal_domains": get_args(GoalDomain),
}

MIN_SKILL_LEVEL, MAX_SKILL_LEVEL = 1, 4


def _whole_as_int(value: float) -> float:
    # 2 and 2.0 are one fact: the file, the database and the export must write it one way.
    return int(value) if float(value).is_integer() else value


MIN_WEIGHT, MAX_WEIGHT = 1, 5


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Questions(Strict):
    min: int | None = Field(default=None, ge=1, le=500)
    max: int | None = Field(default=None, ge=1, le=500)
    scored: int | None = Field(default=None, ge=1, le=500)

    @model_validator(mode="after")
    def _ordered(self) -> Questions:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not be greater than max")
        return self


class Renewal(Strict):
    method: RenewalMethod
    # Renewal cost is the exam price less this discount when the method is a retake.
    discount_percent: Percent = 0
    # What one renewal cycle costs when it is not a retake (a maintenance fee); None: unknown.
    fee_usd: int | None = Field(default=None, ge=0, le=10_000)
    # How many days before expiry the renewal can be done (None: any time / not stated).
    window_days: int | None = Field(default=None, ge=1, le=1000)
    # The maintenance fee for members of the certifying body (IAPP waives it: 0), when the
    # body publishes one; the list fee above is what the three-year cost uses.
    fee_member_usd: int | None = Field(default=None, ge=0, le=10_000)
    note: Text


class RecommendedExperience(Strict):
    """What the vendor recommends. None means *not published* (certpath then assumes what is
    usual for the level and says so); 0 means the vendor says no experience is needed."""

    industry_years: float | None = Field(default=None, ge=0, le=50)
    # Years on the certification's own platform (None for vendor-neutral certifications).
    platform_years: float | None = Field(default=None, ge=0, le=50)
    note: Text | None = None

    @property
    def published(self) -> bool:
        return self.industry_years is not None or self.platform_years is not None


class Prerequisite(Strict):
    """Something a candidate must hold (or is told to hold) before booking the exam."""

    name: Text
    # The catalogue slug when the prerequisite is itself catalogued; None for credentials
    # certpath does not list (SnowPro Core, CISA, a mandatory course).
    slug: Slug | None = None
    # False when the vendor only recommends it.
    required: bool = True
    # Other catalogued credentials, any one of which also satisfies it (AAISM: CISM or CISSP).
    alternatives: list[Slug] = Field(default_factory=list, max_length=10)
    # For one certpath does not list: False when no study plan can earn it (working for a
    # vendor's partner, years of other work), so the exam is a later goal, not a next step.
    earnable: bool = True

    def satisfied_by(self, held: frozenset[str] | set[str]) -> bool:
        return (self.slug is not None and self.slug in held) or any(
            slug in held for slug in self.alternatives
        )


class SkillRequirement(Strict):
    level: int = Field(ge=MIN_SKILL_LEVEL, le=MAX_SKILL_LEVEL)
    weight: int = Field(ge=MIN_WEIGHT, le=MAX_WEIGHT)


class ExamDomain(Strict):
    name: Text
    weight_min: Percent | None = None
    weight_max: Percent | None = None
    # The goal areas this part of the exam guide covers: a certification may claim a goal area
    # only where one of its domains supports it, so tags stay true to the exam.
    supports: list[GoalDomain] = Field(default_factory=list)

    @field_validator("supports")
    @classmethod
    def _supports_in_order(cls, values: list[str]) -> list[str]:
        if len(set(values)) != len(values):
            raise ValueError("supports lists the same goal area twice")
        order = {value: i for i, value in enumerate(get_args(GoalDomain))}
        return sorted(values, key=order.__getitem__)

    @model_validator(mode="after")
    def _ordered(self) -> ExamDomain:
        if (self.weight_min is None) != (self.weight_max is None):
            raise ValueError("give both weight_min and weight_max, or neither")
        if self.weight_min is not None and self.weight_min > self.weight_max:  # type: ignore[operator]
            raise ValueError("weight_min must not be greater than weight_max")
        return self


class Source(Strict):
    # None for a source with no stable address (a study-guide file, a forum post): such a
    # source is third-party by definition and its title must say what it is.
    url: HttpUrl | None = None
    title: Text
    kind: SourceKind
    checked_on: dt.date

    @field_validator("url")
    @classmethod
    def _web_only(cls, url: HttpUrl | None) -> HttpUrl | None:
        if url is not None and url.scheme not in ("http", "https"):
            raise ValueError("must be an http or https address")
        return url

    @model_validator(mode="after")
    def _unaddressed_is_third_party(self) -> Source:
        if self.url is None and self.kind == "official":
            raise ValueError("an official source needs its url")
        return self


class HistoryEvent(Strict):
    """A dated change in the certification's life, for the change feed (the file's own dated
    history: a retirement, a new exam version, a price change)."""

    date: dt.date
    change: HistoryChange
    note: Text


class FactNote(Strict):
    field: FactField
    basis: Basis
    confidence: Confidence
    note: Text


class Certification(Strict):
    slug: Slug
    kind: EntryKind = "certification"
    name: Text
    provider: Text
    platform: Platform
    level: Level
    exam_code: Annotated[str, StringConstraints(max_length=30), Printable] | None = None
    summary: LongText
    status: Status
    # Active: when the current exam version went live, if known. Retiring/retired: the last day
    # the exam can be taken.
    status_date: dt.date | None = None
    status_note: Text | None = None
    # When the credential's exam first ran (any version): a pass before it, or after a retired
    # exam's last day, is not a plausible history. None: not known.
    first_offered: dt.date | None = None
    # Years of professional work the body requires before it awards the credential (CISA: 5).
    # A plan cannot earn such a credential; it is named as a later goal. None: none required.
    required_work_years: float | None = Field(default=None, gt=0, le=30)
    # The first successor is the main one (the contract's single `successor`).
    successors: list[Slug] = Field(default_factory=list, max_length=10)
    # The ladder: sensible follow-ons, best first, on the same platform where it has them.
    next_steps: list[Slug] = Field(default_factory=list, max_length=10)
    # Certifications that passing this one also renews (AWS: a higher exam renews lower ones).
    renews: list[Slug] = Field(default_factory=list, max_length=10)
    prerequisites: list[Prerequisite] = Field(default_factory=list, max_length=10)
    # Whether the exam tests writing or reading code. Literacy and leadership credentials do
    # not, so certpath puts no Python or maths floor in front of them.
    tests_coding: bool
    # Whether employers' recognition of the credential is established. An unverified one earns
    # no employer-reach or platform points: a silent market is not counted as a favourable one.
    recognition: Recognition
    price_usd: int | None = Field(default=None, ge=0, le=10_000)
    # The exam price for members of the certifying body (IAPP, ISACA), when published.
    member_price_usd: int | None = Field(default=None, ge=0, le=10_000)
    # Retake rules in a sentence (waiting periods, a retake's price), when published.
    retake_policy: Text | None = None
    duration_minutes: int | None = Field(default=None, ge=1, le=1_000)
    questions: Questions = Questions()
    passing_score: Text | None = None
    format: ExamFormat
    delivery: list[Delivery] = Field(default_factory=list)
    languages: list[Annotated[str, StringConstraints(min_length=1, max_length=40), Printable]] = (
        Field(default_factory=list)
    )
    # Years a pass stays valid (1.5 for 18 months); None: not published, or see renewal.method
    # ("lifetime" means it does not expire).
    validity_years: Annotated[float, AfterValidator(_whole_as_int)] | None = Field(
        default=None, gt=0, le=10
    )
    renewal: Renewal
    recommended_experience: RecommendedExperience = RecommendedExperience()
    skills: dict[SkillKey, SkillRequirement] = Field(default_factory=dict)
    focus: Focus
    audience: list[Role] = Field(min_length=1)
    exam_domains: list[ExamDomain] = Field(default_factory=list)
    goal_domains: list[GoalDomain] = Field(default_factory=list)
    # The certifying body's own page; None when no official page could be read (the sources
    # then say where the facts come from).
    official_url: HttpUrl | None = None
    sources: list[Source] = Field(min_length=1)
    fact_notes: list[FactNote] = Field(default_factory=list)
    history: list[HistoryEvent] = Field(default_factory=list, max_length=50)

    @field_validator("official_url")
    @classmethod
    def _web_address(cls, url: HttpUrl | None) -> HttpUrl | None:
        if url is not None and url.scheme not in ("http", "https"):
            raise ValueError("must be an http or https address")
        return url

    @field_validator("skills")
    @classmethod
    def _skills_in_order(cls, skills: dict[str, SkillRequirement]) -> dict[str, SkillRequirement]:
        # The database returns them in the vocabulary's order; the file must agree.
        return {key: skills[key] for key in get_args(SkillKey) if key in skills}

    @field_validator("delivery", "audience", "goal_domains")
    @classmethod
    def _canonical_order(cls, values: list[str], info: Any) -> list[str]:
        # Sets of choices, kept in the vocabulary's order: the admin's checkboxes submit them
        # in that order, so saving a form unchanged never looks like a content change.
        order = {value: i for i, value in enumerate(_CHOICE_ORDER[info.field_name])}
        return sorted(values, key=lambda value: order.get(value, len(order)))

    @model_validator(mode="after")
    def _goals_supported(self, info: ValidationInfo) -> Certification:
        """Every goal area claimed names an exam domain that covers it. The admin checks a
        certification's own columns before its exam domains (`rows_only` in the context) and
        the domains against the claims in their own form."""
        if info.context and info.context.get("rows_only"):
            return self
        unsupported = unsupported_goals(self.goal_domains, self.exam_domains)
        if unsupported:
            raise ValueError(
                "goal_domains: no exam domain supports "
                + ", ".join(repr(goal) for goal in unsupported)
                + " (name it in the `supports` of the exam domain that covers it, or drop it)"
            )
        return self

    @model_validator(mode="after")
    def _consistent(self) -> Certification:
        if self.status in ("retiring", "retired") and self.status_date is None:
            raise ValueError(f"a {self.status} certification needs a status_date (its last day)")
        if self.slug in self.successors:
            raise ValueError("a certification cannot succeed itself")
        if self.slug in self.next_steps:
            raise ValueError("a certification cannot be its own next step")
        if self.renewal.method == "lifetime" and self.validity_years is not None:
            raise ValueError("a lifetime credential has no validity_years")
        if self.slug in self.renews:
            raise ValueError("a certification cannot renew itself")
        if any(p.slug == self.slug for p in self.prerequisites):
            raise ValueError("a certification cannot be its own prerequisite")
        for name in ("successors", "next_steps", "renews", "delivery", "languages", "audience"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise ValueError(f"{name} lists the same value twice")
        if len(set(self.goal_domains)) != len(self.goal_domains):
            raise ValueError("goal_domains lists the same value twice")
        if (
            self.first_offered is not None
            and self.status_date is not None
            and self.status == "retired"
            and self.first_offered > self.status_date
        ):
            raise ValueError("first_offered must not be after the last day (status_date)")
        if self.kind == "prerequisite" and (self.next_steps or self.renews):
            raise ValueError("a prerequisite credential has no next_steps or renews")
        for prerequisite in self.prerequisites:
            if self.slug in prerequisite.alternatives:
                raise ValueError("a certification cannot be its own prerequisite")
        fields = [note.field for note in self.fact_notes]
        if len(set(fields)) != len(fields):
            raise ValueError("fact_notes has two notes for the same field")
        return self

    @property
    def is_target(self) -> bool:
        """Something a visitor may aim for (prerequisite credentials are held, never aimed at)."""
        return self.kind == "certification"

    @property
    def successor(self) -> str | None:
        return self.successors[0] if self.successors else None

    @property
    def checked_on(self) -> dt.date:
        """The oldest source's check: facts are only as fresh as their stalest source."""
        return min(source.checked_on for source in self.sources)


def unsupported_goals(claimed: list[str], domains: list[ExamDomain]) -> list[str]:
    """The claimed goal areas that no exam domain supports, in the order claimed."""
    supported = {goal for domain in domains for goal in domain.supports}
    return [goal for goal in claimed if goal not in supported]


class _Derived(dict):
    """Data derived from a snapshot. It never makes two snapshots unequal (pydantic compares
    private attributes): equality is about the facts."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Derived)

    __hash__ = None  # type: ignore[assignment]


class Catalogue(Strict):
    version: Literal[2] = 2
    certifications: list[Certification] = Field(min_length=1)
    # What the engine derives from this snapshot (per day), kept with it: the snapshot is
    # immutable, so derived data is computed once and lives exactly as long as it does.
    _derived: _Derived = PrivateAttr(default_factory=_Derived)

    @model_validator(mode="after")
    def _references(self) -> Catalogue:
        slugs = [cert.slug for cert in self.certifications]
        seen: set[str] = set()
        for index, slug in enumerate(slugs):
            if slug in seen:
                raise ValueError(f"certifications[{index}].slug: duplicate slug {slug!r}")
            seen.add(slug)
        for index, cert in enumerate(self.certifications):
            for field in ("successors", "next_steps", "renews"):
                for position, target in enumerate(getattr(cert, field)):
                    if target not in seen:
                        raise ValueError(
                            f"certifications[{index}].{field}[{position}]: "
                            f"no certification has the slug {target!r}"
                        )
            for position, prerequisite in enumerate(cert.prerequisites):
                named = [("slug", prerequisite.slug)] if prerequisite.slug is not None else []
                named += [
                    (f"alternatives[{i}]", s) for i, s in enumerate(prerequisite.alternatives)
                ]
                for where, target in named:
                    if target not in seen:
                        raise ValueError(
                            f"certifications[{index}].prerequisites[{position}].{where}: "
                            f"no certification has the slug {target!r}"
                        )
        return self

    def derived(self, key: Any, build: Callable[[], Any]) -> Any:
        """`build()`'s value for `key`, computed once per snapshot."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def by_slug(self) -> dict[str, Certification]:
        return {cert.slug: cert for cert in self.certifications}

    def content_version(self) -> str:
        """A short content hash: it changes whenever any fact, rule or order changes."""
        return "sha256:" + json_digest(self.model_dump(mode="json"))[:16]
