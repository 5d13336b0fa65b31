"""Version 2 personas on the shipped catalogue: each visitor and the outcome a careful advisor
expects were written from docs/domain-notes.md ("Version 2") before the engine was run on them.

Where an expectation names a set of acceptable certifications, the comment says why each would
do; everything else names one outcome.
"""

from __future__ import annotations

import copy

import pytest

from tests.personas import BASE, SHIPPED, by_slug, factor, result_for, top

# The neutral mid-career skills of tests/personas.py, with the version 2 skills added.
SKILLS_MID = BASE["skills"] | {"sql": 2, "genai_apps": 1}
NO_CODE = dict.fromkeys(SKILLS_MID, 0) | {"sql": 1, "genai_apps": 1}


def person(
    *,
    role: str,
    environment: str = "none",
    industry: float = 3,
    platform: dict | None = None,
    skills: dict | None = None,
    base: dict | None = None,
    domains: tuple[str, ...] = (),
    focus: str = "both",
    held: list | None = None,
    budget: int | None = None,
    hours: int = 6,
) -> dict:
    data = {
        "version": 2,
        "skills": copy.deepcopy(base or SKILLS_MID) | (skills or {}),
        "experience": {"industry_years": industry, "platform_years": platform or {}},
        "environment": environment,
        "goals": {"focus": focus, "role": role, "domains": list(domains), "exam_format": "any"},
        "weekly_study_hours": hours,
        "held": held or [],
        "budget_usd": budget,
    }
    return data


def next_exam(result: dict) -> str | None:
    """The certification the pathway sends the visitor to after the top pick."""
    # Prerequisite steps (held elsewhere, no slug of ours) are not the next certification.
    exams = [s["slug"] for s in result["pathway"] if s["kind"] == "certification" and s["slug"]]
    return exams[1] if len(exams) > 1 else None


def platform_of(result: dict, slug: str) -> str:
    return by_slug(result)[slug]["platform"]


# 1. An MLOps engineer on Azure gets the Azure MLOps exam, not the apps-and-agents one.
AZURE_MLOPS = person(
    role="ml_engineer",
    environment="azure",
    industry=4,
    platform={"azure": 2},
    skills={"mlops": 3, "scikit_learn": 3},
    domains=("mlops",),
)


def test_azure_mlops_engineer():
    result = result_for(AZURE_MLOPS)
    assert top(result)["slug"] == "azure-ai-300"
    assert platform_of(result, next_exam(result)) == "azure"  # the ladder stays home


# 2. A developer building agents on Azure gets the Azure apps-and-agents exam.
AZURE_AGENT_DEVELOPER = person(
    role="software_developer",
    environment="azure",
    platform={"azure": 2},
    skills={"genai_apps": 3},
    domains=("generative_ai", "conversational_ai"),
)


def test_azure_agent_developer():
    result = result_for(AZURE_AGENT_DEVELOPER)
    assert top(result)["slug"] == "azure-ai-103"
    assert platform_of(result, next_exam(result)) == "azure"


# 3. A generative-AI builder on Databricks gets the Databricks generative-AI exam.
DATABRICKS_GENAI = person(
    role="ml_engineer",
    environment="databricks",
    platform={"databricks": 1.5},
    skills={"spark": 2, "genai_apps": 3},
    domains=("generative_ai",),
)


def test_databricks_genai_builder():
    result = result_for(DATABRICKS_GENAI)
    assert top(result)["slug"] == "databricks-genai-engineer-associate"
    assert platform_of(result, next_exam(result)) == "databricks"


# 4. A data scientist whose DP-100 path closed: Azure's MLOps exam is its successor.
AZURE_DATA_SCIENTIST = person(
    role="data_scientist",
    environment="azure",
    platform={"azure": 2},
    skills={"probability_statistics": 3, "scikit_learn": 3, "mlops": 2},
    domains=("tabular", "mlops"),
)


def test_azure_data_scientist_gets_the_dp100_successor():
    result = result_for(AZURE_DATA_SCIENTIST)
    assert top(result)["slug"] == "azure-ai-300"
    dp100 = by_slug(result)["azure-dp-100"]
    assert dp100["status"] == "retired" and dp100["successor"] == "azure-ai-300"


# 5. An ML engineer two years into a Snowflake shop, MLOps minded: Snowflake's MLOps exam.
SNOWFLAKE_MLOPS = person(
    role="ml_engineer",
    environment="snowflake",
    industry=4,
    platform={"snowflake": 2},
    skills={"sql": 3, "mlops": 3, "scikit_learn": 3},
    domains=("mlops",),
)


def test_snowflake_mlops_engineer():
    result = result_for(SNOWFLAKE_MLOPS)
    assert top(result)["slug"] == "snowflake-mlops-engineer"


# 6. A developer building generative-AI apps on Oracle Cloud: Oracle's generative-AI exam.
ORACLE_GENAI_DEVELOPER = person(
    role="software_developer",
    environment="oracle",
    industry=5,
    platform={"oracle": 2},
    skills={"genai_apps": 3},
    domains=("generative_ai",),
)


