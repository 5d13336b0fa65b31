"""The production server in earnest: two `make serve` instances (gunicorn, 2 workers each) over
one database and one Redis, as the operations guide deploys them.

A worker killed with SIGKILL in the middle of a burst of saves loses no confirmed share, the
server keeps answering, and the share limit holds across both instances. The instances use the
database this suite runs on (a fresh PostgreSQL database, or a SQLite file), so CI checks both.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed

import psycopg
import pytest

from benchmarks.scale_out import SHARE_LIMIT, opens, opens_health, share, start
from benchmarks.serving import stop, wait_ready, workers_of

# Run again on PostgreSQL in CI (-m database): what it tests depends on the database.
pytestmark = pytest.mark.database

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


@pytest.fixture
def database_url(tmp_path) -> Iterator[str]:
    """A database of the suite's kind, empty, for the servers to migrate and load."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'serving.sqlite3'}"
        return
    name = f"certpath_serving_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(suite_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield suite_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(suite_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
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
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(lambda code: opens(port_a, code), codes))
        assert all(pool.map(lambda code: opens(port_b, code), codes))

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
