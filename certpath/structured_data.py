"""schema.org markup for a certification, so search engines and other tools can read the facts.

A pure function of the catalogue entry: the page embeds it as JSON-LD and the API returns it.
Unknown facts are left out, never filled in: a credential with no published price has no offer.
"""

from __future__ import annotations

from typing import Any

from certpath.catalogue import Certification
from certpath.vocabulary import LEVEL_TITLES, PLATFORM_LABELS


def iso_duration(years: float) -> str:
    """ISO 8601 duration for a validity: 3 -> P3Y, 1.5 -> P18M."""
    months = round(years * 12)
    return f"P{months // 12}Y" if months % 12 == 0 else f"P{months}M"


def credential(cert: Certification, page_url: str) -> dict[str, Any]:
    """An EducationalOccupationalCredential for `cert`, published at `page_url`."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalCredential",
        "@id": page_url,
        "url": page_url,
        "name": cert.name,
        "description": cert.summary,
        "credentialCategory": "certification",
        "educationalLevel": LEVEL_TITLES[cert.level],
        "provider": {"@type": "Organization", "name": cert.provider},
        "about": PLATFORM_LABELS[cert.platform],
    }
    if cert.exam_code:
        data["identifier"] = cert.exam_code
    if cert.official_url:
        data["sameAs"] = str(cert.official_url)
    if cert.validity_years is not None:
        data["validFor"] = iso_duration(cert.validity_years)
    if cert.price_usd is not None:
        data["offers"] = {
            "@type": "Offer",
            "category": "exam fee",
            "price": cert.price_usd,
            "priceCurrency": "USD",
            "availability": "https://schema.org/"
            + ("Discontinued" if cert.status == "retired" else "InStock"),
        }
    return data
