"""Factors, gaps and readiness for one certification and one visitor.

Each factor yields a fraction in [0, 1] of its weight and, when asked, a reason a person can
read. Reasons are only built for the final result: the what-if search rescoring the catalogue
many times needs the numbers alone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor.engine import rules
from advisor.engine.answers import Answers
from advisor.vocabulary import (
    CLOUD_PLATFORMS,
    FOCUS_LABELS,
    GOAL_DOMAIN_LABELS,
    LEVEL_LABELS,
    ROLE_LABELS,
    SKILL_LABELS,
    in_sentence,
)
from certifications.schema import Certification

Reason = str | None


@dataclass(frozen=True, slots=True)
class Need:
    level: int
    weight: int


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the engine needs of a certification, computed once per recommendation."""

    cert: Certification
    needs: Mapping[str, Need]
    need_items: tuple[tuple[str, int, int], ...]  # (skill, level, weight), in pathway order
    need_weight: int
    platform_need: float | None  # recommended years on its own (cloud) platform
    industry_need: float
    industry_assumed: float  # certpath's assumption when the vendor publishes nothing
    stage: int
    closed: bool  # retired, or retiring with its last day already past
    facts: Mapping[str, Any]  # key facts with sources, for self-contained (saved) results


def prepare(cert: Certification, today_iso: str) -> Prepared:
    needs: dict[str, Need] = {}
    for key in rules.SKILL_ORDER:
        own = cert.skills.get(key)  # type: ignore[call-overload]
        floor = rules.FOUNDATION_FLOORS.get(key, 0)
        level = max(own.level if own else 0, floor)
        if level:
            weight = own.weight if own else rules.FLOOR_WEIGHT
            needs[key] = Need(level, weight)
    experience = cert.recommended_experience
    platform_need = (
        experience.platform_years
        if cert.platform in CLOUD_PLATFORMS and experience.platform_years
        else None
    )
    closed = cert.status == "retired" or (
        cert.status == "retiring"
        and cert.status_date is not None
        and cert.status_date.isoformat() < today_iso
    )
    return Prepared(
        cert=cert,
        needs=needs,
        need_items=tuple((key, need.level, need.weight) for key, need in needs.items()),
        need_weight=sum(need.weight for need in needs.values()),
        platform_need=platform_need,
        industry_need=experience.industry_years,
        industry_assumed=(
            rules.ASSUMED_INDUSTRY_YEARS[cert.level]
            if not experience.industry_years and experience.platform_years is None
            else 0
        ),
        stage=rules.LEVEL_STAGE[cert.level],
        closed=closed,
        facts=_facts(cert),
    )


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
        "validity_years": cert.validity_years,
        "renewal": cert.renewal.note,
        "official_url": str(cert.official_url),
        "checked_on": cert.checked_on.isoformat(),
        "sources": [
            {
                "url": str(s.url),
                "title": s.title,
                "kind": s.kind,
                "checked_on": s.checked_on.isoformat(),
            }
            for s in cert.sources
        ],
        "marks": marks,
    }


@dataclass(frozen=True, slots=True)
class Visitor:
    """The answers flattened for fast repeated scoring (the what-if search rescores often)."""

    skills: Mapping[str, int]
    industry_years: float
    platform_years: Mapping[str, float]
    environment: str
    role: str
    focus: str
    domains: tuple[str, ...]
    exam_format: str
    weekly_study_hours: int
    stage: int  # 0 starting out, 1 early career, 2 experienced: for level fit

    @classmethod
    def from_answers(cls, answers: Answers) -> Visitor:
        return cls.build(
            skills=answers.skills.model_dump(),
            industry_years=answers.experience.industry_years,
            platform_years=answers.experience.platform_years.model_dump(),
            environment=answers.environment,
            role=answers.goals.role,
            focus=answers.goals.focus,
            domains=tuple(answers.goals.domains),
            exam_format=answers.goals.exam_format,
            weekly_study_hours=answers.weekly_study_hours,
        )

    @classmethod
    def build(cls, **fields: Any) -> Visitor:
        years = fields["industry_years"]
        python_floor = rules.FOUNDATION_FLOORS["python"]
        if years < rules.EARLY_CAREER_YEARS or fields["skills"]["python"] < python_floor:
            stage = 0
        else:
            stage = 1 if years < rules.EXPERIENCED_YEARS else 2
        return cls(**fields, stage=stage)

    def changed(self, **fields: Any) -> Visitor:
        current = {name: getattr(self, name) for name in self.__slots__ if name != "stage"}
        return Visitor.build(**{**current, **fields})


def _level(level: float) -> str:
    return f"{level:g} ({LEVEL_LABELS.get(int(level), '')})"


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _a(phrase: str) -> str:
    """The phrase with its indefinite article: "an associate exam", "a professional one"."""
    vowel_sound = phrase[:1] in "aeiouAEIOU" and not phrase.lower().startswith(("us", "uni"))
    return ("an " if vowel_sound else "a ") + phrase


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _years(value: float) -> str:
    return f"{value:g} year" + ("" if value == 1 else "s")


