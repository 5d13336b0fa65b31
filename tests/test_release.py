"""Cached pages are kept per release, so a deploy never serves the previous release's markup
(or its hashed static file names) from a shared cache."""

from __future__ import annotations

from pathlib import Path

from config import html_cache
from config.release import RELEASE, SOURCES, digest


def make_tree(root: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text("<p>hello</p>")
    (root / "config").mkdir()
    (root / "config" / "settings.py").write_text("X = 1\n")


def test_any_change_to_a_source_file_is_a_new_release(tmp_path):
    make_tree(tmp_path)
    sources = ("templates", "config")
    first = digest(tmp_path, sources)
    assert digest(tmp_path, sources) == first  # the same files, the same release

    (tmp_path / "templates" / "page.html").write_text("<p>hello!</p>")
    edited = digest(tmp_path, sources)
    assert edited != first

    (tmp_path / "templates" / "page.html").rename(tmp_path / "templates" / "other.html")
    renamed = digest(tmp_path, sources)
    assert renamed not in {first, edited}

    (tmp_path / "config" / "new.py").write_text("")
    assert digest(tmp_path, sources) not in {first, edited, renamed}


def test_bytecode_and_files_outside_the_sources_are_not_part_of_it(tmp_path):
    make_tree(tmp_path)
    sources = ("templates", "config")
    before = digest(tmp_path, sources)
    (tmp_path / "config" / "__pycache__").mkdir()
    (tmp_path / "config" / "__pycache__" / "settings.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "notes.txt").write_text("not a source")
    assert digest(tmp_path, sources) == before


def test_the_release_covers_what_pages_are_made_from_and_keys_every_page():
    root = Path(__file__).resolve().parent.parent
    assert all((root / source).is_dir() for source in SOURCES)
    assert {"templates", "static", "advisor", "config"} <= set(SOURCES)
    assert digest(root) == RELEASE
    assert html_cache.page_key(["results", "x"]).startswith(f"html:{RELEASE}:")
