"""Whole pages in Django's per-view cache, as its documentation describes it.

A page is keyed by its URL (host and query included) and the request headers it varies on;
the views send only canonical URLs here (anything else is redirected or rendered uncached), so
junk or reordered parameters cannot fill the cache. What a page is made from besides its URL
(the catalogue version, the day) is the key prefix; the release is the cache's KEY_PREFIX
(settings). Browsers are told max-age=0: they revalidate, and ConditionalGetMiddleware answers
304 when the page has not changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control, cache_page

PAGE_SECONDS = 60 * 60

View = Callable[..., HttpResponse]


def cached_page(prefix: Callable[..., str]) -> Callable[[View], View]:
    """`cache_page` for one hour, its key prefix `prefix(request, *args, **kwargs)` (the
    view's own arguments) at request time: a catalogue edit or a new day starts new entries,
    and the old ones expire on their own."""

    def decorator(view: View) -> View:
        fresh = cache_control(max_age=0)(view)

        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            key_prefix = prefix(request, *args, **kwargs)
            return cache_page(PAGE_SECONDS, key_prefix=key_prefix)(fresh)(request, *args, **kwargs)

        return wrapped

    return decorator
