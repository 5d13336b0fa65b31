"""This release's identity: a digest of everything a rendered page is made from.

Cached pages outlive a process: in Redis they outlive a deploy. A page rendered by the
previous release would keep its old markup for up to an hour and name static files by the
old hashed names, which the new release may not have (an unstyled page). Keying pages by this
digest means a new release starts with its own entries; the old ones expire on their own.
No setting to remember: any change to the code, templates, static files or locked
dependencies gives a new digest when the server starts. (The development server is not
restarted by a template edit, so there a changed template's cached pages last their hour.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What pages are made from: the apps and core (views, presenters, the engine), settings,
# templates, static files and the runtime dependencies' lock (a Django upgrade can change the
# markup). data/ is not here: the catalogue a page shows is in the database, and its version
# is already part of every page's key.
SOURCES = (
    "advisor",
    "certifications",
    "certpath",
    "config",
    "templates",
    "static",
    "requirements.lock",
)


def _source_files(root: Path, sources: Iterable[str]) -> Iterator[Path]:
    """Every file under `sources`, without bytecode or hidden files (an editor's swap file
    or .DS_Store must not split the cache between two machines on the same checkout)."""
    for source in sources:
        path = root / source
        for found in path.rglob("*") if path.is_dir() else [path]:
            hidden = any(part.startswith(".") for part in found.relative_to(root).parts)
            if found.is_file() and not hidden and found.suffix != ".pyc":
                yield found


def digest(root: Path = ROOT, sources: Iterable[str] = SOURCES) -> str:
    """A short digest of the path and bytes of every source file."""
    total = hashlib.sha256()
    for path in sorted(_source_files(root, sources)):
        total.update(path.relative_to(root).as_posix().encode() + b"\0")
        total.update(hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()[:16]


RELEASE = digest()
