"""Hypothesis strategies for version 2 answers, shared by the property tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import strategies as st

from certpath.catalogue import Catalogue
from certpath.vocabulary import EMPLOYER_PLATFORMS, GOAL_DOMAINS, ROLES, SKILL_KEYS

levels = st.integers(min_value=0, max_value=4)
years = st.sampled_from([0, 0.5, 1, 2, 3, 5, 8, 15])


EARLIEST = dt.date(2018, 1, 1)


def _ml_within_industry(experience: dict) -> dict:
    """ML years are part of industry years (the contract refuses more)."""
    if experience.get("ml_years") is not None:
        ml = min(experience["ml_years"], experience["industry_years"])
        experience = {**experience, "ml_years": ml}
    return experience


def answers_v2(
    slugs: Sequence[str], today: dt.date, catalogue: Catalogue | None = None
) -> st.SearchStrategy[dict]:
    """Answers (as JSON data) that may hold up to three of `slugs`, earned before `today`
    and, given the catalogue, while each exam ran (from first offered to a retired one's last
    day: any other history is refused)."""
    by_slug = catalogue.by_slug() if catalogue is not None else {}

    def held(slug: str) -> st.SearchStrategy[dict]:
        cert = by_slug.get(slug)
        low = max(EARLIEST, (cert.first_offered if cert else None) or EARLIEST)
        high = today
        if cert is not None and cert.status == "retired" and cert.status_date:
            high = min(today, cert.status_date)
        return st.fixed_dictionaries(
            {"slug": st.just(slug)},
            optional={"earned_on": st.dates(low, max(low, high)).map(dt.date.isoformat)},
        )

    held_item = st.sampled_from(list(slugs)).flatmap(held)
    return st.fixed_dictionaries(
        {
            "version": st.just(2),
            "skills": st.fixed_dictionaries({key: levels for key in SKILL_KEYS}),
            "experience": st.fixed_dictionaries(
                {
                    "industry_years": years,
                    "platform_years": st.fixed_dictionaries({p: years for p in EMPLOYER_PLATFORMS}),
                },
                optional={"ml_years": years},
            ).map(_ml_within_industry),
            "environment": st.sampled_from([*EMPLOYER_PLATFORMS, "none"]),
            "goals": st.fixed_dictionaries(
                {
                    "focus": st.sampled_from(["deep_learning", "classical", "both"]),
                    "role": st.sampled_from(ROLES),
                    "domains": st.lists(st.sampled_from(GOAL_DOMAINS), unique=True, max_size=3),
                    "exam_format": st.sampled_from(["any", "hands_on", "multiple_choice"]),
                }
            ),
            "weekly_study_hours": st.integers(1, 30),
            "held": st.lists(held_item, max_size=3, unique_by=lambda item: item["slug"]),
            "budget_usd": st.one_of(st.none(), st.sampled_from([0, 100, 300, 600, 1500])),
        }
    )
