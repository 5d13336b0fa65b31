"""The visitor's answers (contract: shared/contract/answers.schema.json, version 1).

Pydantic is lenient by default ("3" becomes 3, True becomes 1); the contract is JSON Schema,
which is not. The types below accept exactly what the schema accepts, and every refusal is
worded for a person: `skills.python: must be between 0 and 4`.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from advisor.vocabulary import Environment, Focus, GoalDomain, Role

ExamFormatPreference = Literal["any", "hands_on", "multiple_choice"]


def _json_number(value: Any, *, low: float, high: float, whole: bool) -> Any:
    # JSON Schema: booleans and strings are not numbers; 3.0 is an integer.
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = "a whole number" if whole else "a number"
        raise PydanticCustomError("json_type", f"must be {kind}")
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("json_type", "must be a finite number")
    if whole and isinstance(value, float):
        if not value.is_integer():
            raise PydanticCustomError("json_type", "must be a whole number")
        value = int(value)
    if not low <= value <= high:
        raise PydanticCustomError(
            "json_range", "must be between {low} and {high}", {"low": low, "high": high}
        )
    return value


def _bounded(low: int, high: int, *, whole: bool) -> BeforeValidator:
    return BeforeValidator(lambda v: _json_number(v, low=low, high=high, whole=whole))


def _version(value: Any) -> Any:
    # Literal[1] would take True (True == 1 in Python); the schema's `const: 1` does not.
    if isinstance(value, bool):
        raise PydanticCustomError("json_type", "must be 1")
    return value


def _range(low: int, high: int) -> Any:
    # The validator enforces the range in its own words; this states it in the generated JSON
    # Schema (and so in the API's OpenAPI document).
    return Field(json_schema_extra={"minimum": low, "maximum": high})


Level = Annotated[int, _bounded(0, 4, whole=True), _range(0, 4)]
Years = Annotated[float, _bounded(0, 50, whole=False), _range(0, 50)]
StudyHours = Annotated[int, _bounded(1, 80, whole=True), _range(1, 80)]


class _Contract(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Skills(_Contract):
    linear_algebra: Level
    calculus: Level
    probability_statistics: Level
    python: Level
    numpy_pandas: Level
    scikit_learn: Level
    tensorflow_keras: Level
    pytorch: Level
    spark: Level
    mlops: Level


class PlatformYears(_Contract):
    aws: Years
    azure: Years
    gcp: Years
    databricks: Years


class Experience(_Contract):
    industry_years: Years
    platform_years: PlatformYears


class Goals(_Contract):
    focus: Focus
    role: Role
    domains: list[GoalDomain] = Field(default_factory=list, json_schema_extra={"uniqueItems": True})
    exam_format: ExamFormatPreference = "any"

    @field_validator("domains")
    @classmethod
    def _unique(cls, domains: list[str]) -> list[str]:
        if len(set(domains)) != len(domains):
            raise PydanticCustomError("unique", "must not list the same area twice")
        return domains


class Answers(_Contract):
    version: Annotated[Literal[1], BeforeValidator(_version)] = 1
    skills: Skills
    experience: Experience
    environment: Environment
    goals: Goals
    weekly_study_hours: StudyHours = 6

    def skill(self, key: str) -> int:
        return getattr(self.skills, key)

    def platform_years(self, platform: str) -> float:
        return getattr(self.experience.platform_years, platform, 0.0)


_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a field of the answers",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "list_type": "must be a list",
    "dict_type": "must be an object",
}


def problems(errors: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(field path, message) for each pydantic error, worded for a person."""
    found = []
    for item in errors:
        path = ".".join(str(part) for part in item["loc"]) or "answers"
        kind = item["type"]
        if kind in _MESSAGES:
            message = _MESSAGES[kind]
        elif kind == "literal_error":
            message = "must be one of " + item["ctx"]["expected"].replace("'", "")
        else:
            message = item["msg"].removeprefix("Value error, ")
        found.append((path, message))
    return found


def error_messages(error: ValidationError) -> list[str]:
    """One line per problem, `path: message`, in the wording the command and API share."""
    return [f"{path}: {message}" for path, message in problems(error.errors(include_url=False))]
