"""Fault runs against `make serve` (gunicorn, 2 workers) with a Redis of its own: what pages
answer, how fast, and what /readyz says while Redis is stopped or hung, the database is
read-only or loses its connections, and a worker is killed during saves.

Run: .venv/bin/python benchmarks/faults.py [--db postgres|sqlite] [--seconds 4]
Needs redis-server on PATH and, for --db postgres, the server on 127.0.0.1:5432. It starts its
own Redis on 127.0.0.1:6391 (so stopping it disturbs nothing else) and a scratch database.
Prints, per fault, each request kind's status codes and p50/max latency. It asserts nothing
except that no confirmed share is lost: it is a record of behaviour, not a test (the tests in
tests/test_outages.py pin each behaviour).
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.serving import (  # noqa: E402
    fresh_postgres,
    psql,
    serve,
    stop,
    wait_ready,
    workers_of,
)

PORT = 8231
REDIS_PORT = 6391
PG_DB = "certpath_faults"
ANSWERS = "skills.python=3&skills.mlops=2&environment=aws"
# A whole answers document, as the contract's example gives it.
JSON_ANSWERS = (ROOT / "contract/examples/gcp-ml-engineer.json").read_bytes()
SAME_SITE = {"Origin": f"http://127.0.0.1:{PORT}", "Sec-Fetch-Site": "same-origin"}


def request(method: str, path: str, body: bytes = b"", headers: dict | None = None):
    """(status or the error's name, seconds, body)."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=15)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        content = response.read()
        return response.status, time.perf_counter() - start, content, response
    except OSError as error:
        return type(error).__name__, time.perf_counter() - start, b"", None
    finally:
        conn.close()


def kinds(i: int) -> list[tuple[str, str, str, bytes, dict]]:
    """One of each request kind; the i-th round asks for answers no earlier round asked for,
    so pages are rendered (and shares written), not only read from the cache."""
    form = {"Content-Type": "application/x-www-form-urlencoded", **SAME_SITE}
    return [
        ("GET / (cached)", "GET", "/", b"", {}),
        ("GET /results/ (cached)", "GET", f"/results/?{ANSWERS}", b"", {}),
        ("GET /results/ (new)", "GET", f"/results/?{ANSWERS}&budget_usd={1000 + i}", b"", {}),
        ("POST /share/", "POST", "/share/", f"{ANSWERS}&budget_usd={5000 + i}".encode(), form),
        (
            "POST /api/v1/recommendations",
            "POST",
            "/api/v1/recommendations",
            JSON_ANSWERS,
            {"Content-Type": "application/json"},
        ),
        ("GET /healthz", "GET", "/healthz", b"", {}),
        ("GET /readyz", "GET", "/readyz", b"", {}),
    ]


ROUND = 0


def probe(title: str, seconds: float) -> None:
    """Every request kind in turn for `seconds`; prints what each got."""
    global ROUND
    seen: dict[str, list] = {}
    readyz: Counter = Counter()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ROUND += 1
        for label, method, path, body, headers in kinds(ROUND):
            status, elapsed, content, _ = request(method, path, body, headers)
            seen.setdefault(label, []).append((status, elapsed))
            if label == "GET /readyz":
                readyz[f"{status} {content.decode(errors='replace').strip()}"] += 1
    print(f"\n== {title}")
    for label, results in seen.items():
        codes = Counter(str(status) for status, _ in results)
        times = [elapsed * 1000 for _, elapsed in results]
        print(
            f"  {label:32} {dict(codes)!s:28} p50 {statistics.median(times):7.1f} ms"
            f"  max {max(times):7.1f} ms"
        )
    print(f"  /readyz said: {dict(readyz)}")


def start_redis() -> subprocess.Popen:
    options = ["--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    redis = subprocess.Popen(["redis-server", *options], stdout=subprocess.DEVNULL)
    for _ in range(50):
        ping = subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True)
        if ping.stdout.strip() == b"PONG":
            return redis
        time.sleep(0.1)
    raise SystemExit("redis-server did not start")


def cut_connections() -> None:
    """What a database restart does to the app: every kept connection is gone."""
    psql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{PG_DB}' AND pid <> pg_backend_pid()"
    )


def saves_with_a_worker_killed(count: int) -> None:
    """`count` concurrent saves; one worker is SIGKILLed a quarter of the way through. Every
    share confirmed with a 303 must open afterwards."""
    form = {"Content-Type": "application/x-www-form-urlencoded", **SAME_SITE}

    def save(i: int):
        body = f"{ANSWERS}&budget_usd={20000 + i}".encode()
        status, _, _, response = request("POST", "/share/", body, form)
        if status == 303 and response is not None:
            return status, response.getheader("Location").split("#")[0]
        return status, None

    victim = workers_of(SERVER)[0]
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(save, i) for i in range(count)]
        while sum(f.done() for f in futures) < count // 4:
            time.sleep(0.01)
        os.kill(victim, signal.SIGKILL)
        outcomes = [f.result() for f in futures]
    confirmed = [location for status, location in outcomes if location]
    failed = Counter(str(status) for status, location in outcomes if not location)
    time.sleep(1)
    missing = [loc for loc in confirmed if request("GET", loc)[0] != 200]
    print(f"\n== kill -9 of worker {victim} during {count} concurrent saves")
    print(f"  confirmed {len(confirmed)}, not confirmed {dict(failed)}, confirmed but missing")
    print(f"  afterwards: {len(missing)}; workers now {workers_of(SERVER)}")
    if missing:
        raise SystemExit(f"confirmed shares lost: {missing[:5]}")


