"""Dataset descriptors: what a connected system holds and how to find, export and erase a person in it.

A descriptor is YAML a business can keep in git beside its register:

    dataset: helpdesk                 # a short key
    system: Acme Helpdesk             # the register's name for the system
    tables:
      - name: contacts
        primary_key: id
        fields:
          - {name: id}
          - {name: email, identity: email, categories: [contact.email], erase: hash}
          - {name: full_name, categories: [identity.name], erase: replace}
      - name: tickets
        primary_key: id
        fields:
          - {name: id}
          - {name: contact_id, references: contacts.id}
          - {name: body, categories: [free_text], erase: replace}
      - name: invoices
        fields:
          - {name: contact_id, references: contacts.id}
          - {name: total, protected: true}       # kept for tax law: never changed

A ``references`` field says its rows belong to whoever the referenced row belongs to: a search that
has found a person's contacts row goes on to the tickets and invoices that point at it (from the
referenced table to the referencing one, never back up to a parent such as the client company).
Fields that must never change are ``protected``; a table holding one cannot be erased by deleting
rows. Checking the descriptor against the database itself (tables and columns that exist) is
``sql.check``'s work; this module checks the document on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from privacydesk import yamldoc
from privacydesk.yamldoc import Problem, YamlDocError, line_of

Name = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[^\x00]+$")]


class Identity(StrEnum):
    """Kinds of value a person is found by (their verified identities on a request)."""

    EMAIL = "email"
    PHONE = "phone"
    CUSTOMER_NUMBER = "customer_number"
    NAME = "name"


class Erase(StrEnum):
    """What erasure does to a field."""

    KEEP = "keep"  # nothing (not personal, or kept on a legal basis)
    SET_NULL = "set_null"
    REPLACE = "replace"  # a fixed placeholder ("erased")
    HASH = "hash"  # a keyed HMAC: the same person still matches the same token, unreadably
    DELETE_ROW = "delete_row"  # the whole row goes


class FieldDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    categories: list[str] = Field(default_factory=list)
    identity: Identity | None = None
    references: str | None = Field(default=None, pattern=r"^[^.\x00]+\.[^.\x00]+$")
    erase: Erase = Erase.KEEP
    protected: bool = False
    # What the scanner should find and redact in this field's free text wherever it appears, e.g.
    # [CREDIT_CARD] on ticket text: card numbers are never kept after payment.
    redact: list[str] = Field(default_factory=list)

    @field_validator("redact")
    @classmethod
    def _known_entities(cls, value: list[str]) -> list[str]:
        from privacydesk.scan.engine import ENTITIES

        unknown = [v for v in value if v not in ENTITIES]
        if unknown:
            raise ValueError(f"the scanner does not find {unknown[0]!r} (it finds: {', '.join(ENTITIES)})")
        return value

    @model_validator(mode="after")
    def _protected_is_kept(self) -> Self:
        if self.protected and self.erase is not Erase.KEEP:
            raise ValueError(
                f"a protected field is never changed, so its erase must be 'keep', not {self.erase.value!r}"
            )
        return self

    @property
    def target(self) -> tuple[str, str] | None:
        """The (table, column) a reference points at."""
        if self.references is None:
            return None
        table, column = self.references.split(".")
        return table, column


class RetentionDoc(BaseModel):
    """Which of the register's retention rules governs the table's rows, and the field holding each
    row's trigger date (when it was opened, the last contact, the invoice date...)."""

    model_config = ConfigDict(extra="forbid")

    rule: Name
    after: Name


class TableDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    primary_key: Name | None = None
    fields: list[FieldDoc] = Field(min_length=1)
    retention: RetentionDoc | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        names = [f.name for f in self.fields]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"fields named more than once: {', '.join(duplicates)}")
        if any(f.erase is Erase.DELETE_ROW for f in self.fields) and any(f.protected for f in self.fields):
            raise ValueError("a table with a protected field cannot be erased by deleting rows")
        return self

    def field(self, name: str) -> FieldDoc | None:
        return next((f for f in self.fields if f.name == name), None)


class DatasetDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dataset: Name
    system: Name
    tables: list[TableDoc] = Field(min_length=1)

    def table(self, name: str) -> TableDoc | None:
        return next((t for t in self.tables if t.name == name), None)

    def referenced_by(self) -> dict[str, list[tuple[str, FieldDoc, str]]]:
        """For each referenced table: (referencing table, its field, the referenced column) — the
        edges a search follows from rows it has found to the rows that point at them."""
        edges: dict[str, list[tuple[str, FieldDoc, str]]] = {}
        for table in self.tables:
            for field in table.fields:
                if field.target is not None:
                    edges.setdefault(field.target[0], []).append((table.name, field, field.target[1]))
        return edges


class DescriptorError(YamlDocError):
    """Every problem found in a dataset descriptor, each with its file, line and field."""


class Descriptor:
    """A checked descriptor, with the file's node tree kept so later checks (against the database)
    can name lines too."""

    def __init__(self, doc: DatasetDoc, filename: str, root: object) -> None:
        self.doc = doc
        self.filename = filename
        self._root = root

    def problem(self, loc: yamldoc.Loc, message: str) -> Problem:
        return Problem(line_of(self._root, loc), loc, message)  # type: ignore[arg-type]

    def missing_columns(self, ti: int, present: Iterable[str], where: str) -> list[Problem]:
        """A problem for each field of table ``ti`` the system does not have (``where`` names the table
        or file in the message)."""
        have = sorted(present)
        return [
            self.problem(
                ("tables", ti, "fields", fi, "name"), f"{where} has no column {f.name!r} (it has: {', '.join(have)})"
            )
            for fi, f in enumerate(self.doc.tables[ti].fields)
            if f.name not in have
        ]


def _references(doc: DatasetDoc) -> list[tuple[yamldoc.Loc, str]]:
    """References must point at a table and field the descriptor describes."""
    problems: list[tuple[yamldoc.Loc, str]] = []
    tables = {t.name: t for t in doc.tables}
    seen: set[str] = set()
    for ti, table in enumerate(doc.tables):
        if table.name in seen:
            problems.append((("tables", ti, "name"), f"table {table.name!r} is described twice"))
        seen.add(table.name)
        if table.primary_key is not None and table.field(table.primary_key) is None:
            problems.append((("tables", ti, "primary_key"), f"{table.primary_key!r} is not one of the table's fields"))
        if table.retention is not None:
            if table.field(table.retention.after) is None:
                problems.append(
                    (
                        ("tables", ti, "retention", "after"),
                        f"{table.retention.after!r} is not one of the table's fields",
                    )
                )
            if table.primary_key is None:
                problems.append(
                    (("tables", ti, "retention"), "a table disposed of by a retention rule needs a primary key")
                )
        for fi, field in enumerate(table.fields):
            target = field.target
            if target is None:
                continue
            other = tables.get(target[0])
            if other is None:
                problems.append(
                    (("tables", ti, "fields", fi, "references"), f"no table {target[0]!r} in this descriptor")
                )
            elif other.field(target[1]) is None:
                problems.append(
                    (("tables", ti, "fields", fi, "references"), f"table {target[0]!r} has no field {target[1]!r} here")
                )
    if not any(f.identity for t in doc.tables for f in t.fields):
        problems.append((("tables",), "no field is an identity: nothing to find a person by"))
    return problems


def load(text: str, filename: str = "dataset.yaml") -> Descriptor:
    """Parse and check a descriptor; ``DescriptorError`` lists every problem with its line."""
    doc, root = yamldoc.validate(DatasetDoc, text, filename, "a dataset descriptor (a mapping)", DescriptorError)
    descriptor = Descriptor(doc, filename, root)
    problems = [descriptor.problem(loc, message) for loc, message in _references(doc)]
    if problems:
        raise DescriptorError(filename, problems)
    return descriptor
