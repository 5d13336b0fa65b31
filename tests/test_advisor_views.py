"""The advisor's pages through the Django test client: full pages, htmx fragments, errors,
permalinks and exports. On the behaviour catalogue (tests/fixture_catalogue.py), on its day."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import urlencode

import html5lib
import pytest
from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from icalendar import Calendar

from advisor import presenters
from advisor.forms import AnswersForm, answers_query
from advisor.models import SharedResult
from certifications.models import Certification
from certpath.engine import Answers, recommend
from tests.conftest import add_synthetic_certifications, run_command
from tests.contract import RESULT_VALIDATOR, example, flatten
from tests.fixture_catalogue import BEHAVIOUR_TODAY

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def results_url(name: str, **changes) -> str:
    """The results link for a contract example (with `changes` to its answers), in the short
    form the site links to: a long one is redirected there."""
    answers = Answers.model_validate({**example(name), **changes})
    return reverse("advisor:results") + "?" + answers_query(answers)


def ranked_slugs(content: bytes) -> list[str]:
    page = content.decode()
    slugs = []
    for chunk in page.split('data-slug="')[1:]:
        slugs.append(chunk.split('"', 1)[0])
    return slugs


def listed_slugs(content: bytes) -> list[str]:
    """Certifications shown as one line (held, or no longer offered), not as ranked cards."""
    return [chunk.split('"', 1)[0] for chunk in content.decode().split('data-listed="')[1:]]


def valid_html(content: bytes) -> None:
    html5lib.HTMLParser(strict=True).parse(content)


def test_questionnaire_shows_every_question_and_a_live_ranking(client, loaded_catalogue):
    response = client.get(reverse("advisor:questionnaire"))

    assert response.status_code == 200
    valid_html(response.content)
    page = response.content.decode()
    for name in (
        "skills.python",
        "experience.platform_years.gcp",
        "environment",
        "goals.role",
        "goals.domains",
        "goals.exam_format",
        "weekly_study_hours",
        "weights.platform",
    ):
        assert f'name="{name}"' in page, name
    # Short levels in the selects; what each means is the scale every skill select points to.
    assert '<option value="3">3 — proficient</option>' in page
    assert 'id="skill-scale">Levels: 0 none · 1 beginner (followed tutorials)' in page
    assert 'aria-describedby="id_skills.python_helptext skill-scale"' in page
    assert 'hx-get="/results/"' in page and 'action="/results/"' in page
    # Nothing answered yet: no score for answers nobody gave, a word on what will show.
    assert ranked_slugs(response.content) == []
    assert "Your ranking appears here as you answer" in page
    assert "/100" not in page
    answered = client.get(reverse("advisor:questionnaire") + "?environment=gcp")
    retired = {c.slug for c in loaded_catalogue.certifications if c.status == "retired"}
    assert retired == {"azure-old"}  # the fixture's one retired exam
    assert set(listed_slugs(answered.content)) == retired
    assert not retired & set(ranked_slugs(answered.content))
    assert len(ranked_slugs(answered.content)) == len(loaded_catalogue.certifications) - len(
        retired
    )


def card(page: str, slug: str) -> str:
    return page.split(f'data-slug="{slug}"')[1].split("</article>")[0]


# The GCP engineer's skills (Python 4, pandas 4, scikit-learn 3, MLOps 3) are above all that
# the fixture's aws-ml asks (2, 2, 2, 1); with two years on AWS it is their exam.
ON_AWS = {
    "environment": "aws",
    "experience": {
        "industry_years": 5,
        "platform_years": {"aws": 2, "azure": 0, "gcp": 0, "databricks": 0},
    },
}


def test_results_page_for_an_engineer_ready_for_their_platforms_exam(client, loaded_catalogue):
    response = client.get(results_url("gcp-ml-engineer", **ON_AWS))

    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    valid_html(response.content)
    page = response.content.decode()
    assert '<article class="rec rec-active" data-slug="aws-ml" data-rank="1"' in page
    assert "You meet every skill level it asks for." in card(page, "aws-ml")
    assert "Your pathway" in page and "Renew Aws Ml" in page  # 3 years' validity
    assert 'href="/certifications/aws-ml/"' in page


def test_the_summary_weeks_are_the_steps_weeks_up_to_the_exam(client, loaded_catalogue):
    """A reviewer met "about 3 weeks to the exam" above a step of "about 2.5 weeks": the
    summary is the steps' weeks summed, one decimal, as the steps show them."""
    page = client.get(results_url("gcp-ml-engineer", **ON_AWS), follow=True).content.decode()
    summary = re.search(r"plan on about <strong>([0-9.]+) weeks?</strong>", page)
    assert summary is not None
    steps = page.split('<ol class="timeline">')[1].split("</ol>")[0].split("<li")[1:]
    weeks = 0.0
    for step in steps:
        found = re.search(r"about ([0-9.]+) weeks?", step)
        weeks += float(found.group(1)) if found else 0
        if "Certification" in step.split('class="step-kind">')[1][:40]:
            break
    assert weeks > 0
    assert float(summary.group(1)) == pytest.approx(weeks, abs=0.15)


