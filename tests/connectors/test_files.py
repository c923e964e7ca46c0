"""Accounting exports in a folder (CSV and XLSX) as a connected system: a person's invoices and the
payments that reference them are found across both files and nobody else's; missing files and
columns are named with the descriptor's line; cell contents are only data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from faker import Faker
from openpyxl import Workbook

from privacydesk.connectors import files, sql
from privacydesk.connectors.descriptor import DescriptorError, Identity, load

DESCRIPTOR = """\
dataset: accounting
system: Xero exports
tables:
  - name: invoices
    fields:
      - {name: invoice_no}
      - {name: customer_email, identity: email}
      - {name: total, protected: true}
  - name: payments
    fields:
      - {name: invoice_no, references: invoices.invoice_no}
      - {name: amount}
"""
TARGET = "Mere.Parata@example.co.nz"


def exports(folder: Path, target: str = TARGET) -> dict[str, set[str]]:
    """Forty customers' invoices (CSV) and payments (XLSX); the target's invoice numbers returned."""
    fake = Faker("en_NZ")
    fake.seed_instance(8)
    invoices, payments, mine = [], [], set()
    for n in range(1, 121):
        email = target if n % 40 == 7 else fake.email()
        number = f"INV-{n:05d}"
        invoices.append(
            {"invoice_no": number, "customer_email": email.upper() if n == 47 else email, "total": f"{n * 11}.00"}
        )
        payments.append((number, f"{n * 11}.00"))
        if email == target:
            mine.add(number)
    invoices.append(
        {"invoice_no": "INV-99999", "customer_email": '=HYPERLINK("http://x","' + target + '")', "total": "1"}
    )
    with (folder / "invoices.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["invoice_no", "customer_email", "total"])
        writer.writeheader()
        writer.writerows(invoices)
    book = Workbook()
    sheet = book.active
    sheet.append(["invoice_no", "amount"])
    for row in payments:
        sheet.append(row)
    book.save(folder / "payments.xlsx")
    return {"invoices": mine}


def test_a_persons_invoices_and_payments_are_found_across_csv_and_xlsx(tmp_path: Path) -> None:
    mine = exports(tmp_path)["invoices"]
    found = files.find(load(DESCRIPTOR, "accounting.yaml"), tmp_path, {Identity.EMAIL: [TARGET.lower()]})
    assert {r["invoice_no"] for r in found.rows["invoices"]} == mine and len(mine) == 3
    assert {r["invoice_no"] for r in found.rows["payments"]} == mine
    assert all(r["_row"] >= 2 for r in found.rows["invoices"])  # the file's line, for the evidence


def test_missing_files_and_columns_are_named_with_their_line(tmp_path: Path) -> None:
    exports(tmp_path)
    (tmp_path / "payments.xlsx").unlink()
    text = DESCRIPTOR.replace("{name: total, protected: true}", "{name: totals, protected: true}")
    with pytest.raises(DescriptorError) as caught:
        files.check(load(text, "accounting.yaml"), tmp_path)
    message = str(caught.value)
    assert "accounting.yaml, line 8, tables[0].fields[2].name: invoices.csv has no column 'totals'" in message
    assert (
        "line 9, tables[1].name: no file payments.csv or payments.xlsx in the folder (it has: invoices.csv)" in message
    )


def test_an_unreadable_export_is_a_clear_error(tmp_path: Path) -> None:
    exports(tmp_path)
    (tmp_path / "payments.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(DescriptorError, match=r"payments\.xlsx cannot be read"):
        files.find(load(DESCRIPTOR, "accounting.yaml"), tmp_path, {Identity.EMAIL: [TARGET]})
    with pytest.raises(sql.ConnectorError, match="no folder"):
        files.find(load(DESCRIPTOR, "accounting.yaml"), tmp_path / "gone", {Identity.EMAIL: [TARGET]})
