"""Every management command turns a bad argument into one line on stderr and exit code 2,
never a traceback; an export replaces only a regular file, atomically. Run as a person would,
in a separate process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.conftest import run_command

LONG = "x" * 300


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    """The command in its own process, on an empty database of its own: each bad argument is
    refused before anything is read from a database."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{cwd}/empty.sqlite3"}
    return subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("prune_shares", "--older-than", "999999999"),
        ("prune_shares", "--older-than", "soon"),
        ("export_catalogue", "/"),
        ("export_catalogue", "."),
        ("export_catalogue", LONG),
        ("export_catalogue", "/dev/null"),
        ("export_resources", "/"),
        ("load_catalogue", LONG),
        ("load_catalogue", "/"),
        ("load_resources", "/nonexistent/resources.yaml"),
        ("recommend", "/nonexistent/answers.json"),
        (
            "recommend",
            str(settings.BASE_DIR / "contract/examples/gcp-ml-engineer.json"),
            "--weight",
            "skills",
        ),
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_a_bad_argument_is_one_line_and_exit_code_2(args, tmp_path):
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("CommandError: "), done.stderr


@pytest.mark.django_db
def test_an_export_replaces_a_file_atomically_and_leaves_no_temporary_file(
    tmp_path, loaded_catalogue
):
    target = tmp_path / "out.yaml"
    target.write_text("old\n", encoding="utf-8")
    run_command("export_catalogue", str(target))
    assert target.read_text(encoding="utf-8").startswith("# certpath catalogue")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]
