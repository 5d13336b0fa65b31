"""Free places to study each skill (data/resources.yaml), as pydantic models.

A pathway's foundation step ("Python: reach level 3") links to these, as roadmap.sh and the
vendors' pages link learning material. Curated like the catalogue: each entry says where it
was confirmed and when, and only free resources belong here (a visitor's budget is for
exams). Django-free, like the rest of the core.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import Field, HttpUrl, field_validator, model_validator

from certpath.catalogue import Strict, Text
from certpath.catalogue_yaml import read_model
from certpath.vocabulary import SkillKey

ResourceKind = Literal["course", "book", "tutorial", "docs", "video"]
Title = Annotated[Text, Field(max_length=120)]

MAX_PER_SKILL = 5  # a short list people use, not a directory


class StudyResource(Strict):
    skill: SkillKey
    title: Title
    provider: Title
    kind: ResourceKind
    url: HttpUrl
    # Where the address was confirmed (a page, a repository file) and when.
    evidence: Text
    checked_on: dt.date

    @field_validator("url")
    @classmethod
    def _https_only(cls, url: HttpUrl) -> HttpUrl:
        if url.scheme != "https":
            raise ValueError("must be an https address")
        return url


class StudyResources(Strict):
    version: Literal[1]
    resources: list[StudyResource] = Field(max_length=500)

    @model_validator(mode="after")
    def _short_and_unique(self) -> StudyResources:
        seen: set[tuple[str, str]] = set()
        counts: dict[str, int] = {}
        for index, resource in enumerate(self.resources):
            key = (resource.skill, str(resource.url))
            if key in seen:
                raise ValueError(
                    f"resources.{index}: {resource.url} is listed twice for {resource.skill}"
                )
            seen.add(key)
            counts[resource.skill] = counts.get(resource.skill, 0) + 1
            if counts[resource.skill] > MAX_PER_SKILL:
                raise ValueError(
                    f"resources.{index}: more than {MAX_PER_SKILL} resources for {resource.skill}"
                )
        return self

    def for_skill(self, skill: str) -> list[StudyResource]:
        return [r for r in self.resources if r.skill == skill]


def read_resources(path: Path) -> StudyResources:
    """Read and validate a study-resources file, with the catalogue file's defences and its
    one-line problems (file, line, field); nothing is written anywhere."""
    return read_model(path, StudyResources, kind="study resources")


def dump_resources(resources: StudyResources) -> str:
    data = resources.model_dump(mode="json")
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


HEADER = """\
# certpath study resources: free places to learn each skill, linked from the pathway's
# foundation steps. Only free resources; each says where its address was confirmed and when.
# Load with `python manage.py load_resources`; write admin edits back with
# `python manage.py export_resources data/resources.yaml` (this header is kept).
"""
