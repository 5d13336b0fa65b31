"""README's table of scoring factors, written from rules.py so the two cannot disagree.

The README holds the output between `<!-- factors:start -->` and `<!-- factors:end -->`; a test
compares them. After changing a rule, run `python -m certpath.engine.rules_table --write` to
update README.md.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from certpath.engine import rules
from certpath.vocabulary import (
    FOCUS_LABELS,
    LEVEL_NAMES,
    PLATFORM_LABELS,
    ROLE_LABELS,
    SKILL_LABELS,
)

START, END = "<!-- factors:start -->", "<!-- factors:end -->"
STAGES = ("starting out", "early career", "experienced")
RANK_NAMES = ("foundational", "associate", "professional or specialty")


def _pct(fraction: float) -> str:
    return f"{fraction:.0%}" if fraction else "nothing"


def _and(words: Iterable[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _platforms(keys: Iterable[str]) -> str:
    return _and(PLATFORM_LABELS[key] for key in keys)


def _by_fraction(fractions: Mapping[str, float]) -> str:
    """'Vendor-neutral and NVIDIA keep 35%, IBM watsonx, SAS and Salesforce 15%'."""
    groups: dict[float, list[str]] = {}
    for key, fraction in fractions.items():
        groups.setdefault(fraction, []).append(key)
    ordered = sorted(groups.items(), reverse=True)
    return ", ".join(
        f"{_platforms(keys)} {'keep ' if i == 0 else ''}{_pct(f)}"
        for i, (f, keys) in enumerate(ordered)
    )


def _lower_first(label: str) -> str:
    """'Data scientist' -> 'data scientist', but 'ML engineer' stays."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def _years(value: float) -> str:
    return f"{value:g} year" + ("" if value == 1 else "s")


def _rows() -> dict[str, str]:
    floors = _and(
        f"{SKILL_LABELS[key]} *{LEVEL_NAMES[level]}*"
        for key, level in rules.FOUNDATION_FLOORS.items()
    )
    assumed = "; ".join(
        f"{level} {_years(rules.ASSUMED_INDUSTRY_YEARS[level])} in industry"
        + (f" and {_years(platform)} on the platform" if platform else "")
        for level, platform in rules.ASSUMED_PLATFORM_YEARS.items()
    )
    stage_fit = "; ".join(
        f"{STAGES[stage].capitalize()}: "
        + ", ".join(
            f"{RANK_NAMES[rank]} {_pct(rules.LEVEL_FIT[(stage, rank)])}" for rank in range(3)
        )
        for stage in range(3)
    )
    focus_partial = "; ".join(
        f"you want {_lower_first(FOCUS_LABELS[want])}, it is {_lower_first(FOCUS_LABELS[has])}: "
        f"{_pct(f)}"
        for (want, has), f in rules.FOCUS_FIT.items()
        if f < 1
    )
    aims = _and(_lower_first(ROLE_LABELS[role]) + "s" for role in rules.CAREER_CHANGE_AIMS)
    return {
        "platform": (
            "it is for the platform your employer runs on (the most immediate value at work). "
            f"Elsewhere, {_by_fraction(rules.PLATFORM_ELSEWHERE)}; other platforms nothing"
        ),
        "employer_breadth": (
            "*only when you have no platform* (instead of `platform`), by employer reach: "
            + ", ".join(
                f"{PLATFORM_LABELS[key]} {_pct(f)}" for key, f in rules.EMPLOYER_BREADTH.items()
            )
        ),
        "skills": (
            "you meet every skill level it asks for; below one it keeps (have ÷ need)^"
            f"{rules.COVERAGE_CURVE:g} of that skill's weight. Exams that test coding also "
            f"need {floors} (not for security engineers, data analysts, risk and compliance "
            "professionals, who carry no maths or coding floors); any skill "
            f"{rules.BLOCKING_SHORTFALL} or more levels short (or a foundation below its floor) "
            "makes it *not yet*"
        ),
        "experience": (
            "your industry and platform years meet the vendor's recommendation (pro rata). "
            f"Where none is published, certpath assumes, and says so: {assumed}"
        ),
        "role": (
            "it is written for your role: intent can outweigh a platform match. A career "
            f"changer gets {_pct(rules.CAREER_CHANGE_FRACTION)} for one written for {aims}"
        ),
        "goals": (
            "its exam gives each of your goal areas at least "
            f"{_pct(rules.GOAL_FULL_SHARE)} of its weight (less earns in proportion; areas are "
            "averaged; where the guide publishes no weights, each domain counts the same). "
            f"{_pct(rules.NO_GOALS_FRACTION)} for everyone when you name none"
        ),
        "focus": f"its focus matches yours. Partly: {focus_partial}",
        "level": (
            "its level suits your stage, which comes from experience, never from one skill "
            f"(starting out: under {_years(rules.EARLY_CAREER_YEARS)} or changing career; "
            f"experienced: {_years(rules.EXPERIENCED_YEARS)} or more; for an exam that tests "
            f"coding, under {_years(rules.ML_WORK_YEARS_FOR_EXPERIENCED)} of ML work, when you "
            "give it, is early career at most; a valid certification you hold proves its "
            f"level). {stage_fit}. Literacy and leadership credentials: "
            f"at least {_pct(rules.NON_CODING_FOUNDATIONAL_FIT)} at any stage"
        ),
        "exam_format": (
            "hands-on or multiple choice as you prefer; left out, and said once, when "
            "nothing bookable has your format"
        ),
        "budget": (
            "*only with a budget*: the three-year cost is within it. Over it (or the first "
            "attempt alone over it): nothing and a warning; a first attempt within it whose "
            f"renewal cost is not published: {_pct(rules.UNKNOWN_COST_FRACTION)}; a price not "
            f"published: {_pct(rules.UNKNOWN_PRICE_FRACTION)}, and a warning that nobody can "
            "say it fits"
        ),
        "ladder": (
            "*only when you hold a valid certification*: it is that one's next step or the "
            "next level on its platform (two levels up on its platform, or the same level in "
            f"one of your goal areas: {_pct(rules.LADDER_SIDEWAYS)})"
        ),
    }


