"""A small catalogue built for behaviour tests: each test states the facts it depends on.

The shipped `data/certs.yaml` changes as vendors change their exams; a test of a rule should not
break when a price moves. `cert()` makes a valid certification from a few facts and sensible
defaults; `catalogue()` wraps some in a Catalogue the engine reads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from certpath.catalogue import Catalogue, Certification

CHECKED_ON = dt.date(2026, 11, 1)


def cert(slug: str, **facts: Any) -> Certification:
    """An active associate multiple-choice exam on AWS for ML engineers, unless facts say else."""
    data: dict[str, Any] = {
        "slug": slug,
        "name": facts.pop("name", slug.replace("-", " ").title()),
        "provider": "Example",
        "platform": "aws",
        "level": "associate",
        "summary": "A certification made up for a test.",
        "status": "active",
        "tests_coding": True,
        "recognition": "established",
        "price_usd": 150,
        "format": "multiple_choice",
        "validity_years": 3,
        "renewal": {"method": "retake", "note": "Retake the exam."},
        "recommended_experience": {"industry_years": 1, "platform_years": None},
        "skills": {"python": {"level": 2, "weight": 3}},
        "focus": "both",
        "audience": ["ml_engineer"],
        "goal_domains": ["tabular"],
        "official_url": f"https://example.com/{slug}",
        "sources": [
            {
                "url": f"https://example.com/{slug}",
                "title": "Example: exam page",
                "kind": "official",
                "checked_on": CHECKED_ON,
            }
        ],
    }
    data.update(facts)
    return Certification.model_validate(data)


def catalogue(*certs: Certification) -> Catalogue:
    return Catalogue(certifications=list(certs))