def test_htmx_request_gets_only_the_results_fragment(client, loaded_catalogue):
    # A Spark data engineer on Databricks: the fixture's one Databricks exam, spark-ml, asks
    # for Spark, on their platform, for their role.
    response = client.get(results_url("databricks-data-engineer"), **HX)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page and "<header" not in page
    assert ranked_slugs(response.content)[0] == "spark-ml"
    assert 'id="ranking-status" hx-swap-oob="innerHTML"' in page
    assert "First: Spark Ml" in page


def test_a_retired_exam_is_one_line_that_links_to_its_successor(client, loaded_catalogue):
    # The fixture's azure-old closed on 30 June 2026; its successor is azure-ai, the Azure
    # generative-AI exam the Azure app developer is best matched to.
    page = client.get(results_url("azure-app-developer")).content.decode()

    assert 'data-slug="azure-old"' not in page  # no card, no table of points
    line = page.split('data-listed="azure-old"')[1].split("</li>")[0]
    assert "closed on 30 June 2026 → take" in line
    assert 'href="/certifications/azure-ai/">Azure Ai' in line
    assert ranked_slugs(page.encode())[0] == "azure-ai"


def test_a_held_certification_is_one_line_with_its_validity(client, loaded_catalogue):
    held = [{"slug": "aws-basics", "earned_on": "2026-03-01"}]
    page = client.get(results_url("azure-app-developer", held=held)).content.decode()

    assert 'data-slug="aws-basics"' not in page
    mine = page.split('id="held-heading">Certifications you hold</h2>')[1].split("</section>")[0]
    line = mine.split('data-listed="aws-basics"')[1].split("</li>")[0]
    # The fixture's 3 years from the month earned: the day is not known, so none is shown.
    assert "Aws Basics</a>: valid until March 2029 (from the month you earned it)" in line


def test_invalid_answers_keep_every_value_and_say_what_is_wrong(client, loaded_catalogue):
    query = dict(flatten(example("gcp-ml-engineer")))
    query["skills.python"] = "9"
    query["experience.industry_years"] = "lots"
    query["weekly_study_hours"] = "12"

    response = client.get(reverse("advisor:results") + "?" + urlencode(query))

    assert response.status_code == 400
    valid_html(response.content)
    page = response.content.decode()
    assert "Some answers need fixing" in page
    assert "“9” is not one of the choices here: pick one from the list." in page
    assert "Enter a number of years, e.g. 2 or 1.5." in page  # the questionnaire's words
    assert 'name="weekly_study_hours" value="12"' in page
    assert 'value="lots"' in page
    assert re.search(r'<input type="radio" name="environment" value="gcp"[^>]* checked>', page)
    assert re.search(r'<option value="4" selected>', page)  # numpy_pandas and python kept


def test_invalid_answers_in_an_htmx_request_get_a_422_fragment(client, loaded_catalogue):
    # Not 400: django-htmx's debug script replaces the whole document on a 400.
    response = client.get(reverse("advisor:results") + "?skills.python=-1", **HX)

    assert response.status_code == 422
    assert "Some answers need fixing" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_hostile_values_are_escaped(client, loaded_catalogue):
    response = client.get(
        reverse("advisor:results") + "?" + urlencode({"goals.role": "<script>alert(1)</script>"})
    )
    assert response.status_code == 400
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_weights_from_the_query_re_rank(client, loaded_catalogue):
    base = results_url("azure-app-developer")
    default = ranked_slugs(client.get(base).content)
    no_platform = client.get(base + "&weights.platform=0&weights.role=0")

    assert no_platform.status_code == 200
    assert ranked_slugs(no_platform.content) != default


def test_share_stores_the_result_and_the_link_shows_it_exactly(client, loaded_catalogue):
    response = client.post(reverse("advisor:share"), dict(flatten(example("gcp-ml-engineer"))))

    assert response.status_code == 303
    saved = SharedResult.objects.get()
    # At the owner's page, where the permanent link and the private owner link are.
    owner = re.fullmatch(rf"/r/{saved.code}/owner/([\w-]+)/#keep-heading", response["Location"])
    assert owner and saved.owned_by(owner[1])
    assert len(saved.code) >= 22  # 16 random bytes: 128 bits
    public = f"/r/{saved.code}/"
    page = client.get(public)
    assert page.status_code == 200
    valid_html(page.content)
    assert "The catalogue has not changed since." in page.content.decode()
    before = ranked_slugs(page.content)

    # A catalogue change does not alter the saved result, and the page says so.
    top = saved.result["recommendations"][0]["slug"]
    cert = Certification.objects.get(slug=top)  # as the admin or the loader would
    cert.status, cert.status_date = "retired", dt.date(2026, 11, 20)
    cert.save()
    after = client.get(public).content
    assert ranked_slugs(after) == before
    assert "The catalogue has changed since." in after.decode()
    assert "Recalculate with today" in after.decode()


