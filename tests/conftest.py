"""Shared fixtures: the behaviour catalogue (tests/fixture_catalogue.py) loaded on its pinned day,
the shipped catalogue for the few tests whose subject it is, and a way to see the whole database
state."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import time_machine
import yaml
from django.conf import settings
from django.core.management import call_command
from django.test.signals import template_rendered

from certifications import models
from certifications.selectors import catalogue_snapshot
from certpath.catalogue_yaml import dump_catalogue
from tests.fixture_catalogue import BEHAVIOUR_TODAY, behaviour_catalogue

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
    """The behaviour catalogue as the plain data of a catalogue file, to build variants from."""
    return yaml.safe_load(dump_catalogue(behaviour_catalogue()))


@pytest.fixture
def write_yaml(tmp_path: Path):
    def write(data: dict | str, name: str = "certs.yaml") -> Path:
        path = tmp_path / name
        text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def behaviour_day():
    """The clock at noon on BEHAVIOUR_TODAY, the day the behaviour catalogue's dates are written
    for (a retiring exam still bookable, a retired one closed). Ticking: the catalogue snapshot
    is keyed by the rows' last change, which must move."""
    with time_machine.travel(dt.datetime.combine(BEHAVIOUR_TODAY, dt.time(12), tzinfo=dt.UTC)):
        assert dt.date.today() == BEHAVIOUR_TODAY
        yield


@pytest.fixture
def loaded_catalogue(db, behaviour_day):
    """The behaviour catalogue (tests/fixture_catalogue.py) in the database, on its day."""
    from certifications.services import catalogue_import

    catalogue_import(catalogue=behaviour_catalogue())
    return catalogue_snapshot()


@pytest.fixture
def behaviour_file(write_yaml) -> Path:
    """The behaviour catalogue written as a catalogue file, for load and export commands."""
    return write_yaml(dump_catalogue(behaviour_catalogue()), "behaviour.yaml")


@pytest.fixture
def shipped_catalogue(db):
    """The shipped data/certs.yaml, loaded: only for tests whose subject is the shipped data
    (tests/test_shipped_data.py)."""
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


@pytest.fixture
def renders():
    """Templates rendered during the test (Django's test instrumentation signal)."""
    seen: list[str] = []

    def record(sender, template, context, **kwargs):
        seen.append(template.name)

    template_rendered.connect(record)
    yield seen
    template_rendered.disconnect(record)
