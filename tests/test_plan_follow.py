"""Following a saved plan as the catalogue moves on (issue 27): alerts on the plan's page, in
its own change feed and in the API when a certification it names changes; a certification
marked done is held, with its renewal in the plan; re-planning from the owner link; pruning
keeps plans still followed. On the behaviour catalogue, clock pinned.

The plan is the GCP ML engineer example's on the behaviour catalogue: 1 the exam (aws-ml,
US$150, valid 3 years), 2 a project, 3 the next step (aws-ml-pro, US$300, valid 3 years, no
renewal step of its own), 4 aws-ml's renewal."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from advisor.models import SharedResult, StepDone
from certifications.models import Certification
from certifications.services import catalogue_import
from certpath.catalogue import Catalogue
from tests.admin_forms import change_form_data
from tests.contract import example, flatten
from tests.fixture_catalogue import behaviour_catalogue

SAVED_ON = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
CHANGED_ON = dt.datetime(2026, 12, 5, 9, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 12, 21, 12, tzinfo=dt.UTC)
OWNER = re.compile(r"^/r/(?P<code>[\w-]+)/owner/(?P<key>[\w-]+)/")


@pytest.fixture
def plan(client, loaded_catalogue):
    with time_machine.travel(SAVED_ON, tick=False):
        response = client.post(reverse("advisor:share"), dict(flatten(example("gcp-ml-engineer"))))
    found = OWNER.match(response["Location"])
    assert found, response["Location"]
    slugs = [s.get("slug") for s in SharedResult.objects.get(code=found["code"]).result["pathway"]]
    assert slugs == ["aws-ml", None, "aws-ml-pro", "aws-ml"], "the fixture plan changed"
    return found["code"], found["key"]


def _load_with(slug: str, **facts) -> None:
    """A load of the catalogue file with some facts of one certification changed."""
    data = behaviour_catalogue().model_dump()
    for cert in data["certifications"]:
        if cert["slug"] == slug:
            cert.update(facts)
    with time_machine.travel(CHANGED_ON, tick=False):
        catalogue_import(catalogue=Catalogue.model_validate(data))


def _tick(client, code, key, step, on):
    url = reverse("advisor:owner_step", args=[code, key])
    return client.post(url, {"step": step, "done": "on", "on": on})


def _entries(client, code) -> list[str]:
    feed = client.get(reverse("advisor:plan_changes", args=[code]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    return re.findall(r"<entry>.*?</entry>", feed.content.decode(), re.S)


RETIRING = (
    "Aws Ml (your plan's exam): it is retiring, with its last exam day on 31 March 2027. "
    "Book it before its last day, or re-plan to see what to take instead."
)


def test_a_retirement_of_the_plans_exam_is_told_on_the_page_in_its_feed_and_by_the_api(
    client, plan
):
    code, key = plan
    public = reverse("advisor:shared", args=[code])
    assert "Since this plan was saved" not in client.get(public).content.decode()
    assert _entries(client, code) == []

    _load_with("aws-ml", status="retiring", status_date=dt.date(2027, 3, 31))

    page = client.get(public).content.decode()
    assert "Since this plan was saved" in page
    assert RETIRING.replace("'", "&#x27;") in page
    [entry] = _entries(client, code)
    assert f"<title>{RETIRING}</title>" in entry
    assert "<updated>2026-12-05T09:00:00+00:00</updated>" in entry
    assert key not in entry
    api = client.get(f"/api/v1/shares/{code}").json()
    assert api["alerts"] == [{"on": "2026-12-05", "slug": "aws-ml", "message": RETIRING}]


def test_a_change_to_a_certification_the_plan_does_not_name_is_not_an_alert(client, plan):
    code, _ = plan
    _load_with("azure-ai", price_usd=999)
    assert _entries(client, code) == []
    assert client.get(f"/api/v1/shares/{code}").json()["alerts"] == []


def test_a_price_change_made_in_the_admin_is_an_alert_for_the_next_step(client, plan):
    code, _ = plan
    editor = Client()
    editor.force_login(User.objects.create_superuser("ed", "ed@example.com", "pw-tests-only"))
    cert = Certification.objects.get(slug="aws-ml-pro")
    url = reverse("admin:certifications_certification_change", args=[cert.pk])
    data = change_form_data(editor.get(url))
    data["price_usd"] = 350
    with time_machine.travel(CHANGED_ON, tick=False):
        assert editor.post(url, data).status_code == 302

    [entry] = _entries(client, code)
    assert (
        "<title>Aws Ml Pro (your plan's next step): its price is now US$350 (was US$300). "
        "The plan's cost changes: re-plan to see it.</title>" in entry
    )


def test_certifications_marked_done_are_held_and_their_renewal_joins_the_plan(client, plan):
    code, key = plan
    with time_machine.travel(LATER, tick=False):
        assert _tick(client, code, key, 1, "2026-12-20").status_code == 303
        assert _tick(client, code, key, 3, "2026-12-21").status_code == 303
        progress = client.get(f"/api/v1/shares/{code}").json()["progress"]
        page = client.get(reverse("advisor:shared", args=[code])).content.decode()

    assert progress["held"] == [
        {"slug": "aws-ml", "earned_on": "2026-12-20", "valid_until": "2029-12-20"},
        {"slug": "aws-ml-pro", "earned_on": "2026-12-21", "valid_until": "2029-12-21"},
    ]
    assert progress["done"] == [{"step": 1, "on": "2026-12-20"}, {"step": 3, "on": "2026-12-21"}]
    # The plan as it stands: done steps with their day, the renewal that joined, undated.
    by_step = {(s["step"], s["slug"]): s for s in progress["steps"]}
    assert by_step[1, "aws-ml"]["done_on"] == "2026-12-20"
    assert by_step[None, "aws-ml-pro"]["due_on"] == "2029-12-21"
    assert by_step[2, None]["starts_on"] == "2026-12-21"  # the project: from today
    # aws-ml's own renewal step is dated from the day it was done; aws-ml-pro's joins.
    assert "Due by 20 Dec 2029" in page
    assert "Renew Aws Ml Pro by 21 December 2029" in page
    assert "You marked it done on 21 December 2026: it is held from that day." in page


def test_progress_left_is_said_in_weeks_at_the_plans_hours(client, plan):
    code, key = plan
    with time_machine.travel(LATER, tick=False):
        _tick(client, code, key, 2, "2026-12-20")
        progress = client.get(f"/api/v1/shares/{code}").json()["progress"]
    hours = SharedResult.objects.get(code=code).answers["weekly_study_hours"]
    assert progress["weeks_left"] == round(progress["hours_left"] / hours, 1)
    assert progress["hours_left"] > 0


def test_re_planning_makes_a_new_plan_with_what_was_done_and_links_old_to_new(client, plan):
    code, key = plan
    with time_machine.travel(LATER, tick=False):
        _tick(client, code, key, 1, "2026-12-20")  # the exam: now held
        _tick(client, code, key, 2, "2026-12-21")  # the project
        response = client.post(reverse("advisor:owner_replan", args=[code, key]))

    assert response.status_code == 303
    found = OWNER.match(response["Location"])
    assert found and found["key"] == key and found["code"] != code
    new = SharedResult.objects.get(code=found["code"])
    assert new.answers["held"] == [{"slug": "aws-ml", "earned_on": "2026-12-20"}]
    assert "aws-ml" not in [s.get("slug") for s in new.result["pathway"] if s["kind"] != "renewal"]
    old = SharedResult.objects.get(code=code)
    assert old.replanned_to == new
    # The owner's key opens the new plan; the old plan's pages link to it.
    assert client.get(reverse("advisor:owner", args=[new.code, key])).status_code == 200
    public_old = client.get(reverse("advisor:shared", args=[code])).content.decode()
    assert "This plan was re-planned." in public_old
    assert f'href="/r/{new.code}/"' in public_old
    owner_old = client.get(reverse("advisor:owner", args=[code, key])).content.decode()
    assert f'href="/r/{new.code}/owner/{key}/"' in owner_old
    assert "Re-plan with today" not in owner_old  # once re-planned, the new plan is the one
    # The project step, the same in the new plan, keeps its day.
    project = next(n for n, s in enumerate(new.result["pathway"], 1) if s["kind"] == "project")
    assert new.done_steps() == {project: dt.date(2026, 12, 21)}


def test_re_planning_twice_makes_one_new_plan(client, plan):
    """A double submit: the second answer is the plan the first made."""
    code, key = plan
    url = reverse("advisor:owner_replan", args=[code, key])
    first, second = client.post(url), client.post(url)
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert SharedResult.objects.count() == 2


def test_re_planning_with_a_wrong_key_changes_nothing(client, plan):
    code, key = plan
    response = client.post(reverse("advisor:owner_replan", args=[code, "x" + key[1:]]))
    assert response.status_code == 404
    assert SharedResult.objects.count() == 1


def test_prune_keeps_plans_whose_owner_marked_progress_since(client, plan):
    code, key = plan
    with time_machine.travel(SAVED_ON, tick=False):
        stale = client.post(reverse("advisor:share"), dict(flatten(example("gcp-ml-engineer"))))
    stale_code = OWNER.match(stale["Location"])["code"]
    assert SharedResult.objects.filter(code=stale_code).exists()
    with time_machine.travel(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        assert _tick(client, code, key, 2, "2027-03-01").status_code == 303
    with time_machine.travel(dt.datetime(2027, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        out = StringIO()
        call_command("prune_shares", "--older-than", "60", stdout=out)
    assert out.getvalue().startswith("Deleted 1 saved plan(s) older than 2027-01-09")
    assert set(SharedResult.objects.values_list("code", flat=True)) == {code}
    assert StepDone.objects.filter(plan__code=code).count() == 1


def _events(client, code) -> dict[str, Any]:
    response = client.get(reverse("advisor:shared_ics", args=[code]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["REFRESH-INTERVAL"].to_ical(), "ascii") == "PT12H"
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_subscribed_calendar_follows_progress_with_stable_uids(client, plan, settings):
    code, key = plan
    settings.SITE_URL = "https://certpath.example"
    page = client.get(reverse("advisor:shared", args=[code])).content.decode()
    assert f'href="webcal://certpath.example/r/{code}/plan.ics"' in page
    before = _events(client, code)
    exam_uid = f"plan-{code}-step-1-exam@certpath"
    assert exam_uid in before and before[exam_uid]["SEQUENCE"] == 0

    with time_machine.travel(LATER, tick=False):
        _tick(client, code, key, 1, "2026-12-20")  # the exam, done early
        _tick(client, code, key, 3, "2026-12-21")  # the next step too
        after = _events(client, code)

    # The same UIDs: a calendar updates its events instead of adding copies.
    study = f"plan-{code}-step-2@certpath"
    assert study in before and study in after
    assert after[f"plan-{code}-step-1@certpath"]["SUMMARY"] == "Done: Aws Ml"
    assert after[f"plan-{code}-step-1@certpath"].decoded("DTSTART") == dt.date(2026, 12, 20)
    assert exam_uid not in after  # no exam still to book
    assert after[study]["SEQUENCE"] == 2  # two ticks: the events moved
    # The steps left run from the last day marked.
    assert after[study].decoded("DTSTART").date() >= dt.date(2026, 12, 21)
    # The next step, marked done, is held: its renewal has a reminder 90 and 30 days ahead.
    joined = after[f"plan-{code}-renewal-aws-ml-pro@certpath"]
    assert joined.decoded("DTSTART") == dt.date(2029, 12, 21)
    triggers = sorted(a.decoded("TRIGGER") for a in joined.walk("VALARM"))
    assert triggers == [-dt.timedelta(days=90), -dt.timedelta(days=30)]


def test_the_steps_left_of_a_followed_plan_are_dated_from_today(client, plan):
    """An owner who marked the exam done and came back six weeks later: the project and the
    next step run from that day, not from a day already past."""
    code, key = plan
    with time_machine.travel(LATER, tick=False):
        _tick(client, code, key, 1, "2026-12-20")
    back = dt.datetime(2027, 2, 1, 12, tzinfo=dt.UTC)
    with time_machine.travel(back, tick=False):
        page = client.get(reverse("advisor:shared", args=[code])).content.decode()
        events = _events(client, code)
    project = re.search(r"Build a portfolio project.*?step-dates\">([^<]+)<", page, re.S)[1]
    assert project.startswith("1 Feb 2027 – ")
    assert "the steps left are dated from today" in page
    assert events[f"plan-{code}-step-2@certpath"].decoded("DTSTART").date() >= back.date()


def test_a_plan_holding_a_certification_with_no_day_opens_and_re_plans(client, loaded_catalogue):
    """A held certification given without its day was kept as `"earned_on": null`, which the
    answers refuse: the plan's pages answered 500."""
    data = example("gcp-ml-engineer") | {"held": [{"slug": "azure-ai"}]}
    created = client.post("/api/v1/shares", data, content_type="application/json").json()
    saved = SharedResult.objects.get(code=created["code"])
    assert saved.answers["held"] == [{"slug": "azure-ai"}]
    assert client.get(reverse("advisor:shared", args=[saved.code])).status_code == 200
    owner = reverse("advisor:owner", args=[saved.code, created["owner_key"]])
    assert client.get(owner).status_code == 200
    replanned = client.post(
        reverse("advisor:owner_replan", args=[saved.code, created["owner_key"]])
    )
    assert replanned.status_code == 303