def test_share_takes_posts_from_this_site_and_refuses_other_sites(loaded_catalogue):
    """No token (pages are the same for every visitor): the browser's word on where a post
    comes from decides. Refused posts save nothing; clients that name no site are counted by
    the share limit instead."""
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)  # Django's token check would refuse all of these
    data = dict(flatten(example("gcp-ml-engineer")))
    url = reverse("advisor:share")
    assert strict.get(url).status_code == 405
    refused = [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},  # a sibling subdomain is another site's page
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},  # a sandboxed frame or a data: page
        {"HTTP_ORIGIN": "http://testserver:8000"},  # another port is another origin
        # An older browser sending neither header but another site's page as its Referer.
        {"HTTP_REFERER": "https://evil.example/page.html"},
    ]
    for headers in refused:
        response = strict.post(url, data, **headers)
        assert response.status_code == 403, headers
        assert "Not allowed" in response.content.decode()
    assert not SharedResult.objects.exists()

    allowed = [
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "http://testserver"},  # a browser that sends Origin only
        {"HTTP_REFERER": "http://testserver/results/?skills.python=3"},  # our own page
        {},  # curl: no browser acting for someone else
    ]
    for headers in allowed:
        assert strict.post(url, data, **headers).status_code == 303, headers
    assert "csrftoken" not in strict.cookies


def test_a_trusted_origin_may_post_a_share(loaded_catalogue, settings):
    """Behind a proxy that rewrites the Host, the public origin is named in
    DJANGO_CSRF_TRUSTED_ORIGINS, as for Django's own origin check."""
    from django.test import Client

    settings.CSRF_TRUSTED_ORIGINS = ["https://certpath.example"]
    data = dict(flatten(example("gcp-ml-engineer")))
    response = Client().post(reverse("advisor:share"), data, HTTP_ORIGIN="https://certpath.example")
    assert response.status_code == 303


def test_saving_the_same_answers_again_is_another_plan_with_its_own_owner(client, loaded_catalogue):
    """Plans used to be matched (a second click on Save gave the first link). Now each plan
    has an owner who marks progress (issue 27), so two saves of one answer set, by two people
    or one, are two plans: one person's ticks must never show on another's plan. The web and
    the API save alike; the certifications' facts are still stored once."""
    from advisor.models import FactSheet

    data = dict(flatten(example("gcp-ml-engineer")))
    url = reverse("advisor:share")
    first, again = (client.post(url, data)["Location"] for _ in range(2))
    api = client.post(
        "/api/v1/shares", SharedResult.objects.first().answers, content_type="application/json"
    )
    assert api.status_code == 201
    codes = {first.split("/")[2], again.split("/")[2], api.json()["code"]}
    assert len(codes) == 3 == SharedResult.objects.count()
    assert FactSheet.objects.count() == 1


def test_sharing_invalid_answers_saves_nothing(client, loaded_catalogue):
    response = client.post(reverse("advisor:share"), {"skills.python": "7"})

    assert response.status_code == 400
    assert not SharedResult.objects.exists()


def test_unknown_share_code_is_a_friendly_404(client, loaded_catalogue):
    for suffix in ("", "plan.ics", "result.json"):
        response = client.get(f"/r/not-a-real-code/{suffix}")
        assert response.status_code == 404


def _saved(client) -> SharedResult:
    client.post(reverse("advisor:share"), dict(flatten(example("career-changer-beginner"))))
    return SharedResult.objects.get()


def test_a_saved_plan_is_read_from_the_database_once(
    client, loaded_catalogue, django_assert_num_queries
):
    # /r/CODE/ read and rendered the 49 KB result on every request (about 70 per second).
    code = _saved(client).code
    first = client.get(f"/r/{code}/")
    # The catalogue's stamp and the plan's progress counter (its owner's ticks must show at
    # once: issue 27), not the result: the page is kept.
    with django_assert_num_queries(2):
        again = client.get(f"/r/{code}/")
    assert again.content == first.content
    # Not kept: a code that does not exist (each miss is a 404 and a query).
    assert client.get("/r/abcdefgh/").status_code == 404
    assert client.get("/r/abcdefgh/").status_code == 404


