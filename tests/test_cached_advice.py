"""Advice pages are kept whole in Django's per-view cache (web/pages.py): a hit is the page
that was rendered, byte for byte and header for header, through the whole middleware stack;
it still counts against the read budget; a catalogue edit or a new release starts new
entries; browsers revalidate and get 304 for what they have."""

from __future__ import annotations

import gzip
import re

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from advisor.forms import AnswersForm, answers_query
from certifications.services import catalogue_import
from tests.fixture_catalogue import behaviour_catalogue

HX = {"HTTP_HX_REQUEST": "true"}
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}
# Set per response whatever the path: not part of what a hit must reproduce (Age: the
# seconds since the page was stored, which Django's cache adds to a hit).
PER_RESPONSE = {"X-Request-ID", "Age"}


@pytest.fixture
def advice_db(db):
    catalogue_import(catalogue=behaviour_catalogue())
    cache.clear()


def short_url(query: str) -> str:
    """The results link in the short form the site links to (no answer at its default)."""
    form = AnswersForm.from_query(QueryDict(query))
    assert form.is_valid(), form.errors
    return reverse("advisor:results") + "?" + answers_query(form.answers, form.weights())


URL = short_url("environment=azure&skills.python=3&skills.genai_apps=2")


def visible(response) -> tuple:
    """Status, headers and body as the visitor reads them. Django's gzip adds up to 100
    random bytes to each compressed response (its defence against BREACH), so a gzip body is
    compared uncompressed and its length is not compared."""
    headers = {k: v for k, v in response.headers.items() if k not in PER_RESPONSE}
    content = response.content
    if headers.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
        del headers["Content-Length"]
    return response.status_code, headers, content


@pytest.fixture
def engine_runs(monkeypatch):
    """How many times the engine ran: once per rendered advice page, never for a hit."""
    from advisor import views

    calls: list[int] = []
    real = views.recommendation_for
    monkeypatch.setattr(
        views, "recommendation_for", lambda *a, **k: (calls.append(1), real(*a, **k))[1]
    )
    return calls


@pytest.mark.parametrize("url", ["/?environment=azure", URL], ids=["questionnaire", "results"])
@pytest.mark.parametrize("headers", [{}, HX, GZIP], ids=["page", "htmx", "gzip"])
def test_a_hit_is_the_rendered_page_without_rendering_it_again(
    advice_db, engine_runs, url, headers
):
    client = Client()
    rendered = client.get(url, **headers)
    assert rendered.status_code == 200 and engine_runs == [1]
    stored = client.get(url, **headers)
    assert engine_runs == [1]  # from the cache
    assert visible(stored) == visible(rendered)
    assert {"HX-Request", "Accept-Encoding"} <= {v.strip() for v in stored["Vary"].split(",")}
    assert stored["Content-Security-Policy"] and stored["X-Frame-Options"] == "DENY"
    assert "max-age=0" in stored["Cache-Control"]  # browsers revalidate


