"""Model signals that write create/update/delete entries for every ``AuditedModel``.

Signals rather than explicit calls so that no path — console, API, CLI, admin, shell — can change
personal information without a record. Bulk operations (``bulk_create``, ``QuerySet.update``)
bypass signals; code that uses them must call ``chain.append_many`` itself (the demo loader does).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from privacydesk.audit import chain
from privacydesk.audit.models import AuditedModel


def _label(instance: AuditedModel) -> str:
    return instance._meta.label_lower


def _saved(sender: type, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or not isinstance(instance, AuditedModel):
        return
    fields = instance.audit_changed_fields()
    if not created and not fields:
        return
    chain.append(
        "create" if created else "update",
        _label(instance),
        instance.pk,
        summary=instance.audit_summary(),
        data={"fields": fields},
    )
    instance._audit_loaded = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, AuditedModel):
        chain.append("delete", _label(instance), instance.pk, summary=instance.audit_summary())


def _m2m(sender: type, instance: Any, action: str, reverse: bool, model: type, pk_set: Any, **kwargs: Any) -> None:
    if not isinstance(instance, AuditedModel) or action not in {"post_add", "post_remove", "post_clear"}:
        return
    relation = next(
        (f.name for f in instance._meta.many_to_many if getattr(f.remote_field, "through", None) is sender),
        sender.__name__,
    )
    chain.append(
        "update",
        _label(instance),
        instance.pk,
        summary=instance.audit_summary(),
        data={"fields": [relation], "change": action.removeprefix("post_"), "ids": sorted(pk_set or [])},
    )


def connect() -> None:
    post_save.connect(_saved, dispatch_uid="privacydesk-audit-save")
    post_delete.connect(_deleted, dispatch_uid="privacydesk-audit-delete")
    m2m_changed.connect(_m2m, dispatch_uid="privacydesk-audit-m2m")
