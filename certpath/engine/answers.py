"""The visitor's answers (contract: contract/answers.schema.json, version 2).

Pydantic is lenient by default ("3" becomes 3, True becomes 1); the contract is JSON Schema,
which is not. The types below accept exactly what the schema accepts, and every refusal is
worded for a person: `skills.python: must be between 0 and 4`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from certpath.catalogue import Certification
from certpath.vocabulary import Environment, Focus, GoalDomain, Role

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
    # Literal[1, 2] would take True (True == 1 in Python); the schema's enum does not.
    if isinstance(value, bool):
        raise PydanticCustomError("json_type", "must be 1 or 2")
    return value


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    # JSON has no dates: the contract's `format: date` is a YYYY-MM-DD string, nothing else
    # (pydantic alone would also take a timestamp number or a date-time).
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise PydanticCustomError("json_date", "must be a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("json_date", "is not a real date") from None


def _budget(value: Any) -> Any:
    if value is None:
        return None
    return _json_number(value, low=0, high=100_000, whole=False)


def _optional_years(value: Any) -> Any:
    return None if value is None else _json_number(value, low=0, high=50, whole=False)


def _range(low: int, high: int) -> Any:
    # The validator enforces the range in its own words; this states it in the generated JSON
    # Schema (and so in the API's OpenAPI document).
    return Field(json_schema_extra={"minimum": low, "maximum": high})


Level = Annotated[int, _bounded(0, 4, whole=True), _range(0, 4)]
Years = Annotated[float, _bounded(0, 50, whole=False), _range(0, 50)]
StudyHours = Annotated[int, _bounded(1, 80, whole=True), _range(1, 80)]
Budget = Annotated[float | None, BeforeValidator(_budget), _range(0, 100_000)]
OptionalYears = Annotated[float | None, BeforeValidator(_optional_years), _range(0, 50)]
IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    Field(json_schema_extra={"format": "date", "pattern": _ISO_DATE.pattern}),
]
HeldSlug = Annotated[
    str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$", json_schema_extra={"type": "string"})
]


class _Contract(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Skills(_Contract):
    """The ten version-1 skills are required; sql and genai_apps default to 0 when absent."""

    linear_algebra: Level
    calculus: Level
    probability_statistics: Level
    python: Level
    numpy_pandas: Level
    scikit_learn: Level
    tensorflow_keras: Level
    pytorch: Level
    spark: Level
    mlops: Annotated[
        Level,
        Field(description="deploying, monitoring and retraining models in production pipelines"),
    ]
    # Version 2; a version-1 document has neither and is read with them at 0.
    sql: Annotated[Level, Field(description="querying and shaping data with SQL")] = 0
    genai_apps: Annotated[
        Level,
        Field(
            description="building generative-AI applications: prompting, retrieval-augmented "
            "generation, agents, evaluating LLM output"
        ),
    ] = 0


class PlatformYears(_Contract):
    """Years of hands-on work on each platform; a platform left out counts as 0."""

    aws: Years = 0
    azure: Years = 0
    gcp: Years = 0
    databricks: Years = 0
    snowflake: Years = 0
    oracle: Years = 0
    # Version 3 (additive): ecosystems people work in like a cloud.
    salesforce: Years = 0
    ibm: Years = 0
    nvidia: Years = 0
    sas: Years = 0


class Experience(_Contract):
    industry_years: Years
    platform_years: PlatformYears
    # Version 3 (additive, optional): years of hands-on ML work. Absent (or null) means not
    # said, and the stage then follows industry years alone; six years of web work and none
    # in ML is early career for an ML exam.
    ml_years: Annotated[
        OptionalYears,
        Field(
            description="Version 3 (optional): years of hands-on machine-learning work; absent or "
            "null means not said. An exam that tests ML skills counts these as well as industry "
            "years. It cannot be more than industry_years (ML work is part of working life)."
        ),
    ] = None

    @field_validator("ml_years")
    @classmethod
    def _ml_within_industry(cls, ml_years: float | None, info: ValidationInfo) -> float | None:
        # ML work is part of working life: more ML years than years in industry is a typo.
        industry = info.data.get("industry_years")
        if ml_years is not None and industry is not None and ml_years > industry:
            raise PydanticCustomError(
                "ml_years_over_industry",
                "can't be more than the years in industry ({industry})",
                {"industry": f"{industry:g}"},
            )
        return ml_years


class Goals(_Contract):
    focus: Focus
    role: Annotated[
        Role,
        Field(
            description="manager: leads, sponsors or governs AI work without building models "
            "day to day."
        ),
    ]
    domains: list[GoalDomain] = Field(default_factory=list, json_schema_extra={"uniqueItems": True})
    exam_format: ExamFormatPreference = "any"

    @field_validator("domains")
    @classmethod
    def _unique(cls, domains: list[str]) -> list[str]:
        if len(set(domains)) != len(domains):
            raise PydanticCustomError("unique", "must not list the same area twice")
        return domains


class Held(_Contract):
    """A certification the visitor already holds; `earned_on` absent means recently."""

    slug: HeldSlug
    # Absent means recently; an explicit null is refused, as the contract refuses it.
    earned_on: Annotated[
        IsoDate, Field(description="when it was earned; absent means recently (still valid)")
    ] = None  # type: ignore[assignment]


class Answers(_Contract):
    """What a visitor tells the advisor. Skill levels: 0 none, 1 beginner (followed
    tutorials), 2 working (used it in a project), 3 proficient (use it regularly at work), 4
    expert (could teach it). Version 1 documents (no 'held', four platforms, no sql/genai_apps
    skills) stay valid: they are read as version 2 with the missing parts at their defaults."""

    model_config = ConfigDict(
        title="Self-assessment answers, version 2",
        json_schema_extra={"$id": "certpath/answers/v2"},
    )
    version: Annotated[Literal[1, 2], BeforeValidator(_version)] = 2
    skills: Skills
    experience: Experience
    environment: Annotated[
        Environment,
        Field(
            description="The platform the visitor's employer (or target employer) has "
            "standardized on; none when there is no alignment."
        ),
    ]
    goals: Goals
    weekly_study_hours: StudyHours = 6
    held: list[Held] = Field(
        default_factory=list,
        max_length=30,
        description="Certifications the visitor already holds (catalogue slugs). A held "
        "certification that is still valid is never a target again; it is the step the ladder "
        "continues from.",
    )
    budget_usd: Annotated[
        Budget,
        Field(
            description="The most the visitor will spend on exams over three years; absent or "
            "null means no limit."
        ),
    ] = None

    @field_validator("held")
    @classmethod
    def _held_once(cls, held: list[Held]) -> list[Held]:
        slugs = [item.slug for item in held]
        if len(set(slugs)) != len(slugs):
            raise PydanticCustomError("unique", "must not list the same certification twice")
        return held


class AnswersProblem(ValueError):
    """Answers that are well-formed but do not fit the catalogue or the day (a held slug that
    is not catalogued, a certification earned in the future). `problems` are (path, message)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("\n".join(f"{path}: {message}" for path, message in problems))
        self.problems = problems


