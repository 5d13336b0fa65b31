"""README's scoring table is written from the rules, so it says what the engine does."""

from __future__ import annotations

from pathlib import Path

from certpath.engine import rules
from certpath.engine.rules_table import END, START, factor_table, with_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_table_is_the_one_the_rules_make():
    readme = README.read_text(encoding="utf-8")
    assert readme.count(START) == readme.count(END) == 1
    # If this fails: python -m certpath.engine.rules_table --write
    assert with_table(readme) == readme


def test_the_table_follows_a_change_of_rule(monkeypatch):
    monkeypatch.setattr(rules, "RETIRING_PENALTY", 99)
    monkeypatch.setattr(rules, "DEFAULT_WEIGHTS", {**rules.DEFAULT_WEIGHTS, "skills": 30})
    table = factor_table()
    assert "| `skills` | 30 |" in table
    assert "| `status` | −99 | it is retiring and you could not be ready" in table