def test_result_json_is_the_contract_document(client, loaded_catalogue):
    saved = _saved(client)

    response = client.get(reverse("advisor:shared_json", args=[saved.code]))

    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    RESULT_VALIDATOR.validate(document)
    # The saved result, its pathway dated from the day it was saved (issue 26), compact: the
    # certifications' facts (the catalogue's, in the API's saved plan) are left out.
    assert all("facts" not in rec for rec in document["recommendations"])
    without_facts = [
        {k: v for k, v in rec.items() if k != "facts"} for rec in saved.result["recommendations"]
    ]
    assert {**document, "pathway": []} == {
        **saved.result,
        "recommendations": without_facts,
        "pathway": [],
    }
    assert any("facts" in rec for rec in saved.result["recommendations"])
    days = saved.created_at.date().isoformat()
    steps = document["pathway"]
    assert [
        {k: v for k, v in s.items() if k not in ("starts_on", "ends_on", "due_on")} for s in steps
    ] == [{k: v for k, v in s.items() if k != "due_on"} for s in saved.result["pathway"]]
    planned = [s for s in steps if "starts_on" in s]
    assert planned[0]["starts_on"] == days
    assert all(a["ends_on"] == b["starts_on"] for a, b in itertools.pairwise(planned))
    renewal = next(s for s in steps if s["kind"] == "renewal")
    assert "due_on" in renewal
    assert b", " not in response.content[:200] and b'":' in response.content


def _ics(client, name: str, **changes: str) -> tuple[bytes, list]:
    """The calendar of the plan saved for a contract example (with `changes` to its fields)."""
    saved = client.post(reverse("advisor:share"), {**dict(flatten(example(name))), **changes})
    code = saved["Location"].split("/")[2]  # /r/CODE/#keep-heading
    response = client.get(reverse("advisor:shared_ics", args=[code]))
    assert response["Content-Type"].startswith("text/calendar")
    return response.content, list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_plan_ics_is_valid_icalendar_with_milestones_exam_and_renewal(client, loaded_catalogue):
    # A beginner's plan starts with Python; the GCP engineer's first exam (the fixture's aws-ml,
    # 3 years' validity) has a renewal.
    content, events = _ics(client, "career-changer-beginner")
    summaries = [str(e.get("summary")) for e in events]
    assert summaries[0].startswith("Python")
    assert any(s.startswith("Exam target:") for s in summaries)
    # Study sessions start at a time, exam days and renewals are days: in date order.
    days = [
        d.date() if isinstance(d, dt.datetime) else d
        for d in (e.decoded("dtstart") for e in events)
    ]
    assert days == sorted(days)
    assert b"\r\n" in content

    _, events = _ics(client, "gcp-ml-engineer")
    renewal = [e for e in events if str(e.get("summary")).startswith("Renewal due")]
    assert renewal
    reminders = sorted(a.decoded("trigger") for a in renewal[0].walk("VALARM"))
    assert reminders == [-dt.timedelta(days=90), -dt.timedelta(days=30)]


def test_study_is_weekly_sessions_of_the_visitors_hours_until_the_exam_day(
    client, loaded_catalogue
):
    """Issue 26: each step was one all-day event up to 14 months long, with no study links."""
    from certifications.models import StudyResource

    StudyResource.objects.create(
        skill="python",
        title="The Python Tutorial",
        provider="Python Software Foundation",
        kind="docs",
        url="https://docs.python.org/3/tutorial/",
        evidence="The official tutorial.",
        checked_on=dt.date(2026, 12, 1),
    )
    _, first = _ics(client, "career-changer-beginner", weekly_study_hours="8")
    # Another plan saved today (the same answers saved again are the same plan, same events).
    _, second = _ics(client, "career-changer-beginner", weekly_study_hours="9")

    study = next(e for e in first if str(e.get("summary")).startswith("Study for "))
    exam = next(e for e in first if str(e.get("summary")).startswith("Exam target:"))
    rule = study.decoded("rrule")
    assert rule["FREQ"] == ["WEEKLY"]
    weekly = study.decoded("duration") * len(rule["BYDAY"])
    assert weekly == dt.timedelta(hours=8)  # three sessions of 2 h 40 min
    assert study.decoded("duration") <= dt.timedelta(hours=3)
    assert rule["UNTIL"][0].date() == exam.decoded("dtstart") - dt.timedelta(days=1)
    assert exam.walk("VALARM")  # a reminder to book it
    # Every session carries its step's study links.
    python = next(e for e in first if str(e.get("summary")).startswith("Python"))
    assert "Where to study:" in str(python.get("description"))
    assert "https://docs.python.org/3/tutorial/" in str(python.get("description"))
    assert "http://testserver/r/" in str(python.get("description"))  # an address, not a path
    uids = [str(e.get("uid")) for e in first + second]
    assert len(set(uids)) == len(uids)


