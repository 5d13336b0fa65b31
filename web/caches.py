"""The cache configuration, in one function the settings and the outage tests both use."""

from __future__ import annotations

from typing import Any

# Rate-limit counters (RATELIMIT_USE_CACHE) live apart from pages, so no number of cached
# pages can evict them and reset a client's budget.
LIMITS = "limits"


def cache_settings(
    redis_url: str,
    timeout_seconds: float,
    limits_dir: str,
    *,
    limits_url: str = "",
    release: str = "",
    max_pages: int = 500,
) -> dict[str, Any]:
    """Redis when configured (shared by every process), else a small per-process cache for
    pages and files in `limits_dir` for rate-limit counters (pages cannot evict them, and a
    worker's death does not reset them). Without Redis gunicorn still runs one worker (see
    config/gunicorn.conf.py): the file cache's counting is not atomic across processes.

    Redis is never allowed to take the site down: short timeouts, a circuit breaker that stops
    asking a Redis that does not answer, and django-redis turns a Redis error into a cache miss
    (logged on "certpath.redis"); rate limits fail open (RATELIMIT_FAIL_OPEN) and /readyz
    reports the outage.

    Two caches with two needs: pages may be evicted (bounded, least recently used: Redis
    `maxmemory` with `allkeys-lru`, or `max_pages` entries in-process), counters never
    (`noeviction`, or a flood of pages would reset every client's budget). Redis applies one
    eviction policy per instance, so `limits_url` names a second instance for the counters;
    without it they share `redis_url` and the operator must not let that instance evict.
    Pages are keyed per `release`: a deploy never reads the previous release's pages.
    """
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "KEY_PREFIX": release,
                "OPTIONS": {"MAX_ENTRIES": max_pages},
            },
            # On disk, not in the process: a worker killed by a stalled client (or a restart)
            # no longer resets every client's budget. Django's file cache, counting without
            # moving the window's end (web/cache_backends.py), in CERTPATH_LIMITS_DIR.
            LIMITS: {
                "BACKEND": "web.cache_backends.CounterFileCache",
                "LOCATION": limits_dir,
                # A counter is a few bytes: room for far more clients than an hour brings.
                "OPTIONS": {"MAX_ENTRIES": 100_000},
            },
        }

    def redis(url: str, prefix: str) -> dict[str, Any]:
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": timeout_seconds,
                "SOCKET_TIMEOUT": timeout_seconds,
                "IGNORE_EXCEPTIONS": True,
                # A hung Redis is skipped for a few seconds instead of waited for on every
                # operation (web/redis_breaker.py).
                "REDIS_CLIENT_CLASS": "web.redis_breaker.GuardedRedis",
            },
        }

    return {"default": redis(redis_url, release), LIMITS: redis(limits_url or redis_url, LIMITS)}
