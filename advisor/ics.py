"""A saved plan as an iCalendar file: study sessions that recur weekly at the visitor's
hours, the exam day and renewals as dated events with reminders.

A span of weeks as one all-day event lay across the calendar like a banner for up to 14
months and said nothing about when to study; weekly sessions of the hours the visitor gave,
each carrying its step's study links, are what a person can follow.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from icalendar import Alarm, Calendar, Event, vRecur

from advisor.presenters import dated_pathway

# Study days in the order sessions are added: a weekend day first, then spread over the week.
SESSION_DAYS = ("SA", "TU", "TH", "SU", "MO", "WE", "FR")
WEEKDAY = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
SESSION_START = dt.time(18, 0)  # floating: the visitor's own evening, wherever they are
MAX_SESSION_HOURS = 3


def sessions(weekly_hours: float) -> tuple[tuple[str, ...], dt.timedelta]:
    """The week's hours as sessions of at most three hours (more only past 21 hours, one a
    day): which days, and how long each is, to the minute, so they add up to the hours."""
    count = min(len(SESSION_DAYS), max(1, math.ceil(weekly_hours / MAX_SESSION_HOURS)))
    return SESSION_DAYS[:count], dt.timedelta(minutes=round(weekly_hours * 60 / count))


def _first_session(start: dt.date, days: tuple[str, ...]) -> dt.date:
    """The first day on or after `start` that is a study day (an RRULE's DTSTART must be one
    of its own occurrences, or calendars add it as an extra)."""
    wanted = {WEEKDAY[d] for d in days}
    return next(
        start + dt.timedelta(n) for n in range(7) if (start + dt.timedelta(n)).weekday() in wanted
    )


def _alarm(before: dt.timedelta, words: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", words)
    alarm.add("trigger", -before)
    return alarm


def _description(step: dict[str, Any], url: str) -> str:
    lines = [step.get("detail") or step["title"]]
    if step.get("links"):
        lines += ["", "Where to study:"] + [
            f"- {link['title']}: {link['url']}" for link in step["links"]
        ]
    return "\n".join([*lines, "", f"Your plan: {url}"])


def plan_calendar(
    result: dict[str, Any],
    *,
    start: dt.date,
    url: str,
    code: str,
    weekly_hours: float,
    done: Mapping[int, dt.date] | None = None,
    sequence: int = 0,
    today: dt.date | None = None,
) -> bytes:
    """The plan saved on `start`, with its owner's progress (`done`: step number → day): a
    done step is one event on its day, the steps left are re-dated from `today`,
    and a certification marked done brings its renewal. A calendar subscribed to the plan's
    address follows along: event UIDs are stable (the plan's code and the step's place),
    and `sequence` (the plan's count of ticks) tells calendars an event moved. The UIDs carry
    the plan's code: a second plan saved the same day adds its events beside the first's."""
    calendar = Calendar()
    calendar.add("prodid", "-//certpath//study plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "certpath study plan")
    # Subscribed calendars: look again twice a day (RFC 7986, and the older Apple/Outlook name).
    calendar.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    stamp = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    # Entries name the certification ("Study for X"), not the step's own sentence; a step
    # about one certpath does not list keeps it.
    names = {r["slug"]: r["name"] for r in result["recommendations"]}
    days, length = sessions(weekly_hours)

    def event(uid: str, summary: str) -> Event:
        item = Event()
        item.add("uid", f"plan-{code}-{uid}@certpath")
        item.add("dtstamp", stamp)
        item.add("url", url)
        item.add("summary", summary)
        item.add("sequence", sequence)
        return item

    steps = dated_pathway(result["pathway"], start, done, result["recommendations"], today)
    for step in steps:
        name = names.get(step.get("slug") or "")
        # A step's place in the saved pathway; a renewal that joined (a certification marked
        # done) is named by its certification.
        uid = f"renewal-{step['slug']}" if step.get("joined") else f"step-{step['order']}"
        if step.get("done_on"):
            finished = event(uid, f"Done: {name or step['title']}")
            finished.add("dtstart", step["done_on"])
            finished.add("dtend", step["done_on"] + dt.timedelta(days=1))
            finished.add("description", f"Marked done.\n\nYour plan: {url}")
            calendar.add_component(finished)
            continue
        if step["kind"] == "renewal":
            if not step.get("due"):
                continue
            renewal = event(uid, f"Renewal due: {name}" if name else step["title"])
            renewal.add("dtstart", step["due"])
            renewal.add("dtend", step["due"] + dt.timedelta(days=1))
            renewal.add("description", _description(step, url))
            renewal.add_component(_alarm(dt.timedelta(days=90), "Renewal due in 90 days"))
            renewal.add_component(_alarm(dt.timedelta(days=30), "Renewal due in 30 days"))
            calendar.add_component(renewal)
            continue
        if not step.get("weeks"):
            continue  # no time estimate (a prerequisite certpath does not list): no dates
        last = step["ends"] - dt.timedelta(days=1)  # the next step (or the exam) starts then
        first = _first_session(step["starts"], days)
        if first <= last:
            title = (
                f"Study for {name}" if step["kind"] == "certification" and name else step["title"]
            )
            study = event(uid, title)
            study.add("dtstart", dt.datetime.combine(first, SESSION_START))
            study.add("duration", length)
            study.add(
                "rrule",
                vRecur(
                    freq="weekly",
                    byday=list(days),
                    until=dt.datetime.combine(last, dt.time(23, 59)),
                ),
            )
            study.add("description", _description(step, url))
            calendar.add_component(study)
        if step["kind"] == "certification":
            exam = event(f"{uid}-exam", f"Exam target: {name or step['title']}")
            exam.add("dtstart", step["ends"])
            exam.add("dtend", step["ends"] + dt.timedelta(days=1))
            exam.add("description", f"Book the exam if you have not yet.\n\nYour plan: {url}")
            exam.add_component(_alarm(dt.timedelta(days=21), "Book your exam: three weeks to go"))
            calendar.add_component(exam)
    return calendar.to_ical()