def test_plans_already_kept_with_a_null_day_are_repaired_by_the_migration(client, loaded_catalogue):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("advisor.migrations.0008_held_without_null_days")
    client.post("/api/v1/shares", example("gcp-ml-engineer"), content_type="application/json")
    saved = SharedResult.objects.get()
    SharedResult.objects.filter(pk=saved.pk).update(
        answers={**saved.answers, "held": [{"slug": "azure-ai", "earned_on": None}]}
    )
    migration.drop_null_days(apps, None)
    saved.refresh_from_db()
    assert saved.answers["held"] == [{"slug": "azure-ai"}]
    assert client.get(reverse("advisor:shared", args=[saved.code])).status_code == 200


def test_an_edit_put_back_the_same_day_still_shows_its_alerts(client, plan):
    """The saved page is cached by the catalogue's version: an edit that puts the catalogue
    back as it was (A → B → A) returns the same version, and the page cached before it would
    have been served without the alerts."""
    code, _ = plan
    public = reverse("advisor:shared", args=[code])
    assert "Since this plan was saved" not in client.get(public).content.decode()  # cached
    _load_with("aws-ml", status="retiring", status_date=dt.date(2027, 3, 31))
    with time_machine.travel(CHANGED_ON + dt.timedelta(hours=1), tick=False):
        catalogue_import(catalogue=behaviour_catalogue())  # put back
    page = client.get(public).content.decode()
    assert "Since this plan was saved" in page
    assert "it is offered again" in page


