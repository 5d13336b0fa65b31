"""gunicorn settings for `make serve` (read from the environment, like the app's settings)."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int


def _read(reader, name: str, default):
    """A setting from the environment; a value it cannot read stops gunicorn with one line."""
    try:
        return reader(name, default)
    except ImproperlyConfigured as exc:
        sys.exit(f"config/gunicorn.conf.py: {exc}")


def _int(name: str, default: int) -> int:
    return _read(env_int, name, default)


bind = f"127.0.0.1:{_int('PORT', 8000)}"
_shared_cache = bool(os.environ.get("REDIS_URL"))
workers = _int("WEB_CONCURRENCY", 2 if _shared_cache else 1)
# Rate-limit counters are per process without Redis: two workers would give every client two
# budgets. CERTPATH_LIMITS_PER_PROCESS=true accepts that (benchmarks that measure the app with
# limits out of the way do).
_per_process_ok = _read(env_bool, "CERTPATH_LIMITS_PER_PROCESS", False)


def on_starting(server) -> None:
    """The guard reads gunicorn's final configuration: GUNICORN_CMD_ARGS=--workers=3 or -w 3
    on the command line got past a check of WEB_CONCURRENCY alone."""
    count = server.cfg.workers
    if count > 1 and not _shared_cache and not _per_process_ok:
        sys.exit(
            f"config/gunicorn.conf.py: {count} workers need REDIS_URL, so the workers share "
            "one set of rate-limit counters (or run one worker: WEB_CONCURRENCY=1)."
        )


# The app logs one line per request with its request id (django-log-request-id); gunicorn's
# own access log would repeat each line.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 20
# Workers are not recycled by default: a new worker starts with cold caches (templates, the
# engine's prepared catalogue, the local page cache), and under load each restart showed as a
# p99 spike. GUNICORN_MAX_REQUESTS turns recycling on should a memory leak ever show.
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
# Load Django once in the master, so a replaced worker (recycled, or killed) is a fork, ready
# in milliseconds instead of a second or more of imports while the other worker takes all the
# traffic. Nothing opens a database connection at import time.
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (gunicornc) defaults to one path per user, so each `make serve`
# took it over from the instance before; nothing here uses it.
control_socket_disable = True
