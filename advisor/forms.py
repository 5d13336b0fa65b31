"""The questionnaire as a Django form whose field names are the contract's flattened keys.

`skills.python=3&experience.platform_years.aws=2&goals.domains=nlp` is both what the form
submits and the bookmarkable /results/ URL. The form checks what a person typed; the pydantic
answers model then has the final word, so the web, the command and the API agree.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError as FieldError
from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from pydantic import ValidationError

from certifications.selectors import current_catalogue
from certpath.engine import DEFAULT_WEIGHTS, Answers, AnswersProblem
from certpath.engine.answers import check_against
from certpath.engine.rules import MAX_WEIGHT_OVERRIDE, WEIGHT_WORDS
from certpath.engine.scoring import NON_CODING_ROLES
from certpath.vocabulary import (
    EMPLOYER_PLATFORMS,
    FOCUS_LABELS,
    GOAL_DOMAIN_LABELS,
    LEVEL_NAMES,
    PLATFORM_LABELS,
    ROLE_LABELS,
    SKILL_KEYS,
    SKILL_LABELS,
)

# Short enough for a select on a phone ("3 — proficient"); what each level means is the
# scale above the skills (id "skill-scale"), which every skill select points to.
LEVEL_CHOICES = [(str(level), f"{level} — {name}") for level, name in LEVEL_NAMES.items()]
ENVIRONMENT_CHOICES = [(p, PLATFORM_LABELS[p]) for p in EMPLOYER_PLATFORMS] + [
    ("none", "None / not decided")
]
EXAM_FORMAT_CHOICES = [
    ("any", "No preference"),
    ("hands_on", "Hands-on"),
    ("multiple_choice", "Multiple-choice"),
]
# Rows for "certifications you already hold". The contract allows up to 30 (the API takes
# them all); the questionnaire offers five, which covers nearly everyone.
HELD_ROWS = 5
# Asked in their own group, closed until answered: many people's plans do not turn on them.
MATHS_SKILLS = ("linear_algebra", "calculus", "probability_statistics")
DEEP_SKILLS = ("tensorflow_keras", "pytorch", "spark")
# Open for technical roles; closed for leaders and compliance people, whose credentials test
# no coding (the engine sets coding exams off their track: these answers do not move them).
CODING_SKILLS = ("python", "numpy_pandas", "scikit_learn", "mlops")

SKILL_HELP = {
    "linear_algebra": "Vectors, matrices, eigenvalues.",
    "calculus": "Derivatives and gradients, as used by gradient descent.",
    "probability_statistics": "Distributions, estimation, evaluating models.",
    "python": "Writing working programs: data structures, functions, classes, errors.",
    "numpy_pandas": "Arrays and data frames for numerical work and data preparation.",
    "scikit_learn": "Classical models: regression, trees, clustering, evaluation.",
    "tensorflow_keras": "Building and training neural networks with TensorFlow/Keras.",
    "pytorch": "Building and training neural networks with PyTorch.",
    "spark": "Spark DataFrames and MLlib for large-scale data.",
    "mlops": "Deploying, monitoring and retraining models in production pipelines.",
    "sql": "Querying and shaping data with SQL.",
    "genai_apps": "Building generative-AI apps: prompting, retrieval (RAG), agents, evaluation.",
}

DEFAULTS: dict[str, Any] = {
    **{f"skills.{key}": "1" for key in SKILL_KEYS},
    "skills.python": "2",
    "skills.numpy_pandas": "2",
    "skills.spark": "0",
    "skills.tensorflow_keras": "0",
    "skills.pytorch": "0",
    "skills.mlops": "0",
    "skills.genai_apps": "0",
    "experience.industry_years": "2",
    "experience.ml_years": "",
    **{f"experience.platform_years.{p}": "0" for p in EMPLOYER_PLATFORMS},
    "environment": "none",
    "goals.focus": "both",
    "goals.role": "ml_engineer",
    "goals.domains": [],
    "goals.exam_format": "any",
    "weekly_study_hours": "6",
    "budget_usd": "",
    **{f"held.{i}.{part}": "" for i in range(HELD_ROWS) for part in ("slug", "earned_on")},
    **{f"weights.{key}": str(value) for key, value in DEFAULT_WEIGHTS.items()},
}
WEIGHT_LABELS = {
    "platform": "Matches my employer's platform",
    "employer_breadth": "Recognised by many employers (when I have no platform)",
    "skills": "I can pass it with the skills I have",
    "experience": "I have the experience the vendor recommends",
    "role": "Written for my role",
    "goals": "Covers the areas I want to work in",
    "focus": "Matches deep learning / classical focus",
    "level": "Right level for my stage",
    "exam_format": "Exam format I prefer",
    "budget": "Fits my budget (when I give one)",
    "ladder": "Builds on certifications I hold",
}


def held_choices() -> list[tuple[str, Any]]:
    """The catalogue by provider, read when a form renders or validates (not at import)."""
    catalogue, _ = current_catalogue()
    groups: dict[str, list[tuple[str, str]]] = {}
    for cert in catalogue.certifications:
        groups.setdefault(cert.provider, []).append((cert.slug, cert.name))
    return [("", "—"), *sorted(groups.items())]


_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class MonthInput(forms.TextInput):
    """<input type=month>, showing a stored first-of-month day (the contract's YYYY-MM-DD,
    which links carry) as its month; a day given to the API (2025-03-14) is shown as a date,
    so resubmitting the form never moves it."""

    input_type = "month"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        match = _MONTH.match(str(widget.get("value") or ""))
        if match and match.group(3):
            if match.group(3) == "01":
                widget["value"] = f"{match.group(1)}-{match.group(2)}"
            else:
                widget["type"] = "date"
        return context


class WeightSelect(forms.Select):
    """A weight as words (rules.WEIGHT_WORDS times the factor's own weight); a link's own
    number that is none of them is kept as a choice of its own, never silently changed."""

    def __init__(self, default: int, attrs: dict[str, Any] | None = None) -> None:
        words = [
            (min(MAX_WEIGHT_OVERRIDE, round(default * times)), word)
            for word, times in WEIGHT_WORDS.items()
        ]
        super().__init__(attrs, choices=[(str(number), word) for number, word in words])

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None):
        given = [str(v) for v in value if v not in (None, "")]
        known = {choice for choice, _ in self.choices}
        extra = [(v, f"As the link set it ({v})") for v in given if v not in known]
        original, self.choices = self.choices, [*self.choices, *extra]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = original


class HeldField(forms.ChoiceField):
    """A certification the visitor holds, typed into one searchable box (a datalist of the
    catalogue): its slug, or its exact name, which is taken to mean its slug."""

    default_error_messages = {
        "invalid_choice": "Pick a certification from the list: type part of its name.",
    }

    def to_python(self, value: Any) -> str:
        text = super().to_python(value).strip()
        if not text:
            return text
        options = held_options()
        if any(slug == text for slug, _ in options):
            return text
        wanted = text.lower()
        exact = [slug for slug, name in options if name.lower() == wanted]
        # Part of a name that only one certification has ("AWS Certified Machine Learning
        # Engineer" for the Associate) means that one; two or more: pick from the list.
        partial = [slug for slug, name in options if wanted in name.lower()]
        found = exact or (partial if len(partial) == 1 else [])
        return found[0] if found else text


def held_options() -> list[tuple[str, str]]:
    """(slug, name) of every certification, by provider then name: the held box's list."""
    return [
        option
        for _, group in held_choices()[1:]
        for option in sorted(group, key=lambda item: item[1].lower())
    ]


class MonthField(forms.CharField):
    """When a certification was earned: a month (YYYY-MM, what <input type=month> sends) or a
    day (YYYY-MM-DD, the contract's form); a month means its first day."""

    widget = MonthInput(attrs={"placeholder": "YYYY-MM"})

    def to_python(self, value: Any) -> dt.date | None:
        text = super().to_python(value)
        if not text:
            return None
        match = _MONTH.match(text.strip())
        try:
            if match is None:
                raise ValueError
            year, month, day = match.groups()
            return dt.date(int(year), int(month), int(day or 1))
        except ValueError:
            raise FieldError("Enter a month as YYYY-MM, e.g. 2025-03.", code="invalid") from None


# Refusals in the questionnaire's words, not Django's ("Ensure this value is greater than or
# equal to 1.").
YEARS_ERRORS = {
    "min_value": "Enter years from 0 to 50.",
    "max_value": "Enter years from 0 to 50.",
    "invalid": "Enter a number of years, e.g. 2 or 1.5.",
}
HOURS_ERRORS = {
    "min_value": "Enter from 1 to 80 hours a week.",
    "max_value": "Enter from 1 to 80 hours a week.",
    "invalid": "Enter a whole number of hours a week, e.g. 6.",
    "required": "Enter the hours you can study each week, e.g. 6.",
}
BUDGET_ERRORS = {
    "min_value": "Enter a budget from 0 to 100,000 US dollars, or leave it empty.",
    "max_value": "Enter a budget from 0 to 100,000 US dollars, or leave it empty.",
    "invalid": "Enter a whole number of US dollars, e.g. 300, or leave it empty.",
}


def _years(label: str, required: str | None, **options: Any) -> forms.FloatField:
    """Years of work (in industry, in ML, on a platform): 0 to 50, halves allowed.
    `required` says what to enter when it is missing; None makes it optional."""
    return forms.FloatField(
        label=label,
        min_value=0,
        max_value=50,
        required=required is not None,
        error_messages={**YEARS_ERRORS, **({"required": required} if required else {})},
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        **options,
    )


def _build_fields() -> dict[str, forms.Field]:
    """The questionnaire's fields, under their flattened contract keys (which cannot be class
    attributes)."""
    fields: dict[str, forms.Field] = {}
    for key in SKILL_KEYS:
        fields[f"skills.{key}"] = forms.TypedChoiceField(
            label=SKILL_LABELS[key],
            choices=LEVEL_CHOICES,
            coerce=int,
            help_text=SKILL_HELP[key],
            widget=forms.Select(
                attrs={"aria-describedby": f"id_skills.{key}_helptext skill-scale"}
            ),
        )
    fields["experience.industry_years"] = _years(
        "Years working in industry (any role)", "Enter your years in industry, 0 if none."
    )
    fields["experience.ml_years"] = _years(
        "Of those, years doing hands-on machine-learning work (optional)",
        None,
        help_text="Leave empty if you would rather not say; six years of web work and none "
        "in ML is early career for an ML exam.",
    )
    for platform in EMPLOYER_PLATFORMS:
        fields[f"experience.platform_years.{platform}"] = _years(
            PLATFORM_LABELS[platform], "Enter years on it, 0 if none."
        )
    fields["environment"] = forms.ChoiceField(
        label="The platform your employer (or the one you want) has standardised on",
        choices=ENVIRONMENT_CHOICES,
        widget=forms.RadioSelect,
    )
    fields["goals.role"] = forms.ChoiceField(
        label="Your role (or the one you are moving into)",
        choices=list(ROLE_LABELS.items()),
    )
    fields["goals.focus"] = forms.ChoiceField(
        label="Focus", choices=list(FOCUS_LABELS.items()), widget=forms.RadioSelect
    )
    fields["goals.domains"] = forms.MultipleChoiceField(
        label="Areas you want to work in",
        choices=list(GOAL_DOMAIN_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    fields["goals.exam_format"] = forms.ChoiceField(
        label="Exam format", choices=EXAM_FORMAT_CHOICES, widget=forms.RadioSelect
    )
    fields["weekly_study_hours"] = forms.IntegerField(
        label="Hours you can study each week",
        min_value=1,
        max_value=80,
        error_messages=HOURS_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    fields["budget_usd"] = forms.IntegerField(
        label="Your budget for exam fees over three years, in US dollars (optional)",
        min_value=0,
        max_value=100_000,
        error_messages=BUDGET_ERRORS,
        required=False,
        help_text="Leave empty for no limit; many employers pay exam fees.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    for row in range(HELD_ROWS):
        fields[f"held.{row}.slug"] = HeldField(
            label=f"Certification {row + 1}",
            choices=held_choices,
            required=False,
            widget=forms.TextInput(attrs={"list": "held-options", "autocomplete": "off"}),
        )
        fields[f"held.{row}.earned_on"] = MonthField(
            label=f"Month earned (certification {row + 1})", required=False
        )
    for key, value in DEFAULT_WEIGHTS.items():
        fields[f"weights.{key}"] = forms.IntegerField(
            label=WEIGHT_LABELS[key],
            min_value=0,
            max_value=MAX_WEIGHT_OVERRIDE,
            required=False,
            initial=value,
            # certpath's own weight: "reset" returns here, not to a link's values
            widget=WeightSelect(value, attrs={"data-default": value}),
            error_messages={
                key: "Choose one of the words listed (a link may give a whole number from 0 "
                f"to {MAX_WEIGHT_OVERRIDE})."
                for key in ("invalid", "min_value", "max_value")
            },
        )
    for field in fields.values():
        # Django's wording ("Select a valid choice. x is not one of the available choices.")
        # reaches only a hand-edited link; it still says what to do, in plain words.
        if isinstance(field, forms.ChoiceField) and not isinstance(field, HeldField):
            field.error_messages["invalid_choice"] = (
                "“%(value)s” is not one of the choices here: pick one from the list."
            )
    return fields


FIELDS = _build_fields()


class AnswersForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built once and shared, not deep-copied per form as declared fields are: no view
        # changes a field, and making 30 fields for every share took a third of its time.
        self.fields = dict(FIELDS)

    @classmethod
    def from_query(cls, query: QueryDict) -> AnswersForm:
        """Bound to the query; a key that is absent takes its default (a short link still works)."""
        data = MultiValueDict()  # what a form reads; a QueryDict's re-decoding costs more here
        for key, default in DEFAULTS.items():
            if key in query:
                data.setlist(key, query.getlist(key))
            elif isinstance(default, list):
                data.setlist(key, default)
            else:
                data[key] = default
        return cls(data)

    def group(self, prefix: str) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(prefix)]

    def skill_fields(self) -> list[forms.BoundField]:
        return self.group("skills.")

    def platform_fields(self) -> list[forms.BoundField]:
        return self.group("experience.platform_years.")

    def held_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"held.{i}.slug"], self[f"held.{i}.earned_on"]) for i in range(HELD_ROWS)]

    def held_shown(self) -> int:
        """Rows shown open: every row with something in it (or a problem); the empty ones
        wait behind "Add a certification you hold"."""
        used = [
            i for i in range(HELD_ROWS) if self.changed_any(f"held.{i}.slug", f"held.{i}.earned_on")
        ]
        return max(used) + 1 if used else 0

    def held_options(self) -> list[tuple[str, str]]:
        return held_options()

    def changed_any(self, *names: str) -> bool:
        """Whether any of these fields is away from its default or has an error: a group
        that holds one opens (progressive disclosure never hides an answer or a problem)."""
        return any(
            self[name].errors or str(self[name].value() or "") != str(DEFAULTS.get(name) or "")
            for name in names
        )

    def maths_fields(self) -> list[forms.BoundField]:
        return [self[f"skills.{key}"] for key in MATHS_SKILLS]

    def deep_fields(self) -> list[forms.BoundField]:
        return [self[f"skills.{key}"] for key in DEEP_SKILLS]

    def core_skill_fields(self) -> list[forms.BoundField]:
        grouped = (*MATHS_SKILLS, *DEEP_SKILLS, *CODING_SKILLS)
        return [f for f in self.skill_fields() if f.name.split(".", 1)[1] not in grouped]

    def coding_fields(self) -> list[forms.BoundField]:
        return [self[f"skills.{key}"] for key in CODING_SKILLS]

    def coding_open(self) -> bool:
        role = self["goals.role"].value()
        return role not in NON_CODING_ROLES or self.changed_any(
            *(f"skills.{key}" for key in CODING_SKILLS)
        )

    @staticmethod
    def non_coding_roles() -> str:
        return " ".join(sorted(NON_CODING_ROLES))

    def maths_open(self) -> bool:
        return self.changed_any(*(f"skills.{key}" for key in MATHS_SKILLS))

    def deep_open(self) -> bool:
        return self.changed_any(*(f"skills.{key}" for key in DEEP_SKILLS))

    def platforms_open(self) -> bool:
        return self.changed_any(*(f.name for f in self.platform_fields()))

    def preferences_open(self) -> bool:
        return self.changed_any("goals.focus", "goals.exam_format")

    def weight_fields(self) -> list[forms.BoundField]:
        return self.group("weights.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        seen: set[str] = set()
        for row in range(HELD_ROWS):
            slug = cleaned.get(f"held.{row}.slug")
            if cleaned.get(f"held.{row}.earned_on") and not slug:
                self.add_error(f"held.{row}.slug", "Choose the certification you earned then.")
            elif slug and slug in seen:
                self.add_error(f"held.{row}.slug", "You listed this certification above already.")
            seen.add(slug or "")
        if self.errors:
            return cleaned
        try:
            self.answers = Answers.model_validate(self.contract_data(cleaned))
            if self.answers.held:  # only held slugs need the catalogue
                catalogue, _ = current_catalogue()
                check_against(self.answers, catalogue.by_slug(), timezone.localdate())
        except ValidationError as exc:
            for item in exc.errors(include_url=False):
                field = ".".join(str(part) for part in item["loc"])
                self.add_error(field if field in self.fields else None, item["msg"])
        except AnswersProblem as exc:
            for field, message in exc.problems:
                self.add_error(field if field in self.fields else None, message)
        return cleaned

    @staticmethod
    def contract_data(cleaned: dict[str, Any]) -> dict[str, Any]:
        held = []
        for row in range(HELD_ROWS):
            slug, earned = cleaned.get(f"held.{row}.slug"), cleaned.get(f"held.{row}.earned_on")
            if slug:
                held.append({"slug": slug, **({"earned_on": earned} if earned else {})})
        return {
            "version": 2,
            "skills": {key: cleaned[f"skills.{key}"] for key in SKILL_KEYS},
            "experience": {
                "industry_years": cleaned["experience.industry_years"],
                "platform_years": {
                    p: cleaned[f"experience.platform_years.{p}"] for p in EMPLOYER_PLATFORMS
                },
            }
            | (
                {"ml_years": cleaned["experience.ml_years"]}
                if cleaned.get("experience.ml_years") is not None
                else {}
            ),
            "environment": cleaned["environment"],
            "goals": {
                "focus": cleaned["goals.focus"],
                "role": cleaned["goals.role"],
                "domains": list(cleaned["goals.domains"]),
                "exam_format": cleaned["goals.exam_format"],
            },
            "weekly_study_hours": cleaned["weekly_study_hours"],
            "held": held,
            "budget_usd": cleaned["budget_usd"],
        }

    def weights_changed(self) -> bool:
        """Open the panel for weights a link set, or one with a problem to show."""
        if any(field.errors for field in self.weight_fields()):
            return True
        return bool(self.is_bound and not self.errors and self.weights())

    def weights(self) -> dict[str, int]:
        """Only the weights the visitor moved away from the defaults."""
        chosen = {}
        for key, default in DEFAULT_WEIGHTS.items():
            value = self.cleaned_data.get(f"weights.{key}")
            if value is not None and value != default:
                chosen[key] = value
        return chosen


def answers_query(answers: Answers, weights: dict[str, int] | None = None) -> str:
    """The /results/ query string for these answers (and non-default weights).

    Answers at the questionnaire's defaults are left out: a missing key takes its default, so
    the link means the same and stays short.
    """
    data = answers.model_dump(mode="json")
    values: dict[str, Any] = {f"skills.{key}": str(data["skills"][key]) for key in SKILL_KEYS}
    values["experience.industry_years"] = f"{data['experience']['industry_years']:g}"
    if data["experience"].get("ml_years") is not None:
        values["experience.ml_years"] = f"{data['experience']['ml_years']:g}"
    for platform in EMPLOYER_PLATFORMS:
        years = data["experience"]["platform_years"][platform]
        values[f"experience.platform_years.{platform}"] = f"{years:g}"
    values["environment"] = data["environment"]
    values["goals.focus"] = data["goals"]["focus"]
    values["goals.role"] = data["goals"]["role"]
    values["goals.domains"] = list(data["goals"]["domains"])
    values["goals.exam_format"] = data["goals"]["exam_format"]
    values["weekly_study_hours"] = str(data["weekly_study_hours"])
    if data["budget_usd"] is not None:
        values["budget_usd"] = f"{data['budget_usd']:g}"
    for row, item in enumerate(data["held"]):
        values[f"held.{row}.slug"] = item["slug"]
        if item.get("earned_on"):
            values[f"held.{row}.earned_on"] = item["earned_on"]
    query = QueryDict(mutable=True)
    for key, value in values.items():
        if value == DEFAULTS.get(key):
            continue
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    for key, value in (weights or {}).items():
        query[f"weights.{key}"] = str(value)
    return query.urlencode(safe=".")
