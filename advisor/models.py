"""Saved results behind permanent, shareable links. No personal data: answers are skill levels,
years and preferences, never names or contact details."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from typing import Any

from django.db import models

from certpath.digest import json_digest


def new_code() -> str:
    # 16 random bytes: 128 bits, far beyond guessing; URL-safe, 22 characters.
    return secrets.token_urlsafe(16)


# What new_code() can produce. Anything else (a NUL byte, which PostgreSQL refuses outright) is
# not a code, so it is not looked up at all.
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")


def is_code(text: str) -> bool:
    return CODE_PATTERN.fullmatch(text) is not None


def fingerprint(answers: Mapping[str, Any], weights: Mapping[str, float], result: Any) -> str:
    """What makes two saved plans the same: answers, weights and the result (its `as_of` day
    and catalogue version included)."""
    return json_digest({"answers": answers, "weights": weights, "result": result})


class SharedResultManager(models.Manager["SharedResult"]):
    def keep(
        self, answers: Mapping[str, Any], weights: Mapping[str, float], result: dict[str, Any]
    ) -> SharedResult:
        """The saved plan for these answers and this result: the one saved before when it is
        the same (a second click on Save, a reload, a team saving one answer set on one day
        share one link and one row), else a new one."""
        digest = fingerprint(answers, weights, result)
        earlier = self.filter(fingerprint=digest).first()
        if earlier is not None:
            return earlier
        return self.create(
            answers=dict(answers),
            weights=dict(weights),
            catalogue_version=result["catalogue_version"],
            result=result,
            fingerprint=digest,
        )


class SharedResult(models.Model):
    code = models.CharField(max_length=32, unique=True, default=new_code, editable=False)
    answers = models.JSONField()
    weights = models.JSONField(default=dict, blank=True)
    catalogue_version = models.CharField(max_length=80)
    result = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    # Empty for plans saved before plans were matched (they are never matched).
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    objects = SharedResultManager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.code