def manage(database_url: str, *args: str) -> subprocess.CompletedProcess:
    """A management command on the served database, as an operator would run it."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def broken_reference(database_url: str, seconds: float) -> None:
    """A shell edit (outside the admin, which refuses it) names a prerequisite nobody has."""
    edit = (
        "from certifications.models import Certification as C; from django.utils import timezone;"
        "C.objects.filter(slug='snowflake-gen-ai').update(prerequisites=[{'name': 'Gone',"
        " 'slug': 'deleted-in-a-shell', 'required': True}], updated_at=timezone.now())"
    )
    manage(database_url, "shell", "-c", edit)
    time.sleep(1.5)  # every worker rechecks the catalogue within a second
    probe("a prerequisite naming a slug nobody has (shell edit)", seconds)
    manage(database_url, "load_catalogue", "--force")  # the file repairs it
    time.sleep(1.5)
    probe("repaired from the file", seconds)


def hostile_yaml(database_url: str) -> None:
    """load_catalogue given hostile files while the site serves: one line each, no crash."""
    print("\n== load_catalogue with hostile files (the site keeps serving)")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in {
            "25,000 nested '- '": "certifications:\n" + "- " * 25_000 + "x\n",
            "300,000 '? '": "certifications:\n" + "? \n" * 300_000,
            "a list as a key": "version: 2\ncertifications:\n  ? [a, b]\n  : 1\n",
        }.items():
            path = Path(tmp) / "hostile.yaml"
            path.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            done = manage(database_url, "load_catalogue", str(path))
            said = done.stderr.strip().splitlines()[0] if done.stderr.strip() else ""
            print(
                f"  {name:22} exit {done.returncode} in {time.perf_counter() - start:5.2f} s: "
                f"{said.split(': ', 1)[-1][:90]}"
            )
    status = request("GET", f"/results/?{ANSWERS}")[0]
    print(f"  the results page afterwards: {status}")


def api_read_flood(seconds: float) -> None:
    """Eight clients reading the OpenAPI schema and the catalogue document as fast as they can
    (both from the cache now) while the probes run."""
    stop_at = time.monotonic() + seconds * 2
    counts: Counter = Counter()

    def flood(path: str) -> None:
        while time.monotonic() < stop_at:
            counts[request("GET", path)[0]] += 1

    with ThreadPoolExecutor(8) as pool:
        for i in range(8):
            pool.submit(flood, "/api/v1/openapi.json" if i % 2 else "/api/v1/certifications")
        probe("eight clients flooding the API's schema and catalogue", seconds * 2)
    print(f"  the flood got: {dict(counts)}")


SERVER: subprocess.Popen


def main() -> None:
    global SERVER
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--seconds", type=float, default=4)
    args = parser.parse_args()
    if args.db == "postgres":
        database_url = fresh_postgres(PG_DB)
    else:
        database_url = f"sqlite:///{tempfile.mkdtemp(prefix='certpath-faults-')}/faults.sqlite3"
    redis = start_redis()
    SERVER = serve(
        PORT,
        database_url,
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        CERTPATH_RATE_SHARE="1000000/m",  # the faults, not the limiter
        CERTPATH_RATE_RESULTS="1000000/m",
    )
    try:
        wait_ready(PORT)
        print(f"make serve on {args.db}, 2 workers, Redis on :{REDIS_PORT}; {args.seconds} s each")
        probe("normal", args.seconds)

        redis.terminate()
        redis.wait()
        probe("Redis stopped", args.seconds)
        redis = start_redis()
        probe("Redis started again", args.seconds)

        redis.send_signal(signal.SIGSTOP)
        probe("Redis hung (SIGSTOP)", args.seconds * 2)
        redis.send_signal(signal.SIGCONT)
        probe("Redis answering again (SIGCONT)", args.seconds * 2)

        if args.db == "postgres":
            psql(f"ALTER DATABASE {PG_DB} SET default_transaction_read_only = on")
            cut_connections()  # new sessions take the setting
            probe("database read-only", args.seconds)
            psql(f"ALTER DATABASE {PG_DB} RESET default_transaction_read_only")
            cut_connections()
            probe("database writable again (connections cut once more)", args.seconds)
            cut_connections()
            probe("database connections cut (as a restart does)", args.seconds)

        broken_reference(database_url, args.seconds)
        hostile_yaml(database_url)
        api_read_flood(args.seconds)

        saves_with_a_worker_killed(200)
        probe("after the kill", args.seconds)
    finally:
        stop(SERVER)
        redis.send_signal(signal.SIGCONT)
        redis.terminate()
        redis.wait()
        if args.db == "postgres":
            cut_connections()
            psql(f"DROP DATABASE IF EXISTS {PG_DB}")


if __name__ == "__main__":
    main()
