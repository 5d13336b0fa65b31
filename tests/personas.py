"""Visitors written from the domain notes, beyond the contract's four examples.

`visitor()` starts from a neutral mid-career profile; each persona changes what defines it.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from certpath.catalogue_yaml import read_catalogue
from certpath.engine import Answers, recommend
from tests.conftest import CATALOGUE_PATH

TODAY = dt.date(2026, 11, 21)
SHIPPED = read_catalogue(Path(CATALOGUE_PATH))

BASE = {
    "version": 1,
    "skills": {
        "linear_algebra": 2,
        "calculus": 2,
        "probability_statistics": 2,
        "python": 3,
        "numpy_pandas": 3,
        "scikit_learn": 2,
        "tensorflow_keras": 1,
        "pytorch": 1,
        "spark": 0,
        "mlops": 1,
    },
    "experience": {
        "industry_years": 3,
        "platform_years": {"aws": 0, "azure": 0, "gcp": 0, "databricks": 0},
    },
    "environment": "none",
    "goals": {"focus": "both", "role": "ml_engineer", "domains": [], "exam_format": "any"},
    "weekly_study_hours": 6,
}


def visitor(
    *,
    skills: dict | None = None,
    industry_years: float | None = None,
    platform_years: dict | None = None,
    **top,
) -> dict:
    data = copy.deepcopy(BASE)
    data["skills"].update(skills or {})
    if industry_years is not None:
        data["experience"]["industry_years"] = industry_years
    data["experience"]["platform_years"].update(platform_years or {})
    goals = top.pop("goals", {})
    data["goals"].update(goals)
    data.update(top)
    return data


def result_for(data: dict, catalogue=SHIPPED, **options) -> dict:
    return recommend(Answers.model_validate(data), catalogue, today=TODAY, **options)


def by_slug(result: dict) -> dict[str, dict]:
    return {rec["slug"]: rec for rec in result["recommendations"]}


def top(result: dict) -> dict:
    return result["recommendations"][0]


def scored(result: dict) -> list[dict]:
    """The targets: a retired exam or a held certification is not scored (its status is its
    one factor)."""
    return [
        rec
        for rec in result["recommendations"]
        if rec["status"] != "retired" and not (rec["held"] and rec["held"]["valid"])
    ]


def factor(rec: dict, key: str) -> dict:
    return next(f for f in rec["factors"] if f["key"] == key)


# Personas: name -> answers. Expectations live in the tests that use them.
AWS_ML_ENGINEER = visitor(
    environment="aws",
    industry_years=4,
    platform_years={"aws": 2},
    skills={"mlops": 2, "scikit_learn": 3},
    goals={"domains": ["tabular", "time_series"]},
)
NO_PLATFORM_DATA_SCIENTIST = visitor(
    industry_years=2,
    skills={"probability_statistics": 3, "scikit_learn": 3, "mlops": 2},
    goals={"role": "data_scientist", "focus": "classical", "domains": ["tabular"]},
)
HANDS_ON_DEEP_LEARNER = visitor(
    environment="none",
    skills={"tensorflow_keras": 3, "pytorch": 2, "calculus": 3, "linear_algebra": 3},
    goals={
        "role": "software_developer",
        "focus": "deep_learning",
        "domains": ["computer_vision", "nlp"],
        "exam_format": "hands_on",
    },
)
GCP_NEWCOMER_GENAI = visitor(
    environment="gcp",
    industry_years=0,
    skills={"python": 2, "numpy_pandas": 1, "scikit_learn": 0, "tensorflow_keras": 0},
    goals={"role": "career_changer", "domains": ["generative_ai"]},
)
GCP_ENGINEER_NEW_TO_GCP = visitor(
    environment="gcp",
    industry_years=6,
    platform_years={"gcp": 0.5},
    skills={
        "python": 4,
        "numpy_pandas": 4,
        "scikit_learn": 3,
        "mlops": 3,
        "probability_statistics": 3,
        "linear_algebra": 3,
        "calculus": 3,
        "tensorflow_keras": 2,
    },
    goals={"domains": ["tabular"]},
)
AZURE_ARCHITECT = visitor(
    environment="azure",
    industry_years=12,
    platform_years={"azure": 6},
    skills={"python": 2, "numpy_pandas": 1, "scikit_learn": 0, "linear_algebra": 1},
    goals={
        "role": "solution_architect",
        "domains": ["generative_ai", "knowledge_mining"],
    },
)
PYTHON_BEGINNER_ON_AWS = visitor(
    environment="aws",
    industry_years=5,
    platform_years={"aws": 3},
    skills={"python": 1, "numpy_pandas": 1, "scikit_learn": 1},
    goals={"role": "data_engineer"},
)
