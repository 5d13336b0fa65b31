"""Typed readers for settings that come from the environment.

They fail loudly: a value that cannot be understood stops the process with a message naming
the variable, instead of silently falling back to a default nobody asked for.
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number.") from None
    if not value > 0:
        raise ImproperlyConfigured(f"{name}={raw!r} must be greater than 0.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# django-ratelimit's own rate syntax (django_ratelimit.core.rate_re), matched in full: its
# matcher reads a prefix, so "300/mm" would pass there and "lots" would fail on every request.
_RATE = re.compile(r"[\d]+/[\d]*[smhd]?")


def env_rate(name: str, default: str) -> str:
    """A django-ratelimit rate such as 300/m or 20/h, checked when settings load."""
    value = env_str(name, default).strip()
    if not _RATE.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate; use a count per period, e.g. 300/m or 20/h "
            "(periods: s, m, h, d)."
        )
    return value
