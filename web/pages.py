"""Whole pages in Django's per-view cache, as its documentation describes it.

The cache is asked first, by URL (validated Host and query included) and the request headers
the page varies on (HX-Request, Accept-Encoding), so a repeated page costs a cache read and no
validation, rendering or compression. Only canonical URLs are ever stored: a view answers
any other spelling with a redirect (never stored: not a 200) or, for the live panel's htmx
request, with a page marked `uncached`; so junk or reordered parameters cannot fill the
cache. What a page is made from besides its URL (the catalogue version, the day) is the key
prefix; the release is the cache's KEY_PREFIX (settings). Pages are stored compressed
(`gzip_page` inside the cache), so a hit is not compressed again, and with their ETag, so a
hit is not hashed again either. Browsers are told max-age=0: they revalidate, and
ConditionalGetMiddleware answers 304 when nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control, set_response_etag
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.gzip import gzip_page

PAGE_SECONDS = 60 * 60

View = Callable[..., HttpResponse]


def cached_page(prefix: Callable[..., str]) -> Callable[[View], View]:
    """`cache_page` for one hour, its key prefix `prefix(request, *args, **kwargs)` (the
    view's own arguments) at request time: a catalogue edit or a new day starts new entries,
    and the old ones expire on their own."""

    def decorator(view: View) -> View:
        stored = gzip_page(_with_etag(cache_control(max_age=0)(view)))

        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            key_prefix = prefix(request, *args, **kwargs)
            return cache_page(PAGE_SECONDS, key_prefix=key_prefix)(stored)(request, *args, **kwargs)

        return wrapped

    return decorator


def _with_etag(view: View) -> View:
    """The page's ETag, set once before it is stored (ConditionalGetMiddleware would hash the
    whole page again on every hit; it uses one already set). gzip_page makes it weak."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            set_response_etag(response)
        return response

    return wrapped


def uncached(response: HttpResponse) -> HttpResponse:
    """A response the page cache must not keep (Django's cache skips `no-store`): a
    non-canonical spelling answered as it came."""
    patch_cache_control(response, no_store=True)
    return response


def canonical(request: HttpRequest, query: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The page for a validated query: rendered when the request spells it canonically (what
    the cache may keep); any other spelling of a full page is redirected there (302: defaults
    could change one day); an htmx request, which sends every field, is rendered as it came
    and kept out of the cache."""
    if request.META.get("QUERY_STRING", "") == query:
        return render()
    if request.htmx:  # type: ignore[attr-defined]
        return uncached(render())
    return HttpResponseRedirect(f"{request.path}?{query}" if query else request.path)


def no_query(view: View) -> View:
    """A page that takes no query: one given is dropped by a permanent redirect, so junk
    parameters can neither reach the page nor fill the cache."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.META.get("QUERY_STRING"):
            return redirect(request.path, permanent=True)
        return view(request, *args, **kwargs)

    return wrapped