def test_oracle_genai_developer():
    result = result_for(ORACLE_GENAI_DEVELOPER)
    assert top(result)["slug"] == "oracle-genai-professional"


# 7. An experienced GCP data scientist, a year on Google Cloud: the PMLE.
GCP_DATA_SCIENTIST = person(
    role="data_scientist",
    environment="gcp",
    industry=4,
    platform={"gcp": 1.5},
    skills={"probability_statistics": 3, "scikit_learn": 3, "mlops": 3},
    domains=("tabular",),
)


def test_gcp_data_scientist():
    result = result_for(GCP_DATA_SCIENTIST)
    assert top(result)["slug"] == "gcp-pmle"


# 8. A non-technical manager in an Azure shop who must govern AI: a governance credential,
#    no Python or maths in the plan, and the next step is governance too (never Salesforce).
AZURE_GOVERNANCE_MANAGER = person(
    role="manager",
    environment="azure",
    industry=12,
    base=NO_CODE,
    domains=("ai_governance",),
)


def test_governance_manager():
    result = result_for(AZURE_GOVERNANCE_MANAGER)
    first = top(result)
    assert not first["tests_coding"]
    assert "governance" in factor(first, "goals")["reason"]
    assert all(s["kind"] != "foundation" for s in result["pathway"])
    after = next_exam(result)
    assert after is not None
    assert not by_slug(result)[after]["tests_coding"]
    assert by_slug(result)[after]["platform"] != "salesforce"


# 9. A manager with USD 200 who wants to understand generative AI: a business-level
#    fundamentals credential within the budget, not a governance professional costing 600+.
MANAGER_SMALL_BUDGET = person(
    role="manager",
    industry=8,
    base=NO_CODE,
    domains=("generative_ai",),
    budget=200,
)


def test_manager_with_a_small_budget():
    result = result_for(MANAGER_SMALL_BUDGET)
    first = top(result)
    assert first["level"] == "foundational" and not first["tests_coding"]
    assert first["cost_3y_usd"] is not None and first["cost_3y_usd"] <= 200
    over = by_slug(result)["iapp-aigp"]
    assert any("Over your budget" in w for w in over["warnings"])


# 10. A manager in a Google Cloud shop, generative AI: Google's Generative AI Leader, and the
#     plan never jumps from it to a professional technical exam.
GCP_LEADER = person(
    role="manager",
    environment="gcp",
    industry=10,
    base=NO_CODE,
    domains=("generative_ai",),
)


def test_gcp_business_leader():
    result = result_for(GCP_LEADER)
    assert top(result)["slug"] == "gcp-genai-leader"
    # Google has no next step for a leader, so the plan steps up to a leadership or governance
    # credential written for managers: never a technical exam, never a developer's one.
    after = by_slug(result)[next_exam(result)]
    assert not after["tests_coding"] and after["level"] == "professional"
    assert (
        "governance" in factor(after, "role")["reason"]
        or "managers" in (factor(after, "role")["reason"])
    )


# 11. An AWS engineer holding the ML Engineer Associate (earned March 2025): it is held, not a
#     target, renewed in the plan, and the ladder goes up to the generative-AI professional.
AWS_HOLDER = person(
    role="ml_engineer",
    environment="aws",
    industry=5,
    platform={"aws": 3},
    skills={"mlops": 3, "genai_apps": 2},
    domains=("generative_ai",),
    held=[{"slug": "aws-mla-c01", "earned_on": "2025-03-14"}],
)


def test_aws_holder_climbs_the_aws_ladder():
    result = result_for(AWS_HOLDER)
    assert top(result)["slug"] == "aws-aip-c01"
    mla = by_slug(result)["aws-mla-c01"]
    assert mla["held"] is not None and mla["held"]["valid_until"] == "2028-03-14"
    assert "aws-mla-c01" not in [s["slug"] for s in result["pathway"] if s["kind"] != "renewal"]


# 12. A Databricks engineer holding the ML Associate, three years on the platform: the
#     Databricks ML Professional is the next rung.
DATABRICKS_HOLDER = person(
    role="ml_engineer",
    environment="databricks",
    industry=5,
    platform={"databricks": 3},
    skills={"spark": 3, "mlops": 3, "scikit_learn": 3},
    domains=("tabular", "mlops"),
    held=[{"slug": "databricks-ml-associate", "earned_on": "2025-06-01"}],
)


def test_databricks_holder_goes_professional():
    result = result_for(DATABRICKS_HOLDER)
    assert top(result)["slug"] == "databricks-ml-professional"
    # Nothing is above it on Databricks, and the same level at another vendor is no next step.
    assert next_exam(result) is None


# 13. A GCP ML engineer whose PMLE (two-year validity) lapsed in 2026: earning it again is the
#     advice, with a warning that it expired.
GCP_LAPSED = person(
    role="ml_engineer",
    environment="gcp",
    industry=6,
    platform={"gcp": 3},
    skills={"probability_statistics": 3, "mlops": 3, "scikit_learn": 3},
    domains=("tabular",),
    held=[{"slug": "gcp-pmle", "earned_on": "2024-01-10"}],
)


