"""The JSON API: same engine, storage and limits as the web; errors worded like the command.
On the behaviour catalogue (tests/fixture_catalogue.py), on its day."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from advisor.models import SharedResult
from certpath.engine.answers import Answers
from tests import personas as P
from tests.contract import (
    ANSWERS_VALIDATOR,
    EXAMPLE_NAMES,
    RESULT_VALIDATOR,
    VARIANTS,
    example,
)
from tests.fixture_catalogue import CHECKED_ON, on_fixture

pytestmark = pytest.mark.django_db

PERSONAS = {
    name: getattr(P, name)
    for name in dir(P)
    if name.isupper() and isinstance(getattr(P, name), dict) and "skills" in getattr(P, name)
}


def post(client, path: str, body, **extra):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(path, data=data, content_type="application/json", **extra)


def command_result(answers: dict) -> dict:
    import io
    import sys

    out, old = io.StringIO(), sys.stdin
    sys.stdin = io.StringIO(json.dumps(answers))
    try:
        call_command("recommend", "-", stdout=out)
    finally:
        sys.stdin = old
    return json.loads(out.getvalue())


@pytest.mark.parametrize("name", EXAMPLE_NAMES + sorted(PERSONAS))
def test_the_api_and_the_command_agree(client, loaded_catalogue, name):
    answers = on_fixture(example(name)) if name in EXAMPLE_NAMES else PERSONAS[name]

    response = post(client, "/api/v1/recommendations", answers)

    assert response.status_code == 200
    document = response.json()
    RESULT_VALIDATOR.validate(document)
    assert document == command_result(answers)


def test_weight_overrides_come_in_the_query(client, loaded_catalogue):
    response = post(
        client, "/api/v1/recommendations?weights.platform=0", example("gcp-ml-engineer")
    )
    assert response.json()["weights"]["platform"] == 0
    bad = post(client, "/api/v1/recommendations?weights.charisma=1", example("gcp-ml-engineer"))
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["path"] == "weights.charisma"


def test_invalid_answers_get_422_with_paths_and_the_commands_wording(client, loaded_catalogue):
    data = example("gcp-ml-engineer")
    data["skills"]["python"] = 9
    data["environment"] = "mainframe"

    response = post(client, "/api/v1/recommendations", data)

    assert response.status_code == 422
    assert {"path": "skills.python", "message": "must be between 0 and 4"} in response.json()[
        "detail"
    ]
    assert {
        "path": "environment",
        "message": "must be one of aws, azure, gcp, databricks, snowflake, oracle, salesforce, "
        "ibm, nvidia, sas or none",
    } in response.json()["detail"]


def test_a_held_slug_the_catalogue_lacks_and_a_future_date_get_422_naming_the_field(
    client, loaded_catalogue
):
    data = on_fixture(example("aws-engineer-holds-mla"))
    data["held"] = [
        {"slug": "aws-ml", "earned_on": "2099-01-01"},
        {"slug": "no-such-cert"},
    ]

    response = post(client, "/api/v1/recommendations", data)

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"path": "held.0.earned_on", "message": "must not be in the future"},
        {"path": "held.1.slug", "message": "no certification with this slug"},
    ]


def test_a_pass_before_the_exam_existed_or_after_it_closed_is_a_422_naming_the_field(
    client, loaded_catalogue
):
    """Advice v3: the catalogue records when each exam first ran and a retired one's last day;
    aws-ml first ran on 8 October 2024, azure-old closed on 30 June 2026."""
    data = on_fixture(example("aws-engineer-holds-mla"))
    data["held"] = [
        {"slug": "aws-ml", "earned_on": "2023-05-01"},
        {"slug": "azure-old", "earned_on": "2026-08-01"},
    ]

    response = post(client, "/api/v1/recommendations", data)

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"path": "held.0.earned_on", "message": "Aws Ml was first offered on 2024-10-08"},
        {"path": "held.1.earned_on", "message": "Azure Old could last be taken on 2026-06-30"},
    ]


@pytest.mark.parametrize("body", ["", "{not json", "[]", "null", '"text"'])
def test_unusable_bodies_never_cause_a_server_error(client, loaded_catalogue, body):
    response = post(client, "/api/v1/recommendations", body)
    assert 400 <= response.status_code < 500


def test_certifications_list_detail_and_filters(client, loaded_catalogue):
    everything = client.get("/api/v1/certifications").json()
    assert [c["slug"] for c in everything] == [c.slug for c in loaded_catalogue.certifications]
    first = everything[0]
    assert {"sources", "fact_notes", "status", "successors", "price_usd"} <= first.keys()
    assert first["sources"][0]["checked_on"] == CHECKED_ON.isoformat()

    retired = client.get("/api/v1/certifications?status=retired").json()
    assert [c["slug"] for c in retired] == ["azure-old"]  # the fixture's one retired exam
    # Every fixture certification's provider is "Example" but unknown-body's; the filter
    # ignores case.
    by_example = client.get("/api/v1/certifications?provider=EXAMPLE").json()
    assert [c["slug"] for c in by_example] == [
        c.slug for c in loaded_catalogue.certifications if c.slug != "unknown-body"
    ]
    unknown = client.get("/api/v1/certifications?provider=unknown body").json()
    assert [c["slug"] for c in unknown] == ["unknown-body"]
    professional = client.get("/api/v1/certifications?provider=EXAMPLE&level=professional")
    assert [c["slug"] for c in professional.json()] == ["aws-ml-pro", "azure-mlops"]
    assert client.get("/api/v1/certifications?provider=nobody").json() == []

    one = client.get("/api/v1/certifications/azure-old").json()
    assert (one["status"], one["status_date"], one["successors"]) == (
        "retired",
        "2026-06-30",
        ["azure-ai"],
    )
    missing = client.get("/api/v1/certifications/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]
    assert client.get("/api/v1/certifications?status=sunset").status_code == 422


def test_shares_use_the_same_storage_as_the_web(client, loaded_catalogue):
    created = post(client, "/api/v1/shares", example("career-changer-beginner"))

    assert created.status_code == 201
    body = created.json()
    saved = SharedResult.objects.get(code=body["code"])
    assert body["url"] == f"http://testserver/r/{saved.code}/"
    assert client.get(f"/r/{saved.code}/").status_code == 200
    fetched = client.get(f"/api/v1/shares/{saved.code}").json()
    # The saved result as it was saved, with the plan's progress and alerts beside it.
    progress, alerts = fetched.pop("progress"), fetched.pop("alerts")
    assert fetched == json.loads(json.dumps(saved.result))
    assert progress["done"] == [] and progress["held"] == [] and alerts == []
    assert client.get("/api/v1/shares/not-a-code").status_code == 404


def test_shares_are_rate_limited_with_retry_after(client, settings, loaded_catalogue):
    settings.RATE_LIMITS = {"share": "2/m", "results": "1000/m"}
    statuses = [
        post(client, "/api/v1/shares", example("gcp-ml-engineer")).status_code for _ in range(3)
    ]
    assert statuses == [201, 201, 429]
    limited = post(client, "/api/v1/shares", example("gcp-ml-engineer"))
    # Within the minute's window (to the second: tests/test_client_limits.py).
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "Too many requests" in limited.json()["detail"]


def test_the_openapi_answers_model_accepts_what_the_contract_accepts(client, loaded_catalogue):
    import jsonschema

    spec = client.get("/api/v1/openapi.json").json()
    components = spec["components"]["schemas"]
    # The component's $refs point into #/components/schemas, so carry them along.
    schema = {**components["Answers"], "components": spec["components"]}
    validator = jsonschema.Draft202012Validator(schema)
    for data in [example(n) for n in EXAMPLE_NAMES] + list(VARIANTS.values()):
        assert validator.is_valid(data) == ANSWERS_VALIDATOR.is_valid(data), data
    assert "/api/v1/recommendations" in spec["paths"]
    assert Answers.model_json_schema()["additionalProperties"] is False


def test_the_docs_page_loads_nothing_from_third_parties(client, loaded_catalogue):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page


def test_the_catalogue_document_comes_from_the_cache_and_follows_each_edit(
    client, loaded_catalogue, django_assert_max_num_queries
):
    from certifications.models import Certification
    from certifications.selectors import catalogue_snapshot

    first = client.get("/api/v1/certifications").json()
    assert first == [c.model_dump(mode="json") for c in catalogue_snapshot().certifications]
    with django_assert_max_num_queries(2):  # the catalogue's stamp; no rows, no serialising
        assert client.get("/api/v1/certifications").json() == first
    Certification.objects.filter(slug="aws-ml").update(price_usd=175, updated_at=timezone.now())
    from certifications import selectors

    selectors._CURRENT.clear()
    after = {c["slug"]: c for c in client.get("/api/v1/certifications").json()}
    assert after["aws-ml"]["price_usd"] == 175  # a new version, a new entry
