"""Reading the catalogue out of the database as plain schema objects."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Prefetch, QuerySet

from certifications import models
from certpath import catalogue as schema
from certpath.vocabulary import SKILL_KEYS


def certifications_with_relations() -> QuerySet[models.Certification]:
    """Every certification with everything it owns, in a constant number of queries."""
    return models.Certification.objects.prefetch_related(
        "skill_requirements",
        "exam_domains",
        "sources",
        "fact_notes",
        Prefetch("links", queryset=models.CertificationLink.objects.select_related("target")),
    )


def certification_to_schema(cert: models.Certification) -> schema.Certification:
    """One certification as the file would hold it (relations must be prefetched)."""
    links = sorted(cert.links.all(), key=lambda link: (link.position, link.pk))
    requirements = {req.skill: req for req in cert.skill_requirements.all()}
    return schema.Certification(
        slug=cert.slug,
        name=cert.name,
        provider=cert.provider,
        platform=cert.platform,
        level=cert.level,
        exam_code=cert.exam_code or None,
        summary=cert.summary,
        status=cert.status,
        status_date=cert.status_date,
        status_note=cert.status_note or None,
        successors=[link.target.slug for link in links if link.kind == "successor"],
        next_steps=[link.target.slug for link in links if link.kind == "next_step"],
        renews=[link.target.slug for link in links if link.kind == "renews"],
        prerequisites=cert.prerequisites,
        tests_coding=cert.tests_coding,
        recognition=cert.recognition,
        price_usd=cert.price_usd,
        duration_minutes=cert.duration_minutes,
        questions=schema.Questions(
            min=cert.questions_min, max=cert.questions_max, scored=cert.questions_scored
        ),
        passing_score=cert.passing_score or None,
        format=cert.format,
        delivery=cert.delivery,
        languages=cert.languages,
        validity_years=cert.validity_years,
        renewal=schema.Renewal(
            method=cert.renewal_method,
            discount_percent=cert.renewal_discount_percent,
            fee_usd=cert.renewal_fee_usd,
            window_days=cert.renewal_window_days,
            note=cert.renewal_note,
        ),
        recommended_experience=schema.RecommendedExperience(
            industry_years=cert.recommended_industry_years,
            platform_years=cert.recommended_platform_years,
            note=cert.recommended_experience_note or None,
        ),
        skills={
            key: schema.SkillRequirement(level=req.level, weight=req.weight)
            for key in SKILL_KEYS
            if (req := requirements.get(key)) is not None
        },
        focus=cert.focus,
        audience=cert.audience,
        exam_domains=[
            schema.ExamDomain(name=d.name, weight_min=d.weight_min, weight_max=d.weight_max)
            for d in cert.exam_domains.all()
        ],
        goal_domains=cert.goal_domains,
        official_url=cert.official_url or None,
        sources=[
            schema.Source(url=s.url or None, title=s.title, kind=s.kind, checked_on=s.checked_on)
            for s in cert.sources.all()
        ],
        fact_notes=[
            schema.FactNote(field=n.field, basis=n.basis, confidence=n.confidence, note=n.note)
            for n in cert.fact_notes.all()
        ],
    )


def catalogue_snapshot() -> schema.Catalogue:
    """The whole catalogue as validated plain data: what export writes and the advisor reads.

    An empty database (before the first load_catalogue) gives an empty catalogue rather than
    an error, so pages and the API still answer; a catalogue file may never be empty.
    """
    certifications = [certification_to_schema(c) for c in certifications_with_relations()]
    if not certifications:
        return schema.Catalogue.model_construct(certifications=[])
    return schema.Catalogue(certifications=certifications)


_CURRENT: dict[str, Any] = {}


def current_catalogue() -> tuple[schema.Catalogue, str]:
    """The catalogue and its version for serving requests, rebuilt only when it changed.

    Every write goes through `save()` (the admin saves the certification with its inlines, the
    loader saves each changed certification), which moves `updated_at`; removals change the
    count. That stamp costs one small query, made at most every CATALOGUE_RECHECK_SECONDS per
    process, so an edit reaches every server within that time.
    """
    now = time.monotonic()
    interval = getattr(settings, "CATALOGUE_RECHECK_SECONDS", 1.0)
    if _CURRENT and now - _CURRENT["checked"] < interval:
        return _CURRENT["catalogue"], _CURRENT["version"]
    stamp = models.Certification.objects.aggregate(count=Count("id"), last=Max("updated_at"))
    key = (stamp["count"], stamp["last"])
    if not _CURRENT or _CURRENT["key"] != key:
        catalogue = catalogue_snapshot()
        _CURRENT.update(key=key, catalogue=catalogue, version=catalogue.content_version())
    _CURRENT["checked"] = now
    return _CURRENT["catalogue"], _CURRENT["version"]