def test_gcp_lapsed_credential_is_earned_again():
    result = result_for(GCP_LAPSED)
    first = top(result)
    assert first["slug"] == "gcp-pmle"
    assert any("expired" in w for w in first["warnings"])


# 14. A deep-learning engineer with no employer platform, LLM minded. Acceptable: NVIDIA's
#     LLM exams (portable across clouds, deep-learning centred) or AWS's generative-AI
#     professional (the widest employer reach): the notes favour alignment, then reach.
DEEP_LEARNING_LLM = person(
    role="ml_engineer",
    industry=4,
    skills={"pytorch": 3, "linear_algebra": 3, "calculus": 3, "genai_apps": 2},
    focus="deep_learning",
    domains=("generative_ai", "nlp"),
)


def test_deep_learning_llm_engineer():
    result = result_for(DEEP_LEARNING_LLM)
    assert top(result)["slug"] in {"nvidia-ncp-genl", "nvidia-nca-genl", "aws-aip-c01"}


# 15. A career changer with beginner Python and maths: nothing is ready, the plan starts with
#     Python, and the first exam is technical and entry level (never professional), and an ML
#     exam: the change is into machine learning, so not a data-engineering exam that asks for
#     two years of pipelines (session 4 found aws-dea-c01 first).
CAREER_CHANGER = person(
    role="career_changer",
    industry=0,
    base=dict.fromkeys(SKILLS_MID, 1),
    domains=("tabular",),
    hours=10,
)


def test_career_changer_starts_with_python():
    result = result_for(CAREER_CHANGER)
    first = top(result)
    # Either entry level is sound for a beginner (see 15 above); a professional exam is not.
    assert first["level"] in ("foundational", "associate") and first["tests_coding"]
    audience = SHIPPED.by_slug()[first["slug"]].audience
    assert {"ml_engineer", "data_scientist"} & set(audience), first["slug"]
    assert result["pathway"][0]["kind"] == "foundation"
    assert result["pathway"][0]["title"].startswith("Python")


# 16. Eight years as an ML engineer with Python only at level 1 (an R user): still experienced,
#     so the pick is not a foundational exam; Python is the first gap to close.
EXPERIENCED_R_USER = person(
    role="data_scientist",
    industry=8,
    skills={"python": 1, "probability_statistics": 4, "scikit_learn": 1},
    domains=("tabular",),
)


def test_experience_is_not_reset_by_one_weak_skill():
    result = result_for(EXPERIENCED_R_USER)
    assert top(result)["level"] != "foundational"
    assert result["pathway"][0]["title"].startswith("Python")


# 17. A career changer who can spend nothing: nothing bookable is free on a technical path,
#     so the top pick carries a budget warning (a lower place, never a silent drop): over the
#     budget, or, where the vendor publishes no price, that nobody can say it fits.
FREE_ONLY = person(role="career_changer", industry=0, budget=0, domains=("generative_ai",))


def test_a_zero_budget_warns_and_drops_nothing():
    result = result_for(FREE_ONLY)
    first = top(result)
    assert any("Over your budget" in w or "fits your budget" in w for w in first["warnings"])
    # Every certification is listed; prerequisite credentials (never targets) only when held.
    targets = [c for c in SHIPPED.certifications if c.is_target]
    assert len(result["recommendations"]) == len(targets)
    # Advice v3: the plan's exams are not known to fit, so the notes say which and name the
    # free options (Oracle's OCI AI Foundations costs nothing to take).
    assert any(
        n.startswith(("Over your budget of US$0", "Price not published")) for n in result["notes"]
    )
    assert any(n.startswith("Free to take: Oracle Cloud Infrastructure") for n in result["notes"])


# 18. The default questionnaire (early career, no platform): not a credential of unknown
#     standing, not a professional exam; with no platform, reach puts an AWS exam first.
DEFAULT_VISITOR = person(
    role="ml_engineer",
    industry=2,
    base=dict.fromkeys(SKILLS_MID, 1)
    | {"python": 2, "numpy_pandas": 2, "spark": 0, "tensorflow_keras": 0, "pytorch": 0}
    | {"mlops": 0, "genai_apps": 0},
)


def test_default_visitor():
    result = result_for(DEFAULT_VISITOR)
    first = top(result)
    assert first["platform"] == "aws" and first["level"] in ("foundational", "associate")


@pytest.mark.parametrize(
    "answers",
    [AZURE_MLOPS, DATABRICKS_GENAI, AZURE_GOVERNANCE_MANAGER, AWS_HOLDER, CAREER_CHANGER],
)
def test_the_next_step_is_never_a_lower_level(answers):
    result = result_for(answers)
    after = next_exam(result)
    if after is None:
        return
    order = {"foundational": 0, "associate": 1, "professional": 2, "specialty": 2}
    assert order[by_slug(result)[after]["level"]] >= order[top(result)["level"]]
