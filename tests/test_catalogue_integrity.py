"""Nothing a staff member does in the admin takes the site down (issue: the whole-catalogue
reference check used to run later, in the request path, and an ordinary edit gave a site-wide
500). Every save is checked against the whole catalogue inside its transaction; a delete that
would orphan a reference is refused; and a database broken outside the admin is still served,
with what needs repair named on /readyz and in the admin. On the behaviour catalogue."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from certifications import selectors
from certifications.models import Certification, CertificationLink
from tests.admin_forms import change_form_data
from tests.test_admin import site_answers

# Run again on PostgreSQL in CI (-m database): what it tests depends on the database.
pytestmark = [pytest.mark.django_db, pytest.mark.database]


def change_url(slug: str) -> str:
    return reverse(
        "admin:certifications_certification_change",
        args=[Certification.objects.get(slug=slug).pk],
    )


def errors(response) -> dict[str, list[str]]:
    form = response.context["adminform"].form
    return {name: [str(e) for e in found] for name, found in form.errors.items()}


def fresh() -> None:
    selectors._CURRENT.clear()  # the next recheck would see it within a second anyway


def test_a_prerequisite_naming_a_slug_nobody_has_is_refused_on_its_field(staff_client):
    url = change_url("spark-ml")
    data = change_form_data(staff_client.get(url))
    data["prerequisites"] = json.dumps([{"name": "Core", "slug": "no-such-cert"}])

    response = staff_client.post(url, data)

    assert response.status_code == 200
    said = errors(response)["prerequisites"]
    assert any("'no-such-cert'" in e and "no certification has" in e for e in said), said
    assert Certification.objects.get(slug="spark-ml").prerequisites[0].get("slug") is None
    fresh()
    assert set(site_answers(staff_client).values()) == {200}


def test_renaming_a_slug_another_names_as_a_prerequisite_is_refused_on_the_slug(staff_client):
    spark = Certification.objects.get(slug="spark-ml")
    spark.prerequisites = [{"name": "Databricks basics", "slug": "gcp-data", "required": True}]
    spark.save()
    url = change_url("gcp-data")
    data = change_form_data(staff_client.get(url)) | {"slug": "gcp-data-renamed"}

    response = staff_client.post(url, data)

    assert response.status_code == 200
    said = errors(response)["slug"]
    assert any("spark-ml names this certification" in e for e in said), said
    assert response.context["adminform"].form["slug"].value() == "gcp-data-renamed"  # kept
    assert Certification.objects.filter(slug="gcp-data").exists()
    fresh()
    assert set(site_answers(staff_client).values()) == {200}


def test_renaming_a_slug_only_links_name_follows_them(staff_client):
    # Successors, next steps and renewals are links to the row itself, not to its slug.
    url = change_url("azure-ai")  # azure-old's successor
    data = change_form_data(staff_client.get(url)) | {"slug": "azure-ai-new"}
    assert staff_client.post(url, data).status_code == 302
    old = Certification.objects.get(slug="azure-old")
    assert old.links.get(kind="successor").target.slug == "azure-ai-new"


@pytest.mark.parametrize("slug", ["azure-ai", "aws-ml"])
def test_deleting_a_certification_others_name_is_refused_and_nothing_is_deleted(staff_client, slug):
    # azure-ai is azure-old's successor; aws-ml is aws-basics' next step and aws-ml-pro renews it
    cert = Certification.objects.get(slug=slug)
    url = reverse("admin:certifications_certification_delete", args=[cert.pk])

    for response in (staff_client.get(url), staff_client.post(url, {"post": "yes"})):
        assert response.status_code == 302
        assert response["Location"] == change_url(slug)
    assert Certification.objects.filter(slug=slug).exists()
    assert CertificationLink.objects.filter(target=cert).exists()
    shown = [str(m) for m in staff_client.get(change_url(slug)).context["messages"]]
    assert any(f"{slug} cannot be deleted" in m for m in shown), shown


def test_a_bulk_delete_that_would_orphan_a_reference_deletes_nothing(staff_client):
    chosen = Certification.objects.filter(slug__in=["azure-ai", "gpu-dl"])
    response = staff_client.post(
        reverse("admin:certifications_certification_changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [c.pk for c in chosen]},
    )
    assert response.status_code == 302
    assert Certification.objects.filter(slug__in=["azure-ai", "gpu-dl"]).count() == 2


def test_a_certification_nobody_names_can_still_be_deleted(staff_client):
    cert = Certification.objects.get(slug="unknown-body")
    url = reverse("admin:certifications_certification_delete", args=[cert.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    assert not Certification.objects.filter(slug="unknown-body").exists()


def test_deleting_every_source_is_refused(staff_client):
    url = change_url("aws-ml")
    data = change_form_data(staff_client.get(url))
    for i in range(int(data["sources-TOTAL_FORMS"])):
        data[f"sources-{i}-DELETE"] = "on"

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert Certification.objects.get(slug="aws-ml").sources.exists()


def test_a_reference_broken_outside_the_admin_is_ignored_shown_and_named_on_readyz(
    staff_client, caplog
):
    Certification.objects.filter(slug="spark-ml").update(
        prerequisites=[{"name": "Gone", "slug": "deleted-in-a-shell", "required": True}],
        updated_at=timezone.now(),
    )
    fresh()
    with caplog.at_level("ERROR", logger="certifications.selectors"):
        assert set(site_answers(staff_client).values()) == {200}
    assert any("deleted-in-a-shell" in r.getMessage() for r in caplog.records)
    assert staff_client.get("/certifications/spark-ml/").status_code == 200  # still served
    ready = staff_client.get("/readyz")
    assert ready.status_code == 503
    assert b"spark-ml" in ready.content and b"deleted-in-a-shell" in ready.content
    changelist = staff_client.get(reverse("admin:certifications_certification_changelist"))
    shown = [str(m) for m in changelist.context["messages"]]
    assert any(m.startswith("spark-ml needs repair") for m in shown), shown


def test_a_database_broken_while_the_site_runs_keeps_serving_the_last_valid_catalogue(
    staff_client, caplog
):
    """The issue's own rule: a shell edit that breaks the catalogue (here aws-ml refused by the
    schema) leaves this process serving the catalogue it last loaded whole, logs once, and
    /readyz names the problem until it is repaired."""
    assert staff_client.get("/certifications/aws-ml/").status_code == 200  # loaded and valid
    Certification.objects.filter(slug="aws-ml").update(
        name="Renamed In A Shell", languages=["English", "English"], updated_at=timezone.now()
    )
    with caplog.at_level("ERROR", logger="certifications.selectors"):
        page = staff_client.get("/certifications/aws-ml/")
        staff_client.get("/certifications/")  # a second look logs nothing more
    assert page.status_code == 200 and b"Renamed In A Shell" not in page.content
    assert sum("aws-ml" in r.getMessage() for r in caplog.records) == 1
    ready = staff_client.get("/readyz")
    assert ready.status_code == 503 and b"aws-ml" in ready.content

    Certification.objects.filter(slug="aws-ml").update(
        languages=["English"], updated_at=timezone.now()
    )
    assert b"Renamed In A Shell" in staff_client.get("/certifications/aws-ml/").content
    assert staff_client.get("/readyz").status_code == 200
