"""Thin views: a form turns the query into answers, the engine does the rest."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url, replace_url, reswap
from django_redis import get_redis_connection
from redis.exceptions import RedisError

from advisor import ics, presenters, progress
from advisor.alerts import plan_alerts
from advisor.feeds import PLAN_FEED
from advisor.forms import DEFAULTS, AnswersForm, answers_query
from advisor.models import SharedResult, is_code
from advisor.replan import replan
from advisor.selectors import recommendation_for, serving_version
from certifications.selectors import (
    catalogue_marks,
    catalogue_problems,
    current_catalogue,
)
from certpath.engine import AnswersProblem
from web.caches import LIMITS
from web.errors import unavailable
from web.limits import limit_reads, limit_shares
from web.origin import same_origin_posts
from web.pages import cached_page, canonical, no_query

logger = logging.getLogger(__name__)

MAX_COMPARE = 4


def _invalid(request: HttpRequest, form: AnswersForm) -> HttpResponse:
    """The questionnaire again, every value kept, each error beside its field.

    The live ranking gets only the error list, as 422: django-htmx's debug script (make run)
    replaces the whole document on a 400, which wiped every answer while a number was retyped.
    """
    if request.htmx:
        # The last good ranking stays (nothing is swapped); the problem is said in the panel
        # and beside its question (out-of-band swaps).
        response = render(
            request, "advisor/questionnaire.html#invalid_live", {"form": form}, status=422
        )
        return reswap(response, "none")
    return render(request, "advisor/questionnaire.html", {"form": form}, status=400)


def _page_context(form: AnswersForm, *, live: bool) -> dict[str, Any]:
    """The ranked answers of a valid form, ready for the questionnaire or results template;
    `live` for the questionnaire's panel (the top of the ranking)."""
    today = timezone.localdate()
    weights = form.weights()
    result = recommendation_for(form.answers, weights=weights, today=today)
    context = presenters.results_context(
        result, query=answers_query(form.answers, weights), start=today, live=live
    )
    return {"form": form, **context}


