"""The Art 30 record carries every Art 30(1) matter, in XLSX and CSV, and cannot smuggle formulas."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from privacydesk.register import art30
from privacydesk.register import models as m

pytestmark = pytest.mark.django_db


def test_csv_has_a_row_per_activity_with_transfers_and_retention(demo_register: None) -> None:
    rows = list(csv.DictReader(io.StringIO(art30.to_csv(art30.build()))))
    assert len(rows) == m.ProcessingActivity.objects.count()
    billing = next(r for r in rows if r["Processing activity"] == "Billing")
    assert "Contract — Art 6(1)(b)" in billing["Lawful basis (GDPR Art 6)"]
    assert (
        "CRM → United States of America (Standard contractual clauses — Art 46(2)(c))"
        in billing["Transfers to third countries and safeguards"]
    )
    assert billing["Time limits for erasure"] == "7 years after end of the financial year, then delete"
    payroll = next(r for r in rows if r["Processing activity"] == "Payroll and staff records")
    assert payroll["Special or sensitive categories"] == "Health information"


def test_xlsx_has_controller_activities_and_systems(demo_register: None) -> None:
    wb = load_workbook(io.BytesIO(art30.to_xlsx(art30.build())))
    record = wb["Record of processing"]
    values = [c.value for row in record.iter_rows() for c in row if c.value]
    assert "Southern Cross Managed IT Pty Ltd" in values and "18 123 456 789" in values
    systems = [row[0].value for row in wb["Systems"].iter_rows(min_row=2)]
    assert "CCTV (Auckland branch)" in systems


def test_formula_in_a_name_is_neutralised() -> None:
    m.System.objects.create(name='=HYPERLINK("http://evil")', vendor="@SUM(1)")
    record = art30.build()
    wb = load_workbook(io.BytesIO(art30.to_xlsx(record)))
    row = next(wb["Systems"].iter_rows(min_row=2))
    assert row[0].value.startswith("'=") and row[1].value.startswith("'@")
