"""Factors, gaps and readiness for one certification and one visitor.

Each factor yields a fraction in [0, 1] of its weight and, when asked, a reason a person can
read. Reasons are only built for the final result: the what-if search rescoring the catalogue
many times needs the numbers alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from certpath.catalogue import Certification
from certpath.engine import rules
from certpath.engine.costs import cost_3y_usd, discounts
from certpath.engine.words import a, listing, money, sentence, years
from certpath.vocabulary import (
    EMPLOYER_PLATFORMS,
    FOCUS_LABELS,
    GOAL_DOMAIN_LABELS,
    LEVEL_NAMES,
    PLATFORM_LABELS,
    ROLE_LABELS,
    SKILL_LABELS,
    in_sentence,
)

Reason = str | None


class Requirement(NamedTuple):
    """A required prerequisite and whether a plan can earn it: `in_plan` (certpath lists a
    credential that satisfies it and that needs no years of other work), `later` (every
    listed one needs years of other work, as CISA's five years of audit), `unlisted`
    (certpath lists none, so the plan cannot time it)."""

    name: str
    slugs: tuple[str, ...]  # any one satisfies it
    reach: str  # "in_plan", "later" or "unlisted"
    via: str | None  # the listed credential the plan earns (in_plan)
    work_years: float | None  # later: the fewest years of other work any listed one needs


def requirements(
    cert: Certification, catalogue: Mapping[str, Certification] | None
) -> tuple[Requirement, ...]:
    found = []
    for prerequisite in cert.prerequisites:
        if not prerequisite.required:
            continue
        slugs = tuple(s for s in (prerequisite.slug, *prerequisite.alternatives) if s is not None)
        listed = [catalogue[s] for s in slugs if catalogue and s in catalogue]
        if catalogue is None and slugs:
            found.append(Requirement(prerequisite.name, slugs, "in_plan", slugs[0], None))
            continue
        earnable = [c for c in listed if not c.required_work_years]
        if earnable:
            found.append(Requirement(prerequisite.name, slugs, "in_plan", earnable[0].slug, None))
        elif listed:
            fewest = min(c.required_work_years or 0 for c in listed)
            found.append(Requirement(prerequisite.name, slugs, "later", None, fewest))
        elif not prerequisite.earnable:
            found.append(Requirement(prerequisite.name, slugs, "later", None, None))
        else:
            found.append(Requirement(prerequisite.name, slugs, "unlisted", None, None))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the engine needs of a certification, computed once per catalogue and day."""

    cert: Certification
    need_items: tuple[tuple[str, int, int], ...]  # (skill, level, weight), in pathway order
    need_weight: int
    # The certification's own needs, without the foundation floors: what counts for roles
    # that carry no maths or coding floors (security, data analysis, risk and compliance).
    own_items: tuple[tuple[str, int, int], ...]
    own_weight: int
    skills_needed: frozenset[str]  # the skills in need_items, for quick membership tests
    industry_need: float | None
    platform_need: float | None  # years on its own employer platform
    experience_assumed: bool  # the vendor publishes none: the needs are certpath's assumption
    rank: int  # level rank: 0 foundational, 1 associate, 2 professional/specialty
    closed: bool  # retired, or retiring with its last day already past
    cost_3y: int | None
    facts: Mapping[str, Any]  # key facts with sources, for self-contained (saved) results
    requirements: tuple[Requirement, ...] = ()  # required prerequisites, see Requirement
    # Share of the exam given to each claimed goal area, and whether it comes from published
    # domain weights (else each domain counts the same); see goal_shares.
    goal_shares: tuple[tuple[str, float], ...] = ()
    shares_weighted: bool = True
    profiles: Mapping[str, Hashable] = field(default_factory=dict)  # see PROFILES

    @property
    def slug(self) -> str:
        return self.cert.slug


def prepare(
    cert: Certification,
    today: dt.date,
    catalogue: Mapping[str, Certification] | None = None,
) -> Prepared:
    """`catalogue` (by slug) tells which prerequisites a plan can earn; without it, any
    catalogued one is taken to be earnable."""
    needs: dict[str, tuple[int, int]] = {}
    owns: dict[str, tuple[int, int]] = {}
    for key in rules.SKILL_ORDER:
        own = cert.skills.get(key)  # type: ignore[call-overload]
        floor = rules.FOUNDATION_FLOORS.get(key, 0) if cert.tests_coding else 0
        level = max(own.level if own else 0, floor)
        if level:
            needs[key] = (level, own.weight if own else rules.FLOOR_WEIGHT)
        if own:
            owns[key] = (own.level, own.weight)
    experience = cert.recommended_experience
    on_platform = cert.platform in EMPLOYER_PLATFORMS
    if experience.published:
        industry_need = experience.industry_years or None
        platform_need = (experience.platform_years or None) if on_platform else None
        if not on_platform and experience.platform_years:
            # Years with a product no employer platform covers cannot be answered as platform
            # years, so they count as years of hands-on work in industry.
            industry_need = max(industry_need or 0, experience.platform_years)
    else:
        industry_need = rules.ASSUMED_INDUSTRY_YEARS[cert.level] or None
        platform_need = (rules.ASSUMED_PLATFORM_YEARS[cert.level] or None) if on_platform else None
    closed = cert.status == "retired" or (
        cert.status == "retiring" and cert.status_date is not None and cert.status_date < today
    )
    prepared = Prepared(
        cert=cert,
        need_items=tuple((key, level, weight) for key, (level, weight) in needs.items()),
        need_weight=sum(weight for _, weight in needs.values()),
        own_items=tuple((key, level, weight) for key, (level, weight) in owns.items()),
        own_weight=sum(weight for _, weight in owns.values()),
        skills_needed=frozenset(needs),
        industry_need=industry_need,
        platform_need=platform_need,
        experience_assumed=not experience.published,
        rank=rules.LEVEL_RANK[cert.level],
        closed=closed,
        cost_3y=cost_3y_usd(cert, bookable=not closed),
        facts=_facts(cert),
        requirements=requirements(cert, catalogue),
        **goal_shares(cert),
    )
    profiles = {key: (key, read(prepared)) for key, read in PROFILES.items()}
    return replace(prepared, profiles=profiles)


def goal_shares(cert: Certification) -> dict[str, Any]:
    """How much of the exam each claimed goal area takes: the weight of the domains that
    support it over the whole, from the guide's published weights (a range counts at its
    middle), or, where any domain's weight is unpublished, its share of the domains."""
    middles = []
    for domain in cert.exam_domains:
        ends = [w for w in (domain.weight_min, domain.weight_max) if w is not None]
        middles.append(sum(ends) / len(ends) if ends else None)
    weighted = bool(middles) and all(m is not None for m in middles) and sum(middles) > 0
    weights = middles if weighted else [1.0] * len(cert.exam_domains)
    total = sum(weights) or 1.0
    shares = tuple(
        (
            goal,
            sum(w for w, d in zip(weights, cert.exam_domains, strict=True) if goal in d.supports)
            / total,
        )
        for goal in cert.goal_domains
    )
    return {"goal_shares": shares, "shares_weighted": weighted}


def _facts(cert: Certification) -> dict[str, Any]:
    """What a result card shows about the exam, with where each fact comes from."""
    marks = {}
    for note in cert.fact_notes:
        mark = note.confidence if note.confidence != "confirmed" else note.basis
        if mark != "official":
            marks[note.field] = {"mark": mark, "note": note.note}
    return {
        "exam_code": cert.exam_code,
        "price_usd": cert.price_usd,
        "duration_minutes": cert.duration_minutes,
        "format": cert.format,
        "tests_coding": cert.tests_coding,
        "validity_years": cert.validity_years,
        "renewal": cert.renewal.note,
        "member_price_usd": cert.member_price_usd,
        "retake_policy": cert.retake_policy,
        "discounts": discounts(cert),
        "first_offered": cert.first_offered.isoformat() if cert.first_offered else None,
        "official_url": str(cert.official_url) if cert.official_url else None,
        "checked_on": cert.checked_on.isoformat(),
        "sources": [
            {
                "url": str(s.url) if s.url else None,
                "title": s.title,
                "kind": s.kind,
                "checked_on": s.checked_on.isoformat(),
            }
            for s in cert.sources
        ],
        "marks": marks,
    }


@dataclass(frozen=True, slots=True)
class Holding:
    """A certification the visitor holds, as of the day of the recommendation."""

    slug: str
    name: str
    platform: str
    rank: int
    earned_on: dt.date | None
    valid_until: dt.date | None  # None: does not expire, or earned on an unknown date
    valid: bool
    next_steps: tuple[str, ...]
    renewal_note: str = ""  # how it renews (a discount window, a shorter exam…)
    successors: tuple[str, ...] = ()
    renews: tuple[str, ...] = ()  # held ones that renewing this one also renews (AWS)
    tests_coding: bool = True
    renewal_window_days: int | None = None
    renewable: bool = True  # False: it lapses and cannot be renewed (take the successor)
    gate: bool = False  # a prerequisite credential (CISA, SnowPro Core): never a target

    def renewal_opens(self) -> dt.date | None:
        """The first day the renewal can be done, when the vendor limits it to a window."""
        if self.valid_until is None or self.renewal_window_days is None:
            return None
        return self.valid_until - dt.timedelta(days=self.renewal_window_days)

    def renewal_soon(self, today: dt.date) -> bool:
        """Due within rules.RENEWAL_SOON_DAYS, or its renewal window already open."""
        if self.valid_until is None or not self.valid:
            return False
        opens = self.renewal_opens()
        return (self.valid_until - today).days <= rules.RENEWAL_SOON_DAYS or (
            opens is not None and opens <= today
        )


def holding(cert: Certification, earned_on: dt.date | None, today: dt.date) -> Holding:
    """Valid until one validity after it was earned. A credential kept by continuing
    education renews cycle by cycle while its holder keeps up the credits, so one the visitor
    says they hold is valid to the end of its current cycle."""
    valid_until = None
    if earned_on is not None and cert.validity_years and cert.renewal.method != "lifetime":
        valid_until = add_years(earned_on, cert.validity_years)
        cycles = 1
        while cert.renewal.method == "continuing_education" and valid_until < today:
            cycles += 1
            valid_until = add_years(earned_on, cert.validity_years * cycles)
    return Holding(
        slug=cert.slug,
        name=cert.name,
        platform=cert.platform,
        rank=rules.LEVEL_RANK[cert.level],
        earned_on=earned_on,
        valid_until=valid_until,
        valid=valid_until is None or valid_until >= today,
        next_steps=tuple(cert.next_steps),
        renewal_note=cert.renewal.note,
        successors=tuple(cert.successors),
        renews=tuple(cert.renews),
        tests_coding=cert.tests_coding,
        renewal_window_days=cert.renewal.window_days,
        renewable=cert.renewal.method != "not_renewable",
        gate=not cert.is_target,
    )


def add_years(day: dt.date, count: float) -> dt.date:
    """`count` years (1.5 is 18 months) after `day`; 29 February falls back to the 28th."""
    months = round(count * 12)
    year, month = divmod(day.month - 1 + months, 12)
    try:
        return day.replace(year=day.year + year, month=month + 1)
    except ValueError:
        return day.replace(year=day.year + year, month=month + 1, day=28)


@dataclass(frozen=True, slots=True)
class Visitor:
    """The answers flattened for fast repeated scoring (the what-if search rescores often)."""

    skills: Mapping[str, int]
    industry_years: float
    ml_years: float | None  # None: not said (the stage then follows industry years alone)
    platform_years: Mapping[str, float]
    environment: str
    role: str
    focus: str
    domains: tuple[str, ...]
    exam_format: str
    weekly_study_hours: int
    budget: float | None
    holdings: tuple[Holding, ...]
    stage: int = 0  # 0 starting out, 1 early career, 2 experienced: derived, see build()
    floors: bool = True  # whether the foundation floors apply to this visitor's role
    ml_stage: int = 0  # the stage an exam that tests ML skills sees (years in ML work count)
    # Derived in build(): the valid certifications held (read for every certification).
    valid_holdings: tuple[Holding, ...] = ()
    valid_slugs: frozenset[str] = frozenset()

    @classmethod
    def build(cls, **fields: Any) -> Visitor:
        years_in = fields["industry_years"]
        if fields["role"] == "career_changer" or years_in < rules.EARLY_CAREER_YEARS:
            stage = 0
        else:
            stage = 1 if years_in < rules.EXPERIENCED_YEARS else 2
        ml_stage = stage
        ml_years = fields["ml_years"]
        if ml_years is not None and ml_years < rules.ML_WORK_YEARS_FOR_EXPERIENCED:
            ml_stage = min(stage, 1)
        valid = tuple(h for h in fields["holdings"] if h.valid)
        stage = max([stage, *(h.rank for h in valid)])
        ml_stage = max([ml_stage, *(h.rank for h in valid if h.tests_coding)])
        return cls(
            **fields,
            stage=stage,
            floors=fields["role"] not in FLOORLESS_ROLES,
            ml_stage=ml_stage,
            valid_holdings=valid,
            valid_slugs=frozenset(h.slug for h in valid),
        )

    def changed(self, **fields: Any) -> Visitor:
        derived = ("stage", "floors", "ml_stage", "valid_holdings", "valid_slugs")
        current = {name: getattr(self, name) for name in self.__slots__ if name not in derived}
        return Visitor.build(**{**current, **fields})

    def holds(self, slug: str) -> Holding | None:
        return next((h for h in self.holdings if h.slug == slug), None)


@dataclass(frozen=True, slots=True)
class Context:
    """Facts about the whole catalogue that decide which factors apply for this visitor:
    a preference nothing satisfies is said once, not taken off every score."""

    formats: frozenset[str]  # exam formats among bookable targets
    cheapest: int | None  # lowest known three-year cost among bookable targets
    # lowest published first attempt among targets whose three-year cost is unknown (a free
    # exam whose renewal is not published still fits a budget of 0 at first)
    cheapest_first: int | None = None
    # The bookable targets known to fit the budget (three-year cost, or else first attempt)
    affordable: tuple[Prepared, ...] = ()

    @classmethod
    def of(cls, prepared: list[Prepared], visitor: Visitor) -> Context:
        targets = [
            p
            for p in prepared
            if not p.closed and p.cert.is_target and p.slug not in visitor.valid_slugs
        ]
        costs = [p.cost_3y for p in targets if p.cost_3y is not None]
        firsts = [
            p.cert.price_usd for p in targets if p.cost_3y is None and p.cert.price_usd is not None
        ]
        budget = visitor.budget
        known = ((p, p.cost_3y if p.cost_3y is not None else p.cert.price_usd) for p in targets)
        affordable = tuple(
            p for p, cost in known if budget is not None and cost is not None and cost <= budget
        )
        return cls(
            frozenset(p.cert.format for p in targets),
            min(costs) if costs else None,
            min(firsts) if firsts else None,
            affordable,
        )

    def budget_orders(self, visitor: Visitor) -> bool:
        """Whether being over the budget places a target lower: only when something on the
        visitor's path is known to fit it. Otherwise every priced exam on the path is over,
        and lowering them would only lift the ones whose price is unpublished above them, as
        if unknown meant affordable (a career changer with USD 0 was sent first to an exam
        nobody had priced)."""
        return any(on_track(visitor, p) for p in self.affordable)

    def budget_fits_something(self, visitor: Visitor) -> bool:
        """Something is known to fit: a three-year cost, or at least a first attempt."""
        if visitor.budget is None:
            return False
        return any(
            cost is not None and cost <= visitor.budget
            for cost in (self.cheapest, self.cheapest_first)
        )

    def format_available(self, visitor: Visitor) -> bool:
        return visitor.exam_format == "any" or visitor.exam_format in self.formats


def _level(level: float) -> str:
    return f"{level:g} ({LEVEL_NAMES.get(int(level), '')})"


# --- factors: each returns (fraction of its weight, reason or None) -----------------------------


def platform(visitor: Visitor, prepared: Prepared, explain: bool) -> tuple[float, Reason]:
    env, own = visitor.environment, prepared.cert.platform
    if env == own:
        return 1.0, (
            f"Your employer runs on {PLATFORM_LABELS[env]} and this certification is for it: "
            "the most immediate value at work."
            if explain
            else None
        )
    fraction = rules.PLATFORM_ELSEWHERE.get(own, 0.0) if recognised(prepared) else 0.0
    if not explain:
        return fraction, None
    if not recognised(prepared):
        return fraction, (
            f"It does not use your employer's {PLATFORM_LABELS[env]}, and {UNRECOGNISED}."
        )
    if own == "vendor_neutral":
        return fraction, (
            f"Not tied to a vendor: it does not use your employer's {PLATFORM_LABELS[env]}, "
            "but it does not compete with it either."
        )
    if fraction:
        return fraction, (
            f"For {PLATFORM_LABELS[own]}'s products, which run alongside your employer's "
            f"{PLATFORM_LABELS[env]} rather than replacing it."
        )
    return fraction, (
        f"This certification is for {PLATFORM_LABELS[own]}; your employer runs on "
        f"{PLATFORM_LABELS[env]}, so it would not pay off at work right away."
    )


_BREADTH_NOTES = {
    "aws": "AWS has the largest cloud market share, so it is recognised by the most employers.",
    "azure": "Azure is second in cloud market share and strong in Microsoft-heavy enterprises.",
    "gcp": "Google Cloud has a smaller market share, though it is strong where ML workloads "
    "are advanced.",
    "vendor_neutral": "Not tied to a vendor: portable, but no platform's employers favour it.",
}


def employer_breadth(visitor: Visitor, prepared: Prepared, explain: bool) -> tuple[float, Reason]:
    own = prepared.cert.platform
    fraction = rules.EMPLOYER_BREADTH.get(own, 0.0) if recognised(prepared) else 0.0
    if not explain:
        return fraction, None
    if not recognised(prepared):
        return (
            fraction,
            f"With no employer platform to align with, reach decides, and {UNRECOGNISED}.",
        )
    note = _BREADTH_NOTES.get(
        own,
        f"{PLATFORM_LABELS[own]} matters to the employers that use it, a narrower group "
        "than a whole cloud's.",
    )
    return fraction, f"With no employer platform to align with, reach decides. {note}"


def needs_of(visitor: Visitor, prepared: Prepared) -> tuple[tuple[tuple[str, int, int], ...], int]:
    """The skill needs that count for this visitor: with the foundation floors, or without
    them for roles that carry none (domain notes, v3)."""
    if visitor.floors:
        return prepared.need_items, prepared.need_weight
    return prepared.own_items, prepared.own_weight


def skills(visitor: Visitor, prepared: Prepared, explain: bool) -> tuple[float, Reason]:
    items, total = needs_of(visitor, prepared)
    if not total:
        return 1.0, (
            "It asks for none of the coding, maths or ML skills certpath tracks."
            if explain
            else None
        )
    earned = 0.0
    mine = visitor.skills
    curve = rules.COVERAGE_CURVE
    for key, need, weight in items:
        have = mine[key]
        earned += weight if have >= need else weight * (have / need) ** curve
    fraction = earned / total
    if not explain:
        return fraction, None
    short = [
        f"{SKILL_LABELS[key]} ({mine[key]} of {need})" for key, need, _ in items if mine[key] < need
    ]
    if not short:
        return fraction, "You meet every skill level it asks for."
    return fraction, (
        f"You meet {fraction:.0%} of its skill needs (weighted); short on {listing(short)}."
    )


def _platform_years(visitor: Visitor, prepared: Prepared) -> float:
    return visitor.platform_years.get(prepared.cert.platform, 0.0)


def experience(visitor: Visitor, prepared: Prepared, explain: bool) -> tuple[float, Reason]:
    parts: list[float] = []
    notes: list[str] = []
    if prepared.industry_need:
        parts.append(min(1.0, visitor.industry_years / prepared.industry_need))
        if explain:
            notes.append(
                f"{years(prepared.industry_need)} in industry, "
                f"you have {years(visitor.industry_years)}"
            )
    if prepared.platform_need:
        own = _platform_years(visitor, prepared)
        parts.append(min(1.0, own / prepared.platform_need))
        if explain:
            notes.append(
                f"{years(prepared.platform_need)} on {PLATFORM_LABELS[prepared.cert.platform]}, "
                f"you have {years(own)}"
            )
    fraction = sum(parts) / len(parts) if parts else 1.0
    if not explain:
        return fraction, None
    if prepared.experience_assumed:
        if not parts:
            return fraction, (
                f"No recommended experience is published; {a(prepared.cert.level)} exam usually "
                "needs none."
            )
        return fraction, (
            f"No recommended experience is published, so certpath assumes what is usual for "
            f"{a(prepared.cert.level)} exam (an assumption): " + "; ".join(notes) + "."
        )
    if not parts:
        return fraction, "The vendor says no prior experience is needed."
    lead = "You have the experience the vendor recommends" if fraction == 1 else "Recommended"
    return fraction, f"{lead}: " + "; ".join(notes) + "."


def role(visitor: Visitor, prepared: Prepared, explain: bool) -> tuple[float, Reason]:
    mine, audience = visitor.role, prepared.cert.audience
    aimed_at = mine == "career_changer" and any(r in audience for r in rules.CAREER_CHANGE_AIMS)
    fraction = 1.0 if mine in audience else rules.CAREER_CHANGE_FRACTION if aimed_at else 0.0
    if not explain:
        return fraction, None
    written_for = listing([_plural(r) for r in audience])
    if fraction == 1:
        return fraction, f"Written for {written_for}, which includes you."
    if fraction:
        return fraction, (
            f"Written for {written_for}: roles a career change into machine learning usually "
            "aims at."
        )
    return fraction, f"Written for {written_for}, not for {_plural(mine)}."


NON_CODING_ROLES = frozenset({"manager", "risk_compliance"})
# Roles with no maths or coding floors (domain notes, v3): their credentials ask for what their
# own exam guides ask for, not for Python and calculus first.
FLOORLESS_ROLES = frozenset({"security_engineer", "data_analyst", "risk_compliance"})
# Software ecosystems whose own first AI credential is a non-coding one (a Salesforce admin's
# first step is Salesforce's AI Associate); on a cloud, a literacy exam is no technical step.
ECOSYSTEMS = frozenset({"salesforce", "ibm", "nvidia", "sas"})
# Technical roles whose own AI credentials above the foundational level test no coding (AI
# security for security engineers, solution design for architects, analytics for analysts).
NON_CODING_CREDENTIAL_ROLES = frozenset({"security_engineer", "solution_architect", "data_analyst"})


def on_track(visitor: Visitor, prepared: Prepared) -> bool:
    """Leaders, risk and compliance people get leadership and governance credentials; people
    building a technical career get exams that test coding. A credential that tests no coding
    proves little on a technical path, unless governance is their goal, it is the vendor's own
    for the platform they work on and either above foundational or from an ecosystem whose
    first AI credential is a non-coding one (a Salesforce admin's is Salesforce's), or it is
    above foundational and written for a role whose AI credentials test no coding (AI security
    credentials for security engineers). Off-track costs points (placement.py)."""
    if visitor.role in NON_CODING_ROLES:
        return not prepared.cert.tests_coding
    if prepared.cert.tests_coding or "ai_governance" in visitor.domains:
        return True
    if visitor.role == "career_changer":
        return False  # moving into a technical role: literacy is a first milestone, not a target
    own_platform = prepared.cert.platform == visitor.environment and (
        prepared.rank > 0 or visitor.environment in ECOSYSTEMS
    )
    return own_platform or (
        prepared.rank > 0
        and visitor.role in NON_CODING_CREDENTIAL_ROLES
        and visitor.role in prepared.cert.audience
    )


def recognised(prepared: Prepared) -> bool:
    """A credential whose standing with employers no source establishes is listed after the
    established ones: a person acting on the advice should not be sent first to an unknown."""
    return prepared.cert.recognition == "established"


UNRECOGNISED = "no source shows how widely employers recognise it"
RECOGNITION_WARNING = (
    f"{UNRECOGNISED.capitalize()}, so it is listed after credentials whose standing is established."
)


def track_reason(visitor: Visitor, prepared: Prepared) -> str:
    if on_track(visitor, prepared):
        if prepared.cert.tests_coding:
            return "An exam that tests technical skills, as your path needs."
        if visitor.role not in NON_CODING_ROLES and "ai_governance" not in visitor.domains:
            if prepared.cert.platform == visitor.environment:
                return (
                    "A credential that tests no coding, from the vendor of the platform you "
                    "work on: its own AI credential is a sound step."
                )
            return f"A credential that tests no coding, written for {_plural(visitor.role)}."
        return "A credential that tests no coding, as your path needs."
    if visitor.role in NON_CODING_ROLES:
        who = "a manager or leader" if visitor.role == "manager" else "a risk or compliance person"
        return (
            f"It tests hands-on technical skills: as {who} you are better served by a "
            "leadership or governance credential, so it loses points."
        )
    return (
        "A literacy credential that tests no coding: it proves little on a technical path, "
        "so it loses points."
    )


@functools.cache  # one per role
def _plural(role_key: str) -> str:
    label = in_sentence(ROLE_LABELS[role_key])
    if role_key == "manager":
        return "managers and leaders"
    if role_key == "risk_compliance":
        return "risk, compliance and audit professionals"
    return label + "s"


def goals(visitor: Visitor, prepared: Prepared, explain: bool) -> tuple[float, Reason]:
    wanted = visitor.domains
    if not wanted:
        return rules.NO_GOALS_FRACTION, (
            "You named no goal areas, so this counts the same for every certification."
            if explain
            else None
        )
    shares = dict(prepared.goal_shares)
    parts = {d: min(1.0, shares[d] / rules.GOAL_FULL_SHARE) for d in wanted if d in shares}
    fraction = sum(parts.values()) / len(wanted)
    if not explain:
        return fraction, None
    if not parts:
        return fraction, "Its exam does not cover the areas you want to work in."
    covered = [
        in_sentence(GOAL_DOMAIN_LABELS[d]) + _share_words(shares[d], prepared) for d in parts
    ]
    missing = [in_sentence(GOAL_DOMAIN_LABELS[d]) for d in wanted if d not in parts]
    tail = f", but not {listing(missing, 'or')}" if missing else ""
    partial = any(part < 1 for part in parts.values())
    note = (
        " An exam that gives less than a third of itself to an area earns part of its points."
        if partial
        else ""
    )
    return fraction, f"Its exam covers {listing(covered)}{tail}.{note}"


def _share_words(share: float, prepared: Prepared) -> str:
    """'(about 28 % of the exam)', or, without published weights, the domains that cover it."""
    if prepared.shares_weighted:
        return f" (about {round(share * 100)} % of the exam)"
    domains = len(prepared.cert.exam_domains)
    return f" ({round(share * domains)} of its {domains} domains; the guide publishes no weights)"


def focus(visitor: Visitor, prepared: Prepared, explain: bool) -> tuple[float, Reason]:
    mine, its = visitor.focus, prepared.cert.focus
    fraction = rules.FOCUS_FIT[(mine, its)]
    if not explain:
        return fraction, None
    if fraction == 1:
        return fraction, f"Its focus ({in_sentence(FOCUS_LABELS[its])}) matches yours."
    return fraction, (
        f"Its focus is {in_sentence(FOCUS_LABELS[its])}; "
        f"you want {in_sentence(FOCUS_LABELS[mine])}."
    )


FORMAT_WORDS = {"hands_on": "hands-on", "multiple_choice": "multiple-choice"}


def exam_format(visitor: Visitor, prepared: Prepared, explain: bool) -> tuple[float, Reason]:
    wanted, its = visitor.exam_format, prepared.cert.format
    label = f"{sentence(a(FORMAT_WORDS[its]))} exam"
    if wanted == "any":
        return 1.0, (f"{label}; you have no format preference." if explain else None)
    fraction = 1.0 if wanted == its else 0.0
    if not explain:
        return fraction, None
    return fraction, (
        f"{label}, as you prefer." if fraction else f"{label}; you prefer {FORMAT_WORDS[wanted]}."
    )


def stage_for(visitor: Visitor, prepared: Prepared) -> int:
    """An exam that tests ML skills counts years in ML work; other credentials, the career."""
    return visitor.ml_stage if prepared.cert.tests_coding else visitor.stage


def level_fit(visitor: Visitor, prepared: Prepared) -> float:
    if not prepared.cert.tests_coding and prepared.rank == 0:
        return max(rules.NON_CODING_FOUNDATIONAL_FIT, rules.LEVEL_FIT[(visitor.stage, 0)])
    return rules.LEVEL_FIT[(stage_for(visitor, prepared), prepared.rank)]


_STAGE_WORDS = {0: "starting out", 1: "early in your career", 2: "experienced"}


def level(visitor: Visitor, prepared: Prepared, explain: bool) -> tuple[float, Reason]:
    fraction = level_fit(visitor, prepared)
    if not explain:
        return fraction, None
    what = f"{sentence(a(prepared.cert.level))} certification"
    stage = stage_for(visitor, prepared)
    where = _STAGE_WORDS[stage]
    if stage < visitor.stage:
        where += ", with little ML work behind you"
    step = prepared.rank - stage
    if step >= 2:
        return fraction, (
            f"{what} is two levels above where you are ({where}): not a sensible next step "
            "yet; foundational or associate first."
        )
    if step == 1:
        return fraction, (
            f"{what} is one level above where you are ({where}): a stretch, but a usual "
            "next target."
        )
    if step == 0:
        return fraction, f"{what} suits where you are ({where})."
    if not prepared.cert.tests_coding and prepared.rank == 0:
        return fraction, (
            f"{what} in literacy, not coding: quick to earn and a common first step at any stage."
        )
    if fraction >= 0.9:
        return fraction, (
            f"{what} is a sound step with your experience ({where}); higher levels are open "
            "to you too."
        )
    return fraction, (
        f"{what} is below where you are ({where}): quick to earn, but it proves less."
    )


def budget(visitor: Visitor, prepared: Prepared, explain: bool) -> tuple[float, Reason]:
    limit, cost = visitor.budget, prepared.cost_3y
    if cost is None:
        return _unknown_cost_budget(limit, prepared, explain)
    fraction = 1.0 if limit is None or cost <= limit else 0.0
    if not explain:
        return fraction, None
    where = "within" if fraction else "over"
    return fraction, f"About {money(cost)} over three years, {where} your budget of {money(limit)}."


def _unknown_cost_budget(
    limit: float | None, prepared: Prepared, explain: bool
) -> tuple[float, Reason]:
    """The budget factor when the three-year cost is unknown. A published first attempt
    already over the budget settles it (renewals only add to it); one within it whose renewal
    cost is unknown keeps half; an unpublished price earns nothing, so it never ranks above a
    known price within the budget."""
    price = None if prepared.closed else prepared.cert.price_usd
    if price is not None and limit is not None and price > limit:
        reason = (
            f"The first attempt alone costs {money(price)}, over your budget of {money(limit)}."
        )
        return 0.0, reason if explain else None
    if price is None:
        fraction = rules.UNKNOWN_PRICE_FRACTION
        reason = (
            "It can no longer be booked, so there is no cost to check against your budget."
            if prepared.closed
            else "Its price is not published, so it earns no budget points: an exam whose "
            "known price fits your budget ranks above it."
        )
        return fraction, reason if explain else None
    if not explain:
        return rules.UNKNOWN_COST_FRACTION, None
    within = f", within your budget of {money(limit)}" if limit is not None else ""
    reason = (
        f"The first attempt costs {money(price)}{within}, but what renewing it costs is "
        "not published, so its cost over three years is unknown."
    )
    return rules.UNKNOWN_COST_FRACTION, reason


def ladder(visitor: Visitor, prepared: Prepared, explain: bool) -> tuple[float, Reason]:
    fraction, why = 0.0, None
    builds_on = next(
        (
            held
            for held in visitor.valid_holdings
            for requirement in prepared.requirements
            if held.slug in requirement.slugs
        ),
        None,
    )
    if builds_on is not None:
        # An exam that requires a credential the visitor holds is what it leads to (SnowPro
        # Core to the Snowflake advanced exams, CISA to AAIA).
        return 1.0, (f"It builds on your {builds_on.name}, which it requires." if explain else None)
    for held in visitor.valid_holdings:
        if prepared.slug in held.next_steps:
            fraction, why = 1.0, f"It is the next step after your {held.name}."
        elif held.platform == prepared.cert.platform and prepared.rank == held.rank + 1:
            fraction, why = (
                1.0,
                (f"The next level on {PLATFORM_LABELS[held.platform]} after your {held.name}."),
            )
        elif (
            fraction < rules.LADDER_SIDEWAYS
            and held.platform == prepared.cert.platform
            and prepared.rank > held.rank + 1
        ):
            fraction, why = (
                rules.LADDER_SIDEWAYS,
                f"A higher level on {PLATFORM_LABELS[held.platform]} than your {held.name}, "
                "past the level between.",
            )
        elif (
            fraction < rules.LADDER_SIDEWAYS
            and not held.gate  # a prerequisite credential leads up, not sideways
            and prepared.rank == held.rank
            and any(d in prepared.cert.goal_domains for d in visitor.domains)
        ):
            fraction, why = (
                rules.LADDER_SIDEWAYS,
                (f"The same level as your {held.name}, in one of your goal areas."),
            )
        if fraction == 1.0:
            break
    if not explain:
        return fraction, None
    if why is None:
        names = listing([h.name for h in visitor.valid_holdings])
        below = any(
            h.platform == prepared.cert.platform and prepared.rank < h.rank
            for h in visitor.valid_holdings
        )
        why = (
            f"A step down from your {names}."
            if below
            else f"It does not continue from what you hold ({names})."
        )
    return fraction, why


FACTORS = {
    "platform": platform,
    "employer_breadth": employer_breadth,
    "skills": skills,
    "experience": experience,
    "role": role,
    "goals": goals,
    "focus": focus,
    "level": level,
    "exam_format": exam_format,
    "budget": budget,
    "ladder": ladder,
}


# Factors that read only this much of a certification (and the visitor). In one ranking,
# certifications with the same profile get the same points and reason, so each is worked out
# once: most of the catalogue shares a level, a format, a focus or an audience. A property test
# checks that each factor really reads no more than its profile.
PROFILES: dict[str, Callable[[Prepared], Hashable]] = {
    "platform": lambda p: (p.cert.platform, p.cert.recognition),
    "employer_breadth": lambda p: (p.cert.platform, p.cert.recognition),
    "skills": lambda p: (p.need_items, p.own_items),
    "experience": lambda p: (
        p.industry_need,
        p.platform_need,
        p.cert.platform,
        p.experience_assumed,
        p.cert.level,
    ),
    "role": lambda p: tuple(p.cert.audience),
    "goals": lambda p: (p.goal_shares, p.shares_weighted, len(p.cert.exam_domains)),
    "focus": lambda p: p.cert.focus,
    "level": lambda p: (p.rank, p.cert.level, p.cert.tests_coding),
    "exam_format": lambda p: p.cert.format,
}


def applicable_factors(visitor: Visitor, context: Context) -> tuple[str, ...]:
    skip = {"platform" if visitor.environment == "none" else "employer_breadth"}
    if not context.budget_fits_something(visitor):
        skip.add("budget")  # no budget given, or nothing fits it: said once instead
    if not visitor.valid_holdings:
        skip.add("ladder")
    if not context.format_available(visitor):
        skip.add("exam_format")
    return tuple(key for key in FACTORS if key not in skip)


def fractions(visitor: Visitor, prepared: Prepared, keys: tuple[str, ...]) -> dict[str, float]:
    return {key: FACTORS[key](visitor, prepared, False)[0] for key in keys}


def factor_points(weights: Mapping[str, float], keys: tuple[str, ...]) -> tuple[float, ...]:
    """Points a factor gives at its full fraction: its weight's share of 100."""
    total = sum(weights[k] for k in keys)
    return tuple((100 * weights[k] / total if total else 0.0) for k in keys)


def fit(parts: Mapping[str, float], keys: tuple[str, ...], points: tuple[float, ...]) -> float:
    """The score before rounding and status: factor fractions times their points (summed as
    the ranking sums them, so the what-if search gets the very same number)."""
    return sum(parts[k] * each for k, each in zip(keys, points, strict=True))


# --- gaps and readiness --------------------------------------------------------------------------


class Gap(NamedTuple):
    """What stands between the visitor and one certification (a tuple: many are built)."""

    skill: str
    have: float
    need: float
    blocking: bool
    kind: str  # "skill", "experience" or "prerequisite"
    assumed: bool = False  # an experience need certpath assumed (the vendor publishes none)
    label: str = ""  # prerequisites only: what is required
    # Experience a foundational exam recommends: named, and it costs experience points, but
    # it does not stop the visitor booking it after exam preparation ("ready" stays true).
    advisory: bool = False


def gaps(visitor: Visitor, prepared: Prepared) -> list[Gap]:
    found: list[Gap] = []
    mine, floored = visitor.skills, prepared.cert.tests_coding and visitor.floors
    for key, need, _ in needs_of(visitor, prepared)[0]:
        have = mine[key]
        if have < need:
            found.append(_skill_gap(key, have, need, floored))
    assumed = prepared.experience_assumed
    advisory = prepared.rank == 0
    if prepared.industry_need and visitor.industry_years < prepared.industry_need:
        found.append(
            Gap(
                "industry_years",
                visitor.industry_years,
                prepared.industry_need,
                False,
                "experience",
                assumed,
                advisory=advisory,
            )
        )
    if prepared.platform_need:
        own = _platform_years(visitor, prepared)
        if own < prepared.platform_need:
            key = f"platform_years.{prepared.cert.platform}"
            found.append(
                Gap(
                    key,
                    own,
                    prepared.platform_need,
                    False,
                    "experience",
                    assumed,
                    advisory=advisory,
                )
            )
    required = prepared.cert.required_work_years
    if required and visitor.industry_years < required:
        found.append(Gap("work_years", visitor.industry_years, required, True, "experience"))
    for requirement in missing_requirements(visitor, prepared):
        key = f"prerequisite.{requirement.via or (requirement.slugs or ('external',))[0]}"
        # One no study plan can earn (years of other work) means "not yet", not a stretch.
        later = requirement.reach == "later"
        found.append(Gap(key, 0, 1, later, "prerequisite", label=requirement.name))
    return found


def missing_requirements(visitor: Visitor, prepared: Prepared) -> list[Requirement]:
    """The required prerequisites the visitor does not hold (any valid alternative will do)."""
    if not prepared.requirements:
        return []
    held = visitor.valid_slugs
    return [r for r in prepared.requirements if not any(s in held for s in r.slugs)]


@functools.lru_cache(maxsize=1024)
def _skill_gap(key: str, have: int, need: int, tests_coding: bool) -> Gap:
    """A skill gap is one of a few hundred (skill, level, need, coding): each is built once."""
    floor = rules.FOUNDATION_FLOORS.get(key)
    blocking = need - have >= rules.BLOCKING_SHORTFALL or (
        tests_coding and floor is not None and have < floor
    )
    return Gap(key, have, need, blocking, "skill")


def readiness(found: list[Gap]) -> str:
    found = [g for g in found if not g.advisory]
    if not found:
        return "ready"
    return "not_yet" if any(g.blocking for g in found) else "stretch"


def study_hours(found: list[Gap]) -> int:
    """Hours of study the skill gaps take; experience and prerequisites are not study time."""
    return sum(
        rules.HOURS_PER_LEVEL[g.skill] * math.ceil(g.need - g.have)
        for g in found
        if g.kind == "skill"
    )


@functools.lru_cache(maxsize=4096)
def gap_label(gap: Gap) -> str:
    """Labels repeat across certifications and visitors (a skill, where you are, what it
    needs), so they are kept: a bounded cache of a pure function of the gap."""
    if gap.kind == "skill":
        return (
            f"{SKILL_LABELS[gap.skill]}: you are at {_level(gap.have)}, it needs {_level(gap.need)}"
        )
    if gap.kind == "prerequisite":
        return f"Required before booking: {gap.label}"
    what = "assumed" if gap.assumed else "recommended"
    if gap.advisory:
        what += " (not needed to book a foundational exam: its preparation covers the basics)"
    if gap.skill == "work_years":
        return (
            f"Work experience required before it is awarded: {years(gap.have)} of {years(gap.need)}"
        )
    if gap.skill == "industry_years":
        return f"Industry experience: {years(gap.have)} of the {years(gap.need)} {what}"
    platform_key = gap.skill.split(".", 1)[1]
    return (
        f"{PLATFORM_LABELS[platform_key]} experience: {years(gap.have)} of the "
        f"{years(gap.need)} {what}"
    )
