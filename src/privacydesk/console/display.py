"""Display helpers for the generic register pages."""

from __future__ import annotations

from typing import Any


def field_value(obj: Any, name: str) -> str:
    """A field's value as a person reads it: choice labels, country names, related names joined."""
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(str(x) for x in getattr(obj, name).all()) or "—"
    if getattr(field, "choices", None) and not getattr(field, "multiple", False):
        return str(getattr(obj, f"get_{name}_display")()) or "—"
    value = getattr(obj, name)
    if isinstance(value, list):
        return ", ".join(getattr(v, "name", str(v)) for v in value) or "—"
    if hasattr(value, "name") and hasattr(value, "code"):
        return str(value.name) or "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value) if value not in (None, "") else "—"