def _page_prefix(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    """What an advice page is made from besides its URL: the catalogue, the study links and
    the day (the plan is dated from today)."""
    return f"{serving_version()}.{timezone.localdate().isoformat()}"


TEMPLATES = {
    ("questionnaire", False): "advisor/questionnaire.html",
    ("questionnaire", True): "advisor/questionnaire.html",
    ("results", False): "advisor/results.html",
    ("results", True): "advisor/results.html#results",
}


@vary_on_headers("HX-Request")
def _render_advice(
    request: HttpRequest, page: str, form: AnswersForm, applied: tuple[str, str] | None = None
) -> HttpResponse:
    htmx = bool(request.htmx)
    template = TEMPLATES[page, htmx]
    if page == "questionnaire" and not request.GET:
        # Nothing answered yet: no score is claimed for answers nobody gave; the panel says
        # what it will show (and, without JavaScript, to press the button).
        return render(request, template, {"form": form, "untouched": True})
    # The panel beside the questions: the questionnaire page, and its live requests.
    live = page == "questionnaire" or htmx
    context = _page_context(form, live=live)
    if applied:
        context["applied"] = presenters.applied_what_if(context, form, *applied)
    response = render(request, template, context)
    if htmx and page == "results":
        # The address is the state: the questionnaire's address becomes these answers, so
        # Back, reload and a copied link show the same answers and the same ranking.
        questionnaire = reverse("advisor:questionnaire")
        query = context["query"]
        replace_url(response, f"{questionnaire}?{query}" if query else questionnaire)
    return response


def _advice_page(request: HttpRequest, page: str) -> HttpResponse:
    """The advice page for the answers in the query (asked of the page cache first), in
    its canonical spelling (answers_query: the short link; web/pages.canonical)."""
    form = AnswersForm.from_query(request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    query = answers_query(form.answers, form.weights())
    applied = _what_if_asked(request, form) if page == "results" else None
    if applied:  # a what-if followed: the change it made and the certification it named
        query = "&".join(filter(None, [query, urlencode(dict(zip(WHAT_IF, applied, strict=True)))]))
    return canonical(request, query, lambda: _render_advice(request, page, form, applied))


WHAT_IF = ("changed", "for")


def _what_if_asked(request: HttpRequest, form: AnswersForm) -> tuple[str, str] | None:
    """The answer a followed what-if changed and the certification it named, when both are
    real (anything else is dropped by the canonical redirect)."""
    changed, slug = (request.GET.get(key, "") for key in WHAT_IF)
    if changed in form.fields and slug in current_catalogue()[0].by_slug():
        return changed, slug
    return None


@require_safe
@vary_on_headers("HX-Request")
@limit_reads
@cached_page(_page_prefix)
def questionnaire(request: HttpRequest) -> HttpResponse:
    return _advice_page(request, "questionnaire")


@require_safe
@vary_on_headers("HX-Request")
@limit_reads
@cached_page(_page_prefix)
def results(request: HttpRequest) -> HttpResponse:
    """The ranking and pathway; a URL that spells out defaults (the questionnaire submits
    every field, about 1,000 characters) is redirected to the short link that says the same."""
    return _advice_page(request, "results")


@require_POST
@same_origin_posts
@limit_shares
def share(request: HttpRequest) -> HttpResponse:
    form = AnswersForm.from_query(request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    weights = form.weights()
    result = recommendation_for(form.answers, weights=weights, today=timezone.localdate())
    try:
        saved, key = SharedResult.objects.keep(
            form.answers.model_dump(mode="json"), weights, result
        )
    except DatabaseError:
        logger.exception("a share could not be saved")
        return unavailable(request)
    # 303 See Other: the browser follows with a GET, and a reload does not post again.
    # Opened at the owner's page, where the permanent link and the private owner link are.
    return _see_other(reverse("advisor:owner", args=[saved.code, key]) + "#keep-heading")


def _see_other(url: str) -> HttpResponse:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _shared(code: str) -> SharedResult:
    return get_object_or_404(SharedResult.objects.with_result(), code=code)


def permalink(request: HttpRequest, path: str) -> str:
    """The address a saved plan is shared by: the configured site (DJANGO_SITE_URL), the
    request's host only in debug, else the path alone. Never the request's own query or, in
    production, its Host: the page is cached and everyone gets what the first visitor did."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    if settings.DEBUG:
        return request.build_absolute_uri(path)
    return path


def _catalogue_prefix(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    """A saved plan's page changes only when the catalogue does (the "catalogue has changed"
    note) or its owner marks progress: its advice is the saved one."""
    code = kwargs.get("code")
    ticks = (
        SharedResult.objects.filter(code=code).values_list("progress_version", flat=True).first()
        if code and is_code(code)
        else None
    )
    # A followed plan's steps left are dated from today: a new day is a new page; an edit is
    # a possible new alert, even one that put the catalogue back as it was.
    version, edited = catalogue_marks()
    return f"{version}.{edited}.{ticks or 0}.{timezone.localdate():%Y%m%d}"


def _plan_context(request: HttpRequest, saved: SharedResult) -> dict[str, Any]:
    """A saved plan's page, as everyone sees it: the saved advice, with its owner's progress."""
    context = presenters.results_context(
        saved.result,
        query=presenters.query_from_saved(saved.answers, saved.weights),
        start=saved.created_at.date(),
        done=saved.done_steps() if saved.owner_key_hash else None,
        today=timezone.localdate(),
    )
    context.update(
        shared=saved,
        alerts=plan_alerts(saved),
        catalogue_changed=current_catalogue()[1] != saved.catalogue_version,
        permalink=permalink(request, reverse("advisor:shared", args=[saved.code])),
        calendar_feed=_webcal(permalink(request, reverse("advisor:shared_ics", args=[saved.code]))),
    )
    return context


def _webcal(address: str) -> str | None:
    """The calendar's address for subscribing (webcal:), when the site's own address is known
    (DJANGO_SITE_URL, or the request's host in debug); a bare path cannot be subscribed to."""
    scheme, found, rest = address.partition("://")
    return f"webcal://{rest}" if found and scheme in ("http", "https") else None


@require_safe
@vary_on_headers("HX-Request")
@limit_reads
@no_query
@cached_page(_catalogue_prefix)
@vary_on_headers("HX-Request")
def shared(request: HttpRequest, code: str) -> HttpResponse:
    """A saved plan's advice never changes; whether the catalogue has moved on since does,
    and its owner's progress, shown read-only."""
    return render(request, "advisor/results.html", _plan_context(request, _shared(code)))


def _owned(code: str, key: str) -> SharedResult:
    """The plan this owner key opens; a wrong key is "not found", as a wrong code is."""
    saved = _shared(code)
    if not saved.owned_by(key):
        raise Http404("No such plan")
    return saved


def _owner_page(
    request: HttpRequest,
    saved: SharedResult,
    key: str,
    form: Any = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    context = _plan_context(request, saved)
    owner_path = reverse("advisor:owner", args=[saved.code, key])
    context.update(
        owner_key=key,
        owner_link=permalink(request, owner_path),
        step_action=reverse("advisor:owner_step", args=[saved.code, key]),
        replan_action=reverse("advisor:owner_replan", args=[saved.code, key]),
        today=timezone.localdate(),
        step_form=form,
        **extra,
    )
    response = render(request, "advisor/results.html", context, status=status)
    # The address is the key: never cached, never sent on as a referrer, never indexed.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@limit_reads
@no_query
def owner(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """The plan with its owner's controls: mark a step done (with its day) or not done."""
    return _owner_page(request, _owned(code, key), key)


@require_POST
@same_origin_posts
@limit_shares
def owner_step(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """A tick, from a form that works without JavaScript; it shares the save budget."""
    saved = _owned(code, key)
    form = progress.StepForm(request.POST, plan=saved)
    if not form.is_valid():
        return _owner_page(request, saved, key, form=form, status=400)
    try:
        progress.apply(form)
    except DatabaseError:
        logger.exception("a tick could not be saved")
        return unavailable(request)
    step = form.cleaned_data["step"]
    return _see_other(reverse("advisor:owner", args=[code, key]) + f"#step-{step}")


@require_POST
@same_origin_posts
@limit_shares
def owner_replan(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """A new plan from the same answers and what was marked done, on today's catalogue,
    opened at its owner page (the same key); the old plan links to it."""
    saved = _owned(code, key)
    try:
        new = replan(saved, key, timezone.localdate())
    except AnswersProblem as problem:  # what the owner holds no longer fits the catalogue
        said = "; ".join(message for _, message in problem.problems)
        return _owner_page(request, saved, key, status=400, replan_error=said)
    except DatabaseError:
        logger.exception("a re-plan could not be saved")
        return unavailable(request)
    return _see_other(reverse("advisor:owner", args=[new.code, key]) + "#pathway-heading")


def _detail(
    request: HttpRequest, result: dict[str, Any], slug: str, *, back: str, **extra
) -> HttpResponse:
    """One certification's full reasons: a page of its own without JavaScript, the fragment a
    card's link swaps in with htmx (it carries nothing per visitor)."""
    context = presenters.detail_context(result, slug)
    if context is None:
        raise Http404("No such certification in this result")
    if not request.htmx:
        return render(request, "advisor/why.html", {**context, "back": back, **extra})
    response = render(request, "advisor/why.html#fragment", {**context, "back": back, **extra})
    # The reasons open in place: the boosted link must not push the Why page's address.
    return push_url(response, False)


@vary_on_headers("HX-Request")
def _render_why(request: HttpRequest, slug: str, form: AnswersForm, query: str) -> HttpResponse:
    result = recommendation_for(form.answers, weights=form.weights(), today=timezone.localdate())
    back = f"{reverse('advisor:results')}?{query}#rec-{slug}"
    return _detail(request, result, slug, back=back, query=query)


@require_safe
@vary_on_headers("HX-Request")
@limit_reads
@cached_page(_page_prefix)
def why(request: HttpRequest, slug: str) -> HttpResponse:
    form = AnswersForm.from_query(request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    query = answers_query(form.answers, form.weights())
    return canonical(request, query, lambda: _render_why(request, slug, form, query))


@require_safe
@vary_on_headers("HX-Request")
@limit_reads
@no_query
@cached_page(_catalogue_prefix)
@vary_on_headers("HX-Request")
def shared_why(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    saved = _shared(code)
    back = f"{reverse('advisor:shared', args=[code])}#rec-{slug}"
    return _detail(request, saved.result, slug, back=back, shared=saved)


@require_safe
@limit_reads
def shared_json(request: HttpRequest, code: str) -> JsonResponse:
    """The saved result as the contract defines it, compact: its pathway dated from the day
    it was saved (as the page shows it), without spaces between tokens, and without each
    certification's facts (prices, formats, sources: two thirds of the document, the same in
    every plan; the full saved result with them is GET /api/v1/shares/CODE)."""
    saved = _shared(code)
    document = {
        **saved.result,
        "recommendations": [
            {key: value for key, value in rec.items() if key != "facts"}
            for rec in saved.result["recommendations"]
        ],
        "pathway": presenters.pathway_with_dates(saved),
    }
    response = JsonResponse(
        document, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")}
    )
    response["Content-Disposition"] = f'attachment; filename="certpath-{code}.json"'
    return response


@require_safe
@limit_reads
@no_query
def plan_changes(request: HttpRequest, code: str) -> HttpResponse:
    """The plan's own change feed (advisor/feeds.py): what changed for it since it was saved."""
    return PLAN_FEED(request, code=code)


@require_safe
@limit_reads
def shared_ics(request: HttpRequest, code: str) -> HttpResponse:
    saved = _shared(code)
    # A calendar needs a whole address; this file is not cached, so the request's own
    # (validated) host is safe here when no site URL is configured.
    path = reverse("advisor:shared", args=[code])
    url = settings.SITE_URL + path if settings.SITE_URL else request.build_absolute_uri(path)
    body = ics.plan_calendar(
        saved.result,
        start=saved.created_at.date(),
        url=url,
        code=code,
        weekly_hours=saved.weekly_hours,
        done=saved.done_steps(),
        sequence=saved.progress_version,
        today=timezone.localdate(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="certpath-plan-{code}.ics"'
    return response


@require_safe
@limit_reads
def compare(request: HttpRequest) -> HttpResponse:
    slugs = list(dict.fromkeys(request.GET.getlist("c")))
    catalogue, _ = current_catalogue()
    by_slug = catalogue.by_slug()
    unknown = [s for s in slugs if s not in by_slug]
    problem = None
    if unknown:
        problem = "Unknown certification: " + ", ".join(unknown[:4])
    elif not 2 <= len(slugs) <= MAX_COMPARE:
        problem = f"Choose between 2 and {MAX_COMPARE} certifications to compare."
    # The picker: by provider, then name (regrouped in the template), searchable with app.js.
    picker = sorted(catalogue.certifications, key=lambda c: (c.provider.lower(), c.name.lower()))
    context: dict[str, Any] = {"catalogue": picker, "chosen": slugs}
    if problem:
        context["problem"] = problem
        return render(request, "advisor/compare.html", context, status=400)
    context["certs"] = [by_slug[s] for s in slugs]
    if any(key in request.GET for key in DEFAULTS):
        form = AnswersForm.from_query(request.GET)
        if form.is_valid():
            weights = form.weights()
            result = recommendation_for(form.answers, weights=weights, today=timezone.localdate())
            recs = {r["slug"]: r for r in result["recommendations"]}
            context["fit"] = [recs[s] for s in slugs]
            context["query"] = answers_query(form.answers, weights)
            # Comparing others keeps the answers, so the table still shows how each fits.
            answers = QueryDict(context["query"])
            context["answer_fields"] = [(k, v) for k, vs in answers.lists() for v in vs]
    return render(request, "advisor/compare.html", context)


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def _database_problem() -> str | None:
    """What stops the database serving the site, or None: it must answer and take writes.

    A read-only database (a replica promoted wrongly, a full disk, a file without write
    permission) still answers reads, but every saved link would fail; the write is made
    inside a transaction that is rolled back, so the probe changes nothing.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "database unavailable"
    try:  # it answers: a failing write now means it takes no writes
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE django_migrations SET app = app "
                "WHERE id = (SELECT MIN(id) FROM django_migrations)"
            )
            transaction.set_rollback(True)
    except DatabaseError:
        return "database read-only"
    return None


@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Ready when the database answers and takes writes and, where Redis is configured, Redis
    answers too: the site keeps serving through a Redis outage, but shared limits and caches
    are gone, and the load balancer should know."""
    problem = _database_problem()
    if problem:
        return HttpResponse(problem, status=503, content_type="text/plain")
    repairs = catalogue_problems()
    if repairs:
        # The site still serves the rest; the operator must know what to repair.
        said = "; ".join(f"{slug}: {', '.join(found)}" for slug, found in sorted(repairs.items()))
        return HttpResponse(
            f"catalogue needs repair: {said}", status=503, content_type="text/plain"
        )
    if settings.REDIS_URL:
        for alias, what in (("default", "redis unavailable"), (LIMITS, "limits redis unavailable")):
            try:
                get_redis_connection(alias).ping()
            except (RedisError, OSError):
                return HttpResponse(what, status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