def factor_table() -> str:
    """The factors, their default weights and what earns full points, as a Markdown table."""
    lines = ["| factor | weight | full points when… |", "| --- | ---: | --- |"]
    rows = _rows()
    for factor, weight in rules.DEFAULT_WEIGHTS.items():
        lines.append(f"| `{factor}` | {weight} | {rows[factor]} |")
    lines += [
        "",
        "What places a certification lower is points off its score, each with its sentence "
        "in *Why*, so the list is always in the order of the scores shown (never below 0):",
        "",
        "| factor | points | taken off when… |",
        "| --- | ---: | --- |",
        f"| `track` | −{rules.OFF_TRACK_PENALTY} | it is off your track: an exam that tests "
        "coding for a manager or a risk and compliance professional; one that tests none on a "
        "technical path, unless governance is your goal, it is the vendor's own for the "
        "platform you work on, or (security engineers, architects, analysts) it is above "
        "foundational and written for your role |",
        f"| `standing` | −{rules.UNRECOGNISED_PENALTY} | no source shows how widely employers "
        "recognise it |",
        f"| `reach` | −{rules.OUT_OF_REACH_PENALTY} | it is two levels above where you are (a "
        "professional ML exam with no ML work behind you) |",
        f"| `status` | −{rules.RETIRING_PENALTY} | it is retiring and you could not be ready "
        "before it closes. Retired exams, prerequisite credentials and valid certifications "
        "you hold are not targets, so they are not scored: their status is their one reason |",
        f"| `prerequisite` | −{rules.PREREQUISITE_IN_PLAN_PENALTY}, "
        f"−{rules.PREREQUISITE_UNLISTED_PENALTY} or all | it requires a credential you do not "
        "hold: one certpath lists and a plan can earn (it comes first in the plan, with its "
        f"cost and weeks): {rules.PREREQUISITE_IN_PLAN_PENALTY}; one certpath does not list: "
        f"{rules.PREREQUISITE_UNLISTED_PENALTY}; one that needs years of other work (CISA): "
        "every point, a later goal |",
        f"| `cost` | −{rules.OVER_BUDGET_PENALTY} | it is known to cost more than your budget "
        "(three years, or the first attempt alone): a budget is a limit. Only when something "
        "on your path fits it: otherwise every priced exam would lose points and one nobody "
        "has priced would rise above them, as if unknown meant affordable |",
        f"| `refresh` | −{rules.REFRESH_PENALTY} | it succeeds a credential you hold at the same "
        "level and can keep: an optional refresh |",
    ]
    lines += [
        "",
        f"When the top two are within {rules.CLOSE_CALL_POINTS:g} points the advice says it is "
        "a close call and what each does better. Weights can be overridden per request "
        '(`recommend --weight platform=0`, and in the UI\'s "what matters to you"), each from '
        f"0 to {rules.MAX_WEIGHT_OVERRIDE}. What-ifs are looked for on your top "
        f"{rules.CERTIFICATIONS_IN_WHAT_IF} bookable certifications.",
    ]
    return "\n".join(lines)


def with_table(readme: str) -> str:
    """`readme` with the text between the markers replaced by the current table."""
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{factor_table()}\n{END}{after}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update README.md in place")
    args = parser.parse_args(argv)
    if not args.write:
        print(factor_table())
        return
    readme = Path(__file__).resolve().parents[2] / "README.md"
    readme.write_text(with_table(readme.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
