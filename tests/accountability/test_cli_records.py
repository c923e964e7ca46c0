"""The records commands: disclosures export, notices due, agreements check."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from privacydesk.accountability.models import CollectionPoint
from privacydesk.accountability.services import collection, disclosures
from privacydesk.accountability.services.disclosures import DisclosureFacts
from privacydesk.cli import app
from privacydesk.people.models import Person
from tests.accountability.conftest import at, category, purpose, recipient


def _disclose(person: Person, when: tuple[int, ...], reason: str) -> None:
    disclosures.record_disclosure(
        person=person,
        recipient=recipient("External accountant"),
        categories=[category("billing")],
        purpose=purpose("Billing and collecting payment"),
        reason=reason,
        disclosed_at=at(*when),
        facts=DisclosureFacts(collection_purpose="Billing and collecting payment"),
    )


def test_disclosures_export_csv_and_json_with_a_period(au_person: Person, tmp_path: Path) -> None:
    _disclose(au_person, (2026, 9, 1, 9), "=HYPERLINK('x') September")
    _disclose(au_person, (2026, 10, 1, 9), "October reconciliation")
    result = CliRunner().invoke(app, ["disclosures", "export", "--since", "2026-09-01", "--until", "2026-10-01"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["reason"] for r in rows] == ["'=HYPERLINK('x') September"]  # formula neutralised
    out = tmp_path / "log.json"
    result = CliRunner().invoke(app, ["disclosures", "export", "--format", "json", "-o", str(out)])
    assert result.exit_code == 0 and "Wrote 2 rows" in result.output
    assert [r["reason"] for r in json.loads(out.read_text())][1] == "October reconciliation"


def test_disclosures_export_rejects_bad_options(db: None) -> None:
    bad_date = CliRunner().invoke(app, ["disclosures", "export", "--since", "1/9/2026"])
    assert bad_date.exit_code == 2 and "--since: '1/9/2026' is not a date; use YYYY-MM-DD." in bad_date.output
    bad_format = CliRunner().invoke(app, ["disclosures", "export", "--format", "xml"])
    assert bad_format.exit_code == 2 and "is not csv or json" in bad_format.output


def test_notices_due_exits_1_when_one_is_overdue(au_person: Person) -> None:
    point = CollectionPoint.objects.create(name="Directory", kind="public_directory", indirect=True)
    collection.record_collection(person=au_person, point=point, collected_at=at(2026, 10, 2, 10), source="Yellow")
    result = CliRunner().invoke(app, ["notices", "due"])
    assert result.exit_code == 1
    assert "Mon 19 Oct 2026 OVERDUE" in result.output and "1 notice(s) overdue." in result.output


def test_agreements_check_names_each_processor(demo_register: None) -> None:
    result = CliRunner().invoke(app, ["agreements", "check"])
    assert result.exit_code == 1
    assert "NONE      CRM: No agreement with privacy terms covers this processor." in result.output
