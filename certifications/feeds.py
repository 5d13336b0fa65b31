"""An Atom feed of the catalogue's changes: its own dated history and the admin's edits.

People can follow retirements, new versions, status and price changes and new certifications
without an account. The file's dated history (certpath/history.py) is told dated by when each
thing happened, so a fresh catalogue already has a history; edits made in the admin come from
its own log (LogEntry). Staff names are never published; for the facts that matter to a plan
(status, its date, price, validity) an edit says from what to what. The feed's `updated` is its
newest entry's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from certifications.models import Certification
from certifications.selectors import current_catalogue
from certpath.history import events

FEED_LENGTH = 50


@dataclass(frozen=True)
class Entry:
    when: dt.datetime
    title: str
    slug: str | None
    guid: str


def _at_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def _edit_title(item: LogEntry) -> str:
    if item.action_flag == ADDITION:
        return f"{item.object_repr}: added to the catalogue"
    if item.action_flag == DELETION:
        return f"{item.object_repr}: removed from the catalogue"
    return f"{item.object_repr}: {item.get_change_message() or 'edited'}"


class CatalogueChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "certpath: catalogue changes"
    subtitle = (
        "Launches, new versions, retirements and successors, status and price changes, as the "
        "catalogue records them and certpath's editors change them."
    )

    def link(self) -> str:
        return reverse("certifications:list")

    def items(self) -> list[Entry]:
        catalogue, _ = current_catalogue()
        dated = [
            Entry(_at_midnight(e.date), e.title, e.slug, f"tag:certpath,2026:history:{e.key}")
            for e in events(catalogue, timezone.localdate())[:FEED_LENGTH]
        ]
        kind = ContentType.objects.get_for_model(Certification)
        log = LogEntry.objects.filter(content_type=kind).order_by("-action_time", "-pk")
        slugs = dict(Certification.objects.values_list("pk", "slug"))
        edits = [
            Entry(
                item.action_time,
                _edit_title(item),
                slugs.get(int(item.object_id)) if (item.object_id or "").isdigit() else None,
                f"tag:certpath,2026:catalogue-change-{item.pk}",
            )
            for item in log[:FEED_LENGTH]
        ]
        return sorted(dated + edits, key=lambda e: e.when, reverse=True)[:FEED_LENGTH]

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.title

    def item_link(self, item: Entry) -> str:
        if item.slug is None:
            return reverse("certifications:list")
        return reverse("certifications:detail", args=[item.slug])

    def item_guid(self, item: Entry) -> str:
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item: Entry) -> dt.datetime:
        return item.when

    def item_updateddate(self, item: Entry) -> dt.datetime:
        return item.when


FEED = CatalogueChangesFeed()
FEED_CACHE_SECONDS = 3600


def changes_feed(request: HttpRequest) -> HttpResponse:
    """The feed from Django's cache: built once per catalogue version, day, newest admin edit
    and site address (its links are absolute)."""
    _, version = current_catalogue()
    kind = ContentType.objects.get_for_model(Certification)
    newest = (
        LogEntry.objects.filter(content_type=kind).order_by("-pk").values_list("pk", flat=True)
    ).first()
    site = request.build_absolute_uri("/")
    key = f"feed:{version}:{timezone.localdate()}:{newest}:{site}"
    cached = cache.get(key)
    if cached is None:
        response = FEED(request)
        cached = (response.content, response["Content-Type"])
        cache.set(key, cached, FEED_CACHE_SECONDS)
    return HttpResponse(cached[0], content_type=cached[1])
