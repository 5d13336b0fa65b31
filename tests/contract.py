"""The project's copy of the answers/result contract (contract/) as test data."""

from __future__ import annotations

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
