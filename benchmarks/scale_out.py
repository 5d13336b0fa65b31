"""Scale-out check: two `make serve` instances over one PostgreSQL and one Redis.

Run: .venv/bin/python benchmarks/scale_out.py [--shares 500]
1. Creates --shares saved results concurrently, alternating between the two instances (each
   "visitor" with its own client address), while one gunicorn worker of instance A is killed
   with SIGKILL mid-load. Every share that was confirmed (303) must open on both instances.
2. One client alternates between the instances: the share limit (20 per hour) must hold across
   both, because the counters live in Redis.
Prints what it saw; exits non-zero if a confirmed share is missing or the limit leaks.
Loopback only (127.0.0.1), bounded in count and time.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.serving import fresh_postgres, serve, stop, wait_ready, workers_of  # noqa: E402

DB = "certpath_scale"
REDIS_URL = "redis://127.0.0.1:6379/15"
PORTS = (8201, 8202)
SHARE_LIMIT = 20
# In the short form the site links to (no answer at its default): a long one is redirected.
ANSWERS = "skills.python=3&skills.mlops=2&experience.platform_years.aws=2&environment=aws"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def start(
    port: int,
    *,
    database_url: str = f"postgres://postgres@127.0.0.1:5432/{DB}",
    redis_url: str = REDIS_URL,
) -> subprocess.Popen:
    return serve(
        port,
        database_url,
        REDIS_URL=redis_url,
        DJANGO_CLIENT_IP_HEADER="HTTP_X_REAL_IP",
        CERTPATH_RATE_SHARE=f"{SHARE_LIMIT}/h",
    )


def answers(plan: int) -> str:
    """The answers of plan number `plan`: each plan its own (the same answers saved twice on
    one day are one plan, under one link), so every saved plan can be checked for."""
    return f"{ANSWERS}&experience.industry_years={plan / 1000:g}"  # up to 50,000 plans


def share(port: int, client_ip: str, plan: int) -> str | int:
    """One visitor: open the results, then save them from that page. A code, or a status."""
    opener = urllib.request.build_opener(NoRedirect)
    headers = {"X-Real-IP": client_ip}
    base = f"http://127.0.0.1:{port}"
    query = answers(plan)
    try:
        # A browser follows the redirect to the canonical address of these answers.
        request = urllib.request.Request(f"{base}/results/?{query}", headers=headers)
        urllib.request.urlopen(request, timeout=30).read()
        post = urllib.request.Request(
            f"{base}/share/",
            data=query.encode(),
            headers={**headers, "Origin": base, "Sec-Fetch-Site": "same-origin"},
        )
        opener.open(post, timeout=30)
    except urllib.error.HTTPError as exc:
        if exc.code == 303:
            # /r/CODE/owner/KEY/#keep-heading: the code is the part after /r/.
            return urllib.parse.urlsplit(exc.headers["Location"]).path.split("/")[2]
        return exc.code
    except (OSError, http.client.HTTPException):
        # Connection dropped (the killed worker): before the response, or, for the results
        # page (270 KB with 50 certifications), part-way through its body (IncompleteRead).
        return 0
    return 200


def opens(port: int, code: str, client_ip: str = "") -> bool:
    """The saved plan's page answers 200 (read as `client_ip`, when given: a reader of its
    own, so checking many plans does not spend one client's read budget)."""
    headers = {"X-Real-IP": client_ip} if client_ip else {}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/r/{code}/", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status == 200
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shares", type=int, default=500)
    args = parser.parse_args()
    fresh_postgres(DB)
    subprocess.run(["redis-cli", "-n", "15", "FLUSHDB"], check=True, capture_output=True)
    first = start(PORTS[0])
    wait_ready(PORTS[0])  # the first migrates and loads the catalogue
    second = start(PORTS[1])
    wait_ready(PORTS[1])
    failed = False
    try:
        workers = workers_of(first)
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=24) as pool:
            futures = [
                pool.submit(share, PORTS[i % 2], f"198.18.{i // 250}.{i % 250 + 1}", i)
                for i in range(args.shares)
            ]
            time.sleep(2)
            victim = workers[0]
            os.kill(victim, signal.SIGKILL)
            results = [f.result() for f in futures]
        elapsed = time.monotonic() - started
        codes = [r for r in results if isinstance(r, str)]
        other = {r: results.count(r) for r in set(results) if not isinstance(r, str)}
        print(f"{args.shares} visitors saved results across two instances in {elapsed:.1f}s")
        print(f"  killed gunicorn worker {victim} of instance A with SIGKILL after 2s")
        print(f"  confirmed saves (303): {len(codes)}; other outcomes: {other or 'none'}")
        with ThreadPoolExecutor(max_workers=24) as pool:
            on_a = list(pool.map(lambda c: opens(PORTS[0], c), codes))
            on_b = list(pool.map(lambda c: opens(PORTS[1], c), codes))
        print(f"  open on instance A: {sum(on_a)}/{len(codes)}; on B: {sum(on_b)}/{len(codes)}")
        healthy = all(opens_health(p) for p in PORTS)
        print(f"  both instances answer /healthz afterwards: {healthy}")
        failed |= not (all(on_a) and all(on_b) and healthy and len(codes) > 0)

        outcomes = [share(PORTS[i % 2], "203.0.113.77", i) for i in range(SHARE_LIMIT + 5)]
        saved = sum(isinstance(o, str) for o in outcomes)
        limited = outcomes.count(429)
        print(
            f"one client alternating between instances: {saved} saved, {limited} refused "
            f"with 429 (limit {SHARE_LIMIT}/h shared through Redis)"
        )
        failed |= saved != SHARE_LIMIT or limited != 5
    finally:
        for process in (first, second):
            stop(process)
    sys.exit(1 if failed else 0)


def opens_health(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
            return r.read() == b"ok"
    except OSError:
        return False


if __name__ == "__main__":
    main()
