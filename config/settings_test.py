"""Test settings: the real settings with a fast password hasher."""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests edit the catalogue and look at the next response straight away.
CATALOGUE_RECHECK_SECONDS = 0
