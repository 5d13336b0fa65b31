"""An Atom feed of catalogue changes, from the admin's own history (LogEntry).

People can follow retirements, status and price changes and new certifications without an
account. Staff names are never published; the change message says what changed and, for the
facts that matter to a plan (status, its date, price, validity), from what to what.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from certifications.models import Certification

FEED_LENGTH = 50


class CatalogueChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "certpath: catalogue changes"
    subtitle = (
        "Retirements, status and price changes, new and removed certifications, as certpath's "
        "editors record them."
    )

    def link(self) -> str:
        return reverse("certifications:list")

    def items(self) -> QuerySet[LogEntry]:
        kind = ContentType.objects.get_for_model(Certification)
        return LogEntry.objects.filter(content_type=kind).order_by("-action_time", "-pk")[
            :FEED_LENGTH
        ]

    def item_title(self, item: LogEntry) -> str:
        if item.action_flag == ADDITION:
            return f"{item.object_repr}: added to the catalogue"
        if item.action_flag == DELETION:
            return f"{item.object_repr}: removed from the catalogue"
        return f"{item.object_repr}: {item.get_change_message() or 'edited'}"

    def item_description(self, item: LogEntry) -> str:
        return self.item_title(item)

    def item_link(self, item: LogEntry) -> str:
        slug = (
            Certification.objects.filter(pk=item.object_id).values_list("slug", flat=True).first()
            if item.object_id and item.object_id.isdigit()
            else None
        )
        if slug is None:
            return reverse("certifications:list")
        return reverse("certifications:detail", args=[slug])

    def item_guid(self, item: LogEntry) -> str:
        return f"tag:certpath,2026:catalogue-change-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: LogEntry) -> dt.datetime:
        return item.action_time

    def item_updateddate(self, item: LogEntry) -> dt.datetime:
        return item.action_time
