"""The catalogue records changes to the facts plans rest on, as they are made (issue 27): a
file load or an admin edit that changes a status, a last exam day, successors, a price or an
exam version writes one dated row per fact; a load that changes nothing, or an edit the
catalogue refuses, writes none."""

from __future__ import annotations

import pytest
from django.urls import reverse

from certifications.models import Certification, FactChange
from certifications.services import catalogue_import
from certpath import catalogue as schema
from tests.admin_forms import change_form_data
from tests.fixture_catalogue import behaviour_catalogue

pytestmark = pytest.mark.django_db


def _changed(catalogue: schema.Catalogue, slug: str, **facts) -> schema.Catalogue:
    data = catalogue.model_dump()
    for cert in data["certifications"]:
        if cert["slug"] == slug:
            cert.update(facts)
    return schema.Catalogue.model_validate(data)


def _rows():
    return sorted((c.slug, c.field, c.before, c.after, c.source) for c in FactChange.objects.all())


def test_loading_a_file_that_changes_a_price_and_a_status_records_each(loaded_catalogue):
    base = behaviour_catalogue()
    price = next(c for c in base.certifications if c.slug == "aws-ml").price_usd
    catalogue_import(
        catalogue=_changed(
            base, "aws-ml", price_usd=price + 50, status="retiring", status_date="2027-03-31"
        )
    )
    assert _rows() == [
        ("aws-ml", "price_usd", price, price + 50, "file"),
        ("aws-ml", "status", "active", "retiring", "file"),
        ("aws-ml", "status_date", None, "2027-03-31", "file"),
    ]


def test_loading_the_same_file_again_records_nothing(loaded_catalogue):
    catalogue_import(catalogue=behaviour_catalogue())
    assert _rows() == []


def test_a_new_exam_version_and_a_removal_are_recorded(loaded_catalogue):
    base = behaviour_catalogue()
    aws = next(c for c in base.certifications if c.slug == "aws-ml")
    history = [e.model_dump() for e in aws.history] + [
        {"date": "2026-11-01", "change": "version", "note": "A new exam version went live."}
    ]
    changed = _changed(base, "aws-ml", history=history)
    gone = "unknown-body"
    changed = schema.Catalogue.model_validate(
        {"certifications": [c for c in changed.model_dump()["certifications"] if c["slug"] != gone]}
    )
    catalogue_import(catalogue=changed)
    assert ("aws-ml", "version", None, "2026-11-01", "file") in _rows()
    assert (gone, "removed", None, None, "file") in _rows()


def test_an_admin_price_edit_is_recorded(staff_client):
    cert = Certification.objects.get(slug="spark-ml")
    url = reverse("admin:certifications_certification_change", args=[cert.pk])
    data = change_form_data(staff_client.get(url))
    before = cert.price_usd
    data["price_usd"] = 225

    assert staff_client.post(url, data).status_code == 302
    assert _rows() == [("spark-ml", "price_usd", before, 225, "admin")]


def test_an_admin_edit_the_catalogue_refuses_records_nothing(staff_client):
    cert = Certification.objects.get(slug="azure-ai")
    url = reverse("admin:certifications_certification_change", args=[cert.pk])
    data = change_form_data(staff_client.get(url))
    data["price_usd"] = 999
    data["status"] = "retired"  # retired without a last exam day: refused
    data["status_date"] = ""

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert _rows() == []


def test_staff_see_the_recorded_changes_and_cannot_alter_them(staff_client):
    cert = Certification.objects.get(slug="spark-ml")
    url = reverse("admin:certifications_certification_change", args=[cert.pk])
    data = change_form_data(staff_client.get(url))
    data["price_usd"] = 225
    staff_client.post(url, data)
    listing = staff_client.get(reverse("admin:certifications_factchange_changelist"))
    assert listing.status_code == 200
    assert "spark-ml" in listing.content.decode() and "price_usd" in listing.content.decode()
    row = FactChange.objects.get()
    assert staff_client.get(reverse("admin:certifications_factchange_add")).status_code == 403
    delete = reverse("admin:certifications_factchange_delete", args=[row.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    assert FactChange.objects.count() == 1