def test_a_browser_that_has_the_page_gets_304(advice_db):
    client = Client()
    page = client.get(URL)
    again = client.get(URL, HTTP_IF_NONE_MATCH=page["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_a_compressed_page_has_a_weak_etag_that_revalidates(advice_db):
    """The ETag is stored with the page; the compressed copy's is weak (the same page in
    another encoding) and still answers 304."""
    client = Client()
    plain = client.get(URL)
    packed = client.get(URL, HTTP_ACCEPT_ENCODING="gzip")
    hit = client.get(URL, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert packed["ETag"] == hit["ETag"] == "W/" + plain["ETag"]
    again = client.get(URL, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304


def test_a_hit_counts_against_the_read_budget(advice_db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "results": "3/m"}
    client = Client()
    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 200]  # 1 miss, 2 hits
    refused = client.get(URL)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1


def test_a_long_link_is_still_redirected_to_its_short_form(advice_db):
    Client().get(URL)  # the short form is cached now
    long_url = URL + "&skills.sql=1&unknown=1"  # sql at its default, and a junk key
    response = Client().get(long_url)
    assert response.status_code == 302
    assert response["Location"] == URL


def test_the_live_rankings_request_is_answered_as_sent_and_never_stored(
    advice_db, engine_runs, monkeypatch
):
    """The questionnaire sends every field: a new combination each time, rendered as it
    came (no redirect for the panel to follow) and kept out of the shared cache."""
    stored: list[str] = []
    monkeypatch.setattr(cache, "set", lambda key, *args, **kwargs: stored.append(key))
    long_url = URL + "&skills.sql=1&unknown=1"
    for runs in (1, 2):
        response = Client().get(long_url, **HX)
        assert response.status_code == 200 and len(engine_runs) == runs
    assert [key for key in stored if "cache_page" in key or "cache_header" in key] == []


def test_a_catalogue_edit_is_on_the_next_page_not_an_hour_later(advice_db):
    client = Client()
    before = client.get(URL).content.decode()
    catalogue = behaviour_catalogue()
    first = catalogue.certifications[0]
    renamed = first.model_copy(update={"name": "A Renamed Certification"})
    catalogue_import(
        catalogue=catalogue.model_copy(
            update={"certifications": [renamed, *catalogue.certifications[1:]]}
        )
    )
    after = client.get(URL).content.decode()
    assert "A Renamed Certification" not in before
    assert "A Renamed Certification" in after


def test_a_foreign_host_is_refused_on_a_cached_page(advice_db):
    client = Client()
    client.get(URL)
    assert client.get(URL).status_code == 200  # the page is in the cache
    refused = client.get(URL, HTTP_HOST="evil.example")
    assert refused.status_code == 400
    # Refused by CommonMiddleware, so the 400 has the site's headers too.
    assert refused["Content-Security-Policy"] and refused["X-Frame-Options"] == "DENY"


def test_a_head_request_is_a_hit_with_the_pages_headers(advice_db, engine_runs):
    client = Client()
    page = client.get(URL)
    head = client.head(URL)
    assert engine_runs == [1]  # the HEAD was answered from the cache
    assert head.status_code == 200 and head.content == b""
    # The ETag is stored with the page, so a HEAD says what a GET says, ETag included (as
    # HTTP asks; ConditionalGetMiddleware alone tags GET responses only).
    assert "ETag" in page
    assert visible(head)[1] == visible(page)[1]


def test_a_saved_plans_permanent_link_carries_no_visitors_host_or_query(advice_db, settings):
    """The link box was built from the request and cached: a forged Host or query string was
    then shown to every later visitor."""
    from django.test import Client

    settings.DEBUG = False
    settings.SITE_URL = "https://certpath.example"
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    client = Client()
    shared = client.post(
        "/share/", {"environment": "gcp"}, HTTP_HOST="localhost", HTTP_ORIGIN="http://localhost"
    )
    path = shared["Location"].split("#")[0]

    stray = client.get(path + "?utm=evil&x=1", HTTP_HOST="localhost")
    assert stray.status_code == 301 and stray["Location"] == path  # the query never renders
    first = client.get(path, HTTP_HOST="localhost").content.decode()
    later = client.get(path).content.decode()
    link = f'value="https://certpath.example{path}"'
    assert link in first and link in later
    assert "localhost" not in later.split('id="share-link"')[1].split(">")[0]


def test_htmx_on_a_saved_plan_never_caches_a_fragment_into_the_page(advice_db):
    from django.test import Client

    client = Client()
    owner = client.post("/share/", {"environment": "gcp"})["Location"]
    path = "/".join(owner.split("/")[:3]) + "/"  # the public link, /r/CODE/
    fragment = client.get(path, HTTP_HX_REQUEST="true")
    page = client.get(path)
    assert "HX-Request" in page["Vary"]
    assert b"<html" in page.content and b'id="ranking-status"' not in page.content
    assert fragment.status_code == 200


def test_the_live_ranking_makes_the_questionnaires_address_the_answers(advice_db):
    """Back, reload and a copied address show what the panel shows (issue 26)."""
    client = Client()
    long_url = URL + "&skills.sql=1&unknown=1"  # as the form sends it: every field
    for url in (long_url, URL):  # rendered as sent, and the cached canonical page
        response = client.get(url, **HX)
        assert response["HX-Replace-Url"] == "/?" + URL.split("?", 1)[1]
    page = client.get(response["HX-Replace-Url"])
    assert page.status_code == 200  # the questionnaire at that address, not a redirect
    first = re.compile(rb'data-slug="([^"]+)" data-rank="1"')
    assert first.search(page.content).group(1) == first.search(response.content).group(1)
