"""The client's address, for rate limits (django-ratelimit's `ip` key) and login lockouts
(django-axes): one answer for both.

Behind the documented reverse proxy, DJANGO_CLIENT_IP_HEADER names the header it sets. When
that header is a list (X-Forwarded-For), the *last* entry is the one our proxy appended; the
entries before it are whatever the client sent, so a client could forge them. Without the
header (a request that did not come through the proxy), the socket's address is used.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    header = settings.CLIENT_IP_HEADER
    if header:
        entries = [e.strip() for e in request.META.get(header, "").split(",") if e.strip()]
        if entries:
            try:
                return str(ipaddress.ip_address(entries[-1]))
            except ValueError:
                pass  # not an address: fall back to the socket's
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"
