from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from certifications.selectors import current_catalogue
from certpath.structured_data import credential


@require_safe
def catalogue_list(request: HttpRequest) -> HttpResponse:
    catalogue, _ = current_catalogue()
    certifications = catalogue.certifications
    return render(
        request,
        "certifications/list.html",
        {
            "bookable": [c for c in certifications if c.status != "retired"],
            "retired": [c for c in certifications if c.status == "retired"],
            "by_slug": catalogue.by_slug(),
        },
    )


@require_safe
def certification_detail(request: HttpRequest, slug: str) -> HttpResponse:
    by_slug = current_catalogue()[0].by_slug()
    cert = by_slug.get(slug)
    if cert is None:
        raise Http404("No certification with this slug.")
    linked = {s: by_slug[s] for s in [*cert.successors, *cert.next_steps] if s in by_slug}
    return render(
        request,
        "certifications/detail.html",
        {
            "cert": cert,
            "linked": linked,
            "notes": {n.field: n for n in cert.fact_notes},
            "structured": credential(cert, request.build_absolute_uri()),
        },
    )
