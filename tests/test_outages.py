"""Faults are not site outages. With Redis down or hung every page and API call still
answers (caches miss, limits fail open, both logged) and /readyz tells the load balancer; a
read-only database fails /readyz and a share says it was not saved; a kept database
connection the server dropped is replaced instead of failing a request.

Redis "down" here is an address nobody listens on; "hung" is a socket that accepts and never
answers (what SIGSTOP does to a real Redis). Neither needs a Redis server.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import threading
from collections.abc import Iterator
from unittest import mock

import psycopg
import pytest
import redis
import time_machine
from django.db import close_old_connections, connection
from django_redis import get_redis_connection

from advisor.models import SharedResult
from tests.contract import example
from web.caches import cache_settings

# Run again on PostgreSQL in CI (-m database): what it tests depends on the database.
pytestmark = [pytest.mark.django_db, pytest.mark.database]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_at(settings, url: str) -> None:
    """The app's own cache configuration for a Redis at `url`."""
    settings.REDIS_URL = url
    settings.CACHES = cache_settings(url, settings.REDIS_TIMEOUT_SECONDS, settings.LIMITS_DIR)


@pytest.fixture
def hung_redis() -> Iterator[str]:
    """A server that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def everything_answers(client) -> dict[str, int]:
    answers = json.dumps(example("gcp-ml-engineer"))
    return {
        "/": client.get("/").status_code,
        "/results/": client.get("/results/?skills.python=3&environment=gcp").status_code,
        "htmx": client.get("/results/?environment=aws", HTTP_HX_REQUEST="true").status_code,
        "/compare/": client.get("/compare/?c=gcp-data&c=aws-ml").status_code,
        "/certifications/": client.get("/certifications/").status_code,
        "POST /share/": client.post("/share/", {"environment": "gcp"}).status_code,
        "POST /api/v1/recommendations": client.post(
            "/api/v1/recommendations", answers, content_type="application/json"
        ).status_code,
        "POST /api/v1/shares": client.post(
            "/api/v1/shares", answers, content_type="application/json"
        ).status_code,
        "/healthz": client.get("/healthz").status_code,
    }


EXPECTED = {
    "/": 200,
    "/results/": 200,
    "htmx": 200,
    "/compare/": 200,
    "/certifications/": 200,
    "POST /share/": 303,
    "POST /api/v1/recommendations": 200,
    "POST /api/v1/shares": 201,
    "/healthz": 200,
}


def test_with_redis_down_every_page_answers_and_readyz_says_so(
    client, loaded_catalogue, settings, caplog
):
    redis_at(settings, f"redis://127.0.0.1:{free_port()}/0")

    with caplog.at_level("ERROR", logger="certpath.redis"):
        assert everything_answers(client) == EXPECTED
    assert any(r.name == "certpath.redis" for r in caplog.records), "logged loudly"
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.content == b"redis unavailable"


def test_with_redis_hung_every_page_still_answers(client, loaded_catalogue, settings, hung_redis):
    redis_at(settings, hung_redis)

    assert everything_answers(client) == EXPECTED
    assert client.get("/readyz").status_code == 503


def test_readyz_is_ok_without_redis_configured(client, loaded_catalogue):
    assert client.get("/readyz").content == b"ok"


def _read_only(on: bool) -> None:
    """The connection refuses writes (or takes them again), as a read-only file or a
    read-only replica would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET default_transaction_read_only = {'on' if on else 'off'}")
        else:
            cursor.execute(f"PRAGMA query_only = {'ON' if on else 'OFF'}")


@pytest.mark.django_db(transaction=True)
def test_a_read_only_database_fails_readyz_and_a_share_says_it_was_not_saved(
    client, loaded_catalogue
):
    # A read-only database answered /readyz with 200 while every share was a 500.
    assert client.get("/readyz").content == b"ok"
    _read_only(True)
    try:
        ready = client.get("/readyz")
        shared = client.post("/share/", {"environment": "gcp"})
        api_share = client.post(
            "/api/v1/shares",
            json.dumps(example("gcp-ml-engineer")),
            content_type="application/json",
        )
        page = client.get("/results/?environment=gcp")
    finally:
        _read_only(False)

    assert (ready.status_code, ready.content) == (503, b"database read-only")
    assert shared.status_code == 503
    assert "could not be saved" in shared.content.decode()
    assert api_share.status_code == 503  # the API says so too, in JSON (it was a 500)
    assert "could not be saved" in api_share.json()["detail"]
    assert page.status_code == 200  # reading still works
    assert SharedResult.objects.count() == 0
    assert client.get("/readyz").content == b"ok"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL server's backend")
@pytest.mark.django_db(transaction=True)
def test_a_kept_connection_the_server_dropped_is_replaced_at_the_next_request():
    # A terminated PostgreSQL backend gave one 500 per worker: connections are kept for 60 s
    # in production, and nothing checked them before use.
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 60  # production's value (tests run with 0)
    try:
        connection.ensure_connection()
        with psycopg.connect(f"dbname={connection.settings_dict['NAME']}", **_server()) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid]
            )
        close_old_connections()  # what Django does as each request starts
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = 0
        connection.close()


def _server() -> dict:
    settings = connection.settings_dict
    return {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "autocommit": True,
    }


def test_a_hung_redis_is_skipped_once_it_has_failed(
    client, loaded_catalogue, settings, hung_redis, caplog
):
    """Every operation used to wait its timeout: 1.9 to 2.9 s a page for as long as Redis hung.
    After two timeouts the breaker opens and pages are served without asking Redis."""
    redis_at(settings, hung_redis)
    with caplog.at_level("ERROR", logger="certpath.redis"):
        client.get("/results/?environment=gcp")  # times out, and opens the breaker
    assert any("not answering" in r.getMessage() for r in caplog.records)
    assert get_redis_connection("default").breaker.current_state == "open"

    asked = mock.patch.object(redis.Redis, "execute_command", autospec=True)
    with asked as redis_command:
        assert everything_answers(client) == EXPECTED
        assert client.get("/readyz").status_code == 503  # the load balancer is told
    assert redis_command.call_count == 0


@pytest.fixture
def real_redis() -> str:
    url = "redis://127.0.0.1:6379/13"
    try:
        redis.Redis.from_url(url, socket_timeout=0.5).ping()
    except redis.RedisError:
        if os.environ.get("CI") == "true":  # .ci/run starts Redis; its absence is a failure
            pytest.fail("Redis is required in CI on 127.0.0.1:6379")
        pytest.skip("needs Redis on 127.0.0.1:6379 (CI starts one)")
    return url


def test_redis_is_asked_again_once_the_breaker_has_waited(
    client, loaded_catalogue, settings, real_redis, caplog
):
    from django.core.cache import cache

    from web.redis_breaker import RETRY_SECONDS

    redis_at(settings, real_redis)
    cache.set("breaker-test", "kept", 60)
    breaker = get_redis_connection("default").breaker
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        breaker.open()  # as two timeouts in a row would
        assert cache.get("breaker-test") is None  # not asked: a miss
        assert client.get("/readyz").status_code == 503
    with (
        time_machine.travel(start + dt.timedelta(seconds=RETRY_SECONDS + 1), tick=False),
        caplog.at_level("WARNING", logger="certpath.redis"),
    ):
        assert cache.get("breaker-test") == "kept"  # asked again, and it answered
        assert breaker.current_state == "closed"
        assert client.get("/readyz").content == b"ok"
    assert any("answers again" in r.getMessage() for r in caplog.records)
    cache.delete("breaker-test")
