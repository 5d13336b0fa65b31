"""Bytes and time per saved plan with the shipped catalogue, on a fresh SQLite file or the
PostgreSQL server on 127.0.0.1.

Run: .venv/bin/python benchmarks/share_storage.py [--plans 200] [--db sqlite|postgres]
Saves `--plans` distinct plans (different answers) and prints the growth of the database per
plan and the time per save. It asserts nothing: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.serving import fresh_postgres  # noqa: E402

PG_BENCH_DB = "certpath_share_bench"


def database(kind: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tempfile.mkdtemp(prefix='certpath-shares-')}/shares.sqlite3"
    return fresh_postgres(PG_BENCH_DB)


def size(kind: str, url: str) -> int:
    from django.db import connection

    if kind == "sqlite":
        connection.close()  # the WAL checkpointed into the file
        return Path(url.removeprefix("sqlite:///")).stat().st_size
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    url = database(args.db)
    os.environ.update(DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=url)
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ.setdefault("DJANGO_HTTPS", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.http import QueryDict

    from advisor.forms import AnswersForm
    from advisor.models import SharedResult
    from advisor.selectors import recommendation_for

    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("migrate", verbosity=0)
    call_command("load_catalogue", **quiet)
    call_command("load_resources", **quiet)
    plans = []
    for i in range(args.plans):  # distinct answers: every plan is a new row
        query = f"environment={['aws', 'azure', 'gcp'][i % 3]}&budget_usd={100 + i}"
        form = AnswersForm.from_query(QueryDict(query))
        assert form.is_valid(), form.errors
        plans.append((form.answers.model_dump(mode="json"), form.weights(), form.answers))
    results = [recommendation_for(answers, weights=w) for _, w, answers in plans]
    before = size(args.db, url)
    start = time.perf_counter()
    for (answers, weights, _), result in zip(plans, results, strict=True):
        SharedResult.objects.keep(answers, weights, result)
    seconds = time.perf_counter() - start
    grown = size(args.db, url) - before
    print(
        f"{args.db}: {args.plans} plans, {grown / args.plans / 1024:.1f} KB per plan, "
        f"{seconds / args.plans * 1000:.2f} ms per save"
    )


if __name__ == "__main__":
    main()
