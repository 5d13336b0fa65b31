"""Whole pages kept in Django's cache: the one cache in front of the engine.

A cached page is a pure function of a few validated inputs (canonical answers, a share code,
catalogue filters), the catalogue version and the day, and it is the same for every visitor:
nothing per visitor is on it (the share form needs no CSRF token, see config/origin.py). So
it is stored finished, with its gzip made once by the standard library, as whitenoise does
for static files; GZipMiddleware leaves a response that is already encoded alone, and
compresses everything that is not cached. Keys are built from validated inputs only, so
junk or reordered query parameters cannot fill the cache.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Sequence

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from config.encodings import accepts_gzip
from config.release import RELEASE

TTL_SECONDS = 60 * 60
# Per release (config/release.py): a deploy never reads the previous release's pages.
KEY_PREFIX = f"html:{RELEASE}:"


def page_key(parts: Sequence[str]) -> str:
    """The cache key of the page that is a pure function of `parts` and today's date."""
    text = "\n".join([timezone.localdate().isoformat(), *parts])
    return KEY_PREFIX + hashlib.sha256(text.encode()).hexdigest()


def _respond(
    request: HttpRequest, stored: tuple[bytes, bytes], vary: Sequence[str] = ()
) -> HttpResponse:
    """A new response for a stored page: its gzip when the client takes it. Vary is set
    whole (the response is new), `vary` naming the request headers the page varies on."""
    body, compressed = stored
    if accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(compressed)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(body)
    # Set here, not left to CommonMiddleware: a hit can be answered before it runs.
    response.headers["Content-Length"] = str(len(response.content))
    response.headers["Vary"] = ", ".join(("Accept-Encoding", *vary))
    return response


def stored_html(
    request: HttpRequest, parts: Sequence[str], *, vary: Sequence[str] = ()
) -> HttpResponse | None:
    """The page for `parts` if it is in the cache; nothing is rendered or stored."""
    stored = cache.get(page_key(parts))
    return None if stored is None else _respond(request, stored, vary)


def cached_html(
    request: HttpRequest, parts: Sequence[str], render: Callable[[], str]
) -> HttpResponse:
    """The page for `parts` (and today), rendered by `render()` when not in the cache."""
    key = page_key(parts)
    stored = cache.get(key)
    if stored is None:
        body = render().encode()
        stored = (body, gzip.compress(body, mtime=0))
        cache.set(key, stored, TTL_SECONDS)
    return _respond(request, stored)
