"""Every number the recommender uses, in one place, with where it comes from.

The direction of each rule comes from docs/domain-notes.md (the guide it summarises, and its
"Version 2" section); the sizes are certpath's choice.
"""

from __future__ import annotations

from types import MappingProxyType

# Maximum points per factor. A score is the sum of factor points, scaled so the factors that
# apply add up to 100. `platform` and `employer_breadth` never apply together; `budget` applies
# only when the visitor gives one, `ladder` only when they hold a valid certification.
# Visitors may override these per request ("what matters to you").
DEFAULT_WEIGHTS = MappingProxyType(
    {
        "platform": 18,  # align with the employer's platform: the most immediate value
        "employer_breadth": 12,  # no alignment: AWS > Azure > Google Cloud by employer reach
        "skills": 22,  # skill coverage against the certification's requirements
        "experience": 10,  # industry and platform years against the recommendation
        "role": 16,  # written for the visitor's role: intent can outweigh a platform match
        "goals": 16,  # the visitor's goal areas against what the exam covers
        "focus": 6,  # deep learning vs classical
        "level": 12,  # foundational, then associate, then professional/specialty
        "exam_format": 4,  # hands-on vs multiple-choice preference
        "budget": 8,  # three-year cost against the visitor's budget
        "ladder": 12,  # continues the ladder from a certification the visitor holds
    }
)
MAX_WEIGHT_OVERRIDE = 50
# "What matters to you" in words: each word is this multiple of a factor's own weight above
# (the questionnaire offers these; the API and links still take any whole number 0-50).
WEIGHT_WORDS = MappingProxyType({"Not at all": 0.0, "A little": 0.5, "Normal": 1.0, "A lot": 2.0})

# Where the certification is not for the employer's platform: what is left of the platform
# points. Vendor-neutral credentials and NVIDIA's stack run on any cloud, so they do not
# compete with it; Salesforce, IBM watsonx and SAS are employer platforms like the clouds
# (version 3), so another employer's gets nothing.
PLATFORM_ELSEWHERE = MappingProxyType({"vendor_neutral": 0.35, "nvidia": 0.35})
# Employer reach when the visitor has no platform: the guide's market-share order for the
# clouds, then narrower platforms and ecosystems.
EMPLOYER_BREADTH = MappingProxyType(
    {
        "aws": 1.0,
        "azure": 0.75,
        "gcp": 0.5,
        "vendor_neutral": 0.5,
        "nvidia": 0.4,
        "databricks": 0.35,
        "snowflake": 0.3,
        "oracle": 0.25,
        "salesforce": 0.25,
        "ibm": 0.2,
        "sas": 0.2,
    }
)

# "Python fluency is non-negotiable" and "a real gap in [linear algebra, calculus, probability
# and statistics, Python] blocks study": floors on every certification that tests coding,
# whatever its own requirements say. Literacy and leadership credentials carry none.
FOUNDATION_FLOORS = MappingProxyType(
    {"python": 2, "linear_algebra": 1, "calculus": 1, "probability_statistics": 1}
)
FLOOR_WEIGHT = 2  # weight of a floor the certification does not name itself
# Any skill two or more levels short of what a certification needs means "not yet": study
# first, then exam preparation ("ready" means exam preparation alone would do).
BLOCKING_SHORTFALL = 2

# Partial credit for a skill below the requirement: (have / need) ** CURVE, so one level short
# of three keeps about half the credit and two levels short keeps a fifth.
COVERAGE_CURVE = 1.5

# Pathway order: Python first, then mathematics, then libraries, then operations and apps.
SKILL_ORDER = (
    "python",
    "linear_algebra",
    "calculus",
    "probability_statistics",
    "sql",
    "numpy_pandas",
    "scikit_learn",
    "tensorflow_keras",
    "pytorch",
    "spark",
    "mlops",
    "genai_apps",
)

# Study hours to climb one level in a skill (estimates; shown as such).
HOURS_PER_LEVEL = MappingProxyType(
    {
        "python": 40,
        "linear_algebra": 30,
        "calculus": 30,
        "probability_statistics": 30,
        "sql": 20,
        "numpy_pandas": 20,
        "scikit_learn": 25,
        "tensorflow_keras": 30,
        "pytorch": 30,
        "spark": 30,
        "mlops": 35,
        "genai_apps": 25,
    }
)
# Exam preparation hours once the skills are there, by level.
EXAM_PREP_HOURS = MappingProxyType(
    {"foundational": 15, "associate": 45, "professional": 70, "specialty": 80}
)
PROJECT_HOURS = 30
# Hours to prepare a renewal: a retake is a lighter re-study, an assessment an evening.
RENEWAL_HOURS = MappingProxyType(
    {
        "retake": 15,
        "free_assessment": 4,
        "continuing_education": 0,
        "lifetime": 0,
        "not_renewable": 0,
        "not_published": 0,
    }
)

