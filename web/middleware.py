"""Small middleware for what the stock middleware gets wrong for this site."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from log_request_id.middleware import RequestIDMiddleware

from web.errors import too_many_requests
from web.limits import READ_GROUP, over_limit, seconds_until_allowed, wait_words

# A proxy's id is a short token; anything else goes into headers and every log line.
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class SafeRequestIDMiddleware(RequestIDMiddleware):
    """The proxy's X-Request-ID when it is a short token, else a fresh one: an 8,000-character
    or multi-line id would bloat responses and forge log lines."""

    def _get_request_id(self, request: HttpRequest) -> str:
        given = request.META.get(self.request_id_header or "", "")
        return given if _SAFE_REQUEST_ID.fullmatch(given) else self._generate_id()


class ReadLimitMiddleware:
    """API reads (the catalogue, saved results, the OpenAPI schema and its docs page) and the
    change feed count against the same read budget per client as the web pages, which count
    in their views: one client reading the 450 KB catalogue nine times a second filled both
    workers. Over the budget: 429 with Retry-After, in JSON under /api/."""

    PREFIXES = ("/api/", "/certifications/changes.atom")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if (
            request.method in ("GET", "HEAD")
            and path.startswith(self.PREFIXES)
            and over_limit(request, group=READ_GROUP)
        ):
            seconds = seconds_until_allowed(request)
            if path.startswith("/api/"):
                response: HttpResponse = JsonResponse(
                    {"detail": f"Too many requests: try again in {wait_words(seconds)}."},
                    status=429,
                )
                response["Retry-After"] = str(seconds)
                return response
            return too_many_requests(request)
        return self.get_response(request)


class RedirectHeadersMiddleware:
    """SecurityMiddleware answers the http→https redirect itself, before the header
    middlewares below it run, so the redirect had no CSP, X-Frame-Options or
    Permissions-Policy. Above it, this gives a redirect that lacks them the strictest values
    (a redirect has no content to frame or run)."""

    HEADERS = {
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if 300 <= response.status_code < 400 and "Content-Security-Policy" not in response:
            for name, value in self.HEADERS.items():
                response.headers.setdefault(name, value)
        return response