# --- factors: each returns (fraction of its weight, reason or None) -----------------------------


def platform(v: Visitor, p: Prepared, explain: bool) -> tuple[float, Reason]:
    env, own = v.environment, p.cert.platform
    if env == own:
        fraction = 1.0
        why = (
            f"Your employer runs on {rules.PLATFORM_NAMES[env]} and this certification is for "
            f"{rules.PLATFORM_NAMES[own]}: the most immediate value at work."
        )
    elif own == "vendor_neutral":
        fraction = 0.35
        why = (
            f"Not tied to a platform: it does not use your employer's "
            f"{rules.PLATFORM_NAMES[env]}, but it does not compete with it either."
        )
    else:
        fraction = 0.0
        why = (
            f"This certification is for {rules.PLATFORM_NAMES[own]}; your employer runs on "
            f"{rules.PLATFORM_NAMES[env]}, so it would not pay off at work right away."
        )
    return fraction, why if explain else None


def employer_breadth(v: Visitor, p: Prepared, explain: bool) -> tuple[float, Reason]:
    own = p.cert.platform
    fraction = rules.EMPLOYER_BREADTH.get(own, 0.0)
    if not explain:
        return fraction, None
    notes = {
        "aws": "AWS has the largest cloud market share, so it is recognised by the most employers.",
        "azure": "Azure is second in cloud market share and strong in Microsoft-heavy enterprises.",
        "gcp": "Google Cloud has a smaller market share, though it is strong where ML workloads "
        "are advanced.",
        "databricks": "Databricks matters to employers that run it, a narrower group than "
        "a whole cloud.",
        "vendor_neutral": "Not tied to a cloud: portable, but no platform's employers favour it.",
    }
    return fraction, f"With no employer platform to align with, reach decides. {notes[own]}"


def skills(v: Visitor, p: Prepared, explain: bool) -> tuple[float, Reason]:
    earned = 0.0
    mine = v.skills
    curve = rules.COVERAGE_CURVE
    for key, need, weight in p.need_items:
        have = mine[key]
        earned += weight if have >= need else weight * (have / need) ** curve
    fraction = earned / p.need_weight if p.need_weight else 1.0
    if not explain:
        return fraction, None
    short = [
        f"{SKILL_LABELS[key]} {mine[key]} of {need}"
        for key, need, _ in p.need_items
        if mine[key] < need
    ]
    if not p.needs:
        return fraction, "Asks for no technical skills."
    if not short:
        return fraction, "You meet every skill level it asks for."
    return fraction, f"You meet {fraction:.0%} of its skill needs (weighted); short on " + _list(
        short
    ) + "."


def experience(v: Visitor, p: Prepared, explain: bool) -> tuple[float, Reason]:
    parts: list[float] = []
    notes: list[str] = []
    industry = v.industry_years
    if p.industry_need:
        parts.append(min(1.0, industry / p.industry_need))
        if explain:
            notes.append(
                f"{_years(p.industry_need)} in industry recommended, you have {_years(industry)}"
            )
    if p.platform_need:
        own = v.platform_years.get(p.cert.platform, 0.0)
        parts.append(min(1.0, own / p.platform_need))
        if explain:
            notes.append(
                f"{_years(p.platform_need)} on {rules.PLATFORM_NAMES[p.cert.platform]} "
                f"recommended, you have {_years(own)}"
            )
    if not parts and p.industry_assumed:
        fraction = min(1.0, industry / p.industry_assumed)
        if not explain:
            return fraction, None
        return fraction, (
            f"No recommended experience is published; for {_a(p.cert.level)} exam certpath "
            f"assumes about {_years(p.industry_assumed)} in industry (you have {_years(industry)})."
        )
    fraction = sum(parts) / len(parts) if parts else 1.0
    if not explain:
        return fraction, None
    if not parts:
        return fraction, "No recommended experience is published for it."
    lead = "You have the experience the vendor recommends" if fraction == 1 else "Experience"
    return fraction, f"{lead}: " + "; ".join(notes) + "."


def role(v: Visitor, p: Prepared, explain: bool) -> tuple[float, Reason]:
    mine = v.role
    audience = p.cert.audience
    fraction = 1.0 if mine in audience else 0.0
    if not explain:
        return fraction, None
    written_for = _list([in_sentence(ROLE_LABELS[r]) + "s" for r in audience])
    if fraction:
        return fraction, f"Written for {written_for}, which includes you."
    return fraction, f"Written for {written_for}, not for {in_sentence(ROLE_LABELS[mine])}s."


