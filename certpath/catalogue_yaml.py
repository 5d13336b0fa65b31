"""Reading and writing data/certs.yaml.

Reading is defensive because the file is edited by hand: only plain YAML (no `!!python` tags,
no aliases, which is also what makes an alias bomb harmless), no duplicate keys, a regular file
of at most 1 MiB read with that bound, nesting at most 100 deep, and every problem is reported
with the file, the line and the field path so staff can fix it: never a traceback. libyaml
parses (a 1 MiB file in seconds; the pure-Python parser took 40 s on one). Its event stream is
walked first, bounding nesting (block or flow), the number of values and the shape of keys,
because building nodes recurses in C and a deep enough file crashed the process.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import AnyUrl, BaseModel, ValidationError

from certpath.catalogue import Catalogue

M = TypeVar("M", bound=BaseModel)

MAX_FILE_BYTES = 1024 * 1024
MAX_NESTING = 100  # the catalogue itself nests 6 deep
MAX_NODES = 200_000  # the shipped catalogue has about 40,000
MAX_PROBLEMS = 20  # reported; a file with more is mostly wrong, and the rest says how many

HEADER = """\
# certpath catalogue: the source of truth for certifications (validated on load).
# Facts come from the research notes in docs/; every certification lists its sources and
# fact_notes mark third-party, disputed and unverified facts. `skills`, `focus`, `audience`,
# `goal_domains` and `next_steps` are certpath's editorial judgement from the domain notes.
# Load with `python manage.py load_catalogue`; write admin edits back with
# `python manage.py export_catalogue data/certs.yaml` (this header is kept, other comments are not).
"""


class CatalogueFileError(Exception):
    """The file cannot become a catalogue; `problems` are ready-to-print lines."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _StrictLoader(yaml.CSafeLoader):
    """libyaml's safe loader that also refuses aliases and duplicate keys, and turns a value
    its constructors cannot make (30 February, a 5,000-digit number) into a marked error."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except ValueError as exc:
            shown = str(node.value)
            shown = shown if len(shown) <= 40 else shown[:40] + "…"
            raise yaml.constructor.ConstructorError(
                None, None, f"{shown!r} is not a valid value ({exc})", node.start_mark
            ) from None


class _Shape(yaml.YAMLError):
    """The text's shape is refused before any node is built (too deep, too many nodes, a
    complex key): the problem and the line it is on."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem, self.problem_mark, self.context = problem, mark, None


def _check_shape(text: str) -> None:
    """Walk libyaml's event stream (its parser keeps a stack, it does not recurse) and stop at
    the first event past a bound: nesting deeper than MAX_NESTING (block or flow), more than
    MAX_NODES nodes, or a mapping key that is itself a list or mapping (`? [a, b]`). Building
    nodes from such text recursed in C and crashed the process (25,000 nested `- ` or
    300,000 `? `), and Python cannot hash a list as a key."""
    nodes = 0
    open_: list[list[bool]] = []  # each open collection: [is a mapping, next node is a key]
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionEndEvent):
            open_.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        nodes += 1
        if nodes > MAX_NODES:
            raise _Shape(f"more than {MAX_NODES:,} values: not a catalogue", event.start_mark)
        at_key = False
        if open_ and open_[-1][0]:
            at_key = open_[-1][1]
            open_[-1][1] = not at_key
        if isinstance(event, yaml.CollectionStartEvent):
            if at_key:
                raise _Shape("a key must be plain text, not a list or a mapping", event.start_mark)
            if len(open_) >= MAX_NESTING:
                raise _Shape(f"nested more than {MAX_NESTING} levels deep", event.start_mark)
            open_.append([isinstance(event, yaml.MappingStartEvent), True])


def _refuse_aliases(root: yaml.Node) -> None:
    """libyaml composes an alias as the anchored node itself: a node reached twice is one."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (*name) are not allowed", node.start_mark
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def _line_of(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a 1-based line.

    Where the path stops (a missing key), the line of the deepest node reached is used.
    """
    node, line = root, None
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            node = None
    return node.start_mark.line + 1 if node is not None else line


_PATH_IN_MESSAGE = re.compile(r"^(certifications\[(\d+)\]\.(\w+)(?:\[(\d+)\])?): (.*)$")


def _format_errors(path: Path, root: yaml.Node | None, error: ValidationError) -> list[str]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        match = _PATH_IN_MESSAGE.match(message)
        if not loc and match:
            # Cross-reference checks name their own path in the message.
            field_path, index, field, position, message = match.groups()
            loc = ("certifications", int(index), field)
            if position is not None:
                loc += (int(position),)
            shown = field_path
        else:
            shown = _dotted(loc) or "(top level)"
        line = _line_of(root, loc)
        where = f"{path}:{line}" if line else str(path)
        problems.append(f"{where}: {shown}: {message}")
    return problems


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_catalogue(text: str, *, path: Path) -> Catalogue:
    """Validate YAML text as a catalogue, or raise CatalogueFileError naming file, line, field."""
    return parse_model(text, path=path, model=Catalogue, kind="catalogue")


def parse_model(text: str, *, path: Path, model: type[M], kind: str) -> M:
    """Validate hand-edited YAML text as `model` (the catalogue, the study resources), with
    the same defences and the same one-line problems for each."""
    root = None
    try:
        _check_shape(text)
        loader = _StrictLoader(text)
        try:
            root = loader.get_single_node()
            if root is not None:
                _refuse_aliases(root)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        detail = f"{context}: {problem}" if context and "constructor" not in context else problem
        raise CatalogueFileError([f"{where}: not valid {kind} YAML: {detail}"]) from None
    except RecursionError:
        raise CatalogueFileError([f"{path}: nested too deeply to read"]) from None
    if not isinstance(data, dict):
        keys = " and ".join(f"'{name}'" for name in model.model_fields)
        raise CatalogueFileError([f"{path}: expected a mapping with {keys} at the top"])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = _format_errors(path, root, exc)
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            problems = [*problems[:MAX_PROBLEMS], f"{path}: … and {more:,} more problems"]
        raise CatalogueFileError(problems) from None


def read_catalogue(path: Path) -> Catalogue:
    """Read and validate a catalogue file; nothing is written anywhere."""
    return read_model(path, Catalogue, kind="catalogue")


def read_model(path: Path, model: type[M], *, kind: str) -> M:
    """Read and validate a YAML file as `model`, within the size bound; nothing is written."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # /dev/zero, a FIFO: never a catalogue
            raise CatalogueFileError([f"{path}: not a regular file"])
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # the bound, whatever the size claims
    except OSError as exc:
        raise CatalogueFileError([f"{path}: cannot read the file: {exc.strerror}"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise CatalogueFileError(
            [f"{path}: the file is over the limit of {MAX_FILE_BYTES:,} bytes (1 MiB)"]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogueFileError(
            [f"{path}: not UTF-8 text (bad byte at offset {exc.start})"]
        ) from None
    return parse_model(text, path=path, model=model, kind=kind)


class _Dumper(yaml.SafeDumper):
    """Block style with indented lists, the way the file is written by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        # Two equal blocks are written out twice: the reader refuses aliases.
        return True


# Dates stay plain YAML dates (model_dump keeps them as date objects); URLs become strings.
_Dumper.add_multi_representer(AnyUrl, lambda dumper, url: dumper.represent_str(str(url)))


def dump_catalogue(catalogue: Catalogue) -> str:
    data = catalogue.model_dump(mode="python")
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return HEADER + body
