"""Saved results behind permanent, shareable links. No personal data: answers are skill levels,
years and preferences, never names or contact details."""

from __future__ import annotations

import re
import secrets

from django.db import models


def new_code() -> str:
    # 16 random bytes: 128 bits, far beyond guessing; URL-safe, 22 characters.
    return secrets.token_urlsafe(16)


# What new_code() can produce. Anything else (a NUL byte, which PostgreSQL refuses outright) is
# not a code, so it is not looked up at all.
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")


def is_code(text: str) -> bool:
    return CODE_PATTERN.fullmatch(text) is not None


class SharedResult(models.Model):
    code = models.CharField(max_length=32, unique=True, default=new_code, editable=False)
    answers = models.JSONField()
    weights = models.JSONField(default=dict, blank=True)
    catalogue_version = models.CharField(max_length=80)
    result = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.code
