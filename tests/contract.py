"""The project's copy of the answers/result contract (contract/) as test data."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
from django.conf import settings

CONTRACT_DIR = Path(settings.BASE_DIR) / "contract"
EXAMPLES_DIR = CONTRACT_DIR / "examples"


def load_schema(name: str) -> dict:
    return json.loads((CONTRACT_DIR / name).read_text(encoding="utf-8"))


ANSWERS_VALIDATOR = jsonschema.Draft202012Validator(load_schema("answers.schema.json"))
RESULT_VALIDATOR = jsonschema.Draft202012Validator(load_schema("result.schema.json"))


def example(name: str) -> dict:
    return json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))


EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES_DIR.glob("*.json"))


def flatten(answers: dict) -> list[tuple[str, str]]:
    """Contract answers as the flattened query keys the web uses."""
    pairs = [(f"skills.{k}", str(v)) for k, v in answers["skills"].items()]
    pairs.append(("experience.industry_years", str(answers["experience"]["industry_years"])))
    pairs += [
        (f"experience.platform_years.{k}", str(v))
        for k, v in answers["experience"]["platform_years"].items()
    ]
    pairs.append(("environment", answers["environment"]))
    goals = answers["goals"]
    pairs += [("goals.focus", goals["focus"]), ("goals.role", goals["role"])]
    pairs += [("goals.domains", d) for d in goals.get("domains", [])]
    pairs.append(("goals.exam_format", goals.get("exam_format", "any")))
    pairs.append(("weekly_study_hours", str(answers.get("weekly_study_hours", 6))))
    return pairs


def changed(document: dict, path: tuple, value=None, *, delete: bool = False) -> dict:
    """A copy of `document` with one place changed (or deleted)."""
    data = copy.deepcopy(document)
    target = data
    for part in path[:-1]:
        target = target[part]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


# Answers that differ from a valid example in one place: some the contract refuses, some it
# accepts (the model must agree on each).
def _variant(path: tuple, value, *, delete: bool = False) -> dict:
    return changed(example("gcp-ml-engineer"), path, value, delete=delete)


VARIANTS = {
    "level too high": _variant(("skills", "python"), 5),
    "level negative": _variant(("skills", "python"), -1),
    "level as string": _variant(("skills", "python"), "3"),
    "level as boolean": _variant(("skills", "python"), True),
    "level fractional": _variant(("skills", "python"), 2.5),
    "level as whole float": _variant(("skills", "python"), 3.0),
    "level null": _variant(("skills", "python"), None),
    "unknown skill": _variant(("skills", "rust"), 2),
    "missing skill": _variant(("skills", "spark"), None, delete=True),
    "unknown top-level key": _variant(("name",), "Ada"),
    "industry years too many": _variant(("experience", "industry_years"), 51),
    "industry years fractional": _variant(("experience", "industry_years"), 2.5),
    "industry years as string": _variant(("experience", "industry_years"), "4"),
    "industry years as boolean": _variant(("experience", "industry_years"), False),
    "platform years negative": _variant(("experience", "platform_years", "gcp"), -0.5),
    "unknown platform": _variant(("experience", "platform_years", "mainframe"), 1),
    "missing platform": _variant(("experience", "platform_years", "aws"), None, delete=True),
    "environment upper case": _variant(("environment",), "AWS"),
    "environment none": _variant(("environment",), "none"),
    "environment null": _variant(("environment",), None),
    "unknown focus": _variant(("goals", "focus"), "quantum"),
    "unknown role": _variant(("goals", "role"), "manager"),
    "domains repeated": _variant(("goals", "domains"), ["nlp", "nlp"]),
    "domains unknown": _variant(("goals", "domains"), ["robotics"]),
    "domains empty": _variant(("goals", "domains"), []),
    "domains missing": _variant(("goals", "domains"), None, delete=True),
    "domains not a list": _variant(("goals", "domains"), "nlp"),
    "exam format missing": _variant(("goals", "exam_format"), None, delete=True),
    "exam format unknown": _variant(("goals", "exam_format"), "oral"),
    "goals extra key": _variant(("goals", "salary"), 100),
    "study hours zero": _variant(("weekly_study_hours",), 0),
    "study hours too many": _variant(("weekly_study_hours",), 81),
    "study hours fractional": _variant(("weekly_study_hours",), 5.5),
    "study hours missing": _variant(("weekly_study_hours",), None, delete=True),
    "version 2": _variant(("version",), 2),
    "version as string": _variant(("version",), "1"),
    "version as boolean": _variant(("version",), True),
    "version as whole float": _variant(("version",), 1.0),
    "version missing": _variant(("version",), None, delete=True),
    "skills not an object": _variant(("skills",), [1, 2, 3]),
    "experience missing": _variant(("experience",), None, delete=True),
}
