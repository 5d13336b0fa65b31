"""The result document (contract/result.schema.json, version 2) as pydantic models.

The engine builds plain dicts for speed; these models describe them for the API's OpenAPI
schema and response validation. Extra fields (certpath's extras) are allowed, as the contract
allows them. `ResultV1` describes results saved before version 2, which still open unchanged.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from certpath.vocabulary import Level


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


class HeldStatus(_Open):
    earned_on: str | None
    valid_until: str | None


class RecommendationV1(_Open):
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


class Recommendation(RecommendationV1):
    level: Level
    platform: str
    held: HeldStatus | None
    cost_3y_usd: float | None = Field(ge=0)


class Step(_Open):
    order: int = Field(ge=1)
    kind: Literal["foundation", "certification", "project", "renewal"]
    title: str
    slug: str | None
    weeks: float | None = Field(ge=0)


class WhatIfChange(_Open):
    path: str
    to: object


class WhatIf(_Open):
    slug: str
    effect: Literal["ranks_first", "ready", "stretch"]
    change: WhatIfChange
    message: str = Field(min_length=1)


class Result(_Open):
    version: Literal[2]
    catalogue_version: str = Field(min_length=1)
    as_of: str
    recommendations: list[Recommendation]
    pathway: list[Step]
    what_if: list[WhatIf]


class ResultV1(_Open):
    version: Literal[1]
    catalogue_version: str = Field(min_length=1)
    recommendations: list[RecommendationV1]
    pathway: list[Step]
