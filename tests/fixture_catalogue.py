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
    _support_goals(data)
    return Certification.model_validate(data)


def _support_goals(data: dict[str, Any]) -> None:
    """A goal area must be supported by an exam domain: a test that names goal areas and no
    domain gets one domain covering them; named domains without `supports` get them on the
    first (tests of the rule itself set `supports` explicitly)."""
    goals = data.get("goal_domains") or []
    domains = [dict(d) for d in data.get("exam_domains") or []]
    if not goals or any(d.get("supports") for d in domains):
        return
    if domains:
        domains[0]["supports"] = list(goals)
    else:
        domains = [{"name": "Exam content", "supports": list(goals)}]
    data["exam_domains"] = domains


def catalogue(*certs: Certification) -> Catalogue:
    return Catalogue(certifications=list(certs))


BEHAVIOUR_TODAY = dt.date(2026, 11, 21)


def behaviour_catalogue() -> Catalogue:
    """Twelve certifications with each kind of case the rules treat differently: two platforms
    with ladders, a retiring and a retired exam, a professional exam whose experience is not
    published, literacy and leadership credentials that test no coding, an unverified one, an
    unknown price, a lifetime credential, a required prerequisite and a vendor's own platform.

    For the pages that show facts: the AWS ML exam publishes its exam domains, the retired
    Azure exam's duration is disputed (sources disagree), and the unverified body's price and
    exam content are marked unverified (it publishes neither)."""
    neutral = {"platform": "vendor_neutral", "recommended_experience": {"industry_years": 0}}
    return catalogue(
        cert(
            "aws-basics",
            level="foundational",
            tests_coding=False,
            skills={},
            audience=["manager", "data_scientist", "career_changer", "solution_architect"],
            goal_domains=["generative_ai"],
            price_usd=100,
            recommended_experience={"industry_years": 0, "platform_years": 0},
            next_steps=["aws-ml"],
        ),
        cert(
            "aws-ml",
            skills={
                "python": {"level": 2, "weight": 3},
                "numpy_pandas": {"level": 2, "weight": 2},
                "scikit_learn": {"level": 2, "weight": 2},
                "mlops": {"level": 1, "weight": 1},
            },
            audience=["ml_engineer", "data_scientist", "data_engineer"],
            goal_domains=["tabular", "time_series"],
            recommended_experience={"industry_years": 1, "platform_years": 1},
            next_steps=["aws-ml-pro"],
            first_offered="2024-10-08",
            exam_domains=[
                {"name": "Data preparation", "weight_min": 28, "weight_max": 28},
                {"name": "Model development", "weight_min": 72, "weight_max": 72},
            ],
        ),
        cert(
            "aws-ml-pro",
            level="professional",
            skills={
                "python": {"level": 3, "weight": 3},
                "mlops": {"level": 3, "weight": 3},
                "scikit_learn": {"level": 3, "weight": 2},
            },
            audience=["ml_engineer", "data_scientist"],
            goal_domains=["tabular", "generative_ai"],
            price_usd=300,
            recommended_experience={},  # not published: certpath assumes by level
            renews=["aws-ml"],
        ),
        cert(
            "azure-ai",
            platform="azure",
            skills={"python": {"level": 2, "weight": 2}, "genai_apps": {"level": 2, "weight": 3}},
            audience=["software_developer", "ml_engineer", "solution_architect"],
            goal_domains=["generative_ai", "nlp"],
            price_usd=165,
            validity_years=1,
            renewal={"method": "free_assessment", "note": "A free online assessment."},
            recommended_experience={"industry_years": 1, "platform_years": 1},
            next_steps=["azure-mlops"],
        ),
        cert(
            "azure-mlops",
            platform="azure",
            level="professional",
            format="hands_on",
            skills={"python": {"level": 3, "weight": 2}, "mlops": {"level": 3, "weight": 3}},
            audience=["ml_engineer", "data_engineer"],
            goal_domains=["mlops", "tabular"],
            price_usd=165,
            recommended_experience={"industry_years": 2, "platform_years": 2},
        ),
        cert(
            "azure-old",
            platform="azure",
            status="retired",
            status_date=dt.date(2026, 6, 30),
            successors=["azure-ai"],
            audience=["ml_engineer", "data_scientist"],
            recommended_experience={"industry_years": 1, "platform_years": 1},
            duration_minutes=120,
            fact_notes=[
                {
                    "field": "duration_minutes",
                    "basis": "official",
                    "confidence": "disputed",
                    "note": "The exam page says 100 minutes, the study guide 120.",
                }
            ],
        ),
        cert(
            "gcp-data",
            platform="gcp",
            status="retiring",
            status_date=dt.date(2027, 1, 31),
            skills={"python": {"level": 2, "weight": 2}, "sql": {"level": 3, "weight": 3}},
            audience=["data_scientist", "data_engineer"],
            goal_domains=["tabular"],
            price_usd=200,
            recommended_experience={"industry_years": 1, "platform_years": 1},
        ),
        cert(
            "spark-ml",
            platform="databricks",
            skills={"spark": {"level": 2, "weight": 3}, "python": {"level": 2, "weight": 2}},
            audience=["data_engineer", "ml_engineer"],
            goal_domains=["tabular", "mlops"],
            price_usd=200,
            validity_years=2,
            recommended_experience={"industry_years": 1, "platform_years": 0.5},
            prerequisites=[{"name": "A completed online course", "required": True}],
        ),
        cert(
            "gpu-dl",
            platform="nvidia",
            level="specialty",
            focus="deep_learning",
            format="hands_on",
            skills={
                "pytorch": {"level": 3, "weight": 3},
                "linear_algebra": {"level": 2, "weight": 1},
            },
            audience=["ml_engineer", "software_developer"],
            goal_domains=["computer_vision", "nlp"],
            price_usd=None,
            validity_years=None,
            renewal={"method": "lifetime", "note": "It does not expire."},
            recommended_experience={"industry_years": 2},
        ),
        cert(
            "ai-governance",
            **neutral,
            level="associate",
            tests_coding=False,
            skills={},
            audience=["manager", "solution_architect"],
            goal_domains=["ai_governance"],
            price_usd=800,
            focus="classical",
        ),
        cert(
            "ai-leader",
            **neutral,
            level="foundational",
            tests_coding=False,
            skills={},
            audience=["manager", "career_changer"],
            goal_domains=["generative_ai", "ai_governance"],
            price_usd=99,
            next_steps=["ai-governance"],
        ),
        cert(
            "unknown-body",
            **neutral,
            provider="Unknown Body",  # the one provider that is not "Example": filters
            recognition="unverified",
            price_usd=None,
            fact_notes=[
                {
                    "field": field,
                    "basis": "third_party",
                    "confidence": "unverified",
                    "note": "The body does not publish it.",
                }
                for field in ("price_usd", "exam_domains")
            ],
            skills={"python": {"level": 1, "weight": 1}},
            audience=["ml_engineer", "data_scientist", "career_changer"],
            goal_domains=["tabular", "generative_ai"],
        ),
    )


# The contract's examples name a shipped certification only where a visitor holds one: on the
# behaviour catalogue each stands for the certification that plays the same part.
STAND_INS = {"aws-mla-c01": "aws-ml"}  # an AWS ML engineer's associate exam


def on_fixture(answers: dict[str, Any]) -> dict[str, Any]:
    """Contract answers with each held shipped slug replaced by its stand-in."""
    held = [{**h, "slug": STAND_INS.get(h["slug"], h["slug"])} for h in answers.get("held", [])]
    return {**answers, "held": held} if "held" in answers else dict(answers)
