"""The GDPR Art 30(1) record of processing activities, made from the register.

One row per processing activity with the Art 30(1)(b)–(g) matters, the controller's details from
Art 30(1)(a) above it, and the systems behind it (where the data lives, who runs it, in which
countries) on a sheet of their own. CSV holds the activity table alone, for spreadsheets and diffing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from privacydesk.csvout import safe_cell
from privacydesk.register import models as m

ACTIVITY_COLUMNS = [
    "Processing activity",
    "Description",
    "Purposes",
    "Lawful basis (GDPR Art 6)",
    "Categories of data subjects",
    "Categories of personal data",
    "Special or sensitive categories",
    "Systems",
    "Recipients",
    "Transfers to third countries and safeguards",
    "Time limits for erasure",
    "Security measures",
]
SYSTEM_COLUMNS = ["System", "Vendor", "Run by", "Hosting countries", "Categories of personal data", "Security notes"]


def _join(items: list[str]) -> str:
    return "; ".join(items)


@dataclass
class Record:
    controller: list[tuple[str, str]]
    activities: list[list[str]]
    systems: list[list[str]]


def build() -> Record:
    org = m.Organisation.current()
    controller: list[tuple[str, str]] = []
    if org:
        controller = [
            ("Controller", org.legal_name),
            ("Trading name", org.trading_name),
            ("ABN", org.abn),
            ("NZBN", org.nzbn),
            ("Address", org.postal_address.replace("\n", ", ")),
            ("Privacy officer", org.privacy_officer_name),
            ("Privacy officer email", org.privacy_officer_email),
            ("Privacy officer phone", org.privacy_officer_phone),
        ]
    activities = []
    qs = m.ProcessingActivity.objects.select_related("retention_rule").prefetch_related(
        "purposes",
        "data_categories",
        "subject_types",
        "systems__transfers",
        "recipients__transfers",
        "systems",
        "recipients",
    )
    for a in qs:
        purposes = list(a.purposes.all())
        categories = list(a.data_categories.all())
        transfers = [t for s in a.systems.all() for t in s.transfers.all()] + [
            t for r in a.recipients.all() for t in r.transfers.all()
        ]
        activities.append(
            [
                a.name,
                a.description,
                _join([p.name for p in purposes]),
                _join(sorted({p.get_gdpr_basis_display() for p in purposes if p.gdpr_basis})),
                _join([s.name for s in a.subject_types.all()]),
                _join([c.name for c in categories]),
                _join([c.name for c in categories if c.sensitive]),
                _join([s.name for s in a.systems.all()]),
                _join([r.name for r in a.recipients.all()]),
                _join(
                    [
                        f"{t.system or t.recipient} → {t.country.name}"
                        + (f" ({t.get_gdpr_safeguard_display()})" if t.gdpr_safeguard else "")
                        for t in transfers
                    ]
                ),
                a.retention_rule.describe() if a.retention_rule else "",
                _join([s.security_notes for s in a.systems.all() if s.security_notes]),
            ]
        )
    systems = [
        [
            s.name,
            s.vendor,
            s.get_kind_display(),
            _join([c.name for c in s.hosting_countries]),
            _join([c.name for c in s.data_categories.all()]),
            s.security_notes,
        ]
        for s in m.System.objects.prefetch_related("data_categories")
    ]
    return Record(controller, activities, systems)


def to_csv(record: Record) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ACTIVITY_COLUMNS)
    for row in record.activities:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def to_xlsx(record: Record) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Record of processing"
    bold = Font(bold=True)
    ws.append(["Record of processing activities (GDPR Art 30(1))"])
    ws["A1"].font = Font(bold=True, size=14)
    for label, value in record.controller:
        ws.append([label, safe_cell(value)])
        ws.cell(row=ws.max_row, column=1).font = bold
    ws.append([])
    ws.append(ACTIVITY_COLUMNS)
    for cell in ws[ws.max_row]:
        cell.font = bold
    for row in record.activities:
        ws.append([safe_cell(v) for v in row])
    for index, column in enumerate(ws.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = 32
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    systems = wb.create_sheet("Systems")
    systems.append(SYSTEM_COLUMNS)
    for cell in systems[1]:
        cell.font = bold
    for row in record.systems:
        systems.append([safe_cell(v) for v in row])
    for index in range(1, len(SYSTEM_COLUMNS) + 1):
        systems.column_dimensions[get_column_letter(index)].width = 30
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
