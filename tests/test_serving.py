"""The production server in earnest: two `make serve` instances (gunicorn, 2 workers each) over
one database and one Redis, as the operations guide deploys them.

A worker killed with SIGKILL in the middle of a burst of saves loses no confirmed share, the
server keeps answering, and the share limit holds across both instances. The instances use the
database this suite runs on (a fresh PostgreSQL database, or a SQLite file), so CI checks both.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import psycopg
import pytest

from benchmarks.scale_out import SHARE_LIMIT, opens, opens_health, share, start
from benchmarks.serving import stop, wait_ready, workers_of

# Run again on PostgreSQL in CI (-m database): what it tests depends on the database.
pytestmark = pytest.mark.database

ROOT = Path(__file__).resolve().parents[1]
REDIS = ("127.0.0.1", 6379)
SHARES = 120


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def database_url(tmp_path_factory) -> Iterator[str]:
    """A database of the suite's kind, empty, for the servers to migrate and load."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('serving') / 'serving.sqlite3'}"
        return
    name = f"certpath_serving_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(suite_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield suite_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(suite_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# Module-wide: starting two servers (migrate, load the catalogue) is most of each test's time.
# Each test uses client addresses of its own, so one's rate-limit counters leave the other's
# alone; a killed worker is replaced by its master before the test that killed it ends.
@pytest.fixture(scope="module")
def two_instances(database_url) -> Iterator[tuple[subprocess.Popen, int, int]]:
    if not _redis_up():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is required in CI (127.0.0.1:6379)")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    ports = (_free_port(), _free_port())
    servers = []
    try:
        for port in ports:  # one after the other: the first migrates and loads the catalogue
            servers.append(
                start(port, database_url=database_url, redis_url="redis://127.0.0.1:6379/14")
            )
            wait_ready(port)
        yield servers[0], *ports
    finally:
        for server in servers:
            stop(server)


def test_a_killed_worker_loses_no_confirmed_share_and_limits_hold_across_instances(
    two_instances,
):
    first, port_a, port_b = two_instances
    victim = workers_of(first)[0]
    # Client addresses of this run only, so the Redis counters of another run cannot interfere.
    block = random.randrange(256)
    with ThreadPoolExecutor(max_workers=16) as pool:
        futures = [
            pool.submit(share, (port_a, port_b)[i % 2], f"198.18.{block}.{i % 250 + 1}", i)
            for i in range(SHARES)
        ]
        for done, _ in enumerate(as_completed(futures), start=1):
            if done == SHARES // 4:  # mid-load: a quarter saved, the rest on their way
                os.kill(victim, signal.SIGKILL)
        outcomes = [future.result() for future in futures]

    codes = [o for o in outcomes if isinstance(o, str)]
    # Only what the killed worker was serving at that instant can fail (a sync worker serves
    # one request at a time); the connection drops and the visitor is told nothing was saved.
    assert len(codes) >= SHARES - 2, outcomes
    assert len(set(codes)) == len(codes)  # each visitor saved a plan of their own
    assert all(o == 0 for o in outcomes if not isinstance(o, str)), outcomes
    readers = {code: f"198.51.{block}.{n % 250 + 1}" for n, code in enumerate(codes)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(lambda code: opens(port_a, code, readers[code]), codes))
        assert all(pool.map(lambda code: opens(port_b, code, readers[code]), codes))

    # The master replaced the worker, and both instances still answer.
    deadline = time.monotonic() + 15
    while (len(workers_of(first)) != 2 or victim in workers_of(first)) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.2)
    assert len(workers_of(first)) == 2 and victim not in workers_of(first)
    assert opens_health(port_a) and opens_health(port_b)

    # One client alternating between the instances gets the limit once, not once per instance.
    client = f"203.0.{random.randrange(113, 200)}.{random.randrange(1, 250)}"
    results = [share((port_a, port_b)[i % 2], client, i) for i in range(SHARE_LIMIT + 3)]
    assert sum(isinstance(r, str) for r in results) == SHARE_LIMIT
    assert results[SHARE_LIMIT:] == [429, 429, 429]


TICKS = 200
STEPS_TICKED = 4  # per plan: TICKS // STEPS_TICKED plans
EXAMPLE = ROOT / "contract" / "examples" / "gcp-ml-engineer.json"


def _api(port: int, path: str, body: dict, client_ip: str, key: str = "") -> tuple[int, dict]:
    headers = {"Content-Type": "application/json", "X-Real-IP": client_ip}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}
    except (OSError, http.client.HTTPException):
        # The connection dropped (the killed worker was serving it), before the response or
        # part-way through its body: not confirmed.
        return 0, {}


def test_a_killed_worker_loses_no_confirmed_tick(two_instances):
    """Owners marking steps done (200 ticks through the API, over both instances) while a
    worker is killed: every tick answered 200 is kept; only the killed worker's own request
    can fail, and it is refused whole (the owner sees no confirmation and marks it again)."""
    first, port_a, port_b = two_instances
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    block = random.randrange(256)
    plans = []
    for n in range(TICKS // STEPS_TICKED):
        status, body = _api(port_a, "/api/v1/shares", answers, f"198.19.{block}.{n + 1}")
        assert status == 201, status
        plans.append((body["code"], body["owner_key"]))
    ticks = [(plan, step) for step in range(1, STEPS_TICKED + 1) for plan in plans]
    victim = workers_of(first)[0]

    def tick(i: int) -> int:
        (code, key), step = ticks[i]
        # Each tick from an address of its own (TICKS < 255): ticks share the save budget.
        client = f"198.20.{block}.{i + 1}"
        path = f"/api/v1/shares/{code}/progress"
        body = {"step": step, "done": True, "on": None}
        return _api((port_a, port_b)[i % 2], path, body, client, key)[0]

    with ThreadPoolExecutor(max_workers=16) as pool:
        futures = {pool.submit(tick, i): i for i in range(TICKS)}
        for finished, _ in enumerate(as_completed(futures), start=1):
            if finished == TICKS // 4:
                os.kill(victim, signal.SIGKILL)
        outcome = {futures[f]: f.result() for f in futures}

    confirmed = [i for i, status in outcome.items() if status == 200]
    assert len(confirmed) >= TICKS - 2, outcome
    deadline = time.monotonic() + 15  # the kill happened: its master replaced the worker
    while victim in workers_of(first) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert victim not in workers_of(first)
    assert all(status in (200, 0) for status in outcome.values()), outcome
    kept: dict[str, set[int]] = {}
    for n, (code, _) in enumerate(plans):
        url = f"http://127.0.0.1:{port_b}/api/v1/shares/{code}"
        reader = urllib.request.Request(url, headers={"X-Real-IP": f"198.22.{block}.{n + 1}"})
        with urllib.request.urlopen(reader, timeout=30) as r:
            kept[code] = {t["step"] for t in json.loads(r.read())["progress"]["done"]}
    for i in confirmed:
        (code, _), step = ticks[i]
        assert step in kept[code], (code, step)
    # Nothing but what was asked for: no step marked that no tick named.
    assert all(steps <= set(range(1, STEPS_TICKED + 1)) for steps in kept.values())
