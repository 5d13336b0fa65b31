from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from certifications.models import Certification
from certifications.selectors import certification_to_schema, certifications_with_relations


@require_safe
def catalogue_list(request: HttpRequest) -> HttpResponse:
    certifications = [certification_to_schema(c) for c in certifications_with_relations()]
    bookable = [c for c in certifications if c.status != "retired"]
    retired = [c for c in certifications if c.status == "retired"]
    by_slug = {c.slug: c for c in certifications}
    return render(
        request,
        "certifications/list.html",
        {"bookable": bookable, "retired": retired, "by_slug": by_slug},
    )


@require_safe
def certification_detail(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(certifications_with_relations(), slug=slug)
    cert = certification_to_schema(obj)
    linked = {
        c.slug: c
        for c in Certification.objects.filter(slug__in=[*cert.successors, *cert.next_steps])
    }
    return render(
        request,
        "certifications/detail.html",
        {"cert": cert, "linked": linked, "notes": {n.field: n for n in cert.fact_notes}},
    )
