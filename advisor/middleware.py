"""Cached advice pages answered before the rest of the middleware stack."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from advisor.views import stored_advice
from config.limits import READ_GROUP, over_limit

# What the header middlewares below this one (X-Frame-Options, django-csp,
# django-permissions-policy) can add to a page. Each is a site-wide constant from settings:
# neither advice view changes them (tests/test_cached_advice.py compares every header of a
# hit with the rendered page's).
SITE_HEADERS = (
    "X-Frame-Options",
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
    "Permissions-Policy",
    "Permissions-Policy-Report-Only",
)


class CachedAdviceMiddleware:
    """The questionnaire and results pages, when the cache already holds them, straight
    from the cache: the page is the same for every visitor and sets no cookie, so sessions,
    CSRF, authentication, messages, URL resolution and the view's decorators have nothing to
    do. It sits right below SecurityMiddleware (which still redirects plain http and adds its
    headers), above the header middlewares: in-process those cost 35 to 60 µs a response, most
    of it django-csp building its policy anew each time, about as much as the rest of a hit.
    A hit carries their headers as they were on the first full page (a 200) this instance
    passed back; until then every request takes the whole stack.

    What the skipped layers do that still matters is done here: a foreign Host goes on down
    to CommonMiddleware's refusal (so its 400 has the site's headers too), and the hit counts
    against the visitor's read budget. A miss goes through the whole stack and is counted by
    the view alone. A visitor over budget is counted here and again by the view, which
    changes nothing: the window is fixed, and they are refused until it ends.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.pages: dict[str, str] | None = None
        self.site_headers: dict[str, str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.pages is None:  # the URLconf is not loaded yet when middleware is built
            self.pages = {
                reverse("advisor:questionnaire"): "questionnaire",
                reverse("advisor:results"): "results",
            }
        page = self.pages.get(request.path_info)
        if page is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if self.site_headers is not None and _host_allowed(request):
            hit = stored_advice(request, page)
            if hit is not None and not over_limit(request, group=READ_GROUP):
                for name, value in self.site_headers.items():
                    hit.headers[name] = value
                return hit
        response = self.get_response(request)
        if self.site_headers is None and response.status_code == 200:
            self.site_headers = {name: response[name] for name in SITE_HEADERS if name in response}
        return response


def _host_allowed(request: HttpRequest) -> bool:
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True
