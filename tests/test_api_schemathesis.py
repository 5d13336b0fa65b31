"""Schemathesis drives the API from its own OpenAPI schema, in-process: no server errors and no
response that breaks the schema, for generated valid and invalid requests alike. On the
behaviour catalogue (tests/fixture_catalogue.py)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def catalogue_loaded(loaded_catalogue, settings):
    settings.RATE_LIMITS = {"share": "1000000/m", "results": "1000000/m"}
    # Calling the WSGI app directly (not through Django's test client) would close the test's
    # database connection after each request, as a real server does; the test client
    # disconnects this for the same reason.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_own_promises(case, catalogue_loaded):
    # The in-process WSGI client does not unzip; a real client negotiates gzip as usual.
    # A schema-valid body can still name a held certification the catalogue lacks (the schema
    # cannot list a catalogue that staff edit at run time): that is a documented 422, so the
    # "schema-valid data must be accepted" check does not apply; every other check does.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"}, excluded_checks=[positive_data_acceptance]
    )
