"""A cached advice page is answered by CachedAdviceMiddleware before the rest of the stack,
and that shortcut changes nothing a visitor or an operator can see: the same bytes and
headers, the same read budget, the same refusal of a foreign Host."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from advisor.forms import AnswersForm, answers_query
from certifications.services import catalogue_import
from tests.fixture_catalogue import behaviour_catalogue

HX = {"HTTP_HX_REQUEST": "true"}
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}
# Set per response whatever the path: not part of what the shortcut must reproduce.
PER_RESPONSE = {"X-Request-ID"}


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


@pytest.fixture
def session_layer():
    """A spy on the session middleware: whether a request went down the whole stack."""
    original = SessionMiddleware.process_request
    with mock.patch.object(
        SessionMiddleware, "process_request", autospec=True, side_effect=original
    ) as spy:
        yield spy


def visible(response) -> tuple:
    headers = {k: v for k, v in response.headers.items() if k not in PER_RESPONSE}
    return response.status_code, headers, response.content


@pytest.mark.parametrize("url", ["/", URL], ids=["questionnaire", "results"])
@pytest.mark.parametrize("headers", [{}, HX, GZIP], ids=["page", "htmx", "gzip"])
def test_a_hit_skips_the_stack_and_looks_exactly_like_the_rendered_page(
    advice_db, session_layer, url, headers
):
    # One client, so one middleware instance: an instance learns the header middlewares'
    # headers from the first full page it passes back, and takes no shortcut before that.
    client = Client()
    rendered = client.get(url, **headers)
    assert session_layer.call_count == 1  # a miss goes through the whole stack
    stored = client.get(url, **headers)
    assert session_layer.call_count == 1  # the hit never reached it
    assert rendered.status_code == 200
    assert visible(stored) == visible(rendered)
    assert {"HX-Request", "Accept-Encoding"} <= {v.strip() for v in stored["Vary"].split(",")}
    assert stored["Content-Security-Policy"] and stored["X-Frame-Options"] == "DENY"


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


def test_a_foreign_host_is_refused_on_a_cached_page(advice_db):
    client = Client()
    client.get(URL)
    assert client.get(URL).status_code == 200  # the page is in the cache, the headers known
    refused = client.get(URL, HTTP_HOST="evil.example")
    assert refused.status_code == 400
    # Refused further down, by CommonMiddleware, so the 400 has the site's headers too.
    assert refused["Content-Security-Policy"] and refused["X-Frame-Options"] == "DENY"


def test_a_new_instance_takes_the_whole_stack_until_it_knows_the_site_headers(
    advice_db, session_layer
):
    Client().get(URL)  # another instance put the page in the cache
    session_layer.reset_mock()
    client = Client()
    redirected = client.get(URL + "&skills.sql=1")  # a 302 teaches nothing
    assert redirected.status_code == 302
    first = client.get(URL)
    assert session_layer.call_count == 2  # both went down the stack
    second = client.get(URL)
    assert session_layer.call_count == 2  # the first 200 taught the headers: a hit
    assert visible(first) == visible(second)


def test_a_head_request_is_a_hit_with_the_pages_headers(advice_db, session_layer):
    client = Client()
    page = client.get(URL)
    head = client.head(URL)
    assert session_layer.call_count == 1  # the HEAD was answered from the cache
    assert head.status_code == 200 and head.content == b""
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
    path = client.post("/share/", {"environment": "gcp"})["Location"].split("#")[0]
    fragment = client.get(path, HTTP_HX_REQUEST="true")
    page = client.get(path)
    assert "HX-Request" in page["Vary"]
    assert b"<html" in page.content and b'id="ranking-status"' not in page.content
    assert fragment.status_code == 200
