from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from certifications.filters import CatalogueFilterForm
from certifications.selectors import current_catalogue
from certpath.catalogue import Catalogue
from certpath.engine.costs import discounts
from certpath.history import events
from certpath.structured_data import credential
from web.limits import limit_reads
from web.pages import cached_page, canonical, no_query


def _catalogue_prefix(request: HttpRequest, current: tuple[Catalogue, str], *args: Any) -> str:
    """What a catalogue page is made from besides its URL: the catalogue, and the day (its
    history lists what has happened by today)."""
    return f"{current[1]}.{timezone.localdate().isoformat()}"


@vary_on_headers("HX-Request")
def _render_list(
    request: HttpRequest, current: tuple[Catalogue, str], form: CatalogueFilterForm, status=200
) -> HttpResponse:
    fragment = request.htmx and not request.htmx.history_restore_request
    template = "certifications/list.html#results" if fragment else "certifications/list.html"
    # 422 for htmx, not 400: django-htmx's debug script replaces the whole page on a 400.
    status = 422 if fragment and status == 400 else status
    return render(request, template, _list_context(form, current[0]), status=status)


def _list_prefix(request: HttpRequest) -> str:
    # Read once per request: the view below uses the same snapshot the key was made from.
    request.catalogue_now = current_catalogue()  # type: ignore[attr-defined]
    return _catalogue_prefix(request, request.catalogue_now)  # type: ignore[attr-defined]


@require_safe
@vary_on_headers("HX-Request")
@limit_reads
@cached_page(_list_prefix)
def catalogue_list(request: HttpRequest) -> HttpResponse:
    """The catalogue, filtered. Only the canonical query (the chosen filters, sorted) is
    cached; a full page asked for by any other spelling is redirected to it, and an htmx
    filter request is rendered as it came."""
    current = request.catalogue_now  # type: ignore[attr-defined]  (set by _list_prefix)
    form = CatalogueFilterForm(request.GET, current[0].certifications)
    if form.errors:
        return _render_list(request, current, form, status=400)
    chosen = urlencode(sorted(form.chosen().items()))
    return canonical(request, chosen, lambda: _render_list(request, current, form))


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
@no_query
def certification_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _cached_detail(request, current_catalogue(), slug)


@cached_page(_catalogue_prefix)
def _cached_detail(request: HttpRequest, current: tuple[Catalogue, str], slug: str) -> HttpResponse:
    catalogue = current[0]
    by_slug = catalogue.by_slug()
    cert = by_slug.get(slug)
    if cert is None:
        raise Http404("No certification with this slug.")
    linked = {s: by_slug[s] for s in [*cert.successors, *cert.next_steps] if s in by_slug}
    required_by = [
        other
        for other in catalogue.certifications
        if any(slug == cert.slug for p in other.prerequisites for slug in (p.slug, *p.alternatives))
    ]
    context = {
        "cert": cert,
        "linked": linked,
        "required_by": required_by,
        "discounts": discounts(cert),
        "history": events(catalogue, timezone.localdate(), slug=cert.slug)[::-1],
        "notes": {n.field: n for n in cert.fact_notes},
        "structured": credential(cert, request.build_absolute_uri(request.path)),
    }
    return render(request, "certifications/detail.html", context)
