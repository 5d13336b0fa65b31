"""The catalogue page filters by provider, level, platform, status and coding, by query
parameters (no JavaScript needed) and as an htmx fragment. The pages run on the behaviour
catalogue (tests/fixture_catalogue.py)."""

from __future__ import annotations

import re

import pytest

from certifications.filters import CatalogueFilterForm
from tests.fixture_catalogue import cert

pytestmark = pytest.mark.django_db

FIXTURE = [
    cert("aws-one", provider="AWS", platform="aws", level="associate"),
    cert("aws-two", provider="AWS", platform="aws", level="professional"),
    cert("gov", provider="IAPP", platform="vendor_neutral", tests_coding=False),
    cert(
        "old",
        provider="AWS",
        platform="aws",
        status="retired",
        status_date="2026-03-31",
    ),
]


def slugs(query: dict) -> list[str]:
    return [c.slug for c in CatalogueFilterForm(query, FIXTURE).apply(FIXTURE)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["aws-one", "aws-two", "gov", "old"]),
        ({"provider": "AWS"}, ["aws-one", "aws-two", "old"]),
        ({"provider": "AWS", "level": "professional"}, ["aws-two"]),
        ({"platform": "vendor_neutral"}, ["gov"]),
        ({"coding": "no"}, ["gov"]),
        ({"coding": "yes", "status": "active"}, ["aws-one", "aws-two"]),
        ({"status": "retired"}, ["old"]),
    ],
)
def test_filters_combine(query, expected):
    assert slugs(query) == expected


def test_an_invalid_filter_is_an_error_on_its_field_and_the_others_still_apply():
    form = CatalogueFilterForm({"level": "expert", "provider": "IAPP"}, FIXTURE)
    assert [c.slug for c in form.apply(FIXTURE)] == ["gov"]
    assert "level" in form.errors


def shown_slugs(html: str) -> list[str]:
    return re.findall(r'<h3 id="cert-([a-z0-9-]+)"', html)


def test_the_page_filters_without_javascript(client, loaded_catalogue):
    # The fixture's two professional exams, in catalogue order.
    response = client.get("/certifications/", {"coding": "yes", "level": "professional"})
    html = response.content.decode()
    assert response.status_code == 200
    assert shown_slugs(html) == ["aws-ml-pro", "azure-mlops"]
    assert f"Showing 2 of {len(loaded_catalogue.certifications)}" in html
    assert '<option value="professional" selected>' in html  # the form keeps the choice


def test_a_bad_filter_keeps_the_page_and_names_the_field(client, loaded_catalogue):
    response = client.get("/certifications/", {"level": "expert"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_level_error"' in html
    assert len(shown_slugs(html)) == len(loaded_catalogue.certifications)


def test_htmx_gets_the_results_fragment_with_the_count_out_of_band(client, loaded_catalogue):
    response = client.get("/certifications/", {"status": "retired"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<header" not in html and 'id="catalogue-results"' in html
    assert 'hx-swap-oob="true"' in html
    assert shown_slugs(html) == ["azure-old"]  # the fixture's one retired exam
    assert "HX-Request" in response["Vary"]


def test_nothing_matching_says_so(client, loaded_catalogue):
    # The fixture's one specialty exam, gpu-dl, tests coding.
    html = client.get("/certifications/", {"coding": "no", "level": "specialty"}).content.decode()
    assert "No certification matches these filters." in html


def test_a_bad_filter_from_htmx_is_a_422_fragment(client, loaded_catalogue):
    # Not 400: django-htmx's debug script replaces the whole page on a 400.
    response = client.get("/certifications/", {"level": "expert"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert 'id="catalogue-results"' in response.content.decode()
