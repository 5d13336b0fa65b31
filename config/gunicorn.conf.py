"""gunicorn settings for `make serve` (read from the environment, like the app's settings)."""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# The app logs one line per request with its request id (django-log-request-id); gunicorn's
# own access log would repeat each line.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle workers now and then so a slow leak cannot grow without bound (0 turns it off).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Load Django once in the master, so a recycled worker is a fork, ready in milliseconds: a
# worker importing the app for a second or more while the other takes all the traffic is what
# pushed p99 past a second under load. Nothing opens a database connection at import time.
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
