"""Cached advice pages answered before the rest of the middleware stack."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from advisor.views import stored_advice
from config.limits import READ_GROUP, over_limit


class CachedAdviceMiddleware:
    """The questionnaire and results pages, when the cache already holds them, straight
    from the cache: the page is the same for every visitor and sets no cookie, so sessions,
    CSRF, authentication, messages, URL resolution and the view's decorators have nothing to
    do. It sits below the security-header middleware, so a hit carries the same headers.

    What the skipped layers do that still matters is done here: the Host is validated (as
    CommonMiddleware does) and the hit counts against the visitor's read budget. A miss, or
    a visitor over budget, goes through the whole stack; a miss is not counted here, so the
    view counts each request once.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.pages: dict[str, str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.pages is None:  # the URLconf is not loaded yet when middleware is built
            self.pages = {
                reverse("advisor:questionnaire"): "questionnaire",
                reverse("advisor:results"): "results",
            }
        page = self.pages.get(request.path_info)
        if page is not None and request.method in ("GET", "HEAD"):
            request.get_host()  # a Host outside ALLOWED_HOSTS is refused (400) here too
            hit = stored_advice(request, page)
            if hit is not None and not over_limit(request, group=READ_GROUP):
                return hit
        return self.get_response(request)
