"""Settings come from the environment and fail loudly when they cannot be understood."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from config.env import env_bool, env_int, env_list


def test_env_helpers_parse_and_refuse(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    assert env_bool("X_BOOL", default=False) is True
    assert env_int("X_INT", 0) == 42
    assert env_list("X_LIST", []) == ["a.example", "b.example"]
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env_bool("X_BOOL", default=False)
    monkeypatch.setenv("X_INT", "forty")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 0)


def _check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _check({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": ""})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret_key():
    result = _check({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50})

    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_a_sqlite_file_database_runs_in_wal_mode(tmp_path):
    """Readers do not wait for a share being saved, and writers queue instead of failing."""
    script = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA synchronous').fetchone()[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "1"]  # synchronous=NORMAL


@pytest.mark.parametrize("value", ["lots", "300/mm", "300", "/m", "-5/m"])
def test_a_rate_nobody_can_read_stops_check_naming_the_variable(value):
    result = _check({"CERTPATH_RATE_RESULTS": value})

    assert result.returncode != 0
    assert f"CERTPATH_RATE_RESULTS={value!r} is not a rate" in result.stderr


@pytest.mark.parametrize("value", ["300/m", "20/h", "5/10m", "1000/d"])
def test_rates_in_django_ratelimits_syntax_are_accepted(value):
    assert _check({"CERTPATH_RATE_RESULTS": value, "CERTPATH_RATE_SHARE": value}).returncode == 0


def _gunicorn_config(show: str = "workers", **environ: str) -> subprocess.CompletedProcess:
    """Run config/gunicorn.conf.py as gunicorn does, printing one setting it settles on."""
    config = settings.BASE_DIR / "config" / "gunicorn.conf.py"
    inherited = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "WEB_CONCURRENCY")}
    return subprocess.run(
        [sys.executable, "-c", f"exec(open({str(config)!r}).read()); print({show})"],
        cwd=settings.BASE_DIR,
        env={**inherited, **environ},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_gunicorn_refuses_a_worker_count_that_is_not_a_number():
    result = _gunicorn_config(WEB_CONCURRENCY="two")

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "config/gunicorn.conf.py: WEB_CONCURRENCY='two' is not an integer."
    )


def test_gunicorn_instances_do_not_share_a_control_socket():
    # Every `make serve` took over the previous instance's control socket path.
    result = _gunicorn_config(show="control_socket_disable")
    assert result.stdout.strip() == "True", result.stderr


def _gunicorn(**environ: str) -> subprocess.CompletedProcess:
    """gunicorn itself with config/gunicorn.conf.py, on a free port, as `make serve` runs it;
    stopped after a few seconds if it starts serving."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "WEB_CONCURRENCY")}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    try:
        return subprocess.run(
            [str(gunicorn), "-c", "config/gunicorn.conf.py", "config.wsgi"],
            cwd=settings.BASE_DIR,
            env={**inherited, "PORT": "0", **environ},
            capture_output=True,
            text=True,
            timeout=15,
        )
    except subprocess.TimeoutExpired as started:
        return subprocess.CompletedProcess(started.cmd, -1, "", "it started serving")


def test_gunicorn_refuses_several_workers_without_a_shared_cache_for_the_limits():
    # Each worker would count a client's shares alone: two workers, two budgets. The guard
    # reads gunicorn's final configuration, so every way of asking for workers is refused.
    for environ in (
        {"WEB_CONCURRENCY": "2"},
        {"GUNICORN_CMD_ARGS": "--workers=3"},  # got past a check of WEB_CONCURRENCY alone
    ):
        refused = _gunicorn(**environ)
        assert refused.returncode == 1, (environ, refused.stderr[-300:])
        assert refused.stderr.strip().endswith(
            "workers need REDIS_URL, so the workers share one set of rate-limit counters "
            "(or run one worker: WEB_CONCURRENCY=1)."
        ), refused.stderr[-300:]
    assert _gunicorn_config().stdout.strip() == "1"  # the default without Redis
    assert _gunicorn_config(REDIS_URL="redis://127.0.0.1:6379/0").stdout.strip() == "2"