def goals(v: Visitor, p: Prepared, explain: bool) -> tuple[float, Reason]:
    wanted = v.domains
    if not wanted:
        return rules.NO_GOALS_FRACTION, (
            "You named no goal areas, so this counts the same for every certification."
            if explain
            else None
        )
    covered = [d for d in wanted if d in p.cert.goal_domains]
    fraction = len(covered) / len(wanted)
    if not explain:
        return fraction, None
    if not covered:
        return fraction, "Its exam does not cover the areas you want to work in."
    names = _list([in_sentence(GOAL_DOMAIN_LABELS[d]) for d in covered])
    missing = [in_sentence(GOAL_DOMAIN_LABELS[d]) for d in wanted if d not in covered]
    tail = f"; not {_list(missing)}" if missing else ""
    return fraction, f"Its exam covers {names}{tail}."


def focus(v: Visitor, p: Prepared, explain: bool) -> tuple[float, Reason]:
    mine, its = v.focus, p.cert.focus
    fraction = rules.FOCUS_FIT[(mine, its)]
    if not explain:
        return fraction, None
    if fraction == 1:
        return fraction, f"Its focus ({in_sentence(FOCUS_LABELS[its])}) matches yours."
    return fraction, (
        f"Its focus is {in_sentence(FOCUS_LABELS[its])}; "
        f"you want {in_sentence(FOCUS_LABELS[mine])}."
    )


_FORMAT_WORDS = {"hands_on": "hands-on coding", "multiple_choice": "multiple choice"}


def exam_format(v: Visitor, p: Prepared, explain: bool) -> tuple[float, Reason]:
    wanted, its = v.exam_format, p.cert.format
    label = _FORMAT_WORDS[its]
    if wanted == "any":
        return 1.0, (
            f"{_sentence(_a(label))} exam; you have no format preference." if explain else None
        )
    fraction = 1.0 if wanted == its else 0.0
    if not explain:
        return fraction, None
    return fraction, (
        f"{_sentence(_a(label))} exam, as you prefer."
        if fraction
        else f"{_sentence(_a(label))} exam; you prefer {_FORMAT_WORDS[wanted]}."
    )


def level(v: Visitor, p: Prepared, explain: bool) -> tuple[float, Reason]:
    stage = v.stage
    step = p.stage - stage
    fraction = rules.LEVEL_FIT[step]
    if not explain:
        return fraction, None
    certification = _sentence(_a(p.cert.level)) + " certification"
    if step == 0:
        return fraction, f"{certification} suits where you are now."
    if step > 0:
        return fraction, (
            f"{certification} is a reach with your experience: "
            "associate or foundational first is the usual order."
        )
    return fraction, f"{certification} would add little at your level."


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
}


def applicable_factors(v: Visitor) -> tuple[str, ...]:
    skip = "platform" if v.environment == "none" else "employer_breadth"
    return tuple(key for key in FACTORS if key != skip)


def raw_score(
    v: Visitor, p: Prepared, weights: Mapping[str, float], keys: tuple[str, ...]
) -> float:
    """The score before rounding and status, without reasons: for ranking and what-ifs."""
    total = sum(weights[k] for k in keys)
    if not total:
        return 0.0
    return 100 * sum(weights[k] * FACTORS[k](v, p, False)[0] for k in keys) / total


# --- gaps and readiness --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Gap:
    skill: str
    have: float
    need: float
    blocking: bool
    kind: str  # "skill" or "experience"


def gaps(v: Visitor, p: Prepared) -> list[Gap]:
    found: list[Gap] = []
    for key, need in p.needs.items():
        have = v.skills[key]
        if have < need.level:
            blocking = key in rules.FOUNDATION_SKILLS and (
                have < rules.FOUNDATION_FLOORS[key] or need.level - have >= rules.BLOCKING_SHORTFALL
            )
            found.append(Gap(key, have, need.level, blocking, "skill"))
    industry = v.industry_years
    if p.industry_need and industry < p.industry_need:
        found.append(Gap("industry_years", industry, p.industry_need, False, "experience"))
    if p.platform_need:
        own = v.platform_years.get(p.cert.platform, 0.0)
        if own < p.platform_need:
            found.append(
                Gap(f"platform_years.{p.cert.platform}", own, p.platform_need, False, "experience")
            )
    return found


def readiness(found: list[Gap]) -> str:
    if not found:
        return "ready"
    return "not_yet" if any(g.blocking for g in found) else "stretch"


def study_hours(found: list[Gap]) -> int:
    return sum(
        rules.HOURS_PER_LEVEL[g.skill] * math.ceil(g.need - g.have)
        for g in found
        if g.kind == "skill"
    )


def gap_label(gap: Gap) -> str:
    if gap.kind == "skill":
        return (
            f"{SKILL_LABELS[gap.skill]}: you are at {_level(gap.have)}, it needs {_level(gap.need)}"
        )
    if gap.skill == "industry_years":
        return f"Industry experience: {_years(gap.have)} of the {_years(gap.need)} recommended"
    platform_key = gap.skill.split(".", 1)[1]
    return (
        f"{rules.PLATFORM_NAMES[platform_key]} experience: {_years(gap.have)} of the "
        f"{_years(gap.need)} recommended"
    )
