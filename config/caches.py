"""The cache configuration, in one function the settings and the outage tests both use."""

from __future__ import annotations

from typing import Any

# Rate-limit counters (RATELIMIT_USE_CACHE) live apart from pages, so no number of cached
# pages can evict them and reset a client's budget.
LIMITS = "limits"


def cache_settings(redis_url: str, timeout_seconds: float, limits_dir: str) -> dict[str, Any]:
    """Redis when configured (shared by every process), else a small per-process cache for
    pages and files in `limits_dir` for rate-limit counters (pages cannot evict them, and a
    worker's death does not reset them). Without Redis gunicorn still runs one worker (see
    config/gunicorn.conf.py): the file cache's counting is not atomic across processes.

    Redis is never allowed to take the site down: short timeouts, a circuit breaker that stops
    asking a Redis that does not answer, and django-redis turns a Redis error into a cache miss
    (logged on "certpath.redis"); rate limits fail open (RATELIMIT_FAIL_OPEN) and /readyz
    reports the outage.
    """
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 500},
            },
            # On disk, not in the process: a worker killed by a stalled client (or a restart)
            # no longer resets every client's budget. Django's file cache, counting without
            # moving the window's end (config/cache_backends.py), in CERTPATH_LIMITS_DIR.
            LIMITS: {
                "BACKEND": "config.cache_backends.CounterFileCache",
                "LOCATION": limits_dir,
                # A counter is a few bytes: room for far more clients than an hour brings.
                "OPTIONS": {"MAX_ENTRIES": 100_000},
            },
        }
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_url,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": timeout_seconds,
            "SOCKET_TIMEOUT": timeout_seconds,
            "IGNORE_EXCEPTIONS": True,
            # A hung Redis is skipped for a few seconds instead of waited for on every
            # operation (config/redis_breaker.py).
            "REDIS_CLIENT_CLASS": "config.redis_breaker.GuardedRedis",
        },
    }
    return {"default": redis, LIMITS: {**redis, "KEY_PREFIX": LIMITS}}