def test_the_result_document_downloads_as_a_file(client, loaded_catalogue):
    client.post(reverse("advisor:share"), dict(flatten(example("gcp-ml-engineer"))))
    saved = SharedResult.objects.latest("created_at")
    response = client.get(reverse("advisor:shared_json", args=[saved.code]))
    assert response["Content-Disposition"] == f'attachment; filename="certpath-{saved.code}.json"'


def test_compare_shows_facts_side_by_side_and_fit_with_answers(client, loaded_catalogue):
    # The fixture's prices: gcp-data US$200, aws-ml US$150.
    url = reverse("advisor:compare") + "?c=gcp-data&c=aws-ml"
    plain = client.get(url)
    assert plain.status_code == 200
    valid_html(plain.content)
    assert "US$200" in plain.content.decode() and "US$150" in plain.content.decode()
    assert "Your score" not in plain.content.decode()

    query = urlencode(flatten({**example("gcp-ml-engineer"), **ON_AWS}))
    with_fit = client.get(url + "&" + query).content.decode()
    fit = with_fit.split('<th scope="row">Your score</th>')[1].split("</tr>")[0]
    # Each column's score and rank are the engine's for the answers the query gives the form
    # (its defaults fill what the example leaves out), rounded as shown.
    answers = AnswersForm.from_query(QueryDict(query))
    assert answers.is_valid()
    result = recommend(answers.answers, loaded_catalogue, today=BEHAVIOUR_TODAY)
    engine = {rec["slug"]: rec for rec in result["recommendations"]}
    assert engine["aws-ml"]["rank"] == 1  # ON_AWS: the exam they are ready for
    for slug in ("gcp-data", "aws-ml"):
        score = Decimal(str(engine[slug]["score"])).quantize(Decimal(1), ROUND_HALF_UP)
        assert f"<strong>{score}/100</strong> (rank {engine[slug]['rank']})" in fit, slug


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", b"Choose between 2 and 4"),
        ("?c=aws-ml", b"Choose between 2 and 4"),
        ("?c=aws-ml&c=nope", b"Unknown certification"),
        ("?c=aws-ml&c=aws-basics&c=aws-ml-pro&c=azure-ai&c=gcp-data", b"Choose between 2 and 4"),
        ("?c=a&c=b&c=c&c=d&c=e", b"Unknown certification: a, b, c, d"),
    ],
)
def test_compare_needs_two_to_four_known_certifications(client, loaded_catalogue, query, message):
    response = client.get(reverse("advisor:compare") + query)
    assert response.status_code == 400
    assert message in response.content


