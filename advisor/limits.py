"""Abuse limits for anonymous use, shared by the web pages and the API (django-ratelimit)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

# django-ratelimit's own `ip` key: the address from config.client_ip (RATELIMIT_IP_META_KEY),
# IPv6 counted per /64 (a host can rotate through its whole /64).
CLIENT = "ip"


def _rate(name: str):
    # Read at request time so deployments (and tests) can change limits through settings.
    return lambda group, request: settings.RATE_LIMITS[name]


# Anonymous reads share one looser budget per client; saving a result has its own, tighter one.
READ_GROUP, SHARE_GROUP = "advisor-read", "advisor-share"
# The methods are part of django-ratelimit's counter key, so the web and the API must name the
# same ones to share one budget per client.
METHODS = {READ_GROUP: ratelimit.ALL, SHARE_GROUP: ["POST"]}
limit_reads = ratelimit(
    key=CLIENT, rate=_rate("results"), method=METHODS[READ_GROUP], group=READ_GROUP, block=True
)
limit_shares = ratelimit(
    key=CLIENT, rate=_rate("share"), method=METHODS[SHARE_GROUP], group=SHARE_GROUP, block=True
)


def over_limit(request: HttpRequest, *, group: str, rate_name: str) -> bool:
    """Count this request against a budget; True when it is over."""
    return is_ratelimited(
        request,
        group=group,
        key=CLIENT,
        rate=settings.RATE_LIMITS[rate_name],
        method=METHODS[group],
        increment=True,
    )
