"""Where each of the catalogue schema's fields lives on the Certification row: one table,
derived from the pydantic schema, that loading, exporting and the admin form all read.

The mapping used to be written out three times (schema to row on load, row to schema on
export and admin validation, and the admin's error placement), so a field added to one could
be forgotten in another. Here a nested schema field (`renewal.fee_usd`) is the column of its
path joined by "_" (`renewal_fee_usd`); only the recommended experience's years are named
otherwise. A test checks that every column exists and that every model field is accounted for.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import models as db
from pydantic import BaseModel

from certifications import models
from certpath import catalogue as schema

# Schema fields held in related rows, not in the certification's own columns.
RELATED = frozenset(
    {"successors", "next_steps", "renews", "skills", "exam_domains", "sources", "fact_notes"}
)
# Columns whose name is not the schema path joined by "_" (kept: renaming them is a migration
# of every deployed database for no reader's benefit).
_RENAMED = {
    ("recommended_experience", "industry_years"): "recommended_industry_years",
    ("recommended_experience", "platform_years"): "recommended_platform_years",
}


def _paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, info in model.model_fields.items():
        if not prefix and name in RELATED:
            continue
        kind = info.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            yield from _paths(kind, (*prefix, name))
        else:
            yield (*prefix, name)


COLUMNS: dict[tuple[str, ...], str] = {
    path: _RENAMED.get(path, "_".join(path)) for path in _paths(schema.Certification)
}


def _to_column(field: db.Field, python: Any, as_json: Any) -> Any:
    """JSON for JSON and text columns (a URL as its text), Python values (dates, numbers) for
    the rest, "" for an unknown text."""
    value = as_json if isinstance(field, db.JSONField | db.CharField) else python
    if value is None and _empty_means_unknown(field):
        return ""
    return value


def _from_column(field: db.Field, value: Any) -> Any:
    return None if value == "" and _empty_means_unknown(field) else value


def _empty_means_unknown(field: db.Field) -> bool:
    """A text column that may be left blank stores the schema's None ("unknown") as ""."""
    return field.empty_strings_allowed and field.blank and not field.null


def row_data(cert: models.Certification) -> dict[str, Any]:
    """The row's own columns in the schema's shape (no related rows)."""
    data: dict[str, Any] = {}
    for path, column in COLUMNS.items():
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = _from_column(_meta(cert).get_field(column), getattr(cert, column))
    return data


def column_values(cert: schema.Certification) -> dict[str, Any]:
    """The schema's fields as the certification's column values."""
    python, as_json = cert.model_dump(), cert.model_dump(mode="json")
    values = {}
    for path, column in COLUMNS.items():
        a, b = python, as_json
        for part in path:
            a, b = a[part], b[part]
        values[column] = _to_column(models.Certification._meta.get_field(column), a, b)
    return values


def item_values(row_model: type[db.Model], item: BaseModel) -> dict[str, Any]:
    """A list item (an exam domain, a source, a fact note) as the values of its row, whose
    columns have the item's field names."""
    python, as_json = item.model_dump(), item.model_dump(mode="json")
    return {
        name: _to_column(row_model._meta.get_field(name), python[name], as_json[name])
        for name in type(item).model_fields
    }


def item_data(row: db.Model, item_model: type[BaseModel]) -> dict[str, Any]:
    """A related row in the schema's shape."""
    return {
        name: _from_column(_meta(row).get_field(name), getattr(row, name))
        for name in item_model.model_fields
    }


def _meta(row: db.Model) -> Any:
    return type(row)._meta