def test_health_checks(client, loaded_catalogue, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
    assert client.get("/readyz").content == b"ok"


def test_open_graph_tags_make_shared_links_readable(client, loaded_catalogue):
    saved = _saved(client)
    page = client.get(f"/r/{saved.code}/").content.decode()
    first = saved.result["recommendations"][0]["name"]
    assert f'<meta property="og:title" content="Next certification: {first}">' in page


def test_results_take_at_most_three_queries_whatever_the_catalogue_size(
    client, loaded_catalogue, django_assert_max_num_queries
):
    client.get(results_url("gcp-ml-engineer"))  # builds this process's snapshot once
    with django_assert_max_num_queries(3):
        client.get(results_url("gcp-ml-engineer"))
    with django_assert_max_num_queries(3):
        client.get(results_url("gcp-ml-engineer"), **HX)

    add_synthetic_certifications(loaded_catalogue, 100, like=1)  # aws-ml: bookable, ranked
    response = client.get(results_url("gcp-ml-engineer"))
    # the change was picked up: the full results show every certification
    shown = ranked_slugs(response.content) + listed_slugs(response.content)
    assert len(shown) == len(loaded_catalogue.certifications) + 100
    # The live panel (htmx) shows the top of the ranking and links to the rest.
    live = client.get(results_url("gcp-ml-engineer"), **HX).content
    assert len(ranked_slugs(live)) == presenters.LIVE_CARDS + presenters.LIVE_LINES
    assert b"All 111 certifications" in live  # every target: the 112 less the one retired
    with django_assert_max_num_queries(3):
        client.get(results_url("gcp-ml-engineer"), **HX)


def test_an_edit_saved_like_the_admin_does_reaches_the_next_request(client, loaded_catalogue):
    url = results_url("gcp-ml-engineer", **ON_AWS)
    assert "US$150" in card(client.get(url, **HX).content.decode(), "aws-ml")  # the fixture's
    cert = Certification.objects.get(slug="aws-ml")
    cert.price_usd = 230
    cert.save()

    assert "US$230" in card(client.get(url, **HX).content.decode(), "aws-ml")


def test_reloading_the_catalogue_keeps_saved_results(client, loaded_catalogue, behaviour_file):
    saved = _saved(client)
    Certification.objects.update(price_usd=1)  # edited since, so the load changes every row
    assert "12 updated" in run_command("load_catalogue", str(behaviour_file))
    assert client.get(f"/r/{saved.code}/").status_code == 200


PAGES = [
    "/",
    "/results/?skills.python=3&environment=gcp",
    "/compare/?c=gcp-data&c=aws-ml",
    "/certifications/",
    "/certifications/azure-old/",  # retired: the page with the most to show
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_ready_for_a_strict_content_security_policy(client, loaded_catalogue, url):
    response = client.get(url)
    assert response.status_code == 200  # the page itself, not an error page
    page = response.content.decode()

    assert "style=" not in page
    assert "hx-on" not in page and "javascript:" not in page
    for tag in re.findall(r"<script[^>]*>", page):
        # JSON-LD is a data block the browser never runs, so script-src does not apply to it.
        assert " src=" in tag or tag == '<script type="application/ld+json">', tag
    assert not re.search(r"(src|href)=\"(https?:)?//", page.split("<main")[0])  # no third parties


def test_first_view_is_light(client, loaded_catalogue):
    """Under 60 KB compressed in at most 6 requests (the page, its styles, scripts, icon)."""
    import gzip

    from django.contrib.staticfiles import finders

    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    sizes = {"/": len(response.content)}
    head = gzip.decompress(response.content).decode().split("</head>")[0]
    for url in re.findall(r'(?:src|href)="(/static/[^"]+)"', head):
        path = finders.find(url.removeprefix("/static/"))
        sizes[url] = len(gzip.compress(Path(path).read_bytes(), 9))
    total = sum(sizes.values())
    print(f"first view: {len(sizes)} requests, {total / 1024:.1f} KB compressed: {sizes}")
    assert len(sizes) <= 6
    assert total < 60 * 1024


def test_pages_are_the_same_for_every_visitor_and_served_precompressed(loaded_catalogue):
    """Nothing per visitor on an advice page (no token, no cookie), so the cache keeps it
    finished, gzip included, for the full page and the htmx fragment alike."""
    import gzip

    from django.test import Client

    url = results_url("gcp-ml-engineer")
    for headers in ({}, HX):
        bodies = []
        for _ in range(2):
            response = Client().get(url, **headers)
            assert response.status_code == 200
            assert not response.cookies
            bodies.append(response.content)
        assert bodies[0] == bodies[1]
        assert b"csrfmiddlewaretoken" not in bodies[0]
        assert b'<form id="share-form"' in bodies[0]

        compressed = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, br", **headers)
        assert compressed["Content-Encoding"] == "gzip"
        vary = {v.strip() for v in compressed["Vary"].split(",")}
        assert {"HX-Request", "Accept-Encoding"} <= vary
        assert gzip.decompress(compressed.content) == bodies[0]
        assert int(compressed["Content-Length"]) == len(compressed.content) < len(bodies[0]) / 4


def test_compare_marks_facts_and_lists_exam_domains(client, loaded_catalogue):
    html = client.get("/compare/?c=aws-ml&c=unknown-body").content.decode()
    # The fixture's unknown-body publishes no exam content: said, and marked unverified with a
    # link to the note. aws-ml publishes two domains.
    row = html.split('<th scope="row">Exam domains</th>')[1].split("</tr>")[0]
    assert "not published" in row
    assert 'href="/certifications/unknown-body/#note-exam_domains">unverified</a>' in row
    assert "Data preparation" in row and "Model development" in row
    price = html.split('<th scope="row">Price</th>')[1].split("</tr>")[0]
    assert 'href="/certifications/unknown-body/#note-price_usd">unverified</a>' in price


def test_the_page_cache_keys_on_what_the_answers_mean(client, loaded_catalogue, monkeypatch):
    """Junk or reordered parameters reuse one entry: nobody can fill the shared cache."""
    from django.core.cache import caches

    pages_cache = caches["default"]
    stored: list[str] = []
    real_set = pages_cache.set
    monkeypatch.setattr(
        pages_cache, "set", lambda key, *a, **k: (stored.append(key), real_set(key, *a, **k))
    )
    urls = [
        "/results/?skills.python=3&environment=gcp",
        "/results/?skills.python=3&environment=gcp",
        "/results/?skills.python=3&environment=gcp&utm_source=x",
        "/results/?skills.python=3&environment=gcp&junk=1&junk=2",
        "/results/?skills.python=3&environment=gcp&weekly_study_hours=6",  # the default
    ]
    pages = [client.get(url, follow=True) for url in urls]
    fragments = [client.get(url, **HX) for url in urls]  # never redirected

    assert [p.status_code for p in pages + fragments] == [200] * len(urls) * 2
    assert [p.redirect_chain for p in pages[:2]] == [[], []]  # nothing to leave out
    assert {p.redirect_chain[-1][0] for p in pages[2:]} == {urls[1]}  # the short link
    # Two entries: the page and the fragment of the one canonical URL (Vary: HX-Request).
    assert len([k for k in stored if ".cache_page." in k]) == 2, stored
    assert len({p.content for p in pages}) == len({f.content for f in fragments}) == 1


def test_an_htmx_request_never_poisons_the_full_page(client, loaded_catalogue):
    url = "/?weekly_study_hours=15"
    fragment = client.get(url, **HX)
    page = client.get(url)

    assert fragment.status_code == page.status_code == 200
    html = page.content.decode()
    assert html.count('id="ranking-status"') == 1
    assert 'hx-swap-oob="innerHTML"' not in html


def test_the_exam_step_links_to_the_official_exam_page(client, loaded_catalogue):
    html = client.get(results_url("gcp-ml-engineer", **ON_AWS)).content.decode()
    pathway = html.split('id="pathway-heading"')[1].split("</section>")[0]
    link = '<a href="https://example.com/aws-ml" rel="noopener">Aws Ml: the official exam page'
    assert link in pathway


@pytest.mark.parametrize(
    ("earned", "shown"),
    [
        ("2025-03", 'type="month" name="held.0.earned_on" value="2025-03"'),
        ("2025-03-01", 'type="month" name="held.0.earned_on" value="2025-03"'),
        ("2025-03-14", 'type="date" name="held.0.earned_on" value="2025-03-14"'),
    ],
)
def test_the_month_earned_is_shown_as_given(client, loaded_catalogue, earned, shown):
    """Links carry the contract's day (the first of the month for a month); the month field
    must show it, not go blank, and a real day must survive a resubmission."""
    # A month is spelled as its first day in the canonical address (a redirect to it).
    html = client.get("/", {"held.0.slug": "aws-ml", "held.0.earned_on": earned}, follow=True)
    assert html.status_code == 200  # a valid holding, not an error page that echoes it
    assert shown in html.content.decode()


def test_a_pass_dated_before_the_exam_existed_is_shown_beside_its_field_and_kept(
    client, loaded_catalogue
):
    """Advice v3: the questionnaire keeps what the visitor typed and says, by the month they
    gave, why it cannot be (aws-ml first ran in October 2024)."""
    response = client.get(
        reverse("advisor:results"), {"held.0.slug": "aws-ml", "held.0.earned_on": "2023-05"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "was first offered on 2024-10-08" in html
    assert 'name="held.0.earned_on" value="2023-05"' in html


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"weekly_study_hours": "0"}, "Enter from 1 to 80 hours a week."),
        ({"weekly_study_hours": "lots"}, "Enter a whole number of hours a week, e.g. 6."),
        ({"experience.industry_years": "-1"}, "Enter years from 0 to 50."),
        ({"budget_usd": "-5"}, "Enter a budget from 0 to 100,000 US dollars, or leave it empty."),
    ],
)
def test_a_refused_number_is_said_in_the_questionnaires_words(
    client, loaded_catalogue, query, said
):
    response = client.get(reverse("advisor:results"), query)
    assert response.status_code == 400
    html = response.content.decode()
    assert said in html and "Ensure this value" not in html