def test_a_retirement_keeping_its_day_names_the_day_and_a_passed_exam_is_held(client, plan):
    """Retiring → retired usually keeps the last exam day, so the change itself does not carry
    it: the alert takes it from the catalogue. An exam the owner marked done is theirs now:
    the alert speaks of a certification they hold, not one to book."""
    code, key = plan
    with time_machine.travel(CHANGED_ON - dt.timedelta(days=1), tick=False):
        _tick(client, code, key, 1, "2026-12-04")  # aws-ml, passed
    last_day = dt.date(2026, 12, 10)
    _load_with("aws-ml-pro", status="retiring", status_date=last_day)
    data = behaviour_catalogue().model_dump()
    for cert in data["certifications"]:
        if cert["slug"] == "aws-ml-pro":
            cert.update(status="retired", status_date=last_day)
        if cert["slug"] == "aws-ml":
            cert.update(status="retiring", status_date=dt.date(2027, 6, 30))
    with time_machine.travel(dt.datetime(2026, 12, 11, 9, tzinfo=dt.UTC), tick=False):
        catalogue_import(catalogue=Catalogue.model_validate(data))
        alerts = client.get(f"/api/v1/shares/{code}").json()["alerts"]
    messages = {a["slug"]: a["message"] for a in alerts if a["on"] == "2026-12-11"}
    assert messages["aws-ml-pro"] == (
        "Aws Ml Pro (your plan's next step): it is retired and can no longer be booked "
        "(last exam day 10 December 2026). Re-plan to see what to take instead."
    )
    assert messages["aws-ml"] == (
        "Aws Ml (a certification you hold): it is retiring, with its last exam day on "
        "30 June 2027. What you hold stays valid until it expires; re-plan to see how to "
        "renew it."
    )


def test_the_api_re_plans_with_the_owner_key_only(client, plan):
    code, key = plan
    url = f"/api/v1/shares/{code}/replan"
    assert client.post(url).status_code == 403
    assert client.post(url, HTTP_AUTHORIZATION="Bearer " + "x" * len(key)).status_code == 403
    assert client.post("/api/v1/shares/nope/replan").status_code == 404
    assert SharedResult.objects.count() == 1
    with time_machine.travel(LATER, tick=False):
        _tick(client, code, key, 1, "2026-12-20")
        made = client.post(url, HTTP_AUTHORIZATION=f"Bearer {key}")
        again = client.post(url, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert made.status_code == again.status_code == 201
    body = made.json()
    assert body == again.json()  # the same new plan, not a second one
    assert body["owner_key"] == key and body["owner_url"].endswith(
        f"/r/{body['code']}/owner/{key}/"
    )
    new = SharedResult.objects.get(code=body["code"])
    assert new.answers["held"] == [{"slug": "aws-ml", "earned_on": "2026-12-20"}]
    assert SharedResult.objects.get(code=code).replanned_to == new
