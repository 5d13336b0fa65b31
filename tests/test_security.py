"""Headers, limits and error pages: what makes certpath safe to put on the internet. The pages
run on the behaviour catalogue (tests/fixture_catalogue.py)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from advisor.models import SharedResult
from tests.contract import example, flatten

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_code(client, loaded_catalogue) -> str:
    client.post(reverse("advisor:share"), dict(flatten(example("gcp-ml-engineer"))))
    return SharedResult.objects.get().code


def every_kind_of_page(code: str) -> list[tuple[str, dict]]:
    return [
        ("/", {}),
        ("/results/?environment=gcp", {}),
        ("/results/?environment=gcp", {"HTTP_HX_REQUEST": "true"}),
        ("/results/?skills.python=9", {}),
        ("/compare/?c=gcp-data&c=aws-ml", {}),
        ("/certifications/", {}),
        ("/certifications/aws-ml/", {}),
        (f"/r/{code}/", {}),
        (f"/r/{code}/plan.ics", {}),
        (f"/r/{code}/result.json", {}),
        ("/healthz", {}),
        ("/no-such-page/", {}),
        ("/admin/login/", {}),
        ("/", {"HTTP_HOST": "evil.example"}),  # refused by host validation, headers still on
    ]


def test_security_headers_on_every_kind_of_page(client, saved_code):
    for url, headers in every_kind_of_page(saved_code):
        response = client.get(url, **headers)
        assert response.status_code < 500, url
        csp = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["object-src"] == "'none'"
        assert directives["base-uri"] == "'none'"
        assert directives["form-action"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe" not in csp
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert len(response["X-Request-ID"]) >= 32, url


def test_https_settings_add_hsts_secure_cookies_and_redirects(settings, loaded_catalogue):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.CSRF_COOKIE_SECURE = True
    client = Client()

    plain = client.get("/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    # The redirect is answered before the header middlewares: it carries the headers too.
    assert plain["Content-Security-Policy"].startswith("default-src 'none'")
    assert plain["X-Frame-Options"] == "DENY"
    assert plain["X-Content-Type-Options"] == "nosniff"
    assert plain["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Permissions-Policy" in plain
    assert client.get("/healthz").status_code == 200  # probes stay on plain http

    secure = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    # The admin's login form is what still carries a CSRF token (and sets its cookie).
    login = client.get(reverse("admin:login"), HTTP_X_FORWARDED_PROTO="https")
    cookie = login.cookies["csrftoken"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_production_settings_pass_the_deploy_check():
    # A deployment's environment, not the test run's (the browser tests relax async safety).
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "certpath.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_sharing_is_rate_limited_with_a_friendly_429(client, settings, loaded_catalogue):
    settings.RATE_LIMITS = {"share": "2/m", "results": "1000/m"}
    data = dict(flatten(example("gcp-ml-engineer")))

    plans = [{**data, "weekly_study_hours": str(hours)} for hours in (5, 7, 9)]  # 3 plans
    codes = [client.post(reverse("advisor:share"), plan).status_code for plan in plans]

    assert codes == [303, 303, 429]
    limited = client.post(reverse("advisor:share"), data)
    # Within the minute's window (to the second: tests/test_client_limits.py).
    assert 1 <= int(limited["Retry-After"]) <= 60
    page = limited.content.decode()
    assert "Please slow down" in page and limited["X-Request-ID"] in page
    assert SharedResult.objects.count() == 2
    # Another client is not affected.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(reverse("advisor:share"), data).status_code == 303


def test_reads_have_a_looser_limit(client, settings, loaded_catalogue):
    settings.RATE_LIMITS = {"share": "2/m", "results": "4/m"}

    codes = [client.get("/results/?environment=gcp").status_code for _ in range(5)]

    assert codes == [200, 200, 200, 200, 429]
    assert client.get("/healthz").status_code == 200
    # The catalogue and saved plans are reads too: 16 connections on /certifications/ once
    # slowed /healthz from 1.3 ms to 274 ms, with no limit in the way.
    assert client.get("/certifications/").status_code == 429
    assert client.get("/certifications/aws-ml/").status_code == 429
    assert client.get("/r/abcdefgh/").status_code == 429
    assert client.get("/certifications/", REMOTE_ADDR="203.0.113.9").status_code == 200


def test_admin_login_locks_out_after_repeated_failures(client, db):
    User.objects.create_superuser("editor", "editor@example.com", "the-right-password-42")
    url = reverse("admin:login")
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "editor", "password": "wrong"})

    locked = client.post(url, {"username": "editor", "password": "the-right-password-42"})

    assert locked.status_code == 429  # django-axes' lockout status: too many attempts
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_error_pages_are_friendly_and_carry_the_request_id(client, loaded_catalogue, monkeypatch):
    not_found = client.get("/r/nope/")
    assert not_found.status_code == 404
    assert "We could not find that page" in not_found.content.decode()
    assert not_found["X-Request-ID"] in not_found.content.decode()

    bad_host = client.get("/", HTTP_HOST="evil.example")
    assert bad_host.status_code == 400
    assert "could not be understood" in bad_host.content.decode()

    forbidden = client.post(reverse("advisor:share"), {}, HTTP_SEC_FETCH_SITE="cross-site")
    assert forbidden.status_code == 403
    assert "Not allowed" in forbidden.content.decode()

    def broken(*args, **kwargs):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr("advisor.views.recommendation_for", broken)
    client.raise_request_exception = False
    error = client.get("/results/?environment=gcp")
    assert error.status_code == 500
    page = error.content.decode()
    assert "Something went wrong on our side" in page and error["X-Request-ID"] in page
    for leak in ("Traceback", "engine exploded", "Django", "Python", "5.2"):
        assert leak not in page, leak


HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '" hx-get="/admin/" x="',
            "' onmouseover='alert(1)",
            "javascript:alert(1)",
            "9" * 400,
            "-1e309",
            "NaN",
            "\u202e\u0000\ufeff",
        ]
    ),
)
KEYS = st.sampled_from(
    [
        "skills.python",
        "skills.spark",
        "experience.industry_years",
        "experience.platform_years.gcp",
        "environment",
        "goals.focus",
        "goals.role",
        "goals.domains",
        "goals.exam_format",
        "weekly_study_hours",
        "weights.platform",
        "c",
        "unknown.key",
    ]
)


@hsettings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(pairs=st.lists(st.tuples(KEYS, HOSTILE), max_size=8), htmx=st.booleans())
def test_hostile_answers_never_cause_a_server_error_or_unescaped_output(
    client, loaded_catalogue, settings, pairs, htmx
):
    settings.RATE_LIMITS = {"share": "100000/m", "results": "100000/m"}
    query = urlencode(pairs)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    for response in (
        client.get(f"/results/?{query}", **headers),
        client.get(f"/?{query}"),
        client.get(f"/compare/?{query}"),
        client.post(reverse("advisor:share"), dict(pairs)),
    ):
        assert response.status_code < 500
        body = response.content.decode()
        assert "<script>alert" not in body
        assert 'hx-get="/admin/"' not in body
        assert "onmouseover='alert" not in body


def test_a_very_long_query_string_is_handled(client, loaded_catalogue):
    query = "&".join(f"goals.domains=nlp{i}" for i in range(3000))
    response = client.get(f"/results/?{query}")
    # More fields than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS): the friendly 400 page.
    assert response.status_code == 400
    assert "could not be understood" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/r/%00/",
        "/r/a%00b/plan.ics",
        "/r/%00/result.json",
        "/api/v1/shares/%00",
        "/api/v1/shares/a%00b",
    ],
)
def test_a_nul_byte_in_a_share_code_is_not_found_on_every_database(client, url):
    """PostgreSQL refuses NUL in text outright (a 500 before); such a code is never looked up."""
    response = client.get(url)
    assert response.status_code == 404


def test_probes_answer_whatever_host_the_load_balancer_uses(client, db):
    # A load balancer probing by IP got 400 (the host is not in ALLOWED_HOSTS).
    for path, body in (("/healthz", b"ok"), ("/readyz", b"ok")):
        response = client.get(path, HTTP_HOST="10.0.0.5:8000")
        assert (response.status_code, response.content) == (200, body), path
    assert client.get("/", HTTP_HOST="10.0.0.5:8000").status_code == 400


@pytest.mark.parametrize(
    "given", ["x" * 8000, "<script>alert(1)</script>", "abc\r\nFAKE log line", ""]
)
def test_a_request_id_that_is_not_a_short_token_is_replaced(client, db, given):
    # The id is echoed into headers and every log line: a client's must not forge either.
    response = client.get("/healthz-not-a-page/", HTTP_X_REQUEST_ID=given)
    assert response["X-Request-ID"] != given
    assert len(response["X-Request-ID"]) == 32


def test_a_proxys_request_id_is_kept(client, db):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="edge-7f3a_91.b")
    assert response["X-Request-ID"] == "edge-7f3a_91.b"


@pytest.mark.parametrize(
    ("accept", "gzipped"),
    [
        ("gzip", True),
        ("br, gzip;q=0.5", True),
        ("gzip, deflate, br, zstd", True),  # what browsers send
        ("identity", False),
        ("", False),
        # Django's own GZipMiddleware (issue 25: stock gzip, no hand-written q-value parser)
        # looks for the word "gzip" only: "*" alone is not gzipped and "gzip;q=0" would be.
        # No browser sends either.
    ],
)
def test_gzip_only_when_the_client_accepts_it(client, loaded_catalogue, accept, gzipped):
    url = "/results/?environment=gcp"
    for attempt in ("rendered", "cached"):  # the cached page is compressed per response
        response = client.get(url, HTTP_ACCEPT_ENCODING=accept)
        encoded = response.get("Content-Encoding") == "gzip"
        assert encoded == gzipped, (attempt, accept)


def test_every_api_error_is_json_the_unknown_address_and_the_server_error_too(client, db, settings):
    missing = client.get("/api/v1/no-such-endpoint")
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("application/json")
    assert missing.json()["detail"].startswith("Not found")

    from django.test import RequestFactory

    from web.errors import server_error

    crashed = server_error(RequestFactory().get("/api/v1/recommendations"))
    assert crashed.status_code == 500 and crashed["Content-Type"].startswith("application/json")
    assert "Traceback" not in crashed.content.decode()
    page = server_error(RequestFactory().get("/results/"))
    assert page["Content-Type"].startswith("text/html")
