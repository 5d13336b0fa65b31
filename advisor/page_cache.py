"""Rendered advisor pages, cached.

A results page is a pure function of its URL, the catalogue version and the day, so identical
requests (a team opening the same link, the live ranking coming back to earlier answers) skip
the engine and the templates. The CSRF token is the only per-visitor part, and only full pages
carry it: they are stored as bytes split where the token goes, and each response gets its own.
The htmx fragment carries none, so it is stored finished, gzip included: the live ranking is
the hot path, and compressing 50 KB costs more than everything else in the request.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.middleware.gzip import re_accepts_gzip
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers

CSRF_PLACEHOLDER = "__certpath_csrf_token__"
TTL_SECONDS = 60 * 60
# Bump when the stored shape changes, so a deploy never reads the previous release's entries.
KEY_PREFIX = "page:v2:"


def _store(html: str) -> dict[str, Any]:
    parts = tuple(html.encode().split(CSRF_PLACEHOLDER.encode()))
    # A body with a token in it is compressed per response by GZipMiddleware (with its BREACH
    # padding); one without any secret is compressed once, here.
    gzipped = gzip.compress(parts[0], mtime=0) if len(parts) == 1 else None
    return {"parts": parts, "gzip": gzipped}


def _respond(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
    parts: tuple[bytes, ...] = stored["parts"]
    if len(parts) > 1:
        return HttpResponse(get_token(request).encode().join(parts))
    accepts_gzip = re_accepts_gzip.search(request.headers.get("Accept-Encoding", ""))
    if stored["gzip"] is not None and accepts_gzip:
        response = HttpResponse(stored["gzip"])
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(parts[0])
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def cached_page(
    request: HttpRequest,
    *,
    template: str,
    version: str,
    build_context: Callable[[], dict[str, Any] | HttpResponse],
) -> HttpResponse:
    """The page from the cache, or built, rendered and stored; a response that `build_context`
    returns instead of a context (invalid answers) is passed through and never stored."""
    parts = [version, timezone.localdate().isoformat(), template, request.get_full_path()]
    key = KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()
    stored = cache.get(key)
    if stored is None:
        context = build_context()
        if isinstance(context, HttpResponse):
            return context
        html = render_to_string(
            template, {**context, "csrf_placeholder": CSRF_PLACEHOLDER}, request
        )
        stored = _store(html)
        cache.set(key, stored, TTL_SECONDS)
    return _respond(request, stored)
