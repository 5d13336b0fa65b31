"""A budget is a warning and a lower place, never a silent drop, and an unpublished price is
never known to fit: the visitor is told nobody can say it fits, and it never outranks a known
price within the budget."""

from __future__ import annotations

import datetime as dt

from certpath.catalogue import Certification
from certpath.engine import Answers, recommend
from certpath.vocabulary import SKILL_KEYS
from tests.fixture_catalogue import catalogue, cert

TODAY = dt.date(2026, 11, 23)
CHEAP = cert("cheap", price_usd=100)
DEAR = cert("dear", price_usd=900)
UNPRICED = cert("unpriced", price_usd=None)
# Priced, but renewing after two years costs an unpublished amount: three years are unknown.
UNKNOWN_RENEWAL = {"method": "not_published", "note": "Not published."}
RENEWS_UNPRICED = cert("renews-unpriced", price_usd=150, validity_years=2, renewal=UNKNOWN_RENEWAL)
DEAR_RENEWS_UNPRICED = cert(
    "dear-renews-unpriced", price_usd=500, validity_years=2, renewal=UNKNOWN_RENEWAL
)


def result(budget: int | None, *certs: Certification) -> dict:
    answers = Answers.model_validate(
        {
            "version": 2,
            "skills": {**dict.fromkeys(SKILL_KEYS, 2)},
            "experience": {"industry_years": 2, "platform_years": {}},
            "environment": "aws",
            "goals": {"focus": "both", "role": "ml_engineer", "domains": [], "exam_format": "any"},
            "weekly_study_hours": 6,
            "budget_usd": budget,
        }
    )
    return recommend(answers, catalogue(*(certs or (DEAR, UNPRICED, CHEAP))), today=TODAY)


def warnings(doc: dict) -> dict[str, list[str]]:
    return {r["slug"]: r["warnings"] for r in doc["recommendations"]}


def test_within_over_and_unknown_are_each_said_for_what_they_are():
    said = warnings(result(300))
    assert said["cheap"] == []
    assert said["dear"] == ["Over your budget: about US$900 over three years against US$300."]
    assert len(said["unpriced"]) == 1
    assert "price is not published" in said["unpriced"][0]
    assert "US$300" in said["unpriced"][0]


def by_slug(doc: dict) -> dict[str, dict]:
    return {r["slug"]: r for r in doc["recommendations"]}


def priced_unknown_renewal(budget: int) -> dict:
    return result(budget, CHEAP, RENEWS_UNPRICED, DEAR_RENEWS_UNPRICED, UNPRICED)


def test_a_published_price_is_never_called_unpublished_when_only_renewal_is_unknown():
    recs = by_slug(priced_unknown_renewal(300))
    fits = recs["renews-unpriced"]
    assert fits["cost_3y_usd"] is None  # three years are unknown, and stay so
    assert fits["warnings"] == [
        "The first attempt, US$150, fits your budget of US$300, but what renewing it costs is not "
        "published: check with the vendor before you plan on keeping it."
    ]
    reason = next(f["reason"] for f in fits["factors"] if f["key"] == "budget")
    assert "not published" in reason and "US$150" in reason and "price is not" not in reason


def test_a_first_attempt_over_the_budget_is_over_it_whatever_renewal_costs():
    recs = by_slug(priced_unknown_renewal(300))
    dear = recs["dear-renews-unpriced"]
    assert dear["warnings"] == [
        "Over your budget: the first attempt alone costs US$500 against US$300."
    ]
    points = {
        r: next(f["points"] for f in recs[r]["factors"] if f["key"] == "budget") for r in recs
    }
    # Over is a known miss (no budget points); a first attempt known to fit whose renewal is
    # unknown keeps a middle share; an unpublished price earns none (advice v3: unknown never
    # ranks above a known price within the budget).
    assert points["dear-renews-unpriced"] == 0
    assert points["unpriced"] == 0
    assert 0 < points["renews-unpriced"] < points["cheap"]


def test_the_order_follows_the_budget_and_nothing_is_dropped():
    doc = result(300)
    scores = {r["slug"]: r["score"] for r in doc["recommendations"]}
    assert doc["recommendations"][0]["slug"] == "cheap"
    assert set(scores) == {"cheap", "unpriced", "dear"}
    # Neither is known to fit, so neither has budget points; the dear one is known to be over
    # the limit the visitor gave, which also costs it the over-budget penalty (a lower place).
    assert scores["dear"] < scores["unpriced"] < scores["cheap"]
    dear = next(r for r in doc["recommendations"] if r["slug"] == "dear")
    cost = next(f for f in dear["factors"] if f["key"] == "cost")
    assert cost["points"] == -15 and cost["reason"].startswith("Over your budget of US$300")


def test_an_unpublished_price_never_outranks_a_known_price_within_a_small_budget():
    # Advice v3: with USD 50 nearly everything known is over, and an unpriced exam used to
    # rise to first "because it does better on your budget".
    cheap = cert(
        "fifty",
        price_usd=50,
        validity_years=None,
        renewal={"method": "lifetime", "note": "Does not expire."},
    )
    doc = result(50, cheap, UNPRICED, DEAR)
    order = [r["slug"] for r in doc["recommendations"]]
    assert order.index("fifty") < order.index("unpriced")
    assert not any(
        "does better on your budget" in n and "Unpriced" in n.split(",")[0] for n in doc["notes"]
    )


def test_without_a_budget_nothing_is_said_about_money():
    assert all(not w for w in warnings(result(None)).values())


# Only a literacy credential (no coding) fits a budget of 0 for an ML engineer: off his path.
FREE_LITERACY = cert("free-literacy", price_usd=0, tests_coding=False, level="foundational")
FREE_ON_PATH = cert("free-on-path", price_usd=0)


def test_when_nothing_on_the_path_fits_the_budget_an_unpublished_price_gains_nothing():
    """Every priced exam on the path is over a budget of 0: lowering them all would only lift
    the one nobody has priced above them, as if unknown meant affordable. The order is then
    the fit's, and one note says why."""
    doc = result(0, DEAR, UNPRICED, FREE_LITERACY)
    recs = by_slug(doc)
    assert all(f["key"] != "cost" for f in recs["dear"]["factors"])
    # Same fit (the same made-up exam, priced and not): the same score, whatever the prices.
    assert recs["dear"]["score"] == recs["unpriced"]["score"]
    assert recs["dear"]["warnings"] == [
        "Over your budget: about US$900 over three years against US$0."
    ]
    assert any(
        note.startswith("What fits your budget of US$0 (Free Literacy) is not a main target")
        for note in doc["notes"]
    )


def test_when_something_on_the_path_fits_the_budget_being_over_it_places_lower():
    recs = by_slug(result(0, DEAR, UNPRICED, FREE_ON_PATH))
    assert [f["key"] for f in recs["dear"]["factors"] if f["points"] < 0] == ["cost"]
    assert recs["dear"]["score"] < recs["unpriced"]["score"]
