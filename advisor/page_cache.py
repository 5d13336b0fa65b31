"""Rendered advisor pages, cached.

A results page is a pure function of its URL, the catalogue version and the day, so identical
requests (a team opening the same link, the live ranking coming back to earlier answers) skip
the engine and the templates. The CSRF token is the only per-visitor part: pages are stored
with a placeholder where the share form's token goes, and each response gets its own token.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone

CSRF_PLACEHOLDER = "__certpath_csrf_token__"
TTL_SECONDS = 60 * 60


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
    key = "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        context = build_context()
        if isinstance(context, HttpResponse):
            return context
        html = render_to_string(
            template, {**context, "csrf_placeholder": CSRF_PLACEHOLDER}, request
        )
        cache.set(key, html, TTL_SECONDS)
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
