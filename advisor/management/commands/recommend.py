import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError

from advisor.selectors import recommendation_for
from certifications.selectors import current_catalogue
from certpath.engine import Answers, error_messages

BAD_ARGUMENTS = 2  # a refused argument, as argparse exits


def _weight(text: str) -> tuple[str, float]:
    key, sep, value = text.partition("=")
    try:
        if not sep:
            raise ValueError
        return key.strip(), float(value)
    except ValueError:
        raise CommandError(
            f"--weight {text!r}: use KEY=NUMBER, e.g. skills=30", returncode=BAD_ARGUMENTS
        ) from None


class Command(BaseCommand):
    help = "Print the recommendation (result contract v1, JSON) for answers in FILE or - (stdin)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="answers JSON file, or - for standard input")
        parser.add_argument(
            "--weight",
            action="append",
            default=[],
            metavar="KEY=N",
            help="override a factor's weight (repeatable), e.g. --weight platform=0",
        )
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, default=None, help="as-of date, YYYY-MM-DD"
        )

    def handle(self, *args: Any, file: str, weight: list[str], today: dt.date | None, **_) -> None:
        weights = dict(_weight(w) for w in weight)  # a bad one is refused before any read
        name = "standard input" if file == "-" else file
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(
                f"{name}: cannot read: {getattr(exc, 'strerror', exc)}", returncode=BAD_ARGUMENTS
            ) from None
        if not text.strip():
            raise CommandError(f"{name}: is empty; expected the answers as a JSON object")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
            ) from None
        try:
            answers = Answers.model_validate(data)
        except ValidationError as exc:
            problems = "\n".join(error_messages(exc))
            raise CommandError(f"{name}: invalid answers\n{problems}") from None
        if not current_catalogue()[0].certifications:
            raise CommandError("The catalogue is empty: run `manage.py load_catalogue` first.")
        try:
            result = recommendation_for(answers, weights=weights, today=today)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
