"""A circuit breaker in front of Redis, so a hung Redis costs a timeout now and then instead
of one on every cache and rate-limit operation of every request.

django-redis already turns a Redis error into a cache miss (and rate limits fail open), but
each operation still waits its full timeout: with Redis stopped by SIGSTOP a page took 1.9 to
2.9 s. After FAILURES_TO_OPEN failures in a row a process stops asking that Redis for
RETRY_SECONDS (every operation fails at once, as a miss); then one operation tries again, and
success closes the breaker. Each Redis server has its own breaker in each process. The change
of state is logged on "certpath.redis", and /readyz (which pings through the breaker) answers
503 while it is open. (pybreaker holds its lock during a call, so threads of one process take
turns with Redis; gunicorn's workers here are single-threaded processes.)
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import pybreaker
import redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError

logger = logging.getLogger("certpath.redis")

FAILURES_TO_OPEN = 2
RETRY_SECONDS = 5


class _LogChanges(pybreaker.CircuitBreakerListener):
    def state_change(self, cb: pybreaker.CircuitBreaker, old_state: Any, new_state: Any) -> None:
        if new_state.name == pybreaker.STATE_OPEN:
            logger.error(
                "Redis %s is not answering: not asked for %s s (caches miss, limits fail open)",
                cb.name,
                cb.reset_timeout,
            )
        elif new_state.name == pybreaker.STATE_CLOSED:
            logger.warning("Redis %s answers again", cb.name)


_BREAKERS: dict[str, pybreaker.CircuitBreaker] = {}
_LOCK = threading.Lock()


def breaker_for(pool: redis.ConnectionPool) -> pybreaker.CircuitBreaker:
    """The breaker of the Redis server this pool connects to (one per server and process)."""
    kwargs = pool.connection_kwargs
    where = kwargs.get("path") or f"{kwargs.get('host')}:{kwargs.get('port')}"
    with _LOCK:
        if where not in _BREAKERS:
            _BREAKERS[where] = pybreaker.CircuitBreaker(
                fail_max=FAILURES_TO_OPEN,
                reset_timeout=RETRY_SECONDS,
                exclude=[ResponseError],  # Redis answered: a wrong command is not an outage
                listeners=[_LogChanges()],
                name=where,
            )
        return _BREAKERS[where]


class GuardedRedis(redis.Redis):
    """redis-py's client with every command passed through its server's breaker
    (django-redis's REDIS_CLIENT_CLASS, set in web/caches.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.breaker = breaker_for(self.connection_pool)

    def execute_command(self, *args: Any, **options: Any) -> Any:
        try:
            return self.breaker.call(super().execute_command, *args, **options)
        except pybreaker.CircuitBreakerError as error:
            # What django-redis turns into a miss, without waiting for a timeout.
            raise RedisConnectionError(f"Redis {self.breaker.name}: {error}") from error
