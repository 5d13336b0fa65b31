from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from certifications.filters import CatalogueFilterForm
from certifications.selectors import current_catalogue
from certpath.structured_data import credential


@require_safe
@vary_on_headers("HX-Request")
def catalogue_list(request: HttpRequest) -> HttpResponse:
    catalogue, _ = current_catalogue()
    form = CatalogueFilterForm(request.GET, catalogue.certifications)
    shown = form.apply(catalogue.certifications)
    context = {
        "form": form,
        "bookable": [c for c in shown if c.status != "retired"],
        "retired": [c for c in shown if c.status == "retired"],
        "shown": len(shown),
        "total": len(catalogue.certifications),
        "all_bookable": sum(c.status != "retired" for c in catalogue.certifications),
        "all_retired": sum(c.status == "retired" for c in catalogue.certifications),
        "by_slug": catalogue.by_slug(),
    }
    if request.htmx and not request.htmx.history_restore_request:
        # 422, not 400: django-htmx's debug script replaces the whole page on a 400.
        fragment = "certifications/list.html#results"
        return render(request, fragment, context, status=422 if form.errors else 200)
    return render(request, "certifications/list.html", context, status=400 if form.errors else 200)


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
