"""One canonical digest of JSON-shaped data, for everything that asks "is this the same?"
(the catalogue's version, the study links' version, a saved plan)."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def json_digest(document: Any) -> str:
    """SHA-256 (hex) of the document as canonical JSON: sorted keys, no spaces."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