def test_a_what_if_lands_on_the_results_with_the_change_named_and_the_card_marked(
    client, loaded_catalogue
):
    """Issue 26: a what-if link used to reload the questionnaire at the top."""
    page = client.get(results_url("gcp-ml-engineer")).content.decode()
    links = re.findall(r'<li><a href="(/results/\?[^"]*changed=[^"]*)">([^<]*)</a>', page)
    assert links, "the fixture visitor gets at least one what-if"
    href, message = links[0]
    landed = client.get(href.replace("&amp;", "&"), follow=True)
    assert landed.status_code == 200
    html = landed.content.decode()
    slug = re.search(r"for=([a-z0-9-]+)", href).group(1)
    banner = html.split('class="notice notice-info what-if-applied"')[1].split("</p>")[0]
    assert "You changed “" in banner and "now" in banner  # the change named, what it did
    assert f'class="rec rec-active rec-changed" data-slug="{slug}"' in html
    # The claim came true: the certification the what-if named ranks first or is ready.
    card_html = card(html, slug)
    assert 'data-rank="1"' in card_html or "Ready" in card_html, message
    # A made-up certification or answer is dropped by the redirect, not shown.
    junk = client.get(href.replace("&amp;", "&").replace(f"for={slug}", "for=nope"))
    assert junk.status_code == 302 and "changed=" not in junk["Location"]


