"""The words of the answers contract (../shared/contract/answers.schema.json, version 1).

Plain Python on purpose: the catalogue schema and the recommender share these without Django.
"""

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
]
Role = Literal[
    "ml_engineer",
    "software_developer",
    "data_scientist",
    "data_engineer",
    "solution_architect",
    "career_changer",
]
GoalDomain = Literal[
    "computer_vision",
    "nlp",
    "time_series",
    "tabular",
    "conversational_ai",
    "knowledge_mining",
    "generative_ai",
]
Focus = Literal["deep_learning", "classical", "both"]
Environment = Literal["aws", "azure", "gcp", "databricks", "none"]
CloudPlatform = Literal["aws", "azure", "gcp", "databricks"]

SKILL_KEYS: tuple[str, ...] = get_args(SkillKey)
ROLES: tuple[str, ...] = get_args(Role)
GOAL_DOMAINS: tuple[str, ...] = get_args(GoalDomain)
CLOUD_PLATFORMS: tuple[str, ...] = get_args(CloudPlatform)

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
}
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
    "career_changer": "Career changer",
}
GOAL_DOMAIN_LABELS: dict[str, str] = {
    "computer_vision": "Computer vision",
    "nlp": "Natural language processing",
    "time_series": "Time series",
    "tabular": "Tabular data",
    "conversational_ai": "Conversational AI",
    "knowledge_mining": "Knowledge mining",
    "generative_ai": "Generative AI",
}
FOCUS_LABELS: dict[str, str] = {
    "deep_learning": "Deep learning",
    "classical": "Classical ML",
    "both": "Deep learning and classical ML",
}


def in_sentence(label: str) -> str:
    """A label inside a sentence: "Classical ML" becomes "classical ML"; "ML engineer" stays."""
    first_word = label.split(" ", 1)[0]
    return label if first_word.isupper() else label[:1].lower() + label[1:]
