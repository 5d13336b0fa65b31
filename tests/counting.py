"""A worker process counting reads (spawned by tests/test_client_limits.py): importable
without Django's settings, as a spawned process starts with none."""

from __future__ import annotations


def count(directory: str, times: int) -> None:
    from web.cache_backends import CounterFileCache

    cache = CounterFileCache(directory, {})
    for _ in range(times):
        cache.incr("reads:client")
