"""Error pages that say what happened in plain words and give the request id to quote.

No traceback, no version strings. The 500 page renders without the request's context
processors, so a broken database cannot break the error page too.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

from web.limits import seconds_until_allowed, wait_words


def _request_id(request: HttpRequest) -> str:
    return getattr(request, "id", "") or "unknown"


# What an API client is told, in the API's own JSON ({"detail": …}), for each status.
API_WORDS = {
    400: "Bad request.",
    403: "Not allowed.",
    404: "Not found: see /api/v1/docs for the API's addresses.",
    429: "Too many requests.",
    500: "Something went wrong on our side; quote the request id if you report it.",
    503: "The service is unavailable for now; try again shortly.",
}


def _page(
    request: HttpRequest, status: int, *, with_request: bool = True, **extra: str
) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        # Every API error is JSON, the unknown address and the server error too.
        detail = API_WORDS[status]
        if extra.get("wait"):
            detail = f"Too many requests: try again in {extra['wait']}."
        return JsonResponse({"detail": detail, "request_id": _request_id(request)}, status=status)
    template = loader.get_template(f"errors/{status}.html")
    context = {"request_id": _request_id(request), "status": status, **extra}
    body = template.render(context, request if with_request else None)
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404)


def unavailable(request: HttpRequest) -> HttpResponse:
    """503: something the request needs (the database taking writes) is down for now."""
    return _page(request, 503)


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(request, 500, with_request=False)


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    seconds = seconds_until_allowed(request)
    response = _page(request, 429, wait=wait_words(seconds))
    response["Retry-After"] = str(seconds)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(request, 403)
