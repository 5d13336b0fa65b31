"""The shipped data itself: data/certs.yaml and data/resources.yaml validate, load whole and in
order, keep the facts their sources give, and export back byte for byte.

These are the only tests here that name shipped certifications, prices and dates: when a vendor
changes an exam, the file and this module change together. Every behaviour test runs on the
small behaviour catalogue (tests/fixture_catalogue.py) instead. Elsewhere on purpose on the
shipped data, because their subject is the advice the shipped catalogue gives: the personas
(tests/test_personas_v2.py, tests/test_recommend_personas.py), the contract examples' stated
outcomes (tests/test_recommend_examples.py) and the wording check of
tests/test_recommend_properties.py.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import html5lib
import pytest
from django.conf import settings

from certifications.models import Certification
from certifications.selectors import catalogue_snapshot
from certpath.catalogue_yaml import read_catalogue
from certpath.resources import read_resources
from certpath.vocabulary import SKILL_KEYS
from tests.admin_forms import save_every_certification_unchanged
from tests.conftest import CATALOGUE_PATH, run_command

# Run again on PostgreSQL in CI (-m database): what it tests depends on the database.
pytestmark = pytest.mark.database

SHIPPED_SLUGS = [c.slug for c in read_catalogue(CATALOGUE_PATH).certifications]
SHIPPED_RESOURCES = Path(settings.STUDY_RESOURCES_PATH)

# The first eleven entries, in the order they were first written: a load keeps file order.
FIRST_ELEVEN = [
    "gcp-pmle",
    "aws-mls-c01",
    "azure-ai-102",
    "tensorflow-developer",
    "databricks-ml-associate",
    "aws-mla-c01",
    "aws-aip-c01",
    "aws-aif-c01",
    "azure-ai-103",
    "databricks-ml-professional",
    "gcp-genai-leader",
]


@pytest.mark.django_db
def test_the_shipped_file_loads_every_certification_in_file_order():
    output = run_command("load_catalogue")

    assert f"{len(SHIPPED_SLUGS)} created, 0 updated, 0 removed, 0 unchanged" in output
    assert list(Certification.objects.values_list("slug", flat=True)) == SHIPPED_SLUGS
    assert SHIPPED_SLUGS[: len(FIRST_ELEVEN)] == FIRST_ELEVEN


def test_three_of_the_original_five_are_retired_with_dates_and_successors(shipped_catalogue):
    certs = shipped_catalogue.by_slug()

    assert (certs["aws-mls-c01"].status, certs["aws-mls-c01"].status_date) == (
        "retired",
        dt.date(2026, 3, 31),
    )
    assert certs["aws-mls-c01"].successors[0] == "aws-mla-c01"
    assert {"aws-aip-c01", "aws-aif-c01"} <= set(certs["aws-mls-c01"].successors)
    assert (certs["azure-ai-102"].status, certs["azure-ai-102"].status_date) == (
        "retired",
        dt.date(2026, 6, 30),
    )
    assert certs["azure-ai-102"].successors == ["azure-ai-103"]
    assert certs["tensorflow-developer"].status == "retired"
    assert certs["tensorflow-developer"].status_date == dt.date(2024, 5, 31)
    assert certs["tensorflow-developer"].successors == []
    assert certs["gcp-pmle"].status == "active"
    assert certs["databricks-ml-associate"].status == "active"


def test_facts_match_the_fact_sheet(shipped_catalogue):
    certs = shipped_catalogue.by_slug()
    pmle = certs["gcp-pmle"]

    assert (pmle.price_usd, pmle.duration_minutes, pmle.validity_years) == (200, 120, 2)
    assert (pmle.renewal.method, pmle.renewal.discount_percent) == ("retake", 50)
    assert pmle.recommended_experience.industry_years == 3
    assert pmle.recommended_experience.platform_years == 1
    assert sum(d.weight_min for d in pmle.exam_domains) == 100
    assert certs["aws-mla-c01"].price_usd == 150
    assert certs["azure-ai-103"].renewal.method == "free_assessment"
    assert certs["databricks-ml-associate"].renewal.method == "retake"
    # Unknown facts stay unknown instead of being guessed.
    assert certs["tensorflow-developer"].price_usd is None
    notes = {n.field: n for n in certs["tensorflow-developer"].fact_notes}
    assert notes["price_usd"].confidence == "unverified"


def test_disputed_and_third_party_facts_are_marked(shipped_catalogue):
    certs = shipped_catalogue.by_slug()

    mls_notes = {n.field: n for n in certs["aws-mls-c01"].fact_notes}
    assert mls_notes["duration_minutes"].confidence == "disputed"
    assert "170" in mls_notes["duration_minutes"].note
    assert "180" in mls_notes["duration_minutes"].note
    for cert in shipped_catalogue.certifications:
        assert cert.sources, cert.slug
        assert all(source.checked_on for source in cert.sources)


def test_every_certification_has_a_source_and_every_reference_resolves(shipped_catalogue):
    slugs = {c.slug for c in shipped_catalogue.certifications}
    for cert in shipped_catalogue.certifications:
        assert cert.sources, cert.slug
        assert set(cert.successors) <= slugs
        assert set(cert.next_steps) <= slugs
        assert set(cert.renews) <= slugs


def test_export_of_the_shipped_file_reproduces_it_exactly(shipped_catalogue, tmp_path):
    target = tmp_path / "exported.yaml"

    run_command("export_catalogue", str(target))

    assert target.read_text(encoding="utf-8") == CATALOGUE_PATH.read_text(encoding="utf-8")


def test_the_shipped_resources_cover_every_skill_with_free_https_sources():
    shipped = read_resources(SHIPPED_RESOURCES)
    for skill in SKILL_KEYS:
        assert len(shipped.for_skill(skill)) >= 2, skill
    assert all(r.url.scheme == "https" and r.evidence for r in shipped.resources)


# Every shape of value the real data has (languages, delivery, question counts, renewal fees,
# prerequisites, notes, domains without weights, sources without a URL, no official page...)
# passes through the admin and the pages here; the behaviour catalogue has only a few of them.


def test_the_admin_saves_every_shipped_entry_unchanged(shipped_catalogue, admin_client):
    before = catalogue_snapshot().content_version()
    save_every_certification_unchanged(admin_client)

    assert catalogue_snapshot().content_version() == before
    assert run_command("export_catalogue", "-") == CATALOGUE_PATH.read_text(encoding="utf-8")


def test_every_shipped_certification_page_and_a_comparison_render_as_valid_html(
    shipped_catalogue, client
):
    parser = html5lib.HTMLParser(strict=True)
    for slug in SHIPPED_SLUGS:
        response = client.get(f"/certifications/{slug}/")
        assert response.status_code == 200, slug
        parser.parse(response.content)  # raises on any parse error
    compare = client.get("/compare/?" + "&".join(f"c={s}" for s in SHIPPED_SLUGS[:4]))
    assert compare.status_code == 200
    parser.parse(compare.content)


HREF = re.compile(rb'href="([^"]*)"')


def _bad_links(content: bytes) -> list[str]:
    """Link targets that lead nowhere: not an http(s) address and not a path on this site."""
    return [
        target.decode()
        for target in HREF.findall(content)
        if not target.startswith((b"http://", b"https://", b"/", b"#", b"?"))
    ]


def test_every_link_on_every_certification_why_and_compare_page_has_a_target(
    shipped_catalogue, client
):
    """Catalogue v3: a source without an address was rendered as href="None" (a 404) on 38
    pages. Every certification page, every "Why" page and compare tables covering the whole
    catalogue are read, and every link must lead to an http(s) address or a page of the site."""
    pages = [f"/certifications/{slug}/" for slug in SHIPPED_SLUGS]
    # "Why" for everything the results list (prerequisite credentials are listed only when
    # held, so they have none here).
    targets = [c.slug for c in read_catalogue(CATALOGUE_PATH).certifications if c.is_target]
    pages += [f"/results/why/{slug}/?goals.role=manager" for slug in targets]
    pages += [
        "/compare/?" + "&".join(f"c={s}" for s in SHIPPED_SLUGS[i : i + 4])
        for i in range(0, len(SHIPPED_SLUGS), 4)
    ]
    bad = {}
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        if found := _bad_links(response.content):
            bad[page] = found
    assert bad == {}


def test_every_certification_has_a_source_with_an_address_and_most_an_official_page(
    shipped_catalogue,
):
    certs = shipped_catalogue.certifications
    assert all(any(s.url for s in c.sources) for c in certs)
    # ISTQB's own CT-GenAI page was reached by no stored source, nor cited by address by any
    # (istqb.com is an independent guide); the entry says so. Every other vendor's page is linked.
    without_page = {c.slug for c in certs if c.official_url is None}
    assert without_page == {"istqb-ct-genai"}


def test_the_catalogue_is_broad_enough(shipped_catalogue):
    certs = shipped_catalogue.certifications
    targets = [c for c in certs if c.is_target]
    assert len(certs) >= 62 and len(targets) >= 55
    assert len({c.provider for c in certs}) >= 22
    prerequisites = {c.slug for c in certs if c.kind == "prerequisite"}
    assert {
        "snowflake-snowpro-core",
        "isaca-cisa",
        "isaca-cism",
        "isaca-crisc",
        "isc2-cissp",
    } <= prerequisites


def test_goal_areas_follow_the_exam_guides(shipped_catalogue):
    by_slug = shipped_catalogue.by_slug()
    assert "mlops" in by_slug["gcp-pmle"].goal_domains
    assert "mlops" in by_slug["aws-mla-c01"].goal_domains
    assert {"tabular", "mlops"} <= set(by_slug["azure-ai-300"].goal_domains)
    for slug in ("gcp-pde", "aws-dea-c01", "databricks-data-engineer-associate"):
        assert "tabular" not in by_slug[slug].goal_domains, slug
    assert "data_analyst" in by_slug["gcp-adp"].audience
    assert "security_engineer" in by_slug["comptia-secai"].audience
    assert "risk_compliance" in by_slug["iapp-aigp"].audience
    # Every goal area a certification claims is supported by one of its exam domains (the
    # schema refuses anything else; this shows the shipped file was traced, not emptied).
    claimed = sum(len(c.goal_domains) for c in shipped_catalogue.certifications)
    assert claimed >= 80
