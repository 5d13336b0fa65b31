"""Load figures under `make serve` (gunicorn, 2 workers) with wrk, on SQLite and PostgreSQL.

Run: .venv/bin/python benchmarks/load.py [--seconds 5] [--rounds 5] [--connections 16]
     [--db sqlite postgres]
Needs wrk (`apt-get install -y wrk`) and, for PostgreSQL, the server on 127.0.0.1:5432.
Prints requests/s, p50/p99 latency, the gunicorn workers' CPU time per request, and each page's
throughput as a ratio to /healthz (the framework's floor). It asserts nothing: it is a
measurement, not a test.
Traffic goes to 127.0.0.1 only, and every run is bounded by --seconds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.serving import (  # noqa: E402
    fresh_postgres,
    serve,
    stop,
    wait_ready,
    workers_of,
)

PG_BENCH_DB = "certpath_bench"
# In the short form the site links to (no answer at its default): a long one is redirected.
ANSWERS = (
    "skills.python=3&skills.numpy_pandas=3&skills.scikit_learn=2&skills.mlops=2"
    "&experience.industry_years=4&experience.platform_years.gcp=2&environment=gcp"
    "&goals.domains=tabular"
)
GZIP = {"Accept-Encoding": "gzip"}
PAGES = [
    ("/healthz", "/healthz", {}),
    ("/", "/", {}),
    ("/results/ (full)", f"/results/?{ANSWERS}", {}),
    ("/results/ (htmx fragment)", f"/results/?{ANSWERS}", {"HX-Request": "true"}),
    # What a browser sends: the same pages, gzip-compressed.
    ("/results/ (full, gzip)", f"/results/?{ANSWERS}", GZIP),
    ("/results/ (fragment, gzip)", f"/results/?{ANSWERS}", {"HX-Request": "true", **GZIP}),
]


def unique_answers_path(n: int) -> str:
    """The n-th of the live ranking's new combinations, as the Lua script below builds it:
    canonical (the order and form answers_query writes, no value at its default), so the
    server answers 200 with no redirect and no two requests in a run share a cache entry."""
    hours = 1 + n % 40
    hours = 41 if hours == 6 else hours  # 6 is the default, which a canonical URL leaves out
    # Budgets up to USD 100,000 are valid: 40 times 99,000 combinations before one repeats.
    return f"/results/?{ANSWERS}&weekly_study_hours={hours}&budget_usd={100 + n % 99_000}"


def unique_answers_script() -> str:
    """A wrk Lua script sending the htmx fragment request for a new answer set each time
    (the same sequence as unique_answers_path, per thread from its own offset)."""
    return (
        "local n = math.random(0, 3960000)\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  local hours = 1 + n % 40\n"
        "  if hours == 6 then hours = 41 end\n"
        f'  local path = "/results/?{ANSWERS}&weekly_study_hours=" .. hours ..\n'
        '    "&budget_usd=" .. (100 + n % 99000)\n'
        '  return wrk.format("GET", path, {["HX-Request"] = "true"})\n'
        "end\n"
    )


def share_script(base: str) -> str:
    """A wrk Lua script that POSTs the answers as the results page's form does (no token:
    the form needs none, see web/origin.py)."""
    return (
        'wrk.method = "POST"\n'
        f'wrk.body = "{ANSWERS}"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Origin"] = "{base}"\n'
        'wrk.headers["Sec-Fetch-Site"] = "same-origin"\n'
    )


UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNIT_MS[unit]


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far (from /proc)."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime and stime
    return ticks / os.sysconf("SC_CLK_TCK")


def run_wrk(url: str, seconds: int, connections: int, headers: dict, script: str | None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    return {
        "rps": rps,
        "requests": requests,
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "errors": (int(errors.group(1)) if errors else 0)
        + (int(timeouts.group(1)) if timeouts else 0),
    }


def summarise(runs: list[dict], floor: list[dict]) -> dict:
    """Medians over the rounds, so one disturbed round on a shared machine does not decide.

    The ratio to /healthz is taken within each round (the page against the /healthz run a few
    seconds before it) and then the median: the machine's speed drifts by 10 % or more between
    rounds, and a ratio of two medians taken at different times carries that drift.
    """
    ratios = [r["rps"] / f["rps"] for r, f in zip(runs, floor, strict=True)]
    return {
        "ratio": statistics.median(ratios),
        "ratio_range": (min(ratios), max(ratios)),
        "server_us": statistics.median(r["server_us"] for r in runs),
        "rps": statistics.median(r["rps"] for r in runs),
        "p50": statistics.median(r["p50"] for r in runs),
        "p99": statistics.median(r["p99"] for r in runs),
        "p99_max": max(r["p99"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
    }


UNIQUE = "fragment, unique answers"


def check_canonical(base: str) -> None:
    """The unique-answers URLs are answered 200 directly (no redirect to a canonical form,
    no error): otherwise the figure would measure redirects."""
    for n in (0, 5, 123_456):
        request = urllib.request.Request(
            base + unique_answers_path(n), headers={"HX-Request": "true"}
        )
        try:
            with urllib.request.build_opener(NoRedirect).open(request) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            sys.exit(f"{unique_answers_path(n)} answered {status}, not 200")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect is an error here
        return None


def measure(db: str, port: int, seconds: int, connections: int, rounds: int) -> list:
    if db == "postgres":
        database_url = fresh_postgres(PG_BENCH_DB)
    else:
        database_url = f"sqlite:///{tempfile.mkdtemp(prefix='certpath-bench-')}/bench.sqlite3"
    server = serve(
        port,
        database_url,
        CERTPATH_RATE_SHARE="1000000/m",  # measure the app, not the limiter
        CERTPATH_RATE_RESULTS="1000000/m",
        CERTPATH_LIMITS_PER_PROCESS="true",  # two workers without Redis; limits are off anyway
    )
    base = f"http://127.0.0.1:{port}"
    runs: dict[str, list[dict]] = {}
    try:
        wait_ready(port)
        workers = workers_of(server, wait_for=2)
        check_canonical(base)
        scripts = {}
        for name, text in (("/share/", share_script(base)), ("unique", unique_answers_script())):
            with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
                lua.write(text)
            scripts[name] = lua.name
        targets = [
            *PAGES,
            (UNIQUE, "unique", {}),
            ("POST /share/", "/share/", {}),
        ]
        # Rounds interleave the pages, so a slow spell on the machine hits all of them alike.
        for _ in range(rounds):
            for label, path, headers in targets:
                script = scripts.get(path)
                path = "/" if path == "unique" else path  # the script sets each request's path
                used = cpu_seconds(workers)
                result = run_wrk(base + path, seconds, connections, headers, script)
                # The workers' own CPU per request: what the app costs, apart from wrk's
                # share of the same two cores and the machine's other tenants.
                used = cpu_seconds(workers) - used
                result["server_us"] = used / result["requests"] * 1e6
                runs.setdefault(label, []).append(result)
    finally:
        stop(server)
    floor = runs[PAGES[0][0]]
    return [(label, summarise(results, floor)) for label, results in runs.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"])
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    print(
        f"make serve (gunicorn, 2 workers); wrk -t2 -c{args.connections} -d{args.seconds}s, "
        f"median of {args.rounds} interleaved rounds; loopback, same 2-core machine as the server\n"
    )
    print(
        "× healthz: the median of each round's ratio to that round's /healthz (range);\n"
        "worker µs: the gunicorn workers' CPU time per request\n"
    )
    header = (
        f"{'database':<9} {'page':<28} {'req/s':>7} {'× healthz':>9} {'range':>11} "
        f"{'worker µs':>9} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'max p99':>8}"
    )
    print(header + "  non-2xx/3xx")
    print("-" * (len(header) + 13))
    for number, db in enumerate(args.db):
        rows = measure(db, 8100 + number, args.seconds, args.connections, args.rounds)
        for label, row in rows:
            low, high = row["ratio_range"]
            print(
                f"{db:<9} {label:<28} {row['rps']:>7.0f} {row['ratio']:>9.2f} "
                f"{f'{low:.2f}–{high:.2f}':>11} {row['server_us']:>9.0f} "
                f"{row['p50']:>7.1f} {row['p99']:>7.1f} {row['p99_max']:>8.1f}  {row['errors']}"
            )


if __name__ == "__main__":
    main()
