"""Content codings a client accepts: shared by the gzip middleware and the page cache, which
serves pages it compressed when stored."""

from __future__ import annotations

import functools

from django.utils.http import parse_header_parameters


@functools.lru_cache(maxsize=256)  # browsers send a handful of distinct values
def accepts_gzip(accept_encoding: str) -> bool:
    """Whether gzip is acceptable, q-values honoured (RFC 9110 §12.5.3): `gzip;q=0` refuses
    it, and `*` stands for every coding not named. Django's check only looks for the word."""
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, params = parse_header_parameters(item)
        try:
            weights[coding] = float(params.get("q", "1"))
        except ValueError:
            weights[coding] = 0.0
    if "gzip" in weights:
        return weights["gzip"] > 0
    return weights.get("*", 0.0) > 0
