"""Export the register to YAML and import it back, all or nothing.

Every error names the file, the line and the field (``systems[2].hosting_countries[0]``). Lines come
from PyYAML's node marks: the document is composed to nodes first, and each pydantic error location
is walked down the node tree to the node it is about.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction

from privacydesk import yamldoc
from privacydesk.audit import chain
from privacydesk.register import models as m
from privacydesk.register.schema import OrganisationDoc, RegisterDoc
from privacydesk.yamldoc import Loc, Problem, YamlDocError, line_of


class RegisterImportError(YamlDocError):
    """Every problem found in a register file."""


# --- export -----------------------------------------------------------------------------------


def _codes(qs: Any, attr: str = "name") -> list[str]:
    return sorted(getattr(o, attr) for o in qs.all())


def to_document() -> dict[str, Any]:
    org = m.Organisation.current()
    doc: dict[str, Any] = {"version": 1}
    if org:
        doc["organisation"] = {name: getattr(org, name) for name in OrganisationDoc.model_fields}
    doc["data_categories"] = [
        {
            "code": c.code,
            "name": c.name,
            "parent": c.parent.code if c.parent else None,
            "description": c.description,
            "sensitive": c.sensitive,
        }
        for c in m.DataCategory.objects.select_related("parent").order_by("code")
    ]
    doc["subject_types"] = [
        {"code": s.code, "name": s.name, "description": s.description} for s in m.SubjectType.objects.order_by("code")
    ]
    doc["systems"] = [
        {
            "name": s.name,
            "vendor": s.vendor,
            "kind": s.kind,
            "description": s.description,
            "hosting_countries": [c.code for c in s.hosting_countries],
            "security_notes": s.security_notes,
            "owner": s.owner.get_username() if s.owner else None,
            "data_categories": _codes(s.data_categories, "code"),
            "subject_types": _codes(s.subject_types, "code"),
        }
        for s in m.System.objects.select_related("owner").prefetch_related("data_categories", "subject_types")
    ]
    doc["purposes"] = [
        {
            "name": p.name,
            "description": p.description,
            "kind": p.kind,
            "gdpr_basis": p.gdpr_basis,
            "au_notes": p.au_notes,
            "nz_notes": p.nz_notes,
        }
        for p in m.Purpose.objects.all()
    ]
    doc["recipients"] = [
        {
            "name": r.name,
            "kind": r.kind,
            "country": r.country.code or "",
            "contact": r.contact,
            "description": r.description,
        }
        for r in m.Recipient.objects.all()
    ]
    doc["transfers"] = [
        {
            "system": t.system.name if t.system else None,
            "recipient": t.recipient.name if t.recipient else None,
            "country": t.country.code,
            "au_basis": t.au_basis,
            "nz_basis": t.nz_basis,
            "gdpr_safeguard": t.gdpr_safeguard,
            "notes": t.notes,
        }
        for t in m.Transfer.objects.select_related("system", "recipient").order_by("pk")
    ]
    doc["retention_rules"] = [
        {
            "name": r.name,
            "data_categories": _codes(r.data_categories, "code"),
            "period": r.period,
            "unit": r.unit,
            "trigger": r.trigger,
            "disposal": r.disposal,
            "legal_requirement": r.legal_requirement,
        }
        for r in m.RetentionRule.objects.prefetch_related("data_categories")
    ]
    doc["processing_activities"] = [
        {
            "name": a.name,
            "description": a.description,
            "purposes": _codes(a.purposes),
            "data_categories": _codes(a.data_categories, "code"),
            "subject_types": _codes(a.subject_types, "code"),
            "systems": _codes(a.systems),
            "recipients": _codes(a.recipients),
            "retention_rule": a.retention_rule.name if a.retention_rule else None,
        }
        for a in m.ProcessingActivity.objects.select_related("retention_rule").prefetch_related(
            "purposes", "data_categories", "subject_types", "systems", "recipients"
        )
    ]
    return doc


def export_yaml() -> str:
    text: str = yaml.safe_dump(to_document(), sort_keys=False, allow_unicode=True, width=100)
    chain.append("export", "register", "", summary="register exported as YAML")
    return text


# --- import -----------------------------------------------------------------------------------


def _cross_references(doc: RegisterDoc) -> list[tuple[Loc, str]]:
    """Names that must refer to something in the file or already in the register."""
    problems: list[tuple[Loc, str]] = []

    def known(model: Any, attr: str, in_file: list[Any]) -> set[str]:
        return set(model.objects.values_list(attr, flat=True)) | {getattr(x, attr) for x in in_file}

    categories = known(m.DataCategory, "code", doc.data_categories)
    subjects = known(m.SubjectType, "code", doc.subject_types)
    systems = known(m.System, "name", doc.systems)
    purposes = known(m.Purpose, "name", doc.purposes)
    recipients = known(m.Recipient, "name", doc.recipients)
    rules = known(m.RetentionRule, "name", doc.retention_rules)
    users = set(get_user_model().objects.values_list("username", flat=True))

    for section, attr in (
        ("data_categories", "code"),
        ("subject_types", "code"),
        ("systems", "name"),
        ("purposes", "name"),
        ("recipients", "name"),
        ("retention_rules", "name"),
        ("processing_activities", "name"),
    ):
        items = getattr(doc, section)
        counts = Counter(getattr(x, attr) for x in items)
        for i, item in enumerate(items):
            if counts[getattr(item, attr)] > 1:
                problems.append(((section, i, attr), f"{getattr(item, attr)!r} appears more than once"))

    def check(loc: Loc, values: list[str], valid: set[str], what: str) -> None:
        for j, value in enumerate(values):
            if value not in valid:
                problems.append(((*loc, j), f"unknown {what} {value!r}"))

    for i, c in enumerate(doc.data_categories):
        if c.parent is not None and c.parent not in categories:
            problems.append((("data_categories", i, "parent"), f"unknown data category {c.parent!r}"))
    for i, s in enumerate(doc.systems):
        check(("systems", i, "data_categories"), s.data_categories, categories, "data category")
        check(("systems", i, "subject_types"), s.subject_types, subjects, "subject type")
        if s.owner and s.owner not in users:
            problems.append((("systems", i, "owner"), f"no staff account named {s.owner!r}"))
    for i, t in enumerate(doc.transfers):
        if (t.system is None) == (t.recipient is None):
            problems.append((("transfers", i), "give either a system or a recipient"))
        elif t.system is not None and t.system not in systems:
            problems.append((("transfers", i, "system"), f"unknown system {t.system!r}"))
        elif t.recipient is not None and t.recipient not in recipients:
            problems.append((("transfers", i, "recipient"), f"unknown recipient {t.recipient!r}"))
    for i, r in enumerate(doc.retention_rules):
        check(("retention_rules", i, "data_categories"), r.data_categories, categories, "data category")
    for i, a in enumerate(doc.processing_activities):
        check(("processing_activities", i, "purposes"), a.purposes, purposes, "purpose")
        check(("processing_activities", i, "data_categories"), a.data_categories, categories, "data category")
        check(("processing_activities", i, "subject_types"), a.subject_types, subjects, "subject type")
        check(("processing_activities", i, "systems"), a.systems, systems, "system")
        check(("processing_activities", i, "recipients"), a.recipients, recipients, "recipient")
        if a.retention_rule and a.retention_rule not in rules:
            problems.append(
                (("processing_activities", i, "retention_rule"), f"unknown retention rule {a.retention_rule!r}")
            )
    return problems


def validate(text: str, filename: str = "register.yaml") -> RegisterDoc:
    """Parse and check a register file; raise RegisterImportError listing every problem found."""
    doc, root = yamldoc.validate(RegisterDoc, text, filename, "a mapping of sections", RegisterImportError)
    refs = _cross_references(doc)
    if refs:
        raise RegisterImportError(filename, [Problem(line_of(root, loc), loc, msg) for loc, msg in refs])
    return doc


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated"


def _upsert(model: Any, key: str, value: str, fields: dict[str, Any], result: ImportResult) -> Any:
    obj = model.objects.filter(**{key: value}).first()
    if obj is None:
        obj = model(**{key: value})
        result.created += 1
    else:
        result.updated += 1
    for name, v in fields.items():
        setattr(obj, name, v)
    obj.save()
    return obj


@transaction.atomic
def import_yaml(text: str, filename: str = "register.yaml") -> ImportResult:
    """Validate the whole file, then add and update what it describes, in one transaction.

    Import never deletes: something absent from the file is left as it is, so a partial file (only
    ``systems:``, say) is a safe way to add to the register.
    """
    doc = validate(text, filename)
    result = ImportResult()
    if doc.organisation:
        org = m.Organisation.current() or m.Organisation()
        result.created += org.pk is None
        result.updated += org.pk is not None
        for name, v in doc.organisation.model_dump().items():
            setattr(org, name, v)
        org.save()
    for c in doc.data_categories:
        _upsert(
            m.DataCategory,
            "code",
            c.code,
            {"name": c.name, "description": c.description, "sensitive": c.sensitive},
            result,
        )
    for c in doc.data_categories:  # parents second: they may appear later in the file
        m.DataCategory.objects.filter(code=c.code).update(
            parent=m.DataCategory.objects.filter(code=c.parent).first() if c.parent else None
        )
    for subject in doc.subject_types:
        _upsert(m.SubjectType, "code", subject.code, {"name": subject.name, "description": subject.description}, result)

    def cats(codes: list[str]) -> list[m.DataCategory]:
        return list(m.DataCategory.objects.filter(code__in=codes))

    User = get_user_model()
    for s in doc.systems:
        system = _upsert(
            m.System,
            "name",
            s.name,
            {
                "vendor": s.vendor,
                "kind": s.kind,
                "description": s.description,
                "hosting_countries": s.hosting_countries,
                "security_notes": s.security_notes,
                "owner": User.objects.filter(username=s.owner).first() if s.owner else None,
            },
            result,
        )
        system.data_categories.set(cats(s.data_categories))
        system.subject_types.set(m.SubjectType.objects.filter(code__in=s.subject_types))
    for p in doc.purposes:
        _upsert(m.Purpose, "name", p.name, p.model_dump(exclude={"name"}), result)
    for recipient in doc.recipients:
        _upsert(m.Recipient, "name", recipient.name, recipient.model_dump(exclude={"name"}), result)
    for t in doc.transfers:
        target = {
            "system": m.System.objects.filter(name=t.system).first() if t.system else None,
            "recipient": m.Recipient.objects.filter(name=t.recipient).first() if t.recipient else None,
        }
        transfer = m.Transfer.objects.filter(country=t.country, **target).first()
        result.created += transfer is None
        result.updated += transfer is not None
        transfer = transfer or m.Transfer(country=t.country, **target)
        transfer.au_basis, transfer.nz_basis = t.au_basis, t.nz_basis
        transfer.gdpr_safeguard, transfer.notes = t.gdpr_safeguard, t.notes
        transfer.save()
    for r in doc.retention_rules:
        rule = _upsert(m.RetentionRule, "name", r.name, r.model_dump(exclude={"name", "data_categories"}), result)
        rule.data_categories.set(cats(r.data_categories))
    for a in doc.processing_activities:
        activity = _upsert(
            m.ProcessingActivity,
            "name",
            a.name,
            {
                "description": a.description,
                "retention_rule": m.RetentionRule.objects.filter(name=a.retention_rule).first()
                if a.retention_rule
                else None,
            },
            result,
        )
        activity.purposes.set(m.Purpose.objects.filter(name__in=a.purposes))
        activity.data_categories.set(cats(a.data_categories))
        activity.subject_types.set(m.SubjectType.objects.filter(code__in=a.subject_types))
        activity.systems.set(m.System.objects.filter(name__in=a.systems))
        activity.recipients.set(m.Recipient.objects.filter(name__in=a.recipients))
    chain.append("import", "register", "", summary=f"register imported from {filename}: {result}"[:255])
    return result
