"""Staff edit the catalogue through the Django admin's own forms. On the behaviour catalogue
(tests/fixture_catalogue.py), on its day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from certifications.models import Certification, Source
from certpath.catalogue_yaml import dump_catalogue
from tests.admin_forms import change_form_data, save_every_certification_unchanged
from tests.conftest import run_command
from tests.fixture_catalogue import behaviour_catalogue

# Run again on PostgreSQL in CI (-m database): what it tests depends on the database.
pytestmark = [pytest.mark.django_db, pytest.mark.database]


def test_anonymous_visitors_are_sent_to_login(client):
    for url in (
        reverse("admin:index"),
        reverse("admin:certifications_certification_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_changelist_shows_the_catalogue_and_filters_stale_facts(staff_client):
    url = reverse("admin:certifications_certification_changelist")
    response = staff_client.get(url)
    assert response.status_code == 200
    assert b"Aws Ml Pro" in response.content

    # The fixture's sources were checked on CHECKED_ON, three weeks before its day.
    assert staff_client.get(url, {"facts": "stale"}).context["cl"].result_count == 0
    Source.objects.filter(certification__slug="aws-ml").update(
        checked_on=dt.date.today() - dt.timedelta(days=400)
    )
    stale = staff_client.get(url, {"facts": "stale"}).context["cl"].result_list
    assert [c.slug for c in stale] == ["aws-ml"]
    # Three fixture certifications are on Azure, each named so.
    found = staff_client.get(url, {"q": "azure"}).context["cl"].result_list
    assert sorted(c.slug for c in found) == ["azure-ai", "azure-mlops", "azure-old"]


def test_an_admin_edit_is_logged_and_shows_up_in_the_export(staff_client):
    cert = Certification.objects.get(slug="spark-ml")
    url = reverse("admin:certifications_certification_change", args=[cert.pk])
    data = change_form_data(staff_client.get(url))
    data["price_usd"] = 225

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    cert.refresh_from_db()
    assert cert.price_usd == 225
    exported = run_command("export_catalogue", "-")
    block = exported.split("- slug: spark-ml")[1].split("- slug:")[0]
    assert "price_usd: 225" in block
    entry = LogEntry.objects.get(object_id=str(cert.pk))
    assert "Price (USD)" in entry.get_change_message()
    history = staff_client.get(
        reverse("admin:certifications_certification_history", args=[cert.pk])
    )
    assert b"Changed Price (USD)" in history.content


def test_admin_refuses_a_retired_certification_without_a_date(staff_client):
    cert = Certification.objects.get(slug="azure-old")  # retired on 30 June 2026
    url = reverse("admin:certifications_certification_change", args=[cert.pk])
    data = change_form_data(staff_client.get(url))
    data["status_date"] = ""

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "status_date" in response.context["adminform"].form.errors
    cert.refresh_from_db()
    assert cert.status_date == dt.date(2026, 6, 30)


def test_admin_refuses_a_certification_that_succeeds_itself(staff_client):
    cert = Certification.objects.get(slug="azure-old")  # succeeded by azure-ai
    url = reverse("admin:certifications_certification_change", args=[cert.pk])
    data = change_form_data(staff_client.get(url))
    data["links-0-target"] = cert.pk

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert cert.links.get().target.slug == "azure-ai"


def test_admin_refuses_weights_out_of_range(staff_client):
    cert = Certification.objects.get(slug="aws-ml")  # skills and exam domains to edit
    url = reverse("admin:certifications_certification_change", args=[cert.pk])
    data = change_form_data(staff_client.get(url))
    data["skill_requirements-0-weight"] = 9
    data["exam_domains-0-weight_min"] = 120

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert cert.skill_requirements.filter(weight=9).count() == 0


def test_saving_an_unchanged_form_does_not_change_the_catalogue(staff_client):
    from certifications.selectors import catalogue_snapshot

    before = catalogue_snapshot().content_version()
    save_every_certification_unchanged(staff_client)

    assert catalogue_snapshot().content_version() == before
    assert run_command("export_catalogue", "-") == dump_catalogue(behaviour_catalogue())


def errors_by_field(response) -> dict[str, list[str]]:
    """Every error on the change form: `field` for the main form, `prefix-N-field` inline."""
    found = {name: list(errs) for name, errs in response.context["adminform"].form.errors.items()}
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            for name, errs in form.errors.items():
                found[form.add_prefix(name)] = list(errs)
    return found


SITE = (
    "/",
    "/results/?skills.python=3&environment=gcp",
    "/certifications/",
    "/certifications/aws-ml/",
    "/api/v1/certifications",
    "/compare/?c=aws-ml&c=gcp-data",
)


def site_answers(client: Client) -> dict[str, int]:
    return {url: client.get(url).status_code for url in SITE}


# Each value the catalogue schema refuses, and where the admin must say so. The first two took
# the whole site down before the admin validated through the schema.
@pytest.mark.parametrize(
    ("edit", "field"),
    [
        ({"languages": "English, English"}, "languages"),
        ({"official_url": "ftp://example.com/exam"}, "official_url"),
        ({"sources-0-url": "ftp://example.com/guide"}, "sources-0-url"),
        ({"sources-0-url": "", "sources-0-kind": "official"}, "sources-0-__all__"),
        (
            {"exam_domains-0-weight_min": 40, "exam_domains-0-weight_max": 10},
            "exam_domains-0-__all__",
        ),
        ({"prerequisites": '[{"name": ""}]'}, "prerequisites"),
        ({"prerequisites": '"not a list"'}, "prerequisites"),
        ({"renewal_method": "lifetime"}, "validity_years"),
        ({"status": "retiring", "status_date": ""}, "status_date"),
        ({"questions_min": 0}, "questions_min"),
    ],
)
def test_a_schema_invalid_admin_edit_is_a_field_error_and_the_site_is_untouched(
    staff_client, edit, field
):
    from certifications.selectors import catalogue_snapshot

    before = catalogue_snapshot().content_version()
    # aws-ml: 3 years' validity, active, with sources and exam domains to get wrong.
    cert = Certification.objects.get(slug="aws-ml")
    url = reverse("admin:certifications_certification_change", args=[cert.pk])
    data = change_form_data(staff_client.get(url)) | edit

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert field in errors_by_field(response), errors_by_field(response)
    assert catalogue_snapshot().content_version() == before
    assert set(site_answers(staff_client).values()) == {200}


def _corrupt(slug: str) -> None:
    """A shell edit the schema refuses: a list with the same language twice."""
    from django.utils import timezone

    Certification.objects.filter(slug=slug).update(
        languages=["English", "English"], updated_at=timezone.now()
    )


def test_a_row_corrupted_while_the_site_runs_is_left_out_and_shown_to_staff(staff_client):
    assert site_answers(staff_client)["/certifications/aws-ml/"] == 200
    _corrupt("aws-ml")
    from certifications import selectors

    selectors._CURRENT.clear()  # the next recheck would see it within a second anyway

    answers = site_answers(staff_client)
    assert answers.pop("/certifications/aws-ml/") == 404
    # Comparing with a certification the site no longer lists is refused plainly, not a 500.
    assert answers.pop("/compare/?c=aws-ml&c=gcp-data") == 400
    assert set(answers.values()) == {200}
    listed = staff_client.get("/api/v1/certifications").json()
    slugs = {c["slug"] for c in (listed["items"] if isinstance(listed, dict) else listed)}
    assert "aws-ml" not in slugs and "aws-ml-pro" in slugs
    changelist = staff_client.get(reverse("admin:certifications_certification_changelist"))
    shown = [str(m) for m in changelist.context["messages"]]
    assert any(m.startswith("aws-ml is left out of the site") for m in shown), shown
    assert any("languages" in m for m in shown)


def test_a_row_corrupted_before_the_process_starts_is_left_out(staff_client, caplog):
    from certifications import selectors

    _corrupt("gcp-data")
    selectors._CURRENT.clear()  # a process that has just started has no snapshot yet

    with caplog.at_level("ERROR", logger="certifications.selectors"):
        answers = site_answers(staff_client)
    assert answers.pop("/compare/?c=aws-ml&c=gcp-data") == 400  # it names one left out
    assert set(answers.values()) == {200}
    assert any("gcp-data" in r.getMessage() for r in caplog.records)
    results = staff_client.get("/results/?skills.python=3&environment=gcp")
    assert b'data-slug="gcp-data"' not in results.content
    assert b'data-slug="aws-ml"' in results.content


def test_a_goal_area_no_exam_domain_supports_is_refused_and_nothing_is_saved(staff_client):
    """Catalogue v3: a claimed goal area must name the exam domain that covers it. aws-ml
    claims tabular data and time series, both supported by its first exam domain."""
    cert = Certification.objects.get(slug="aws-ml")
    url = reverse("admin:certifications_certification_change", args=[cert.pk])
    data = change_form_data(staff_client.get(url))
    data["goal_domains"] = [*data["goal_domains"], "computer_vision"]

    response = staff_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"]
    said = [str(e) for inline in errors for e in inline.formset.non_form_errors()]
    assert any("Computer vision" in s and "no exam domain supports it" in s for s in said)
    cert.refresh_from_db()
    assert "computer_vision" not in cert.goal_domains

    # Ticking it under the domain that covers it is accepted.
    data["exam_domains-1-supports"] = ["computer_vision"]
    assert staff_client.post(url, data).status_code == 302
    cert.refresh_from_db()
    assert "computer_vision" in cert.goal_domains
    assert cert.exam_domains.get(position=1).supports == ["computer_vision"]


def test_removing_the_only_support_for_a_claimed_goal_area_is_refused(staff_client):
    cert = Certification.objects.get(slug="aws-ml")
    url = reverse("admin:certifications_certification_change", args=[cert.pk])
    data = change_form_data(staff_client.get(url))
    data["exam_domains-0-supports"] = []

    response = staff_client.post(url, data)

    assert response.status_code == 200
    cert.refresh_from_db()
    assert cert.exam_domains.get(position=0).supports


@pytest.mark.parametrize(
    ("field", "value", "refused"),
    [
        ("validity_years", 0, True),  # the model allowed 0..10; the schema says > 0
        ("validity_years", 0.5, False),
        ("validity_years", 10.5, True),
        ("required_work_years", 0, True),
        ("questions_min", 501, True),
        ("renewal_discount_percent", 101, True),
        ("price_usd", 10_000, False),
        ("price_usd", 10_001, True),
    ],
)
def test_the_model_checks_a_number_by_the_schemas_own_rule(loaded_catalogue, field, value, refused):
    """One rule book: the bounds are the pydantic schema's, not restated on the model."""
    from django.core.exceptions import ValidationError

    cert = Certification.objects.get(slug="aws-ml")
    setattr(cert, field, value)
    if refused:
        with pytest.raises(ValidationError) as caught:
            cert.full_clean()
        assert field in caught.value.message_dict
        assert "data/certs.yaml" in caught.value.message_dict[field][0]
    else:
        cert.full_clean()


@pytest.mark.parametrize(
    ("row", "field", "value", "words"),
    [
        ("skill_requirements", "level", 5, "Must be at most 4"),
        ("skill_requirements", "weight", 0, "Must be at least 1"),
        ("exam_domains", "weight_min", 101, "Must be at most 100"),
    ],
)
def test_a_related_row_is_checked_by_the_schemas_own_rule(
    loaded_catalogue, row, field, value, words
):
    """Skill levels, weights and domain percentages take their bounds from the schema too,
    said in words (not pydantic's "Input should be ...")."""
    from django.core.exceptions import ValidationError

    item = getattr(Certification.objects.get(slug="aws-ml"), row).first()
    setattr(item, field, value)
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    assert caught.value.message_dict[field] == [f"{words} (as data/certs.yaml requires)."]


def test_every_column_of_a_certification_is_a_schema_field():
    """One table maps the schema to the row: every schema field has its column, and every
    column but the row's own bookkeeping comes from the schema, so none can be forgotten."""
    from certifications.columns import COLUMNS

    concrete = {f.name for f in Certification._meta.concrete_fields}
    assert set(COLUMNS.values()) <= concrete
    assert concrete - set(COLUMNS.values()) == {"id", "position", "updated_at"}
