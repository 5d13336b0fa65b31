"""A Redis outage is not a site outage: every page and API call still answers (caches miss,
limits fail open, both logged), and /readyz tells the load balancer.

Redis "down" here is an address nobody listens on; "hung" is a socket that accepts and never
answers (what SIGSTOP does to a real Redis). Neither needs a Redis server.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator

import pytest

from config.caches import cache_settings
from tests.contract import example

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_at(settings, url: str) -> None:
    """The app's own cache configuration for a Redis at `url`."""
    settings.REDIS_URL = url
    settings.CACHES = cache_settings(url, settings.REDIS_TIMEOUT_SECONDS)


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
        "/results/": client.get("/results/?environment=gcp&skills.python=3").status_code,
        "htmx": client.get("/results/?environment=aws", HTTP_HX_REQUEST="true").status_code,
        "/compare/": client.get("/compare/?c=gcp-pmle&c=aws-mla-c01").status_code,
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
