"""The result document (shared/contract/result.schema.json) as pydantic models.

The engine builds plain dicts for speed; these models describe them for the API's OpenAPI
schema and response validation. Extra fields (certpath's extras) are allowed, as the contract
allows them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Factor(_Open):
    key: str
    points: float
    reason: str = Field(min_length=1)


class Gap(_Open):
    skill: str
    have: float
    need: float


class Recommendation(_Open):
    rank: int = Field(ge=1)
    slug: str
    name: str
    provider: str
    score: float = Field(ge=0, le=100)
    status: Literal["active", "retiring", "retired"]
    successor: str | None
    readiness: Literal["ready", "stretch", "not_yet"]
    factors: list[Factor]
    gaps: list[Gap]
    warnings: list[str]


class Step(_Open):
    order: int = Field(ge=1)
    kind: Literal["foundation", "certification", "project", "renewal"]
    title: str
    slug: str | None
    weeks: float | None = Field(ge=0)


class Result(_Open):
    version: Literal[1]
    catalogue_version: str = Field(min_length=1)
    recommendations: list[Recommendation]
    pathway: list[Step]
