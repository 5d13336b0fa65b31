"""Abuse limits for anonymous use, shared by the web pages and the API (django-ratelimit)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit


def client_key(group: str, request: HttpRequest) -> str:
    """The client's address: the trusted proxy's header when configured, else the socket's."""
    header = settings.CLIENT_IP_HEADER
    address = request.META.get(header) if header else None
    address = address or request.META.get("REMOTE_ADDR") or "unknown"
    return address.split(",")[0].strip()


def _rate(name: str):
    # Read at request time so deployments (and tests) can change limits through settings.
    return lambda group, request: settings.RATE_LIMITS[name]


# Anonymous reads share one looser budget per client; saving a result has its own, tighter one.
READ_GROUP, SHARE_GROUP = "advisor-read", "advisor-share"
limit_reads = ratelimit(key=client_key, rate=_rate("results"), group=READ_GROUP, block=True)
limit_shares = ratelimit(
    key=client_key, rate=_rate("share"), method="POST", group=SHARE_GROUP, block=True
)


def over_limit(request: HttpRequest, *, group: str, rate_name: str) -> bool:
    """Count this request against a budget; True when it is over."""
    return is_ratelimited(
        request,
        group=group,
        key=client_key,
        rate=settings.RATE_LIMITS[rate_name],
        increment=True,
    )
