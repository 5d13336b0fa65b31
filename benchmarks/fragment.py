"""The live ranking's miss path in-process: one uncached htmx fragment, and page sizes.

Run: .venv/bin/python benchmarks/fragment.py [--runs 50]
Uses the database `make run` filled (the shipped catalogue) and its collected static files
(`DJANGO_DEBUG=false .venv/bin/python manage.py collectstatic`). Each request carries answers no
earlier one had, so every one is rendered (a cache miss). Prints the median and spread of the
time per fragment, and the bytes of the fragment and of the full results page (plain and
gzip). Targets (issue 25): fragment ≤ 8 ms median, ≤ 20 KB; full page ≤ 40 KB gzip. It asserts
nothing.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# As `make serve` runs it (debug off), on this machine only, with the limiter out of the way.
for name, value in {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 32,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_HTTPS": "false",
    "CERTPATH_RATE_RESULTS": "1000000/m",
}.items():
    os.environ.setdefault(name, value)

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from benchmarks.load import unique_answers_path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    client = Client(HTTP_HX_REQUEST="true", HTTP_HOST="127.0.0.1")
    start = int(time.time()) % 50_000  # new answers on every run of the benchmark too
    client.get(unique_answers_path(start - 1))  # warm: templates compiled, catalogue read
    times, size = [], 0
    for n in range(args.runs):
        t0 = time.perf_counter()
        response = client.get(unique_answers_path(start + n))
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
        size = len(response.content)
    page = Client(HTTP_HOST="127.0.0.1").get(unique_answers_path(start + args.runs)).content
    print(
        f"fragment, uncached, in-process: median {statistics.median(times):.1f} ms "
        f"(min {min(times):.1f}, max {max(times):.1f}) over {args.runs} new answer sets"
    )
    print(f"fragment size: {size / 1024:.1f} KB uncompressed")
    print(
        f"full results page: {len(page) / 1024:.1f} KB, "
        f"{len(gzip.compress(page)) / 1024:.1f} KB gzip"
    )


if __name__ == "__main__":
    main()
