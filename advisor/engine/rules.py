"""Every number the recommender uses, in one place, with where it comes from.

The direction of each rule comes from shared/reference/domain-notes.md (the guide it
summarises); the sizes are certpath's choice and are documented in the README.
"""

from __future__ import annotations

from types import MappingProxyType

# Maximum points per factor. A score is the sum of factor points, scaled so the factors that
# apply add up to 100 (`platform` and `employer_breadth` never apply together). Visitors may
# override these per request ("what matters to you").
DEFAULT_WEIGHTS = MappingProxyType(
    {
        "platform": 20,  # align with the employer's platform: the most immediate value
        "employer_breadth": 12,  # no alignment: AWS > Azure > Google Cloud by employer reach
        "skills": 24,  # skill coverage against the certification's requirements
        "experience": 10,  # industry and platform years against the vendor's recommendation
        "role": 14,  # written for the visitor's role
        "goals": 10,  # the visitor's goal areas against what the exam covers
        "focus": 8,  # deep learning vs classical
        "level": 10,  # associate/foundational before professional/specialty when short
        "exam_format": 4,  # hands-on vs multiple choice preference
    }
)
MAX_WEIGHT_OVERRIDE = 50

# Employer reach when the visitor has no platform: the guide's market-share order.
EMPLOYER_BREADTH = MappingProxyType(
    {"aws": 1.0, "azure": 0.75, "gcp": 0.5, "vendor_neutral": 0.5, "databricks": 0.35}
)
PLATFORM_NAMES = MappingProxyType(
    {
        "aws": "AWS",
        "azure": "Microsoft Azure",
        "gcp": "Google Cloud",
        "databricks": "Databricks",
        "vendor_neutral": "a vendor-neutral framework",
        "none": "no particular platform",
    }
)

# "Python fluency is non-negotiable for every certification" and "a real gap in [linear
# algebra, calculus, probability and statistics, Python] blocks study": floors that apply to
# every certification whatever its own requirements say. Weight used when the certification
# names no weight of its own for the skill.
FOUNDATION_FLOORS = MappingProxyType(
    {"python": 2, "linear_algebra": 1, "calculus": 1, "probability_statistics": 1}
)
FLOOR_WEIGHT = 2
FOUNDATION_SKILLS = frozenset(FOUNDATION_FLOORS)
MATH_SKILLS = ("linear_algebra", "calculus", "probability_statistics")
# A foundation skill two or more levels short of what a certification needs blocks it too.
BLOCKING_SHORTFALL = 2

# Partial credit for a skill below the requirement: (have / need) ** CURVE, so one level short
# of three keeps about half the credit and two levels short keeps a fifth.
COVERAGE_CURVE = 1.5

# Pathway order: Python first, then mathematics, then libraries, then operations.
SKILL_ORDER = (
    "python",
    "linear_algebra",
    "calculus",
    "probability_statistics",
    "numpy_pandas",
    "scikit_learn",
    "tensorflow_keras",
    "pytorch",
    "spark",
    "mlops",
)

# Study hours to climb one level in a skill (estimates; shown as such).
HOURS_PER_LEVEL = MappingProxyType(
    {
        "python": 40,
        "linear_algebra": 30,
        "calculus": 30,
        "probability_statistics": 30,
        "numpy_pandas": 20,
        "scikit_learn": 25,
        "tensorflow_keras": 30,
        "pytorch": 30,
        "spark": 30,
        "mlops": 35,
    }
)
# Exam preparation hours once the skills are there, by level.
EXAM_PREP_HOURS = MappingProxyType(
    {"foundational": 15, "associate": 45, "professional": 70, "specialty": 80}
)
PROJECT_HOURS = 30
# Hours to prepare a renewal: a retake is a lighter re-study, a free assessment an evening.
RENEWAL_HOURS = MappingProxyType({"retake": 15, "free_assessment": 4, "not_renewable": 0})

# Visitor stage for level fit: 0 starting out, 1 early career, 2 experienced.
EARLY_CAREER_YEARS = 1
EXPERIENCED_YEARS = 3
LEVEL_STAGE = MappingProxyType(
    {"foundational": 0, "associate": 1, "professional": 2, "specialty": 2}
)
# Where a vendor publishes no recommended experience, the experience factor (never the gaps,
# which only name the certification's own guidance) assumes this much industry time by level.
ASSUMED_INDUSTRY_YEARS = MappingProxyType(
    {"foundational": 0, "associate": 1, "professional": 2, "specialty": 2}
)

# Fraction of the level points by (certification stage - visitor stage): reaching above your
# stage costs more than staying below it.
# An experienced visitor taking an associate exam is normal; a foundational one adds little.
LEVEL_FIT = MappingProxyType({-2: 0.0, -1: 0.7, 0: 1.0, 1: 0.4, 2: 0.0})

# Focus fit: (visitor focus, certification focus) -> fraction of the focus points.
FOCUS_FIT = MappingProxyType(
    {
        ("deep_learning", "deep_learning"): 1.0,
        ("deep_learning", "both"): 0.75,
        ("deep_learning", "classical"): 0.0,
        ("classical", "classical"): 1.0,
        ("classical", "both"): 1.0,
        ("classical", "deep_learning"): 0.0,
        ("both", "both"): 1.0,
        ("both", "deep_learning"): 0.5,
        ("both", "classical"): 0.5,
    }
)
NO_GOALS_FRACTION = 0.5

# A retiring exam that closes before the visitor could be ready is not worth starting.
RETIRING_PENALTY = 15

CERTIFICATIONS_IN_WHAT_IF = 3
