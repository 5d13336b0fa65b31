"""A JSON document stored gzip-compressed, for saved plans that are read far less than kept."""

from __future__ import annotations

import gzip
import json
from typing import Any

from django.db import models


class CompressedJSONField(models.BinaryField):
    """JSON kept as gzip-compressed bytes.

    A saved plan is about 100 KB of repetitive JSON (50 ranked certifications with their
    reasons) and is written once, then read only when its page is rendered for the cache or
    its calendar or JSON is downloaded; compressed it is about 8 KB on every database (SQLite
    stores JSON as plain text, and PostgreSQL's own compression needs lz4 to be fast). It is
    never queried into, so nothing is lost by not being `jsonb`.
    """

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(gzip.decompress(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, bytes | memoryview):
            return json.loads(gzip.decompress(value))
        if isinstance(value, str):  # from value_to_string: loaddata, fixtures
            return json.loads(value)
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return gzip.compress(text.encode(), mtime=0)

    def value_to_string(self, obj: models.Model) -> str:  # serialisers (dumpdata) get JSON
        return json.dumps(self.value_from_object(obj), ensure_ascii=False)
