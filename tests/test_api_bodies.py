"""The API reads JSON only: a cross-site form cannot create shares, a key given twice is
refused, and every refusal is JSON."""

from __future__ import annotations

import json

import pytest

from advisor.models import SharedResult
from tests.contract import example

pytestmark = pytest.mark.django_db

SHARES = "/api/v1/shares"


def body(name: str = "gcp-ml-engineer") -> str:
    return json.dumps(example(name))


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_a_body_not_declared_json_is_refused_with_415(client, loaded_catalogue, content_type):
    response = client.post(
        SHARES, body(), content_type=content_type, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 415
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "application/json" in response.json()["detail"]
    assert SharedResult.objects.count() == 0


def test_a_key_given_twice_is_refused(client, loaded_catalogue):
    text = body().replace('"weekly_study_hours"', '"weekly_study_hours": 3, "weekly_study_hours"')
    response = client.post(SHARES, text, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "The JSON body gives the key 'weekly_study_hours' twice."
    assert SharedResult.objects.count() == 0


def test_broken_json_and_a_too_large_body_are_json_errors(client, loaded_catalogue, settings):
    broken = client.post(SHARES, "{", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["detail"].startswith("The body is not")

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = client.post(SHARES, body() + " " * 2000, content_type="application/json")
    assert big.status_code == 413
    assert big.json() == {"detail": "The request body is too large."}


def test_a_json_body_still_creates_a_share(client, loaded_catalogue):
    response = client.post(SHARES, body(), content_type="application/json; charset=utf-8")
    assert response.status_code == 201
    assert SharedResult.objects.count() == 1
