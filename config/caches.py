"""The cache configuration, in one function the settings and the outage tests both use."""

from __future__ import annotations

from typing import Any

# Rate-limit counters (RATELIMIT_USE_CACHE) live apart from pages, so no number of cached
# pages can evict them and reset a client's budget.
LIMITS = "limits"


def cache_settings(redis_url: str, timeout_seconds: float) -> dict[str, Any]:
    """Redis when configured (shared by every process), else per-process caches: a small one
    for pages and one for rate-limit counters that pages cannot evict. Per-process counters
    are right for one process only, so gunicorn refuses several workers without Redis (see
    config/gunicorn.conf.py).

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
            LIMITS: {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": LIMITS,
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
