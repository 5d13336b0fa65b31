"""Catalogue endpoints: every certification with its facts, status, successors and sources."""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from certifications.selectors import current_catalogue
from certpath.catalogue import Certification
from certpath.structured_data import credential

router = Router(tags=["catalogue"])
CACHE_SECONDS = 3600  # the key carries the catalogue version: an edit is a new key at once
JSON = "application/json; charset=utf-8"


class Message(Schema):
    detail: str


class CatalogueFilters(Schema):
    provider: str | None = None
    status: Literal["active", "retiring", "retired"] | None = None
    level: Literal["foundational", "associate", "professional", "specialty"] | None = None


@router.get("/certifications", response={200: list[Certification], 422: dict})
def certification_list(request: HttpRequest, filters: Query[CatalogueFilters]):
    """The catalogue, in catalogue order; filter by provider (case-insensitive), status, level.

    The document (450 KB for the whole catalogue) is serialised once per catalogue version
    and filter, and kept in Django's cache."""
    catalogue, version = current_catalogue()
    provider = filters.provider.lower() if filters.provider is not None else None
    asked = json.dumps([provider, filters.status, filters.level])
    key = f"api-certifications:{version}:{hashlib.sha256(asked.encode()).hexdigest()[:16]}"

    def render() -> bytes:
        chosen = [
            cert.model_dump(mode="json")
            for cert in catalogue.certifications
            if (provider is None or cert.provider.lower() == provider)
            and (filters.status is None or cert.status == filters.status)
            and (filters.level is None or cert.level == filters.level)
        ]
        return json.dumps(chosen, ensure_ascii=False).encode()

    return HttpResponse(cache.get_or_set(key, render, CACHE_SECONDS), content_type=JSON)


@router.get("/certifications/{slug}", response={200: Certification, 404: Message})
def certification_detail(request: HttpRequest, slug: str):
    catalogue, _ = current_catalogue()
    cert = catalogue.by_slug().get(slug)
    if cert is None:
        raise HttpError(404, f"No certification with the slug {slug!r}.")
    return cert


@router.get("/certifications/{slug}/credential", response={200: dict, 404: Message})
def certification_credential(request: HttpRequest, slug: str):
    """The certification as schema.org JSON-LD (EducationalOccupationalCredential), the same
    markup its page embeds."""
    catalogue, _ = current_catalogue()
    cert = catalogue.by_slug().get(slug)
    if cert is None:
        raise HttpError(404, f"No certification with the slug {slug!r}.")
    page = request.build_absolute_uri(reverse("certifications:detail", args=[slug]))
    return credential(cert, page)
