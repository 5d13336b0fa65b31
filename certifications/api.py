"""Catalogue endpoints: every certification with its facts, status, successors and sources."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from certifications.selectors import current_catalogue
from certpath.catalogue import Certification
from certpath.structured_data import credential

router = Router(tags=["catalogue"])


class Message(Schema):
    detail: str


class CatalogueFilters(Schema):
    provider: str | None = None
    status: Literal["active", "retiring", "retired"] | None = None
    level: Literal["foundational", "associate", "professional", "specialty"] | None = None


@router.get("/certifications", response={200: list[Certification], 422: dict})
def certification_list(request: HttpRequest, filters: Query[CatalogueFilters]):
    """The catalogue, in catalogue order; filter by provider (case-insensitive), status, level."""
    catalogue, _ = current_catalogue()
    return [
        cert
        for cert in catalogue.certifications
        if (filters.provider is None or cert.provider.lower() == filters.provider.lower())
        and (filters.status is None or cert.status == filters.status)
        and (filters.level is None or cert.level == filters.level)
    ]


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
