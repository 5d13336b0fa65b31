"""Health probes, answered before host validation."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from advisor.views import healthz, readyz


class ProbeMiddleware:
    """/healthz and /readyz answer whatever Host they are asked with (a load balancer often
    probes by IP), so they are served before host validation and redirects."""

    PROBES = {"/healthz": healthz, "/readyz": readyz}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = self.PROBES.get(request.path_info)
        return probe(request) if probe else self.get_response(request)
