"""What the load and export commands of the catalogue and the study resources share: the
one-line refusal of a bad file, the warning about admin edits a load would undo, and the
atomic write of an export."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import tempfile
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from certpath.catalogue_yaml import CatalogueFileError

Data = TypeVar("Data")


def add_load_arguments(parser: CommandParser, default: str) -> None:
    """The options both loads take: the file, --if-empty, and what to do about newer admin
    edits (--force discards them, --keep-edits leaves the database as it is)."""
    parser.add_argument("path", nargs="?", type=Path, default=None, help=f"default: {default}")
    parser.add_argument(
        "--if-empty",
        action="store_true",
        help="only load into an empty table (a server restart keeps admin edits)",
    )
    when_edited = parser.add_mutually_exclusive_group()
    when_edited.add_argument(
        "--force",
        action="store_true",
        help="load even over admin edits newer than the file (they are lost)",
    )
    when_edited.add_argument(
        "--keep-edits",
        action="store_true",
        help="if admin edits newer than the file would be undone, leave the database as "
        "it is and say so (make run uses this)",
    )


def refusal(exc: CatalogueFileError, command: BaseCommand, unchanged: str) -> CommandError:
    """Every problem on stderr, the last as the command's error, and the promise that
    `unchanged` (what the database holds) is exactly as it was."""
    for problem in exc.problems[:-1]:
        command.stderr.write(problem)
    return CommandError(
        f"{exc.problems[-1]}\nNothing was changed: {unchanged} in the database "
        f"{'are' if unchanged.endswith('s') else 'is'} exactly as it was."
    )


def edits_would_be_undone(
    command: BaseCommand, path: Path, edits: list[str], export: str, keep_edits: bool
) -> bool:
    """Say which newer admin edits loading `path` would undo: a warning (True, load nothing)
    with --keep-edits, else an error. False when there are none."""
    if not edits:
        return False
    listed = "\n".join(f"  {line}" for line in edits)
    message = (
        f"The admin has edits newer than {path} that loading it would undo:\n{listed}\n"
        f"To keep them, write them to the file: manage.py {export} {path} (and commit it). "
        "To discard them, load with --force."
    )
    if keep_edits:
        command.stdout.write(command.style.WARNING(message + "\nThe database was left as it is."))
        return True
    raise CommandError(message + "\nNothing was changed.")


BAD_ARGUMENTS = 2  # the exit code for a refused argument, as argparse uses


def export_target(path: str | None, default: Path) -> Path | None:
    """Where an export goes (None: standard output), checked before anything is read: only a
    regular file, or a new one, is ever replaced."""
    if path == "-":
        return None
    target = Path(path) if path else default
    try:
        usable = not target.exists() or target.is_file()
    except OSError as exc:  # a name too long for the file system
        raise CommandError(f"{target}: {exc.strerror}", returncode=BAD_ARGUMENTS) from None
    if not usable:
        raise CommandError(
            f"{target}: not a regular file; give a file name, or - for standard output",
            returncode=BAD_ARGUMENTS,
        )
    return target


def write_export(command: BaseCommand, text: str, path: str | None, default: Path) -> None:
    """Write `text` to standard output (`-`), `path` or `default`, atomically: into a new
    temporary file beside the target, then renamed over it, so a failed export never leaves
    half a file. Only a regular file (or a new one) is ever replaced: a directory, a device
    (it overwrote /dev/full when run as root) or a FIFO is refused."""
    target = export_target(path, default)
    if target is None:
        command.stdout.write(text, ending="")
        return
    tmp: str | None = None
    try:
        with tempfile.NamedTemporaryFile(
            "w",
            encoding="utf-8",
            dir=target.parent,
            prefix=f".{target.name[:60]}.",
            suffix=".tmp",
            delete=False,
        ) as file:
            tmp = file.name
            file.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise CommandError(
            f"{target}: cannot write: {exc.strerror or exc}", returncode=BAD_ARGUMENTS
        ) from None
    command.stdout.write(command.style.SUCCESS(f"Wrote {target}"))


class LoadCommand(BaseCommand, Generic[Data]):
    """Read a YAML file the core validates and make a table match it, all or nothing,
    without undoing newer admin edits unless told to. Subclasses say what they load."""

    path_setting: str  # the setting naming the default file
    what: str  # "the catalogue": said in every message
    export_command: str

    def add_arguments(self, parser: CommandParser) -> None:
        add_load_arguments(parser, str(getattr(settings, self.path_setting)))

    def handle(
        self,
        *args: Any,
        path: Path | None,
        if_empty: bool,
        force: bool,
        keep_edits: bool,
        **options: Any,
    ) -> None:
        path = path or Path(getattr(settings, self.path_setting))
        try:
            regular = stat.S_ISREG(path.stat().st_mode)
        except OSError as exc:  # missing, or a name too long for the file system
            raise CommandError(
                f"{path}: cannot read the file: {exc.strerror}", returncode=BAD_ARGUMENTS
            ) from None
        if not regular:
            raise CommandError(
                f"{path}: not a regular file; give the YAML file's path", returncode=BAD_ARGUMENTS
            )
        if if_empty and self.loaded():
            self.stdout.write(f"{self.what.capitalize()}: not empty; left as it is (--if-empty).")
            return
        try:
            data = self.read(path)
        except CatalogueFileError as exc:
            raise refusal(exc, self, self.what) from None
        if not force:
            file_time = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
            edits = self.edits_at_stake(data, file_time)
            if edits_would_be_undone(self, path, edits, self.export_command, keep_edits):
                return
        self.load(data, path)

    def loaded(self) -> bool:
        raise NotImplementedError

    def read(self, path: Path) -> Data:
        raise NotImplementedError

    def edits_at_stake(self, data: Data, since: dt.datetime) -> list[str]:
        """Newer admin edits that loading `data` would undo, a line each."""
        raise NotImplementedError

    def load(self, data: Data, path: Path) -> None:
        """Make the database match `data` and report what changed."""
        raise NotImplementedError
