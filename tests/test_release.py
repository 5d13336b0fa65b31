"""Cached pages are kept per release, so a deploy never serves the previous release's markup
(or its hashed static file names) from a shared cache."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

from config.release import RELEASE, SOURCES, digest

TREE = ("templates", "config", "requirements.lock")


def make_tree(root: Path) -> Path:
    (root / "templates").mkdir(parents=True)
    (root / "templates" / "page.html").write_text("<p>hello</p>")
    (root / "config").mkdir()
    (root / "config" / "settings.py").write_text("X = 1\n")
    (root / "requirements.lock").write_text("django==5.2.8\n")
    return root


def test_any_change_to_a_source_file_is_a_new_release(tmp_path):
    make_tree(tmp_path)
    first = digest(tmp_path, TREE)
    assert digest(tmp_path, TREE) == first  # the same files, the same release

    (tmp_path / "templates" / "page.html").write_text("<p>hello!</p>")
    edited = digest(tmp_path, TREE)
    assert edited != first

    (tmp_path / "templates" / "page.html").rename(tmp_path / "templates" / "other.html")
    renamed = digest(tmp_path, TREE)
    assert renamed not in {first, edited}

    (tmp_path / "config" / "new.py").write_text("")
    added = digest(tmp_path, TREE)
    assert added not in {first, edited, renamed}

    (tmp_path / "requirements.lock").write_text("django==5.2.9\n")  # a dependency upgrade
    assert digest(tmp_path, TREE) not in {first, edited, renamed, added}


def test_the_same_checkout_is_the_same_release_wherever_it_is(tmp_path):
    """Instances sharing one Redis must agree, whatever folder each was checked out to and
    whatever bytecode or editor files lie about in it."""
    one = make_tree(tmp_path / "one")
    other = tmp_path / "elsewhere" / "two"
    shutil.copytree(one, other)
    (other / "config" / "__pycache__").mkdir()
    (other / "config" / "__pycache__" / "settings.cpython-311.pyc").write_bytes(b"\0")
    (other / "config" / "settings.pyc").write_bytes(b"\0")
    (other / "templates" / ".page.html.swp").write_bytes(b"\0")
    (other / "notes.txt").write_text("not a source")
    assert digest(other, TREE) == digest(one, TREE)


def test_the_release_covers_what_pages_are_made_from_and_keys_every_page():
    root = Path(__file__).resolve().parent.parent
    assert all((root / source).exists() for source in SOURCES)
    assert {"templates", "static", "advisor", "config", "requirements.lock"} <= set(SOURCES)
    # Pages are in Django's cache, whose key prefix is the release (config/settings.py).
    assert RELEASE in settings.CACHES["default"]["KEY_PREFIX"]
