"""certpath's public JSON API, version 1 (django-ninja, described at /api/v1/openapi.json)."""

from __future__ import annotations

import json

from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.responses import NinjaJSONEncoder

from advisor.api import router as advisor_router
from certifications.api import router as catalogue_router
from certpath.engine.answers import problems
from web.api_parser import StrictJSONParser
from web.limits import seconds_until_allowed


class CertpathAPI(NinjaAPI):
    """The OpenAPI document is the same for every request of a release: it is built once and
    kept in Django's cache, whose key prefix is the release (it took 60 ms, and one client
    asking nine times a second filled both workers)."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params=None):
        key = f"openapi:{path_prefix}:{sorted((path_params or {}).items())}"

        def build() -> dict:
            schema = super(CertpathAPI, self).get_openapi_schema(
                path_prefix=path_prefix, path_params=path_params
            )
            return json.loads(json.dumps(schema, cls=NinjaJSONEncoder))  # plain data, picklable

        return cache.get_or_set(key, build, timeout=None)


api = CertpathAPI(
    title="certpath API",
    version="1",
    description=(
        "Ranked, explained machine-learning certification advice. Answers and results follow "
        "certpath's JSON contract (version 2; version 1 answers are still accepted); every "
        "score comes with the reasons behind it."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    parser=StrictJSONParser(),
)
api.add_router("/", advisor_router)
api.add_router("/", catalogue_router)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 with one entry per problem, worded as `manage.py recommend` words them."""
    errors = []
    for item in exc.errors:
        loc = [part for part in item.get("loc", []) if part not in ("body", "answers", "query")]
        errors.append({**item, "loc": loc})
    detail = [{"path": path, "message": message} for path, message in problems(errors)]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, HttpError):
        # ninja wraps whatever the body parser raises as "Cannot parse request body"; the
        # parser's own refusal (415, a duplicate key) says more.
        exc = exc.__cause__
    response = api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
    if exc.status_code == 429:
        response["Retry-After"] = str(seconds_until_allowed(request))
    return response


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """Django's limit on a body, said in JSON like every other API error."""
    return api.create_response(request, {"detail": "The request body is too large."}, status=413)