def test_compare_shows_the_table_first_and_a_picker_grouped_by_provider(client, loaded_catalogue):
    """Issue 26: an unsorted list of every certification came before the table."""
    html = client.get("/compare/?c=gcp-data&c=aws-ml&environment=gcp").content.decode()
    assert html.index('class="compare"') < html.index("compare-picker")
    assert '<details class="panel compare-picker">' in html  # closed: the table is the point
    legends = re.findall(r"<legend>([^<]+)</legend>", html.split("compare-picker")[1])
    assert legends == sorted(legends, key=str.lower) and len(legends) == len(set(legends))
    # Comparing others keeps the answers (the fit rows come back).
    assert '<input type="hidden" name="environment" value="gcp">' in html
    empty = client.get("/compare/").content.decode()
    assert '<details class="panel compare-picker" open>' in empty


def test_a_held_certification_can_be_named_or_given_by_slug(client, loaded_catalogue):
    by_name = client.get("/results/", {"held.0.slug": "Aws Ml"}, follow=True)
    assert by_name.status_code == 200
    assert "held.0.slug=aws-ml" in by_name.redirect_chain[-1][0]  # the name means its slug
    # Part of a name only one certification has means that one; part of several does not.
    part = client.get("/results/", {"held.0.slug": "ml pr"}, follow=True)  # "Aws Ml Pro"
    assert "held.0.slug=aws-ml-pro" in part.redirect_chain[-1][0]
    several = client.get("/results/", {"held.0.slug": "Aws"})
    assert several.status_code == 400
    unknown = client.get("/results/", {"held.0.slug": "Not A Certification"})
    assert unknown.status_code == 400
    assert "Pick a certification from the list" in unknown.content.decode()


def test_what_matters_is_chosen_in_words_mapped_to_the_rule_book(client, loaded_catalogue):
    """Issue 26: weights were 0-50 sliders whose numbers added up to 146."""
    from certpath.engine.rules import DEFAULT_WEIGHTS, WEIGHT_WORDS

    html = client.get("/?weights.skills=5").content.decode()
    platform = html.split('name="weights.platform"')[1].split("</select>")[0]
    for word, times in WEIGHT_WORDS.items():
        assert f'<option value="{round(DEFAULT_WEIGHTS["platform"] * times)}"' in platform
        assert f">{word}</option>" in platform
    assert "selected>Normal</option>" in platform
    # A link's own number is kept and said, never silently turned into a word's.
    skills = html.split('name="weights.skills"')[1].split("</select>")[0]
    assert '<option value="5" selected>As the link set it (5)</option>' in skills


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("skills.python=9", "skills.python", "is not one of the choices here"),
        ("goals.role=wizard", "goals.role", "pick one from the list"),
        ("weights.platform=80", "weights.platform", "Choose one of the words listed"),
        ("held.0.slug=nope", "held.0.slug", "Pick a certification from the list"),
        ("held.0.slug=aws-ml&held.1.slug=aws-ml", "held.1.slug", "listed this certification above"),
    ],
)
def test_every_form_error_is_written_for_people_beside_its_field(
    client, loaded_catalogue, query, field, words
):
    """Issue 26: "Select a valid choice…", "Ensure this value is…" and an unplaced
    "must not list the same certification twice" were what people met."""
    response = client.get("/results/?" + query)
    assert response.status_code == 400
    html = response.content.decode()
    beside = html.split(f'id="id_{field}_errors"')[1].split("</div>")[0]
    assert words in beside
    assert "Select a valid choice" not in html and "Ensure this value" not in html
    if field.startswith("weights."):  # its panel opens, or the message would be hidden
        assert '<details class="panel weights" open>' in html


def test_a_closed_exam_whose_successor_is_held_is_not_a_take_this(client, loaded_catalogue):
    """A holder of the successor was told "→ take" the certification listed as held above."""
    html = client.get(
        "/results/", {"held.0.slug": "azure-ai", "held.0.earned_on": "2026-03-01"}, follow=True
    ).content.decode()
    line = html.split('data-listed="azure-old"')[1].split("</li>")[0]
    assert "you hold its successor" in line and "→ take" not in line
    plain = client.get("/results/?environment=azure").content.decode()
    assert "→ take" in plain.split('data-listed="azure-old"')[1].split("</li>")[0]


def test_pages_name_an_icon_that_exists(client, loaded_catalogue):
    """Issue 26: no favicon meant a 404 on every page."""
    from django.contrib.staticfiles import finders

    html = client.get(reverse("advisor:questionnaire")).content.decode()
    href = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)[1]
    found = finders.find(href.removeprefix(settings.STATIC_URL).removeprefix("/static/"))
    assert found and Path(found).read_text(encoding="utf-8").lstrip().startswith("<svg")
