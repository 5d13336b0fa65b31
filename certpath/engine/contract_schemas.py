"""contract/*.schema.json, generated from the pydantic models the engine and API validate with.

The models are the one rule book: the JSON Schemas other tools read are written from them, and
a test checks that the committed files are what this module writes, so they cannot drift.

    python -m certpath.engine.contract_schemas           # exit 1 if a file is stale
    python -m certpath.engine.contract_schemas --write   # rewrite the files
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from certpath.engine.answers import Answers
from certpath.engine.result_schema import Result

CONTRACT_DIR = Path(__file__).resolve().parents[2] / "contract"
MODELS: dict[str, type[BaseModel]] = {"answers.schema.json": Answers, "result.schema.json": Result}


def _tidy(node: Any) -> Any:
    """Docstrings become descriptions: fold their line breaks into spaces."""
    if isinstance(node, dict):
        return {
            key: " ".join(value.split()) if key == "description" else _tidy(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    return node


def rendered(name: str) -> str:
    """The text of one schema file, as committed."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    schema |= _tidy(MODELS[name].model_json_schema())
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale(directory: Path = CONTRACT_DIR) -> list[str]:
    """The schema files whose text is not what the models say."""
    return [
        name
        for name in MODELS
        if not (directory / name).exists()
        or (directory / name).read_text(encoding="utf-8") != rendered(name)
    ]


def main(argv: list[str]) -> int:
    if "--write" in argv:
        for name in MODELS:
            (CONTRACT_DIR / name).write_text(rendered(name), encoding="utf-8")
        return 0
    found = stale()
    for name in found:
        print(f"contract/{name} is stale: run python -m certpath.engine.contract_schemas --write")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
