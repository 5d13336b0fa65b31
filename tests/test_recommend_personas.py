"""Visitors beyond the contract's examples, each expected outcome argued from the domain notes."""

from __future__ import annotations

import copy
import datetime as dt

from certpath.catalogue import Catalogue
from tests import personas as P
from tests.personas import by_slug, factor, result_for, scored, top


def test_aws_shop_ml_engineer_gets_the_live_aws_successor_not_the_retired_specialty():
    result = result_for(P.AWS_ML_ENGINEER)
    recs = by_slug(result)

    assert top(result)["slug"] == "aws-mla-c01"
    assert top(result)["readiness"] == "ready"
    old = recs["aws-mls-c01"]
    assert old["status"] == "retired" and old["successor"] == "aws-mla-c01"
    assert old["score"] == 0
    assert "31 March 2026" in factor(old, "status")["reason"]
    assert "AWS Certified Machine Learning Engineer – Associate" in old["warnings"][0]


def test_without_a_platform_reach_orders_aws_then_azure_then_google_cloud():
    result = result_for(P.NO_PLATFORM_DATA_SCIENTIST)

    breadth = {rec["slug"]: factor(rec, "employer_breadth")["points"] for rec in scored(result)}
    assert breadth["aws-mla-c01"] > breadth["azure-ai-103"] > breadth["gcp-pmle"]
    assert all(f["key"] != "platform" for f in top(result)["factors"])
    assert top(result)["slug"] == "aws-mla-c01"


def test_a_hands_on_deep_learner_is_never_sent_to_the_closed_tensorflow_exam():
    result = result_for(P.HANDS_ON_DEEP_LEARNER)
    tf = by_slug(result)["tensorflow-developer"]

    # It would fit on focus and format, which is exactly why it must be explicit: it is not
    # scored, and its one factor says it closed.
    assert [f["key"] for f in tf["factors"]] == ["status"]
    assert "31 May 2024" in factor(tf, "status")["reason"]
    # Catalogue v3 lists a bookable hands-on exam (GIAC GMLE's CyberLive section), so the
    # preference counts: it earns the format points, a multiple-choice exam none.
    recs = by_slug(result)
    assert factor(recs["giac-gmle"], "exam_format")["points"] > 0
    assert factor(recs["aws-mla-c01"], "exam_format")["points"] == 0
    assert not any("none you can book now is hands-on" in note for note in result["notes"])
    assert tf["status"] == "retired" and tf["score"] == 0 and tf["successor"] is None
    assert "31 May 2024" in tf["warnings"][0]
    bookable = [r for r in result["recommendations"] if r["status"] != "retired"]
    assert tf["rank"] > max(r["rank"] for r in bookable)
    assert all(step["slug"] != "tensorflow-developer" for step in result["pathway"])


def test_a_newcomer_on_google_cloud_interested_in_generative_ai_starts_below_professional():
    # Version 2: a career changer into ML is on a technical path, so the business-level
    # Generative AI Leader is not their target, and never leads straight to the PMLE.
    result = result_for(P.GCP_NEWCOMER_GENAI)
    first, recs = top(result), by_slug(result)

    # Intent can outweigh the platform: the first pick is a technical entry-level exam that
    # covers their goal (generative AI), whichever vendor offers it. Foundational or associate
    # are both sound for a newcomer; what would be wrong is a professional exam first.
    assert first["tests_coding"] and first["level"] in ("foundational", "associate")
    assert "generative AI" in factor(first, "goals")["reason"]
    leader = recs["gcp-genai-leader"]
    assert leader["rank"] > first["rank"]
    assert any("proves little on a technical path" in w for w in leader["warnings"])
    pmle = recs["gcp-pmle"]
    assert factor(pmle, "level")["points"] == 0  # two levels above someone starting out
    assert {"industry_years", "platform_years.gcp"} <= {g["skill"] for g in pmle["gaps"]}
    exams = [s["slug"] for s in result["pathway"] if s["kind"] == "certification"]
    assert exams[0] == first["slug"] and "gcp-genai-leader" not in exams


def test_short_platform_experience_is_a_gap_and_the_what_if_says_how_to_close_it():
    result = result_for(P.GCP_ENGINEER_NEW_TO_GCP)
    first = top(result)

    assert first["slug"] == "gcp-pmle"
    assert first["readiness"] == "stretch"
    assert first["gaps"] == [
        {
            "skill": "platform_years.gcp",
            "have": 0.5,
            "need": 1.0,
            "blocking": False,
            "assumed": False,
            "label": "Google Cloud experience: 0.5 years of the 1 year recommended",
        }
    ]
    ready = [w for w in result["what_if"] if w["effect"] == "ready"]
    assert ready[0]["slug"] == "gcp-pmle"
    assert ready[0]["change"] == {"path": "experience.platform_years.gcp", "from": 0.5, "to": 1.0}


