"""Following a saved plan (issue 27): the owner link marks steps done, without JavaScript or
through the API with the owner key; the public link shows the progress read-only; the steps
left are re-dated from the day a step was marked. On the behaviour catalogue, clock pinned."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from advisor.models import SharedResult, StepDone
from tests.contract import example, flatten

SAVED_ON = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
OWNER = re.compile(r"^/r/(?P<code>[\w-]+)/owner/(?P<key>[\w-]+)/#keep-heading$")


@pytest.fixture
def saved(client, loaded_catalogue):
    """A plan saved on the web on 1 December 2026: its code, owner key and owner page."""
    with time_machine.travel(SAVED_ON, tick=False):
        response = client.post(
            reverse("advisor:share"), dict(flatten(example("career-changer-beginner")))
        )
    assert response.status_code == 303
    found = OWNER.match(response["Location"])
    assert found, response["Location"]
    code, key = found["code"], found["key"]
    return code, key, reverse("advisor:owner", args=[code, key])


def tick(client, code: str, key: str, step: int, **fields) -> object:
    data = {"step": step, "done": "on", **fields}
    return client.post(reverse("advisor:owner_step", args=[code, key]), data)


def test_saving_opens_the_owner_page_with_a_private_link_kept_out_of_caches(client, saved):
    code, key, owner_page = saved
    plan = SharedResult.objects.get(code=code)
    assert len(key) >= 32  # 24 random bytes: 192 bits
    assert plan.owner_key_hash and key not in plan.owner_key_hash  # stored hashed
    page = client.get(owner_page)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Keep this private: it lets you mark progress." in html
    assert key in html
    assert page["Cache-Control"] == "private, no-store"
    assert page["Referrer-Policy"] == "no-referrer"
    public = client.get(reverse("advisor:shared", args=[code])).content.decode()
    assert key not in public and "Mark done" not in public


def test_two_ticks_show_on_the_public_link_and_move_the_exam_date(client, saved):
    code, key, _ = saved
    public = reverse("advisor:shared", args=[code])
    before = client.get(public).content.decode()
    assert "0 of" in before
    exam_before = re.search(r"exam around ([0-9]+ \w+ [0-9]{4})", before)[1]

    with time_machine.travel(dt.datetime(2026, 12, 20, 12, tzinfo=dt.UTC), tick=False):
        assert tick(client, code, key, 1).status_code == 303
        response = tick(client, code, key, 2, on="2026-12-19")
        assert response.status_code == 303
        assert response["Location"].endswith("#step-2")
        after = client.get(public).content.decode()

    assert [(t.step, t.on) for t in StepDone.objects.order_by("step")] == [
        (1, dt.date(2026, 12, 20)),
        (2, dt.date(2026, 12, 19)),
    ]
    assert "2 of" in after and "steps done" in after
    assert "Done</strong> on 20 Dec 2026" in after and "Done</strong> on 19 Dec 2026" in after
    assert "Mark done" not in after  # read-only
    exam_after = re.search(r"exam now around ([0-9]+ \w+ [0-9]{4})", after)[1]
    assert exam_after != exam_before
    # The steps left run on from the last day marked.
    assert dt.datetime.strptime(exam_after, "%d %b %Y").date() > dt.date(2026, 12, 20)


def test_a_wrong_key_is_refused_and_changes_nothing(client, saved):
    code, key, _ = saved
    wrong = "x" * len(key)
    assert client.get(reverse("advisor:owner", args=[code, wrong])).status_code == 404
    assert tick(client, code, wrong, 1).status_code == 404
    assert not StepDone.objects.exists()


def test_bad_ticks_say_what_is_wrong_and_change_nothing(client, saved):
    code, key, _ = saved
    steps = len(SharedResult.objects.get(code=code).result["pathway"])
    with time_machine.travel(dt.datetime(2026, 12, 10, 12, tzinfo=dt.UTC), tick=False):
        cases = {
            "future": tick(client, code, key, 1, on="2026-12-11"),
            "before saving": tick(client, code, key, 1, on="2026-11-30"),
            "no such step": tick(client, code, key, steps + 1),
            "not a date": tick(client, code, key, 1, on="yesterday"),
        }
    for name, response in cases.items():
        assert response.status_code == 400, name
        html = response.content.decode()
        assert "That step was not changed" in html, name
    assert (
        "Done on: A step cannot be done on a day still to come." in cases["future"].content.decode()
    )
    assert "saved on 1 December 2026" in cases["before saving"].content.decode()
    assert f"there is no step {steps + 1}" in cases["no such step"].content.decode()
    assert "YYYY-MM-DD" in cases["not a date"].content.decode()
    assert not StepDone.objects.exists()


def test_ticking_twice_is_one_tick_and_unticking_removes_it(client, saved):
    code, key, _ = saved
    with time_machine.travel(dt.datetime(2026, 12, 10, 12, tzinfo=dt.UTC), tick=False):
        tick(client, code, key, 1)
        tick(client, code, key, 1)
        assert StepDone.objects.count() == 1
        client.post(reverse("advisor:owner_step", args=[code, key]), {"step": 1, "done": ""})
    assert not StepDone.objects.exists()


def test_each_save_is_its_own_plan_with_its_own_owner(client, loaded_catalogue):
    """Two people saving the same answers must not share progress; the certifications'
    facts are still stored once."""
    from advisor.models import FactSheet

    data = dict(flatten(example("career-changer-beginner")))
    first, second = (client.post(reverse("advisor:share"), data)["Location"] for _ in range(2))
    assert first != second
    assert SharedResult.objects.count() == 2
    assert FactSheet.objects.count() == 1


def test_the_api_marks_progress_with_the_owner_key_only(client, loaded_catalogue):
    with time_machine.travel(SAVED_ON, tick=False):
        created = client.post(
            "/api/v1/shares", example("career-changer-beginner"), content_type="application/json"
        )
    assert created.status_code == 201
    body = created.json()
    assert body["owner_url"].endswith(f"/r/{body['code']}/owner/{body['owner_key']}/")
    url = f"/api/v1/shares/{body['code']}/progress"

    def post(payload, key=body["owner_key"]):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
        return client.post(url, payload, content_type="application/json", **headers)

    with time_machine.travel(dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC), tick=False):
        assert post({"step": 1, "done": True}, key=None).status_code == 403
        assert post({"step": 1, "done": True}, key="wrong").status_code == 403
        assert not StepDone.objects.exists()
        unknown = post({"step": 99, "done": True})
        assert unknown.status_code == 422
        assert unknown.json()["detail"][0]["path"] == "step"
        done = post({"step": 1, "done": True, "on": "2026-12-04"})
    assert done.status_code == 200
    progress = done.json()
    assert progress["done"] == [{"step": 1, "on": "2026-12-04"}]
    assert progress["steps_done"] == 1 and progress["steps_total"] > 1
    assert progress["exam_on"] > "2026-12-04"
