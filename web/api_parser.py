"""How the API reads request bodies: JSON only, each key once, errors as JSON.

A body that is not declared `application/json` is refused with 415, so a cross-site form
(`text/plain`, which needs no CORS preflight) cannot create shares. A key given twice is
refused instead of the last one silently winning. (A body over Django's size limit is a
JSON 413: see the handler in config/api.py.)
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.parser import Parser


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise HttpError(400, f"The JSON body gives the key {key!r} twice.")
        seen[key] = value
    return seen


class StrictJSONParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        if request.content_type != "application/json":
            raise HttpError(415, "Send the body as JSON, with Content-Type: application/json.")
        try:
            return json.loads(request.body, object_pairs_hook=_no_duplicates)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise HttpError(400, f"The body is not valid JSON: {exc}") from None
