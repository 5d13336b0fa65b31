"""Rendered advisor pages, cached.

A results page is a pure function of its URL, the catalogue version and the day, so identical
requests (a team opening the same link, the live ranking coming back to earlier answers) skip
the engine and the templates. The CSRF token is the only per-visitor part, and only full pages
carry it (the htmx fragment has none): pages are stored as bytes split where the token goes,
each part also compressed, and each response gets its own token. Compressing a 50 KB page
costs more than everything else in the request, so it is done once per page, not per response.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers

from config.html_cache import page_key
from config.middleware import accepts_gzip

CSRF_PLACEHOLDER = "__certpath_csrf_token__"
TTL_SECONDS = 60 * 60
# Bump when the stored shape changes, so a deploy never reads the previous release's entries.
KEY_PREFIX = "page:v5:"
# Magic, deflate, no flags, no mtime, no extra flags, unknown OS (what gzip.compress(mtime=0)
# writes, bar the OS byte).
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def _deflate(data: bytes, *, last: bool, level: int = 9) -> bytes:
    """Raw deflate that stands alone: it refers to nothing before it and ends on a byte
    boundary, so segments compressed apart join into one valid stream."""
    # Level 0 (a stored block; smallest window and memory) is for the random token: nothing
    # to gain from compressing it, and setting up a level-9 compressor costs 15 times as much.
    compressor = (
        zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
        if level
        else zlib.compressobj(0, zlib.DEFLATED, -9, 1)
    )
    return compressor.compress(data) + compressor.flush(
        zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH
    )


def _store(html: str) -> dict[str, Any]:
    parts = tuple(html.encode().split(CSRF_PLACEHOLDER.encode()))
    deflated = tuple(_deflate(part, last=i == len(parts) - 1) for i, part in enumerate(parts))
    # A page without a token (the htmx fragment) is the same gzip stream for everyone.
    finished = _gzip(parts, deflated) if len(parts) == 1 else None
    return {"parts": parts, "deflated": deflated, "gzip": finished}


def _gzip(pieces: Sequence[bytes], deflated: Sequence[bytes]) -> bytes:
    """A gzip member (RFC 1952) around deflate segments compressed apart."""
    crc = 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
    size = sum(len(piece) for piece in pieces)
    return GZIP_HEADER + b"".join(deflated) + struct.pack("<LL", crc, size & 0xFFFFFFFF)


def _respond(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
    """The stored page with this visitor's token, gzipped when the client takes it.

    The page is compressed once, when stored; per response only the token is, on its own. That
    also keeps the token out of any shared compression context, which is what BREACH needs.
    """
    parts: tuple[bytes, ...] = stored["parts"]
    deflated: tuple[bytes, ...] = stored["deflated"]
    pieces, segments = [parts[0]], [deflated[0]]
    if len(parts) > 1:
        token = get_token(request).encode()
        for part, segment in zip(parts[1:], deflated[1:], strict=True):
            pieces += [token, part]
            segments += [_deflate(token, last=False, level=0), segment]
    if accepts_gzip(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(stored["gzip"] or _gzip(pieces, segments))
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(b"".join(pieces))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _key(template: str, variant: str, version: str) -> str:
    return page_key(KEY_PREFIX, [version, template, variant])


def stored_page(
    request: HttpRequest, *, template: str, variant: str, version: str
) -> HttpResponse | None:
    """The page if it is in the cache (nothing is built or stored)."""
    stored = cache.get(_key(template, variant, version))
    return None if stored is None else _respond(request, stored)


def cached_page(
    request: HttpRequest,
    *,
    template: str,
    variant: str,
    version: str,
    build_context: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """The page from the cache, or built, rendered and stored. `variant` names everything
    else the page depends on (the caller's canonical answers and request kind)."""
    key = _key(template, variant, version)
    stored = cache.get(key)
    if stored is None:
        context = build_context()
        html = render_to_string(
            template, {**context, "csrf_placeholder": CSRF_PLACEHOLDER}, request
        )
        stored = _store(html)
        cache.set(key, stored, TTL_SECONDS)
    return _respond(request, stored)
