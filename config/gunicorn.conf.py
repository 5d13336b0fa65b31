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
# Workers are not recycled by default: a new worker starts with cold caches (templates, the
# engine's prepared catalogue, the local page cache), and under load each restart showed as a
# p99 spike. GUNICORN_MAX_REQUESTS turns recycling on should a memory leak ever show.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Load Django once in the master, so a replaced worker (recycled, or killed) is a fork, ready
# in milliseconds instead of a second or more of imports while the other worker takes all the
# traffic. Nothing opens a database connection at import time.
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
