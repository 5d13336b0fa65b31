"""The result document (contract/result.schema.json, version 2) as pydantic models.

The engine builds plain dicts for speed; these models describe them for the API's OpenAPI
schema and response validation. Extra fields (certpath's extras) are allowed, as the contract
allows them. `ResultV1` describes results saved before version 2, which still open unchanged.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from certpath.vocabulary import Level


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


def _about(text: str) -> Any:
    return Field(description=text)


IsoDate = Annotated[str, Field(json_schema_extra={"format": "date"})]


class Factor(_Open):
    key: str
    points: float
    reason: str = Field(min_length=1)


class Gap(_Open):
    skill: Annotated[
        str,
        _about(
            "a skill key from the answers (e.g. python) or an experience key (industry_years, "
            "platform_years.gcp)"
        ),
    ]
    have: float
    need: float


class HeldStatus(_Open):
    earned_on: IsoDate | None
    valid_until: IsoDate | None


class RecommendationV1(_Open):
    rank: int = Field(ge=1)
    slug: str
    name: str
    provider: str
    score: float = Field(ge=0, le=100)
    status: Literal["active", "retiring", "retired"]
    successor: Annotated[
        str | None, _about("slug of the certification that replaces this one, if any")
    ]
    readiness: Annotated[
        Literal["ready", "stretch", "not_yet"],
        _about(
            "ready: no gap its own guidance names; stretch: gaps a few months of study close; "
            "not_yet: a foundation it needs is missing"
        ),
    ]
    factors: list[Factor]
    gaps: list[Gap]
    warnings: list[str]


class Recommendation(RecommendationV1):
    level: Level
    platform: Annotated[
        str,
        _about(
            "aws, azure, gcp, databricks, snowflake, oracle, or the provider's own ecosystem "
            "(e.g. nvidia) / vendor_neutral"
        ),
    ]
    held: Annotated[HeldStatus | None, _about("null unless the visitor holds it")]
    cost_3y_usd: float | None = Field(
        ge=0,
        description="exam fee plus renewals due within three years; null when the price is not "
        "published",
    )


class Link(_Open):
    title: str
    url: str


# Optional parts of a step: absent unless they apply. Declared with a default so that they are
# described; the API leaves out what a document does not hold (exclude_unset).
class Step(_Open):
    order: int = Field(ge=1)
    kind: Literal["foundation", "certification", "project", "renewal"]
    title: str
    slug: str | None
    weeks: float | None = Field(ge=0)
    links: list[Link] = Field(
        default_factory=list, description="where to study for this step (optional)"
    )
    part: Literal["milestone", "prerequisite", "target", "next"] = Field(
        default=None,
        description="certification steps: a first milestone, a prerequisite earned first, the "
        "top pick, the next step",
    )
    cost_usd: int | None = Field(
        default=None,
        ge=0,
        description="certification steps: the exam's list price; held renewals: what one "
        "renewal costs (null: not published)",
    )
    over_budget: bool = Field(
        default=False,
        description="certification steps, when a budget is given: its own cost, or the plan's "
        "known costs up to and including it, are over the budget",
    )
    soon: bool = Field(
        default=False,
        description="a held credential's renewal due within 90 days or whose renewal window is "
        "open",
    )
    starts_on: IsoDate = Field(
        default=None,
        description="result.json downloads: the day the step starts, from the day the plan was "
        "saved, steps one after another at the visitor's weekly hours",
    )
    ends_on: IsoDate = Field(
        default=None,
        description="result.json downloads: the day the step ends (a certification step: the "
        "exam target day)",
    )
    due_on: IsoDate | None = Field(
        default=None,
        description="a renewal: the day it falls due (a held credential's, or one validity "
        "after the plan's exam); null when the validity is not published",
    )


class WhatIfChange(_Open):
    path: str
    to: object


class WhatIf(_Open):
    slug: str
    effect: Literal["ranks_first", "ready", "stretch"]
    change: WhatIfChange
    message: str = Field(min_length=1)


class Result(_Open):
    """What the advisor answers for one set of answers. The same document comes from the
    recommend management command and from the JSON API."""

    model_config = ConfigDict(
        title="Recommendation result, version 2",
        json_schema_extra={"$id": "certpath/result/v2"},
    )
    version: Literal[2]
    catalogue_version: str = Field(
        min_length=1,
        description="changes whenever the catalogue's content changes (e.g. a content hash)",
    )
    as_of: IsoDate
    recommendations: list[Recommendation] = Field(
        description="Every certification in the catalogue, best first. Held certifications that "
        "are still valid come after every target; retired certifications (which can no longer "
        "be booked) come last."
    )
    pathway: list[Step] = Field(
        description="Ordered steps from where the visitor stands to the top recommendation and "
        "beyond."
    )
    what_if: list[WhatIf] = Field(
        description="For the top bookable targets: the smallest single change in the answers "
        "that makes it rank first (or makes the first one ready, or, when the first one is not "
        "yet in reach, a stretch: its blocking gap closed). Every claim must hold when the "
        "change is applied."
    )
    pathway_cost_usd: int | None = Field(
        default=None,
        ge=0,
        description="Present whenever the answers give a budget: the plan's exams with their "
        "renewals due within three years, plus held credentials' renewals due in that time, at "
        "list prices; null when a price in it is not published.",
    )


class ResultV1(_Open):
    version: Literal[1]
    catalogue_version: str = Field(min_length=1)
    recommendations: list[RecommendationV1]
    pathway: list[Step]
