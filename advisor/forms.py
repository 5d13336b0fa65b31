"""The questionnaire as a Django form whose field names are the contract's flattened keys.

`skills.python=3&experience.platform_years.aws=2&goals.domains=nlp` is both what the form
submits and the bookmarkable /results/ URL. The form checks what a person typed; the pydantic
answers model then has the final word, so the web, the command and the API agree.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from pydantic import ValidationError

from advisor.engine import DEFAULT_WEIGHTS, Answers
from advisor.engine.rules import MAX_WEIGHT_OVERRIDE
from advisor.vocabulary import (
    CLOUD_PLATFORMS,
    FOCUS_LABELS,
    GOAL_DOMAIN_LABELS,
    LEVEL_LABELS,
    ROLE_LABELS,
    SKILL_KEYS,
    SKILL_LABELS,
)

LEVEL_CHOICES = [(str(level), f"{level} — {label}") for level, label in LEVEL_LABELS.items()]
ENVIRONMENT_CHOICES = [
    ("aws", "AWS"),
    ("azure", "Microsoft Azure"),
    ("gcp", "Google Cloud"),
    ("databricks", "Databricks"),
    ("none", "None / not decided"),
]
EXAM_FORMAT_CHOICES = [
    ("any", "No preference"),
    ("hands_on", "Hands-on coding"),
    ("multiple_choice", "Multiple choice"),
]
PLATFORM_LABELS = dict(ENVIRONMENT_CHOICES)

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
}

DEFAULTS: dict[str, Any] = {
    **{f"skills.{key}": "1" for key in SKILL_KEYS},
    "skills.python": "2",
    "skills.numpy_pandas": "2",
    "skills.spark": "0",
    "skills.tensorflow_keras": "0",
    "skills.pytorch": "0",
    "skills.mlops": "0",
    "experience.industry_years": "2",
    **{f"experience.platform_years.{p}": "0" for p in CLOUD_PLATFORMS},
    "environment": "none",
    "goals.focus": "both",
    "goals.role": "ml_engineer",
    "goals.domains": [],
    "goals.exam_format": "any",
    "weekly_study_hours": "6",
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
}


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
        )
    fields["experience.industry_years"] = forms.FloatField(
        label="Years working in industry (any role)",
        min_value=0,
        max_value=50,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    for platform in CLOUD_PLATFORMS:
        fields[f"experience.platform_years.{platform}"] = forms.FloatField(
            label=PLATFORM_LABELS[platform],
            min_value=0,
            max_value=50,
            widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
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
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    for key, value in DEFAULT_WEIGHTS.items():
        fields[f"weights.{key}"] = forms.IntegerField(
            label=WEIGHT_LABELS[key],
            min_value=0,
            max_value=MAX_WEIGHT_OVERRIDE,
            required=False,
            initial=value,
            widget=forms.NumberInput(
                attrs={"type": "range", "min": 0, "max": MAX_WEIGHT_OVERRIDE, "step": 1}
            ),
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

    def weight_fields(self) -> list[forms.BoundField]:
        return self.group("weights.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.answers = Answers.model_validate(self.contract_data(cleaned))
        except ValidationError as exc:
            for item in exc.errors(include_url=False):
                field = ".".join(str(part) for part in item["loc"])
                self.add_error(field if field in self.fields else None, item["msg"])
        return cleaned

    @staticmethod
    def contract_data(cleaned: dict[str, Any]) -> dict[str, Any]:
        return {
            "version": 1,
            "skills": {key: cleaned[f"skills.{key}"] for key in SKILL_KEYS},
            "experience": {
                "industry_years": cleaned["experience.industry_years"],
                "platform_years": {
                    p: cleaned[f"experience.platform_years.{p}"] for p in CLOUD_PLATFORMS
                },
            },
            "environment": cleaned["environment"],
            "goals": {
                "focus": cleaned["goals.focus"],
                "role": cleaned["goals.role"],
                "domains": list(cleaned["goals.domains"]),
                "exam_format": cleaned["goals.exam_format"],
            },
            "weekly_study_hours": cleaned["weekly_study_hours"],
        }

    def weights_changed(self) -> bool:
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
    """The /results/ query string for these answers (and non-default weights)."""
    query = QueryDict(mutable=True)
    data = answers.model_dump()
    for key in SKILL_KEYS:
        query[f"skills.{key}"] = str(data["skills"][key])
    query["experience.industry_years"] = f"{data['experience']['industry_years']:g}"
    for platform in CLOUD_PLATFORMS:
        years = data["experience"]["platform_years"][platform]
        query[f"experience.platform_years.{platform}"] = f"{years:g}"
    query["environment"] = data["environment"]
    query["goals.focus"] = data["goals"]["focus"]
    query["goals.role"] = data["goals"]["role"]
    query.setlist("goals.domains", list(data["goals"]["domains"]))
    query["goals.exam_format"] = data["goals"]["exam_format"]
    query["weekly_study_hours"] = str(data["weekly_study_hours"])
    for key, value in (weights or {}).items():
        query[f"weights.{key}"] = str(value)
    return query.urlencode(safe=".")
