"""Whole pages kept in Django's cache, for pages that are a pure function of a few inputs
(the catalogue version, a share code, validated filters): a busy page is rendered once per
change, not once per visitor. Keys are built from validated inputs only, so junk query
parameters cannot fill the cache. Compression is GZipMiddleware's."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

TTL_SECONDS = 60 * 60
KEY_PREFIX = "html:v1:"


def page_key(prefix: str, parts: Sequence[str]) -> str:
    """A cache key for a page that is a pure function of `parts` and today's date."""
    text = "\n".join([timezone.localdate().isoformat(), *parts])
    return prefix + hashlib.sha256(text.encode()).hexdigest()


def cached_html(parts: Sequence[str], render: Callable[[], str]) -> HttpResponse:
    """The page for `parts` (and today), rendered by `render()` when not in the cache."""
    key = page_key(KEY_PREFIX, parts)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TTL_SECONDS)
    return HttpResponse(html)