def check_against(answers: Answers, catalogue: Mapping[str, Certification], today: dt.date) -> None:
    """Refuse what only the catalogue and the date can tell is wrong: a held slug it lacks, a
    pass in the future, before the exam first ran, or after a retired exam's last day."""
    problems = []
    for index, item in enumerate(answers.held):
        cert = catalogue.get(item.slug)
        where = f"held.{index}.earned_on"
        if cert is None:
            problems.append((f"held.{index}.slug", "no certification with this slug"))
        if item.earned_on is None:
            continue
        if item.earned_on > today:
            problems.append((where, "must not be in the future"))
        elif (
            cert is not None
            and cert.first_offered
            # The questionnaire gives a month (its first day): compare months, not days.
            and item.earned_on < cert.first_offered.replace(day=1)
        ):
            problems.append(
                (where, f"{cert.name} was first offered on {cert.first_offered.isoformat()}")
            )
        elif (
            cert is not None
            and cert.status == "retired"
            and cert.status_date
            and item.earned_on > cert.status_date
        ):
            problems.append(
                (where, f"{cert.name} could last be taken on {cert.status_date.isoformat()}")
            )
    if problems:
        raise AnswersProblem(problems)


_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a field of the answers",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "list_type": "must be a list",
    "too_long": "lists too many (at most 30)",
    "string_pattern_mismatch": "is not a certification slug (lower-case letters, digits, -)",
    "string_type": "must be a string",
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
