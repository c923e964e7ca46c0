from __future__ import annotations

from typing import Any

from django import template

from privacydesk.console.forms import REGISTER_FIELDS

register = template.Library()


@register.simple_tag
def list_columns(model: type) -> list[str]:
    return REGISTER_FIELDS[model][:4]


@register.simple_tag
def column_label(model: Any, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


@register.simple_tag
def field_value(obj: Any, name: str) -> str:
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


@register.filter
def model_of(objects: Any) -> Any:
    return objects.model
