"""`make serve` instances for the benchmarks and the serving test: start, wait, stop.

Each instance is `scripts/serve` (gunicorn, 2 workers) in its own process group, with the
production settings (not a test run's) on plain http over loopback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def psql(sql: str) -> None:
    """One statement as the local PostgreSQL's superuser (databases for benchmarks)."""
    subprocess.run(["psql", PG_ADMIN_URL, "-qc", sql], check=True, capture_output=True)


def fresh_postgres(name: str) -> str:
    """The URL of an empty database `name` on the local PostgreSQL (an old one is dropped)."""
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name}")
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def serve(port: int, database_url: str, **settings: str) -> subprocess.Popen:
    """Start an instance; `settings` are further environment variables (rate limits, Redis)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "DATABASE_URL": database_url,
        "DJANGO_HTTPS": "false",  # plain http on loopback; behind a TLS proxy in production
        "CERTPATH_LOG_REQUESTS": "false",
        **settings,
    }
    return subprocess.Popen(
        ["bash", "scripts/serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_ready(port: int, timeout: float = 90) -> None:
    """Until /readyz answers (the first instance on a new database migrates and loads first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"instance on {port} did not become ready")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def workers_of(server: subprocess.Popen, wait_for: int = 0, timeout: float = 15) -> list[int]:
    """The gunicorn workers: children of the master, which `exec` made the server's process.
    With `wait_for`, once that many have started (the first answers /readyz before the
    second may be up)."""
    deadline = time.monotonic() + timeout
    while True:
        found = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True)
        workers = [int(pid) for pid in found.stdout.split()]
        if len(workers) >= wait_for:
            return workers
        if time.monotonic() > deadline:
            raise SystemExit(f"only {len(workers)} of {wait_for} workers started")
        time.sleep(0.2)
