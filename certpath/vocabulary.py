"""The words of the answers contract (contract/answers.schema.json, version 2).

Plain Python on purpose: the catalogue schema and the recommender share these without Django.
"""

import functools
from typing import Literal, get_args

SkillKey = Literal[
    "linear_algebra",
    "calculus",
    "probability_statistics",
    "python",
    "numpy_pandas",
    "scikit_learn",
    "tensorflow_keras",
    "pytorch",
    "spark",
    "mlops",
    "sql",
    "genai_apps",
]
Role = Literal[
    "ml_engineer",
    "software_developer",
    "data_scientist",
    "data_engineer",
    "solution_architect",
    "manager",
    "career_changer",
    # Version 3 (additive): roles with their own credentials and no maths or coding floors
    # for the last two.
    "security_engineer",
    "data_analyst",
    "risk_compliance",
]
GoalDomain = Literal[
    "computer_vision",
    "nlp",
    "time_series",
    "tabular",
    "conversational_ai",
    "knowledge_mining",
    "generative_ai",
    "mlops",
    "ai_governance",
]
Focus = Literal["deep_learning", "classical", "both"]
# The platforms an employer can run on (the answers' `environment`, and `platform_years`).
# Version 3 adds the software ecosystems people work in like a cloud (Salesforce, IBM watsonx,
# NVIDIA's stack, SAS): a Salesforce admin's first AI credential is Salesforce's own.
EmployerPlatform = Literal[
    "aws", "azure", "gcp", "databricks", "snowflake", "oracle", "salesforce", "ibm", "nvidia", "sas"
]
Environment = Literal[EmployerPlatform, "none"]
# What a certification is for: an employer platform, a provider's own ecosystem (a vendor's
# products that are not a place to run workloads), or no vendor at all.
Platform = Literal[
    "aws",
    "azure",
    "gcp",
    "databricks",
    "snowflake",
    "oracle",
    "nvidia",
    "salesforce",
    "ibm",
    "sas",
    "vendor_neutral",
]
Level = Literal["foundational", "associate", "professional", "specialty"]

SKILL_KEYS: tuple[str, ...] = get_args(SkillKey)
ROLES: tuple[str, ...] = get_args(Role)
GOAL_DOMAINS: tuple[str, ...] = get_args(GoalDomain)
EMPLOYER_PLATFORMS: tuple[str, ...] = get_args(EmployerPlatform)
PLATFORMS: tuple[str, ...] = get_args(Platform)
LEVELS: tuple[str, ...] = get_args(Level)

SKILL_LABELS: dict[str, str] = {
    "linear_algebra": "Linear algebra",
    "calculus": "Calculus (gradients)",
    "probability_statistics": "Probability and statistics",
    "python": "Python",
    "numpy_pandas": "NumPy and pandas",
    "scikit_learn": "scikit-learn",
    "tensorflow_keras": "TensorFlow / Keras",
    "pytorch": "PyTorch",
    "spark": "Apache Spark",
    "mlops": "MLOps (deploy, monitor, retrain)",
    "sql": "SQL",
    "genai_apps": "Generative-AI apps (prompting, RAG, agents)",
}
# Short names for a level inside a sentence ("you are at 1, beginner"); LEVEL_LABELS are the
# questionnaire's longer ones.
LEVEL_NAMES: dict[int, str] = {0: "none", 1: "beginner", 2: "working", 3: "proficient", 4: "expert"}
LEVEL_LABELS: dict[int, str] = {
    0: "none",
    1: "beginner (followed tutorials)",
    2: "working (used it in a project)",
    3: "proficient (use it regularly at work)",
    4: "expert (could teach it)",
}
ROLE_LABELS: dict[str, str] = {
    "ml_engineer": "ML engineer",
    "software_developer": "Software developer",
    "data_scientist": "Data scientist",
    "data_engineer": "Data engineer",
    "solution_architect": "Solution architect",
    "manager": "Manager or leader",
    "career_changer": "Career changer",
    "security_engineer": "Security engineer",
    "data_analyst": "Data analyst",
    "risk_compliance": "Risk, compliance or audit",
}
GOAL_DOMAIN_LABELS: dict[str, str] = {
    "computer_vision": "Computer vision",
    "nlp": "Natural language processing",
    "time_series": "Time series",
    "tabular": "Tabular data",
    "conversational_ai": "Conversational AI",
    "knowledge_mining": "Knowledge mining",
    "generative_ai": "Generative AI",
    "mlops": "Production ML (MLOps)",
    "ai_governance": "AI governance, risk and audit",
}
FOCUS_LABELS: dict[str, str] = {
    "deep_learning": "Deep learning",
    "classical": "Classical ML",
    "both": "Deep learning and classical ML",
}


# Every platform's display name, in one place (the admin, pages, reasons and the API use it).
PLATFORM_LABELS: dict[str, str] = {
    "aws": "AWS",
    "azure": "Microsoft Azure",
    "gcp": "Google Cloud",
    "databricks": "Databricks",
    "snowflake": "Snowflake",
    "oracle": "Oracle Cloud (OCI)",
    "nvidia": "NVIDIA",
    "salesforce": "Salesforce",
    "ibm": "IBM watsonx",
    "sas": "SAS",
    "vendor_neutral": "Vendor-neutral",
    "none": "No particular platform",
}
LEVEL_TITLES: dict[str, str] = {
    "foundational": "Foundational",
    "associate": "Associate",
    "professional": "Professional",
    "specialty": "Specialty",
}


@functools.cache  # a handful of labels, asked for in every reason
def in_sentence(label: str) -> str:
    """A label inside a sentence: "Classical ML" becomes "classical ML"; "ML engineer" stays."""
    first_word = label.split(" ", 1)[0]
    return label if first_word.isupper() else label[:1].lower() + label[1:]
