"""A saved plan's own change feed: `/r/CODE/changes.atom` (issue 27).

Django's syndication framework, as the catalogue's feed uses it. An entry for each change to a
certification the plan names, made after the plan was saved (advisor/alerts.py), dated by the
change. The feed carries the public link only, never the owner's.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from advisor.alerts import Alert, plan_alerts
from advisor.models import SharedResult


class PlanChangesFeed(Feed):
    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def get_object(self, request: HttpRequest, code: str) -> SharedResult:
        return get_object_or_404(SharedResult.objects.with_result(), code=code)

    def title(self, plan: SharedResult) -> str:
        return f"certpath: changes to the plan saved on {plan.created_at:%-d %B %Y}"

    def subtitle(self, plan: SharedResult) -> str:
        return (
            "Retirements, successors, new exam versions and price changes of the "
            "certifications in this plan, since it was saved, and what each means for it."
        )

    def link(self, plan: SharedResult) -> str:
        return reverse("advisor:shared", args=[plan.code])

    def items(self, plan: SharedResult) -> list[Alert]:
        return plan_alerts(plan)

    def item_title(self, item: Alert) -> str:
        return item.title

    def item_description(self, item: Alert) -> str:
        return item.title

    def item_link(self, item: Alert) -> str:
        return reverse("advisor:shared", args=[item.code]) + "#plan-alerts"

    def item_guid(self, item: Alert) -> str:
        return f"tag:certpath,2026:plan-change:{item.key}"

    def item_pubdate(self, item: Alert) -> dt.datetime:
        return item.when

    def item_updateddate(self, item: Alert) -> dt.datetime:
        return item.when


PLAN_FEED = PlanChangesFeed()
