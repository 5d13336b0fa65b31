"""Test settings: the real settings with a fast password hasher."""

import tempfile

from config.settings import *  # noqa: F403
from config.settings import CACHE_OPTIONS, REDIS_TIMEOUT_SECONDS, REDIS_URL
from web.caches import cache_settings

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test run counts in a directory of its own, never in a running server's.
LIMITS_DIR = tempfile.mkdtemp(prefix="certpath-limits-")
CACHES = cache_settings(REDIS_URL, REDIS_TIMEOUT_SECONDS, LIMITS_DIR, **CACHE_OPTIONS)

# Tests edit the catalogue and look at the next response straight away.
CATALOGUE_RECHECK_SECONDS = 0
