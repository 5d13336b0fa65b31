"""The results page reads like a plan: compact cards for the first targets, a line each for
the rest, every certification's full reasons one link away (a page without JavaScript, a
fragment with htmx), and short links. On the behaviour catalogue, with the clock pinned."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

import html5lib
import pytest
import time_machine
from django.http import QueryDict
from django.urls import reverse

from advisor.forms import AnswersForm
from advisor.models import SharedResult
from advisor.presenters import CARDS
from advisor.selectors import recommendation_for
from certifications.services import catalogue_import
from tests.fixture_catalogue import BEHAVIOUR_TODAY, behaviour_catalogue

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
AWS = "skills.python=3&experience.platform_years.aws=2&environment=aws"  # canonical order


@pytest.fixture(autouse=True)
def _pinned_clock():
    # Ticking: the catalogue snapshot is keyed by the rows' last change, which must move.
    with time_machine.travel(dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC)):
        assert dt.date.today() == BEHAVIOUR_TODAY
        yield


def load(extra: int = 0, **changes) -> None:
    """The behaviour catalogue (with `changes` to its AWS ML exam), plus `extra` copies of
    that exam."""
    data = behaviour_catalogue().model_dump()
    for cert in data["certifications"]:
        if cert["slug"] == "aws-ml":
            cert.update(changes)
    template = next(c for c in data["certifications"] if c["slug"] == "aws-ml")
    data["certifications"] += [
        {**template, "slug": f"copy-{i}", "name": f"Copy {i}", "successors": [], "next_steps": []}
        for i in range(extra)
    ]
    catalogue_import(catalogue=type(behaviour_catalogue()).model_validate(data))


def elements(html: bytes) -> int:
    document = html5lib.parse(html, namespaceHTMLElements=False)
    return sum(1 for _ in document.iter())


def test_the_first_targets_are_cards_and_the_rest_one_line_each(client):
    load(extra=CARDS)
    page = client.get(f"/results/?{AWS}").content.decode()

    ranking = page.split('id="ranking-heading"')[1]
    cards = ranking.count('<article class="rec ')
    lines = ranking.split('class="ranking-lines"')[1].split("</ol>")[0].count("<li ")
    assert cards == CARDS
    assert lines > 0
    assert "<table" not in page  # no factor table on the page: one link away
    assert 'class="rec-why"' in ranking


def test_the_page_grows_by_a_short_line_per_certification(client):
    load(extra=CARDS)
    small = elements(client.get(f"/results/?{AWS}").content)
    load(extra=CARDS + 40)
    large = elements(client.get(f"/results/?{AWS}&weekly_study_hours=7").content)

    per_certification = (large - small) / 40
    assert per_certification <= 12, per_certification


def test_a_cards_one_line_why_is_its_strongest_reason(client):
    load()
    form = AnswersForm.from_query(QueryDict(AWS))
    assert form.is_valid()
    result = recommendation_for(form.answers, weights={}, today=BEHAVIOUR_TODAY)
    top = result["recommendations"][0]
    strongest = max(top["factors"], key=lambda f: f["points"])

    card = client.get(f"/results/?{AWS}").content.decode().split('id="ranking-heading"')[1]
    first = card.split("</article>")[0]
    why = first.split('<p class="rec-why">')[1].split("</p>")[0]
    assert why == strongest["reason"].replace("'", "&#x27;")


def test_the_full_reasons_are_a_page_of_their_own_without_javascript(client):
    load()
    page = client.get(f"/results/?{AWS}").content.decode()
    link = page.split('<a class="more" href="')[1].split('"')[0].replace("&amp;", "&")
    slug = link.split("/results/why/")[1].split("/")[0]

    response = client.get(link)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and "<h1>" in html
    assert '<table class="factors">' in html and "Points by factor" in html
    assert "Sources · facts checked" in html
    back = html.split('class="back-link"><a href="')[1].split('"')[0].replace("&amp;", "&")
    assert back.startswith("/results/?") and back.endswith(f"#rec-{slug}")
    assert client.get(back.split("#")[0]).status_code == 200  # the way back works


def test_with_htmx_the_full_reasons_are_a_fragment_that_takes_focus(client):
    load()
    url = reverse("advisor:why", args=["aws-ml"]) + f"?{AWS}"

    fragment = client.get(url, **HX)

    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "<html" not in html and "<header" not in html
    assert html.lstrip().startswith('<details class="rec-detail" open>')
    assert "<summary autofocus>" in html
    assert "<h2" not in html  # inside a card's h3: its headings are h4
    assert "HX-Request" in fragment["Vary"]


def test_the_why_page_refuses_unknown_certifications_and_bad_answers(client):
    load()
    assert client.get(reverse("advisor:why", args=["no-such-exam"]) + f"?{AWS}").status_code == 404
    bad = client.get(reverse("advisor:why", args=["aws-ml"]) + "?skills.python=9")
    assert bad.status_code == 400
    assert "Python" in bad.content.decode()


def test_a_saved_plan_explains_from_what_was_saved(client):
    load()
    client.post(reverse("advisor:share"), dict(pair.split("=") for pair in AWS.split("&")))
    saved = SharedResult.objects.get()
    before = client.get(reverse("advisor:shared", args=[saved.code])).content.decode()
    link = before.split('<a class="more" href="')[1].split('"')[0]
    assert link.startswith(f"/r/{saved.code}/why/")

    load(extra=3)  # the catalogue moves on; the saved plan's reasons do not
    html = client.get(link).content.decode()

    first = saved.result["recommendations"][0]
    assert first["factors"][0]["reason"].replace("'", "&#x27;") in html
    assert f'href="/r/{saved.code}/#rec-{first["slug"]}"' in html
    assert client.get(f"/r/{saved.code}/why/no-such-exam/").status_code == 404


def test_a_long_link_is_redirected_to_its_short_form(client):
    load()
    long = urlencode(
        [
            ("environment", "aws"),
            ("skills.python", "3"),
            ("weekly_study_hours", "6"),  # the default
            ("weights.platform", "18"),  # certpath's own weight
            ("goals.exam_format", "any"),  # the default
            ("utm_source", "mail"),  # not an answer
        ]
    )

    response = client.get(f"/results/?{long}")

    assert response.status_code == 302
    assert response["Location"] == "/results/?skills.python=3&environment=aws"
    assert client.get(response["Location"]).status_code == 200


def test_htmx_and_invalid_answers_are_never_redirected(client):
    load()
    long = "environment=aws&weekly_study_hours=6"
    assert client.get(f"/results/?{long}", **HX).status_code == 200
    bad = client.get(f"/results/?{long}&skills.python=9")
    assert bad.status_code == 400  # the questionnaire with its errors, at this URL
    assert "Some answers need fixing" in bad.content.decode()


def test_all_defaults_is_the_bare_results_path(client):
    load()
    response = client.get("/results/?weekly_study_hours=6&environment=none")
    assert response.status_code == 302
    assert response["Location"] == "/results/"


def test_a_marked_fact_on_a_card_links_to_its_note(client):
    note = {"field": "price_usd", "basis": "official", "confidence": "unverified"}
    load(fact_notes=[{**note, "note": "Not found in any source read."}])
    page = client.get(f"/results/?{AWS}").content.decode()

    card = page.split('data-slug="aws-ml"')[1].split("</article>")[0]
    assert (
        '<a class="mark mark-unverified" href="/certifications/aws-ml/#note-price_usd" '
        'title="Not found in any source read.">unverified</a>'
    ) in card
    detail = client.get("/certifications/aws-ml/").content.decode()
    assert 'id="note-price_usd"' in detail  # where the link lands


def test_every_factor_the_engine_can_give_has_a_label_on_the_page():
    """A penalty shown in "Why" under its raw key ("prerequisite", "reach") reads as a bug."""
    import inspect

    from advisor.presenters import FACTOR_LABELS
    from certpath.engine import placement
    from certpath.engine.scoring import FACTORS

    keys = set(FACTORS) | {"status", "track"}
    keys |= set(re.findall(r"Penalty\(\s*\"(\w+)\"", inspect.getsource(placement)))
    assert keys - set(FACTOR_LABELS) == set()
