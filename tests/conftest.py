"""Shared fixtures: the shipped catalogue, loaded, and a way to see the whole database state."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from certifications import models
from certifications.selectors import catalogue_snapshot

CATALOGUE_PATH = Path(settings.CATALOGUE_PATH)


def run_command(name: str, *args: str) -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def database_state() -> str:
    """Everything the catalogue tables hold, as one comparable string (ids included)."""
    tables = [
        models.Certification,
        models.CertificationLink,
        models.SkillRequirement,
        models.ExamDomain,
        models.Source,
        models.FactNote,
    ]
    state = {model.__name__: list(model.objects.order_by("pk").values()) for model in tables}
    return json.dumps(state, default=str, sort_keys=True)


@pytest.fixture
def catalogue_data() -> dict:
    """The shipped file as plain data, to build variants from."""
    return yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def write_yaml(tmp_path: Path):
    def write(data: dict | str, name: str = "certs.yaml") -> Path:
        path = tmp_path / name
        text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def loaded_catalogue(db):
    run_command("load_catalogue")
    return catalogue_snapshot()


def add_synthetic_certifications(catalogue, count: int, *, like: int = 0) -> None:
    """Import the catalogue plus `count` copies of its certification number `like`: a big
    catalogue, to show that per-request work does not grow with it."""
    from certifications.services import catalogue_import

    data = catalogue.model_dump()
    template = data["certifications"][like]
    data["certifications"] += [
        {**template, "slug": f"synthetic-{i}", "successors": [], "next_steps": []}
        for i in range(count)
    ]
    catalogue_import(catalogue=type(catalogue).model_validate(data))


@pytest.fixture
def staff_client(loaded_catalogue):
    """A signed-in superuser on the loaded catalogue: an editor using the admin."""
    from django.contrib.auth.models import User
    from django.test import Client

    user = User.objects.create_superuser("editor", "editor@example.com", "pw-for-tests-only")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages and rate-limit counters never leak from one test into the next."""
    from django.core.cache import caches

    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()
