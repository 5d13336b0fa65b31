"""Posts that only this site's own pages may make, checked without a per-visitor token.

The share form stores public answers and nothing else: no session, account or cookie lends
it authority, so a post forged from another site could at most spend the visitor's own share
budget. A CSRF token would make every page that shows the form differ per visitor and so
defeat the page cache (web/pages.py). Instead the browser's own word on where a post
comes from decides: Sec-Fetch-Site, or Origin where a browser sends only that. Clients that
send neither are not browsers acting for someone else; the share rate limit bounds them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from web.errors import permission_denied

SAME_SITE_FETCHES = {"same-origin", "none"}  # "none": the person's own action, e.g. a bookmark


def from_another_site(request: HttpRequest) -> bool:
    """True when the browser says this request was made by a page of another origin."""
    fetched_from = request.headers.get("Sec-Fetch-Site")
    if fetched_from is not None:
        return fetched_from not in SAME_SITE_FETCHES
    own = f"{request.scheme}://{request.get_host()}"
    origin = request.headers.get("Origin")
    if origin is None:
        # An older browser may send neither header but a Referer: one from another site is
        # that site's page posting (a client sending nothing at all is not a browser).
        referer = request.headers.get("Referer")
        if not referer:
            return False
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS


def same_origin_posts(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view without Django's token check, refusing (403) posts from other sites instead.

    Put it outside the rate limit, so a refused post does not spend the visitor's budget.
    """

    @csrf_exempt
    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST" and from_another_site(request):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return checked
