"""certpath settings. Everything that differs between machines comes from the environment."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_float, env_int, env_list, env_rate, env_str
from config.release import RELEASE
from web.caches import LIMITS, cache_settings
from web.client_ip import client_ip

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=True)

if DEBUG:
    # Only ever used for local development; production must bring its own.
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-dev-key-do-not-use-in-production")
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
    if len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set (at least 32 characters) when DJANGO_DEBUG is off."
        )

# The public address permanent links are written with (https://certpath.example). Empty: the
# request's own host in debug, a link relative to the site otherwise, so a cached page never
# carries the Host header of whoever asked first.
SITE_URL = env_str("DJANGO_SITE_URL", "").rstrip("/")
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_ratelimit",
    "django_htmx",
    "ninja",  # serves its API docs' assets from our static files, never a CDN
    "template_partials",
    "certifications",
    "advisor",
]

MIDDLEWARE = [
    "web.middleware.SafeRequestIDMiddleware",
    "web.middleware.RedirectHeadersMiddleware",  # the https redirect gets the headers too
    "django.middleware.security.SecurityMiddleware",
    # Above CommonMiddleware, whose host validation refuses a bad Host: that 400 gets the
    # same headers as every other page.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "advisor.middleware.ProbeMiddleware",  # health probes answer any Host, before validation
    # Production serves static files itself (collected, hashed, compressed); runserver does
    # it in development.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    "django.middleware.gzip.GZipMiddleware",
    # ETag and 304 for pages a browser already has (the advice pages say max-age=0).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "web.middleware.ReadLimitMiddleware",  # API reads and the feed share the read budget
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60),
        # A kept connection the server has dropped (a restart, a terminated backend) is
        # replaced when the next request starts, instead of failing that request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a web app's database (Django 5.1+ options): write-ahead logging lets pages be
    # read while a share is written, a commit waits for the log write only (a killed worker
    # loses nothing committed), and writers queue for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
# English only: without translation machinery every filter and tag skips a language lookup
# (about 0.5 ms of each live ranking, benchmarks/fragment.py).
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Outside debug: hashed names (cached for a year) and pre-compressed files via whitenoise.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# How stale a server's copy of the catalogue may be after an edit (one small query per check).
CATALOGUE_RECHECK_SECONDS = 1.0

# The catalogue's source of truth; load_catalogue and export_catalogue default to it.
CATALOGUE_PATH = BASE_DIR / "data" / "certs.yaml"
STUDY_RESOURCES_PATH = BASE_DIR / "data" / "resources.yaml"

# --- Caching and abuse limits -----------------------------------------------------------------

# Redis shares rate-limit counters and cached pages between processes and machines; without
# it each process counts alone, which is fine for one process (`make run`) and documented for
# the rest. Redis is never allowed to take the site down (see web/caches.py).
REDIS_URL = env_str("REDIS_URL", "")
REDIS_TIMEOUT_SECONDS = env_float("CERTPATH_REDIS_TIMEOUT", 0.25)
# Without Redis, rate-limit counters are files here, so a worker's death does not reset them.
LIMITS_DIR = env_str("CERTPATH_LIMITS_DIR", str(BASE_DIR / ".limits"))
# Rate-limit counters in a Redis that never evicts (noeviction), apart from the pages'
# (allkeys-lru): docs/operations.md, "Two caches". Empty: the counters share REDIS_URL.
REDIS_LIMITS_URL = env_str("REDIS_LIMITS_URL", "")
CACHE_OPTIONS = {
    "limits_url": REDIS_LIMITS_URL,
    "release": f"pages.{RELEASE}",  # a deploy never reads the previous release's pages
    "max_pages": env_int("CERTPATH_MAX_PAGES", 500),  # in-process, without Redis
}
CACHES = cache_settings(REDIS_URL, REDIS_TIMEOUT_SECONDS, LIMITS_DIR, **CACHE_OPTIONS)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "certpath.redis"
RATELIMIT_FAIL_OPEN = True
RATELIMIT_USE_CACHE = LIMITS  # counters apart from pages (web/caches.py)
# Without Redis each process counts alone, which is right for one process; gunicorn refuses
# several workers without Redis (config/gunicorn.conf.py). django-ratelimit's W001 and E003
# say the local cache is not shared.
SILENCED_SYSTEM_CHECKS = [] if REDIS_URL else ["django_ratelimit.W001", "django_ratelimit.E003"]

# The client address: REMOTE_ADDR, or the header a trusted reverse proxy sets.
CLIENT_IP_HEADER = env_str("DJANGO_CLIENT_IP_HEADER", "")  # e.g. HTTP_X_REAL_IP
RATELIMIT_IP_META_KEY = client_ip  # the function, not its path: no import on every request
RATELIMIT_IPV6_MASK = 64
RATELIMIT_VIEW = "web.errors.too_many_requests"
RATE_LIMITS = {
    "share": env_rate("CERTPATH_RATE_SHARE", "20/h"),
    "results": env_rate("CERTPATH_RATE_RESULTS", "300/m"),
}

AXES_FAILURE_LIMIT = env_int("CERTPATH_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "errors/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The same client address as the rate limits (django-ipware is not installed, so without this
# axes would count every client behind the proxy as the proxy).
AXES_CLIENT_IP_CALLABLE = "web.client_ip.lockout_ip"

# --- Logging: one line per request, with its id, to stdout ----------------------------------

LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"  # keep the proxy's id when it sends one
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
LOG_REQUESTS = env_bool("CERTPATH_LOG_REQUESTS", default=not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "log_request_id.filters.RequestIDFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # log_request_id writes the one line per request; Django's own would repeat it.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}


# --- Security headers (tested on every kind of page in tests/test_security.py) ---------------

# HTTPS is on wherever debug is off: certpath runs behind a TLS-terminating reverse proxy that
# sets X-Forwarded-Proto. DJANGO_HTTPS=false is only for trying production mode on plain http.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes talk plain http to the app
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # only the admin uses tokens (the share form: web/origin.py)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
CSRF_FAILURE_VIEW = "web.errors.csrf_failure"
