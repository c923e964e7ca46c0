"""Discovery: look into a database, sample its text columns, run the scanner over the samples, and
propose for each column what it holds (data categories), whether it identifies a person, and the
references its foreign keys make — a draft descriptor for staff to confirm, never applied unseen.

Sampling reads at most ``sample`` non-empty values a column, in a read-only transaction, names from
the catalogue only. A column is proposed as an identity when most sampled values *are* one email
address or phone number (the finding covers the value); a column where identifiers only appear inside
longer text (ticket bodies) gets their categories and ``erase: replace`` but is not an identity.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import yaml
from sqlalchemy import Engine, MetaData, String, Table, inspect, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from privacydesk.connectors import sql
from privacydesk.scan.engine import scan

# The register's standard category codes (register/taxonomy.py) for what the scanner finds.
CATEGORY_OF = {
    "EMAIL": "contact",
    "PHONE": "contact",
    "ADDRESS": "contact",
    "PERSON": "contact",
    "DATE_OF_BIRTH": "identity",
    "AU_TFN": "government_ids",
    "AU_MEDICARE": "government_ids",
    "AU_PASSPORT": "government_ids",
    "AU_DRIVER_LICENCE": "government_ids",
    "NZ_IRD": "government_ids",
    "NZ_NHI": "health",
    "CREDIT_CARD": "card",
    "AU_BSB_ACCOUNT": "billing",
    "NZ_BANK_ACCOUNT": "billing",
    "IBAN": "billing",
    "IP_ADDRESS": "website",
    "SECRET": "credentials",
    "HEALTH": "health",
}
IDENTITY_OF = {"EMAIL": "email", "PHONE": "phone"}
MOSTLY = 0.6  # share of sampled values that must be one identifier for the column to be an identity
SEEN = 0.02  # share of sampled values holding an entity for its category to be proposed


@dataclass
class ColumnGuess:
    name: str
    type: str
    sampled: int = 0
    entities: Counter[str] = field(default_factory=Counter)  # entity → values holding it
    whole: Counter[str] = field(default_factory=Counter)  # entity → values that are just that entity

    def share(self, entity: str) -> float:
        return self.entities[entity] / self.sampled if self.sampled else 0.0

    @property
    def identity(self) -> str | None:
        for entity, kind in IDENTITY_OF.items():
            if self.sampled and self.whole[entity] / self.sampled >= MOSTLY:
                return kind
        return None

    @property
    def categories(self) -> list[str]:
        return sorted({CATEGORY_OF[e] for e in self.entities if e in CATEGORY_OF and self.share(e) >= SEEN})


@dataclass
class TableGuess:
    name: str
    primary_key: str | None
    columns: list[ColumnGuess]
    references: dict[str, str]  # column → "table.column", from the database's foreign keys


def _whole(value: str, start: int, end: int) -> bool:
    return end - start >= 0.9 * len(value.strip())


def discover(engine: Engine, sample: int = 200) -> list[TableGuess]:
    """What each table's text columns hold, from a sample of their values."""
    try:
        inspector = inspect(engine)
        names = sorted(inspector.get_table_names())
    except OperationalError as exc:
        raise sql.ConnectorError(f"cannot connect to {sql.safe_url(engine)}: {type(exc.orig).__name__}") from None
    guesses = []
    try:
        with sql.read_only(engine) as connection:
            for name in names:
                table = Table(name, MetaData(), autoload_with=connection)
                # Names as plain strings: SQLAlchemy's quoted_name is not something YAML can write.
                primary = [str(c.name) for c in table.primary_key.columns]
                references = {
                    str(fk.parent.name): f"{fk.column.table.name}.{fk.column.name}" for fk in table.foreign_keys
                }
                columns = []
                for column in table.columns:
                    guess = ColumnGuess(str(column.name), str(column.type))
                    if isinstance(column.type, String):
                        rows = connection.execute(select(column).where(column.is_not(None)).limit(sample))
                        for (value,) in rows:
                            if not isinstance(value, str) or not value.strip():
                                continue
                            guess.sampled += 1
                            found = scan(value)
                            for entity in {f.entity for f in found}:
                                guess.entities[entity] += 1
                            for entity in {f.entity for f in found if _whole(value, f.start, f.end)}:
                                guess.whole[entity] += 1
                    columns.append(guess)
                guesses.append(TableGuess(str(name), primary[0] if len(primary) == 1 else None, columns, references))
    except SQLAlchemyError as exc:
        raise sql.ConnectorError(f"{sql.safe_url(engine)}: {type(exc).__name__} while sampling") from None
    return guesses


def draft(dataset: str, system: str, guesses: list[TableGuess]) -> str:
    """A descriptor to review: tables holding personal information, each column with what was found.
    References are proposed from foreign keys to tables that identify someone; erase methods are the
    cautious ones (identities hashed, text holding identifiers replaced) and must be confirmed."""
    personal = {g.name for g in guesses if any(c.identity or c.categories for c in g.columns)}
    identifying = {g.name for g in guesses if any(c.identity for c in g.columns)}
    tables = []
    for guess in guesses:
        points = {col: ref for col, ref in guess.references.items() if ref.split(".")[0] in identifying}
        if guess.name not in personal and not points:
            continue
        fields = []
        for column in guess.columns:
            entry: dict[str, object] = {"name": column.name}
            if column.categories:
                entry["categories"] = column.categories
            if column.identity:
                entry["identity"] = column.identity
                entry["erase"] = "hash"
            elif column.categories:
                entry["erase"] = "replace"
            if column.name in points:
                entry["references"] = points[column.name]
            fields.append(entry)
        table: dict[str, object] = {"name": guess.name}
        if guess.primary_key:
            table["primary_key"] = guess.primary_key
        table["fields"] = fields
        tables.append(table)
    header = "# Proposed by discovery from a sample of each column: check every line before using it.\n"
    return header + yaml.safe_dump({"dataset": dataset, "system": system, "tables": tables}, sort_keys=False)
