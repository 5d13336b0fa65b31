"""schema.org JSON-LD on certification pages and in the API, and the Atom feed of changes.
The pages run on the behaviour catalogue (tests/fixture_catalogue.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.test import Client

from certifications.models import Certification
from certpath.structured_data import credential, iso_duration
from tests.admin_forms import admin_edit
from tests.fixture_catalogue import cert

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    ("years", "duration"), [(3, "P3Y"), (1, "P1Y"), (1.5, "P18M"), (2.5, "P30M")]
)
def test_validity_as_an_iso_8601_duration(years, duration):
    assert iso_duration(years) == duration


def test_unknown_facts_are_left_out_never_filled_in():
    unknown = cert("unknown-facts", price_usd=None, validity_years=None, exam_code=None)
    data = credential(unknown, "https://certpath.example/certifications/unknown-facts/")
    assert "offers" not in data and "validFor" not in data and "identifier" not in data
    known = credential(cert("known", price_usd=150, exam_code="EX-1"), "https://x.example/")
    assert known["offers"]["price"] == 150 and known["offers"]["priceCurrency"] == "USD"
    assert known["validFor"] == "P3Y" and known["identifier"] == "EX-1"


def embedded(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


@pytest.mark.django_db
def test_the_page_embeds_what_the_api_returns(client, loaded_catalogue):
    page = client.get("/certifications/aws-ml/")
    data = embedded(page.content.decode())

    # The fixture's aws-ml: "Aws Ml" by "Example", an associate exam.
    assert data["@type"] == "EducationalOccupationalCredential"
    assert data["name"] == "Aws Ml"
    assert data["provider"] == {"@type": "Organization", "name": "Example"}
    assert data["educationalLevel"] == "Associate"
    assert data["url"] == "http://testserver/certifications/aws-ml/"
    assert data == client.get("/api/v1/certifications/aws-ml/credential").json()
    assert client.get("/api/v1/certifications/no-such-exam/credential").status_code == 404


@pytest.mark.django_db
def test_a_retired_exam_is_offered_as_discontinued(client, loaded_catalogue):
    data = client.get("/api/v1/certifications/azure-old/credential").json()  # retired
    assert data["offers"]["availability"] == "https://schema.org/Discontinued"


@pytest.mark.django_db
def test_the_json_ld_cannot_close_its_script_element(client, loaded_catalogue):
    Certification.objects.filter(slug="aws-ml").update(summary="Ends here </script><b>x</b>")
    from certifications import selectors

    selectors._CURRENT.clear()
    html = client.get("/certifications/aws-ml/").content.decode()
    assert "</script><b>" not in html
    assert embedded(html)["description"] == "Ends here </script><b>x</b>"


@pytest.mark.django_db
def test_the_feed_says_what_changed_from_what_to_what_and_names_no_editor(staff_client):
    # The fixture's aws-ml costs US$150; azure-ai is active with no status date.
    admin_edit(staff_client, "aws-ml", price_usd=175)
    admin_edit(staff_client, "azure-ai", status="retiring", status_date="2027-03-31")

    response = Client().get("/certifications/changes.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles[0].startswith("Azure Ai: Changed")
    assert "Status (active → retiring)" in titles[0]
    assert "(not published → 2027-03-31)" in titles[0]
    assert "Price (USD) (150 → 175)" in titles[1]
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]
    # The two edits are the newest; the catalogue's own dated history follows (the fixture's
    # retired Azure exam closed on its last day).
    assert links[:2] == [
        "http://testserver/certifications/azure-ai/",
        "http://testserver/certifications/aws-ml/",
    ]
    assert "http://testserver/certifications/azure-old/" in links[2:]
    ids = [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids)
    assert b"editor@example.com" not in response.content
    assert b"<author>" not in response.content and b"<name>editor</name>" not in response.content


@pytest.mark.django_db
def test_the_catalogue_page_links_the_feed(client, loaded_catalogue):
    html = client.get("/certifications/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert 'href="/certifications/changes.atom"' in html


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False)
def test_a_fresh_catalogue_feed_tells_its_dated_history_dated_by_the_events(loaded_catalogue):
    """Catalogue v3: no admin edit yet, and the feed already has the file's dated history
    (launches, retirements with their successors, new versions), each entry dated when it
    happened, and the feed's `updated` is its newest entry's date, not the request's time."""
    feed = ET.fromstring(Client().get("/certifications/changes.atom").content)
    entries = list(feed.iter(f"{ATOM}entry"))
    assert entries
    dates = [e.findtext(f"{ATOM}updated") for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == dates[0]
    assert not dates[0].startswith("2026-12-07")  # nothing happened today in the fixture
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert any("retired (last exam day)" in t for t in titles)
