"""Model-field validators that are the catalogue schema's own rules: one rule book.

A number's bounds are written once, on the pydantic schema (certpath/catalogue.py). The
database model and the admin form check a field with the schema field's own validation, so
they cannot drift from it (the model once allowed a validity of 0 years that the schema and
the YAML loader refused).
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, get_args, get_origin

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from certpath import catalogue as schema

# Pydantic's bounds, in words for the staff who edit the catalogue.
_WORDS = {
    "greater_than_equal": "Must be at least {ge}",
    "greater_than": "Must be more than {gt}",
    "less_than_equal": "Must be at most {le}",
    "less_than": "Must be less than {lt}",
}


@functools.cache
def _adapter(path: tuple[str, ...]) -> TypeAdapter[Any]:
    """The schema's validation of the field at `path` (nested models by field name; a list's
    or mapping's items by the list's name: ("exam_domains", "weight_min"))."""
    model: Any = schema.Certification
    for name in path[:-1]:
        model = model.model_fields[name].annotation
        if get_origin(model) in (list, dict):
            model = get_args(model)[-1]
    info = model.model_fields[path[-1]]
    if not info.metadata:  # the bounds are in the type itself (Percent)
        return TypeAdapter(info.annotation)
    return TypeAdapter(Annotated[info.annotation, *info.metadata])


@deconstructible(path="certifications.validators.SchemaRule")
class SchemaRule:
    """Validate a value as the catalogue schema validates the field at `path`."""

    def __init__(self, *path: str) -> None:
        _adapter(path)  # an unknown path fails at import, not on the first save
        self.path = path

    def __call__(self, value: Any) -> None:
        if value is None:
            return  # "unknown" is the model's own null; the schema's optional fields agree
        try:
            _adapter(self.path).validate_python(value)
        except PydanticError as exc:
            error = exc.errors(include_url=False)[0]
            if error["type"] in _WORDS:
                message = _WORDS[error["type"]].format(**error["ctx"])
            else:
                message = error["msg"].removeprefix("Value error, ")
            raise ValidationError(f"{message} (as data/certs.yaml requires).") from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SchemaRule) and other.path == self.path

    def __hash__(self) -> int:
        return hash(self.path)