def test_an_azure_solution_architect_gets_the_live_azure_exam_for_architects():
    result = result_for(P.AZURE_ARCHITECT)
    first = top(result)

    assert first["slug"] == "azure-ai-103"
    assert "solution architects" in factor(first, "role")["reason"]
    assert (
        "generative AI (about 33 % of the exam) and knowledge mining (about 13 % of the exam)"
        in factor(first, "goals")["reason"]
    )


def test_python_below_working_level_puts_python_first_whatever_the_experience():
    result = result_for(P.PYTHON_BEGINNER_ON_AWS)

    assert top(result)["readiness"] == "not_yet"
    assert result["pathway"][0]["kind"] == "foundation"
    assert result["pathway"][0]["title"].startswith("Python")


def test_fewer_study_hours_mean_more_weeks():
    slow = result_for({**P.PYTHON_BEGINNER_ON_AWS, "weekly_study_hours": 2})
    fast = result_for({**P.PYTHON_BEGINNER_ON_AWS, "weekly_study_hours": 20})

    for a, b in zip(slow["pathway"], fast["pathway"], strict=True):
        assert a["title"] == b["title"]
        if a["weeks"] is not None:
            assert a["weeks"] >= b["weeks"]
    assert sum(s["weeks"] or 0 for s in slow["pathway"]) > sum(
        s["weeks"] or 0 for s in fast["pathway"]
    )


def test_weights_can_be_overridden_per_request():
    data = P.AWS_ML_ENGINEER
    default = result_for(data)
    no_platform = result_for(data, weights={"platform": 0})

    assert no_platform["weights"]["platform"] == 0
    for rec in scored(no_platform):
        assert factor(rec, "platform")["points"] == 0
    gcp = by_slug(no_platform)["gcp-pmle"]
    assert gcp["score"] > by_slug(default)["gcp-pmle"]["score"]


def test_three_year_cost_follows_each_vendors_renewal_rule():
    recs = by_slug(result_for(P.AWS_ML_ENGINEER))

    assert recs["gcp-pmle"]["cost_3y_usd"] == 200 + 100  # half-price retake at 2 years
    assert recs["databricks-ml-associate"]["cost_3y_usd"] == 200 + 200  # retake at 2 years
    assert recs["aws-mla-c01"]["cost_3y_usd"] == 150  # valid 3 years
    unpriced = next(
        c.slug for c in P.SHIPPED.certifications if c.price_usd is None and c.status == "active"
    )
    assert recs[unpriced]["cost_3y_usd"] is None  # price not published
    assert recs["aws-mls-c01"]["cost_3y_usd"] is None  # cannot be booked


def _with_retiring(slug: str, closes: dt.date) -> Catalogue:
    data = P.SHIPPED.model_dump()
    for cert in data["certifications"]:
        if cert["slug"] == slug:
            cert["status"], cert["status_date"] = "retiring", closes
    return Catalogue.model_validate(copy.deepcopy(data))


def test_a_retiring_exam_warns_with_its_date_and_is_penalised_if_it_closes_too_soon():
    soon = _with_retiring("aws-mla-c01", P.TODAY + dt.timedelta(days=14))
    later = _with_retiring("aws-mla-c01", P.TODAY + dt.timedelta(days=400))

    rushed = by_slug(result_for(P.AWS_ML_ENGINEER, catalogue=soon))["aws-mla-c01"]
    relaxed = by_slug(result_for(P.AWS_ML_ENGINEER, catalogue=later))["aws-mla-c01"]

    assert rushed["status"] == relaxed["status"] == "retiring"
    assert factor(rushed, "status")["points"] < 0
    assert "after it closes" in factor(rushed, "status")["reason"]
    assert factor(relaxed, "status")["points"] == 0
    assert "5 December 2026" in rushed["warnings"][0]
    assert rushed["rank"] > relaxed["rank"]


def test_a_retiring_exam_whose_last_day_has_passed_counts_as_retired():
    closed = _with_retiring("aws-mla-c01", P.TODAY - dt.timedelta(days=1))

    rec = by_slug(result_for(P.AWS_ML_ENGINEER, catalogue=closed))["aws-mla-c01"]

    assert rec["status"] == "retired" and rec["score"] == 0


def test_unpublished_experience_is_assumed_by_level_said_so_and_named_as_an_assumed_gap():
    # Version 2: unknown is not zero. A professional exam whose vendor publishes nothing is
    # judged as needing what is usual for the level, and the gap says it is assumed.
    unpublished = next(
        c.slug
        for c in P.SHIPPED.certifications
        if c.level == "professional"
        and c.status == "active"
        and not c.recommended_experience.published
    )
    newcomer = result_for(P.visitor(industry_years=0))
    veteran = result_for(P.visitor(industry_years=8))

    rec = by_slug(newcomer)[unpublished]
    assert factor(rec, "experience")["points"] == 0
    reason = factor(rec, "experience")["reason"]
    assert "certpath assumes what is usual" in reason and "(an assumption)" in reason
    gap = next(g for g in rec["gaps"] if g["skill"] == "industry_years")
    assert gap["assumed"] and "assumed" in gap["label"]
    assert rec["readiness"] != "ready"
    assert factor(by_slug(veteran)[unpublished], "experience")["points"] > 0
