"""The public catalogue pages: the list and each certification's facts and sources. On the
behaviour catalogue (tests/fixture_catalogue.py), on its day."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from django.conf import settings
from django.urls import reverse

from tests.fixture_catalogue import CHECKED_ON

pytestmark = pytest.mark.django_db


def assert_valid_html(content: bytes) -> None:
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(content)  # raises on any parse error
    assert content.startswith(b"<!doctype html>")


def test_home_lists_bookable_certifications_and_retired_ones_with_successors(
    client, loaded_catalogue
):
    response = client.get(reverse("certifications:list"))

    assert response.status_code == 200
    assert_valid_html(response.content)
    page = response.content.decode()
    bookable, retired = page.split('id="retired-heading"')
    for cert in loaded_catalogue.certifications:
        url = reverse("certifications:detail", args=[cert.slug])
        assert url in page
        heading = f'id="cert-{cert.slug}"'
        assert (heading in retired) == (cert.status == "retired"), cert.slug
        assert (heading in bookable) == (cert.status != "retired"), cert.slug
    # The fixture's azure-old closed on 30 June 2026; azure-ai succeeds it.
    assert "Retired 30 Jun 2026" in retired
    assert reverse("certifications:detail", args=["azure-ai"]) in retired


def test_detail_page_shows_facts_sources_and_marks(client, loaded_catalogue):
    # The fixture's azure-old: retired on 30 June 2026 for azure-ai, the default US$150,
    # 120 minutes that its sources dispute, its source checked on CHECKED_ON.
    response = client.get(reverse("certifications:detail", args=["azure-old"]))

    assert response.status_code == 200
    assert_valid_html(response.content)
    page = response.content.decode()
    assert "This exam can no longer be taken." in page
    assert "30 June 2026" in page
    assert reverse("certifications:detail", args=["azure-ai"]) in page
    assert "US$150" in page
    assert "120 minutes" in page
    assert 'class="mark mark-disputed" href="#note-duration_minutes"' in page
    assert 'id="note-duration_minutes"' in page
    assert "the study guide 120" in page  # the note itself
    assert f"checked {CHECKED_ON.day} {CHECKED_ON:%b %Y}" in page

    # aws-ml publishes its domains: Data preparation 28 %, Model development 72 %.
    domains = client.get(reverse("certifications:detail", args=["aws-ml"])).content.decode()
    table = domains.split("Exam domains and their weights")[1].split("</table>")[0]
    assert "Data preparation" in table and "28%" in table
    assert "Model development" in table and "72%" in table


def test_active_certification_has_no_retirement_notice(client, loaded_catalogue):
    # The fixture's azure-mlops: US$165, two years in industry and two on Azure.
    response = client.get(reverse("certifications:detail", args=["azure-mlops"]))

    page = response.content.decode()
    assert "can no longer be taken" not in page
    assert "US$165" in page
    assert "2 years in industry, 2 years on Microsoft Azure" in page


def test_every_detail_page_renders_as_valid_html(client, loaded_catalogue):
    for cert in loaded_catalogue.certifications:
        response = client.get(reverse("certifications:detail", args=[cert.slug]))
        assert response.status_code == 200, cert.slug
        assert_valid_html(response.content)


def test_unknown_certification_is_404(client, loaded_catalogue):
    assert client.get("/certifications/not-a-cert/").status_code == 404


def test_pages_use_a_constant_number_of_queries(
    client, loaded_catalogue, django_assert_max_num_queries, django_assert_num_queries
):
    from certifications import selectors

    # Cold (a process that has just started, or an edit): the catalogue's stamp, then the
    # certifications and their five kinds of related rows, however many there are.
    for url in (
        reverse("certifications:list"),
        reverse("certifications:detail", args=["azure-old"]),
    ):
        selectors._CURRENT.clear()
        with django_assert_max_num_queries(7):
            client.get(url)
    # Warm: the pages read the same validated snapshot as the advisor: only the stamp is read
    # (the suite rechecks it on every request; servers at most once a second).
    with django_assert_num_queries(2):
        client.get(reverse("certifications:list"))
        client.get(reverse("certifications:detail", args=["azure-old"]))


def test_a_credential_of_unestablished_standing_says_so_on_its_page(client, loaded_catalogue):
    # The fixture's unknown-body is unverified; ai-governance is an established neutral body.
    unverified = client.get("/certifications/unknown-body/").content.decode()
    established = client.get("/certifications/ai-governance/").content.decode()
    assert "Not established: no source read shows how widely employers recognise it" in unverified
    assert "Yes: an established professional body." in established


def test_busy_pages_are_rendered_once_per_catalogue_change(client, loaded_catalogue, renders):
    # /certifications/ rendered for every request (about 55 per second at most), and junk
    # parameters must not make copies: the key holds only validated filters.
    for url in (
        "/certifications/?level=associate&platform=aws",
        "/certifications/aws-ml/",
    ):
        assert client.get(url).status_code == 200
        assert renders
        renders.clear()
    # Any other spelling is redirected to the canonical address, which is in the cache.
    for url, canonical in (
        (
            "/certifications/?platform=aws&level=associate&utm_source=x",
            "?level=associate&platform=aws",
        ),
        ("/certifications/?level=associate&platform=aws&junk=1", "?level=associate&platform=aws"),
        ("/certifications/aws-ml/?ref=feed", "/certifications/aws-ml/"),
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0].endswith(canonical)
        assert renders == [], url
    # An htmx request is its own page (the fragment), not the full page's copy.
    fragment = client.get("/certifications/?level=associate&platform=aws", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()


def test_the_footer_says_what_each_mark_means(client, loaded_catalogue):
    """The marks' notes are tooltips on result cards: the footer explains each in words a
    touch or keyboard user can read."""
    page = client.get(reverse("certifications:list")).content.decode()
    footer = page.split('<footer class="site-footer">')[1]
    for mark, meaning in (
        ("third-party", "non-vendor source"),
        ("disputed", "sources disagree"),
        ("unverified", "treat it as unknown"),
    ):
        assert f">{mark}</span> " in footer and meaning in footer, mark


def test_money_reads_with_thousands_separators_everywhere():
    """A reviewer met "US$1049" beside "$1,049": every page writes amounts one way."""
    from certifications.templatetags.catalogue import usd

    assert usd(1049) == "US$1,049"
    assert usd(150) == "US$150"
    templates = Path(settings.BASE_DIR, "templates")
    raw = [p.name for p in templates.rglob("*.html") if "US${{" in p.read_text(encoding="utf-8")]
    assert raw == []  # no amount printed without the filter
