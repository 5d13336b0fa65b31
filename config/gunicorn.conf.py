"""gunicorn settings for `make serve` (read from the environment, like the app's settings)."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from config.env import env_int


def _int(name: str, default: int) -> int:
    """A whole number from the environment; anything else stops gunicorn with one clear line."""
    try:
        return env_int(name, default)
    except ImproperlyConfigured as exc:
        sys.exit(f"config/gunicorn.conf.py: {exc}")


bind = f"127.0.0.1:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", 2)
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