# The visitor's stage comes from experience, never from one skill: 0 starting out (under a
# year in industry, or changing career), 1 early career, 2 experienced. Holding a certification
# proves its level, so it lifts the stage to at least that level's.
EARLY_CAREER_YEARS = 1
EXPERIENCED_YEARS = 3
# Years in ML work, when the visitor gives them: under this, an exam that tests ML skills sees
# them as early career at most, however long they have worked in industry.
ML_WORK_YEARS_FOR_EXPERIENCED = 1
LEVEL_RANK = MappingProxyType(
    {"foundational": 0, "associate": 1, "professional": 2, "specialty": 2}
)
# Level fit: fraction of the level points by (visitor stage, certification level rank).
# One level above the stage is a stretch; two is not a sensible next step.
LEVEL_FIT = MappingProxyType(
    {
        (0, 0): 1.0,
        (0, 1): 0.7,
        (0, 2): 0.0,
        (1, 0): 0.6,
        (1, 1): 1.0,
        (1, 2): 0.5,
        (2, 0): 0.4,
        (2, 1): 0.9,
        (2, 2): 1.0,
    }
)
# A literacy or leadership credential (no coding) is a normal first step at any stage.
NON_CODING_FOUNDATIONAL_FIT = 0.8

# Where a vendor publishes no recommended experience, certpath assumes what is usual for the
# level (in industry, and on the platform when the exam is for an employer platform). The
# points, the gaps and the reason all say it is an assumption.
ASSUMED_INDUSTRY_YEARS = MappingProxyType(
    {"foundational": 0, "associate": 1, "professional": 2, "specialty": 2}
)
ASSUMED_PLATFORM_YEARS = MappingProxyType(
    {"foundational": 0, "associate": 0.5, "professional": 1, "specialty": 1}
)

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
# How much of an exam covers a goal area decides how much of the goal points it earns: a
# credential whose guide gives a third of its weight or more to the area earns them all, one
# that touches it in a single small domain (an ethics section in a product exam) a share in
# proportion (domain notes, v3: "each claimed goal area should point to the exam domain that
# supports it"). Where the guide publishes no weights, each domain counts the same, and the
# reason says so.
GOAL_FULL_SHARE = 1 / 3

# A career changer is moving into machine learning: an exam written for the roles that change
# usually aims at serves them in part (one written for career changers, fully).
CAREER_CHANGE_AIMS = ("ml_engineer", "data_scientist")
CAREER_CHANGE_FRACTION = 0.5

# Budget: within it, full points; over it, none (and a warning), as when the first attempt
# alone is over it. A published first attempt within the budget whose renewal cost is not
# published keeps half; an exam whose price is not published earns none, so unknown never
# ranks above a known price within the budget.
UNKNOWN_COST_FRACTION = 0.5
UNKNOWN_PRICE_FRACTION = 0.0

# The ladder from a held certification: its own next steps and the next level on its platform
# continue it fully; the same level in one of the visitor's goal areas continues it sideways.
LADDER_SIDEWAYS = 0.6

# What places a certification lower is part of its score: points taken off, each with its
# sentence in "Why", so the list is in the order of the numbers shown (domain notes, v3).
# A retiring exam that closes before the visitor could be ready is not worth starting.
RETIRING_PENALTY = 15
# Off the visitor's track (a technical exam for a manager, a literacy one on a technical path):
# half the scale. A credential that asks for no skills earns every skill and level point, so
# anything less let literacy exams lead technical people; an on-track exam that fits even
# half-way comes first, and a literacy credential becomes the plan's first milestone instead.
OFF_TRACK_PENALTY = 50
# No source establishes how widely employers recognise it.
UNRECOGNISED_PENALTY = 10
# A required prerequisite the visitor lacks: one certpath lists and the plan can earn first
# costs a little (its own exam, cost and weeks come first); one it does not list, more (the
# plan cannot time it); one that needs years of other work makes it a later goal: no points.
PREREQUISITE_IN_PLAN_PENALTY = 5
PREREQUISITE_UNLISTED_PENALTY = 10
# Known to cost more than the budget the visitor gave (three years, or the first attempt
# alone): the budget factor's points are gone too, but a budget is a limit, not a preference,
# so one that fits and suits nearly as well comes first. Only when something on the visitor's
# path fits the budget (scoring.Context.budget_orders).
OVER_BUDGET_PENALTY = 15
# The same-level successor of a credential the visitor holds (and can keep): an optional
# refresh.
REFRESH_PENALTY = 25
# Two or more levels above where the visitor is (a professional ML exam for someone with no ML
# work behind them): not a sensible next step, whatever else fits.
OUT_OF_REACH_PENALTY = 25

# Two top picks this close are a close call, and the advice says why either would do.
CLOSE_CALL_POINTS = 3.0

# A person starting out whose target is further away than this (at their pace) gets a
# foundational first milestone at the start of the plan.
FIRST_MILESTONE_AFTER_WEEKS = 26
# Held renewals due this soon are flagged.
RENEWAL_SOON_DAYS = 90

CERTIFICATIONS_IN_WHAT_IF = 3
# What-if search order: what a person can do (a skill, study hours, a format) before what only
# time gives (years of experience), before what they cannot choose (the employer's platform).
CHANGE_EFFORT = MappingProxyType(
    {"skills": 0, "weekly_study_hours": 0, "goals": 0, "experience": 1, "environment": 2}
)
MAX_WEEKLY_HOURS = 80
