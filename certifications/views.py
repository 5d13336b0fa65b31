from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from certifications.filters import CatalogueFilterForm
from certifications.selectors import current_catalogue
from certpath.catalogue import Catalogue
from certpath.engine.costs import discounts
from certpath.history import events
from certpath.structured_data import credential
from config.html_cache import cached_html
from config.limits import limit_reads


@require_safe
@vary_on_headers("HX-Request")
@limit_reads
def catalogue_list(request: HttpRequest) -> HttpResponse:
    catalogue, version = current_catalogue()
    form = CatalogueFilterForm(request.GET, catalogue.certifications)
    fragment = request.htmx and not request.htmx.history_restore_request
    template = "certifications/list.html#results" if fragment else "certifications/list.html"
    if not form.errors:
        # Only validated filters make the key: junk parameters share one entry.
        chosen = urlencode(sorted(form.chosen().items()))
        return cached_html(
            request,
            ["catalogue", version, template, chosen],
            lambda: render_to_string(template, _list_context(form, catalogue), request),
        )
    # 422 for htmx, not 400: django-htmx's debug script replaces the whole page on a 400.
    status = 422 if fragment else 400
    return render(request, template, _list_context(form, catalogue), status=status)


def _list_context(form: CatalogueFilterForm, catalogue: Catalogue) -> dict[str, Any]:
    shown = form.apply(catalogue.certifications)
    return {
        "form": form,
        "bookable": [c for c in shown if c.status != "retired"],
        "retired": [c for c in shown if c.status == "retired"],
        "shown": len(shown),
        "total": len(catalogue.certifications),
        "all_bookable": sum(c.status != "retired" for c in catalogue.certifications),
        "all_retired": sum(c.status == "retired" for c in catalogue.certifications),
        "by_slug": catalogue.by_slug(),
    }


@require_safe
@limit_reads
def certification_detail(request: HttpRequest, slug: str) -> HttpResponse:
    catalogue, version = current_catalogue()
    by_slug = catalogue.by_slug()
    cert = by_slug.get(slug)
    if cert is None:
        raise Http404("No certification with this slug.")
    page = request.build_absolute_uri(request.path)

    def render_page() -> str:
        linked = {s: by_slug[s] for s in [*cert.successors, *cert.next_steps] if s in by_slug}
        required_by = [
            other
            for other in catalogue.certifications
            if any(
                slug == cert.slug for p in other.prerequisites for slug in (p.slug, *p.alternatives)
            )
        ]
        context = {
            "cert": cert,
            "linked": linked,
            "required_by": required_by,
            "discounts": discounts(cert),
            "history": events(catalogue, timezone.localdate(), slug=cert.slug)[::-1],
            "notes": {n.field: n for n in cert.fact_notes},
            "structured": credential(cert, page),
        }
        return render_to_string("certifications/detail.html", context, request)

    return cached_html(request, ["certification", version, slug, page], render_page)
