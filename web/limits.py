"""Abuse limits for anonymous use, shared by the web pages and the API (django-ratelimit)."""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.timesince import timeuntil
from django_ratelimit.core import get_usage, is_ratelimited
from django_ratelimit.decorators import ratelimit

# django-ratelimit's own `ip` key: the address from web.client_ip (RATELIMIT_IP_META_KEY),
# IPv6 counted per /64 (a host can rotate through its whole /64).
CLIENT = "ip"


def _rate(name: str):
    # Read at request time so deployments (and tests) can change limits through settings.
    return lambda group, request: settings.RATE_LIMITS[name]


# Anonymous reads share one looser budget per client; saving a result has its own, tighter one.
READ_GROUP, SHARE_GROUP = "advisor-read", "advisor-share"
RATE_NAMES = {READ_GROUP: "results", SHARE_GROUP: "share"}  # keys of settings.RATE_LIMITS
# The methods are part of django-ratelimit's counter key, so the web and the API must name the
# same ones to share one budget per client.
METHODS = {READ_GROUP: ratelimit.ALL, SHARE_GROUP: ["POST"]}
limit_reads = ratelimit(
    key=CLIENT, rate=_rate("results"), method=METHODS[READ_GROUP], group=READ_GROUP, block=True
)
limit_shares = ratelimit(
    key=CLIENT, rate=_rate("share"), method=METHODS[SHARE_GROUP], group=SHARE_GROUP, block=True
)


def over_limit(request: HttpRequest, *, group: str) -> bool:
    """Count this request against a budget; True when it is over."""
    return is_ratelimited(
        request,
        group=group,
        key=CLIENT,
        rate=settings.RATE_LIMITS[RATE_NAMES[group]],
        method=METHODS[group],
        increment=True,
    )


def seconds_until_allowed(request: HttpRequest) -> int:
    """How long until the budget that refused this request opens again (for Retry-After).

    django-ratelimit counts in fixed windows whose ends it staggers per client; its own usage
    report (read without counting) says how long this client's window has left. The window's
    last second still counts against it, so the budget opens one second after that.
    """
    waits = []
    for group, rate_name in RATE_NAMES.items():
        usage = get_usage(
            request,
            group=group,
            key=CLIENT,
            rate=settings.RATE_LIMITS[rate_name],
            method=METHODS[group],
        )
        if usage is not None and usage["should_limit"]:
            waits.append(usage["time_left"] + 1)
    return max([*waits, 1])


def wait_words(seconds: int) -> str:
    """'1 minute', '25 minutes': the wait in Django's words, rounded up to whole minutes (a
    person retrying after the stated time must find the budget open)."""
    now = timezone.now()
    return timeuntil(now + dt.timedelta(minutes=math.ceil(seconds / 60)), now)
