"""This release's identity: a digest of everything a rendered page is made from.

Cached pages outlive a process: in Redis they outlive a deploy. A page rendered by the
previous release would keep its old markup for up to an hour and name static files by the
old hashed names, which the new release may not have (an unstyled page). Keying pages by this
digest means a new release starts with its own entries; the old ones expire on their own.
No setting to remember: any change to code, templates or static files gives a new digest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What pages are made from: the apps and core (views, presenters, the engine), settings,
# templates and static files. data/ is not here: the catalogue a page shows is in the database,
# and its version is already part of every page's key.
SOURCES = ("advisor", "certifications", "certpath", "config", "templates", "static")


def digest(root: Path = ROOT, sources: Iterable[str] = SOURCES) -> str:
    """A short digest of every file's path and bytes under `sources` (bytecode left out)."""
    files = sorted(
        path
        for source in sources
        for path in (root / source).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )
    total = hashlib.sha256()
    for path in files:
        total.update(path.relative_to(root).as_posix().encode() + b"\0")
        total.update(hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()[:16]


RELEASE = digest()
