"""The cache configuration, in one function the settings and the outage tests both use."""

from __future__ import annotations

from typing import Any


def cache_settings(redis_url: str, timeout_seconds: float) -> dict[str, Any]:
    """Redis when configured (shared by every process), else a small per-process cache.

    Redis is never allowed to take the site down: short timeouts, and django-redis turns a
    Redis error into a cache miss (logged on "certpath.redis"); rate limits fail open
    (RATELIMIT_FAIL_OPEN) and /readyz reports the outage.
    """
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 500},
            }
        }
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": timeout_seconds,
                "SOCKET_TIMEOUT": timeout_seconds,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
