"""Saved results behind permanent, shareable links. No personal data: answers are skill levels,
years and preferences, never names or contact details."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.functional import cached_property

from advisor.fields import CompressedJSONField
from certpath.digest import json_digest
from certpath.engine import Answers


def new_code() -> str:
    # 16 random bytes: 128 bits, far beyond guessing; URL-safe, 22 characters.
    return secrets.token_urlsafe(16)


# What new_code() can produce. Anything else (a NUL byte, which PostgreSQL refuses outright) is
# not a code, so it is not looked up at all.
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")


def is_code(text: str) -> bool:
    return CODE_PATTERN.fullmatch(text) is not None


def split_facts(result: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The result without each certification's facts, and those facts by slug.

    The facts (price, format, sources and their marks) are the catalogue's, the same in every
    plan saved against one catalogue: they were more than half of each plan, so they are kept
    once per distinct set (FactSheet) instead. A result whose recommendations carry no facts
    (version 1) is kept whole.
    """
    recommendations = result.get("recommendations", [])
    facts = {rec["slug"]: rec["facts"] for rec in recommendations if "facts" in rec}
    if not facts:
        return result, {}
    rest = [{k: v for k, v in rec.items() if k != "facts"} for rec in recommendations]
    return {**result, "recommendations": rest}, facts


def join_facts(document: dict[str, Any], facts: Mapping[str, Any]) -> dict[str, Any]:
    """The result again, each recommendation with its facts last, where the engine put them."""
    if not facts:
        return document
    recommendations = [
        {**rec, "facts": facts[rec["slug"]]} if rec["slug"] in facts else rec
        for rec in document["recommendations"]
    ]
    return {**document, "recommendations": recommendations}


class FactSheet(models.Model):
    """Certifications' facts as saved plans showed them, kept once per distinct set."""

    digest = models.CharField(max_length=64, unique=True)
    facts = CompressedJSONField()

    def __str__(self) -> str:
        return self.digest[:12]


def new_owner_key() -> str:
    # 24 random bytes: 192 bits. Only its hash is stored (owner_key_hash).
    return secrets.token_urlsafe(24)


def hash_owner_key(key: str) -> str:
    """A random key of 192 bits needs no salt or slow hash: nobody can search its space."""
    return hashlib.sha256(key.encode()).hexdigest()


def storable_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers as they are kept: a held certification with no day has no `earned_on` at all.
    Pydantic writes the absent day as null, which the contract (and so the answers model)
    refuses: a plan kept with it could not be opened again."""
    held = [
        {key: value for key, value in item.items() if not (key == "earned_on" and value is None)}
        for item in answers.get("held") or []
    ]
    return {**answers, "held": held} if "held" in answers else dict(answers)


class SharedResultManager(models.Manager["SharedResult"]):
    def keep(
        self,
        answers: Mapping[str, Any],
        weights: Mapping[str, float],
        result: dict[str, Any],
        *,
        key: str | None = None,
    ) -> tuple[SharedResult, str]:
        """A new plan and its owner key (shown once, stored hashed). Each save is its own plan:
        two people saving the same answers must not share progress. A re-plan passes the old
        plan's `key`, so its owner's link opens the new one too. The certifications' facts
        are kept once per distinct set (FactSheet)."""
        key = key or new_owner_key()
        document, facts = split_facts(result)
        sheet = None
        if facts:
            sheet, _ = FactSheet.objects.get_or_create(
                digest=json_digest(facts), defaults={"facts": facts}
            )
        saved = self.create(
            answers=storable_answers(answers),
            weights=dict(weights),
            catalogue_version=result["catalogue_version"],
            document=document,
            fact_sheet=sheet,
            owner_key_hash=hash_owner_key(key),
        )
        return saved, key

    def with_result(self) -> models.QuerySet[SharedResult]:
        """Plans with what `result` needs, in one query."""
        return self.select_related("fact_sheet")


class SharedResult(models.Model):
    code = models.CharField(max_length=32, unique=True, default=new_code, editable=False)
    answers = models.JSONField()
    weights = models.JSONField(default=dict, blank=True)
    catalogue_version = models.CharField(max_length=80)
    # The result without its certifications' facts, which are in fact_sheet (see split_facts).
    document = CompressedJSONField()
    fact_sheet = models.ForeignKey(FactSheet, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    # SHA-256 of the owner key that lets its holder mark progress; empty for plans saved
    # before owner links (nobody can mark those).
    owner_key_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Counts its owner's ticks: the public page's cache key, so progress shows at once.
    progress_version = models.PositiveIntegerField(default=0, editable=False)
    # The plan its owner re-planned this one into (from the same answers, on a later catalogue).
    replanned_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replanned_from",
        editable=False,
    )

    objects = SharedResultManager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.code

    @cached_property
    def result(self) -> dict[str, Any]:
        """The result document exactly as it was saved."""
        return join_facts(self.document, self.fact_sheet.facts if self.fact_sheet else {})

    @property
    def weekly_hours(self) -> float:
        """The plan's study hours a week (answers kept without them had the contract's)."""
        return float(
            self.answers.get("weekly_study_hours")
            or Answers.model_fields["weekly_study_hours"].default
        )

    def owned_by(self, key: str) -> bool:
        """Compared in constant time; a plan with no owner has none."""
        return bool(self.owner_key_hash) and hmac.compare_digest(
            self.owner_key_hash, hash_owner_key(key)
        )

    def done_steps(self) -> dict[int, dt.date]:
        """Step number (1-based, in the saved pathway's order) → the day it was done. Read
        once per instance: the page, its alerts, the progress and a re-plan all ask for it
        (`forget_progress` after a tick is written)."""
        if "_done" not in self.__dict__:
            self._done = {row.step: row.on for row in self.progress.all()}
        return self._done

    def forget_progress(self) -> None:
        self.__dict__.pop("_done", None)


class StepDone(models.Model):
    """A step of a saved plan its owner marked done, on a day. One row per step: marking it
    again changes nothing (a double submit is idempotent), unmarking deletes the row."""

    plan = models.ForeignKey(SharedResult, on_delete=models.CASCADE, related_name="progress")
    step = models.PositiveSmallIntegerField()
    on = models.DateField()
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "step"], name="one_tick_per_step"),
        ]
        ordering = ["step"]

    def __str__(self) -> str:
        return f"{self.plan_id} step {self.step}"
