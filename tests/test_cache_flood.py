"""Two caches: pages may be evicted, rate-limit counters never (issue 25).

One client at its read limit used to add an 88 KB Redis entry per distinct answer set; with
Redis full (`noeviction`) the counters stopped working and 30 of 30 shares were saved against
a limit of 20. Here 5,000 distinct valid answer sets go through the real stack and the real
per-view cache into a page Redis bounded at 4 MB (allkeys-lru), with the counters in a second
Redis that never evicts; and, without Redis, into the bounded in-process cache.

The page body is stubbed to a fixed 60 KB (the shipped catalogue's full page is about that):
what is tested is where pages go and what they can evict, not how they are rendered, and
5,000 real renders would take minutes.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis
from django.core.cache import caches
from django.http import HttpResponse
from django.test import Client

from web.caches import cache_settings

FLOOD = 5_000
PAGE = "<!doctype html><title>stub</title>" + "x" * 60_000
MAX_MEMORY = 4 * 1024 * 1024

needs_redis = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="redis-server is not installed"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(*options: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", *options],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            return server, f"redis://127.0.0.1:{port}/0"
        except redis.ConnectionError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("redis-server did not start")


@pytest.fixture
def two_redis() -> Iterator[tuple[str, str]]:
    """The pages' Redis (bounded, least recently used out) and the counters' (no eviction)."""
    pages, pages_url = start_redis(
        "--maxmemory", str(MAX_MEMORY), "--maxmemory-policy", "allkeys-lru"
    )
    limits, limits_url = start_redis("--maxmemory-policy", "noeviction")
    yield pages_url, limits_url
    for server in (pages, limits):
        server.terminate()
        server.wait()


@pytest.fixture
def stub_pages(monkeypatch):
    from advisor import views

    monkeypatch.setattr(views, "render", lambda *args, **kwargs: HttpResponse(PAGE))


def flood(client: Client, count: int = FLOOD) -> None:
    for n in range(count):
        # Canonical (no redirect): each is a new page for the cache.
        url = f"/results/?weekly_study_hours={1 + n % 40 if n % 40 != 5 else 41}&budget_usd={n}"
        assert client.get(url).status_code == 200, url


def shares_until_refused(client: Client) -> list[int]:
    return [client.post("/share/", {"environment": "gcp"}).status_code for _ in range(3)]


@needs_redis
def test_a_flood_of_answer_sets_stays_in_the_page_bound_and_the_share_limit_holds(
    loaded_catalogue, settings, two_redis, stub_pages
):
    pages_url, limits_url = two_redis
    settings.REDIS_URL = pages_url
    settings.CACHES = cache_settings(
        pages_url, 1.0, settings.LIMITS_DIR, limits_url=limits_url, release="pages.test"
    )
    settings.RATE_LIMITS = {"share": "2/h", "results": "1000000/h"}
    client = Client()
    assert shares_until_refused(client) == [303, 303, 429]

    flood(client)

    info = redis.Redis.from_url(pages_url).info()
    assert info["used_memory"] <= MAX_MEMORY * 1.05  # Redis's own accounting, a little slack
    assert info["evicted_keys"] > 0  # old pages made room
    assert caches["default"].get("never-set") is None  # the page cache still answers
    assert shares_until_refused(client) == [429, 429, 429]  # the counters were not touched


def test_without_redis_the_flood_stays_within_the_in_process_bound(
    loaded_catalogue, settings, stub_pages
):
    settings.REDIS_URL = ""
    settings.CACHES = cache_settings(
        "", 1.0, settings.LIMITS_DIR, release="pages.test", max_pages=200
    )
    settings.RATE_LIMITS = {"share": "2/h", "results": "1000000/h"}
    client = Client()
    assert shares_until_refused(client) == [303, 303, 429]

    flood(client, 1_000)  # five times the bound

    assert len(caches["default"]._cache) <= 200
    assert shares_until_refused(client) == [429, 429, 429]


@needs_redis
def test_readyz_reports_the_counters_redis_as_well_as_the_pages(
    loaded_catalogue, settings, two_redis
):
    pages_url, _ = two_redis
    settings.REDIS_URL = pages_url
    dead = f"redis://127.0.0.1:{free_port()}/0"  # nobody listens there
    settings.CACHES = cache_settings(pages_url, 0.25, settings.LIMITS_DIR, limits_url=dead)
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.content == b"limits redis unavailable"
