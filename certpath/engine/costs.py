"""What a certification costs over three years: the exam fee plus renewals due in that time."""

from __future__ import annotations

import math

from certpath.catalogue import Certification
from certpath.engine.words import money

HORIZON_YEARS = 3


def renewals_within(cert: Certification, years: int = HORIZON_YEARS) -> int | None:
    """Renewals falling strictly inside the horizon (a 3-year credential renews at year 3);
    None when the validity is not published, so nobody knows how many."""
    if cert.renewal.method in ("lifetime", "not_renewable"):
        return 0
    if not cert.validity_years:
        return None
    return math.ceil(years / cert.validity_years - 1e-9) - 1


def renewal_cost(cert: Certification) -> int | None:
    """One renewal's cost; None when it is not published."""
    method = cert.renewal.method
    if method == "not_published":
        return None
    if method == "free_assessment":
        return 0
    if method == "continuing_education":
        return cert.renewal.fee_usd
    if cert.price_usd is None:
        return None
    return round(cert.price_usd * (100 - cert.renewal.discount_percent) / 100)


def cost_3y_usd(cert: Certification, *, bookable: bool) -> int | None:
    """None when it cannot be booked or a price it depends on is not published."""
    if not bookable or cert.price_usd is None:
        return None
    count = renewals_within(cert)
    if count is None:
        return None
    if not count:
        return cert.price_usd
    each = renewal_cost(cert)
    return None if each is None else cert.price_usd + count * each


def discounts(cert: Certification) -> list[str]:
    """What the vendor publishes that can make it cheaper than the list price (the three-year
    cost uses the list price; these are the ways it could come out lower)."""
    said = []
    if cert.member_price_usd is not None and (
        cert.price_usd is None or cert.member_price_usd < cert.price_usd
    ):
        said.append(f"{money(cert.member_price_usd)} for members of {cert.provider}")
    renewal = cert.renewal
    if renewal.method == "retake" and renewal.discount_percent:
        said.append(f"renewal at {renewal.discount_percent}% off the exam price")
    if renewal.method == "free_assessment":
        said.append("renewal is free (an online assessment)")
    if renewal.fee_member_usd is not None and (
        renewal.fee_usd is None or renewal.fee_member_usd < renewal.fee_usd
    ):
        said.append(
            "the renewal fee is waived for members"
            if renewal.fee_member_usd == 0
            else f"a renewal fee of {money(renewal.fee_member_usd)} for members"
        )
    return said
