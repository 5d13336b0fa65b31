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


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # An IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d) is that IPv4 client:
    # counted as the IPv6 /64 it falls in, every such client shared one budget.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def client_ip(request: HttpRequest) -> str:
    header = settings.CLIENT_IP_HEADER
    if header:
        entries = [e.strip() for e in request.META.get(header, "").split(",") if e.strip()]
        if entries and (address := _address(entries[-1])) is not None:
            return str(address)  # else not an address: fall back to the socket's
    address = _address(request.META.get("REMOTE_ADDR") or "")
    return str(address) if address is not None else "0.0.0.0"


def lockout_ip(request: HttpRequest) -> str:
    """The client as login lockouts count it: like the rate limits, an IPv6 client is its
    /64 (a host can rotate through its whole /64, and each address got its own five tries)."""
    address = ipaddress.ip_address(client_ip(request))
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)
