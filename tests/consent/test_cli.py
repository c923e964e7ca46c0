"""`privacydesk consent check|import|export|rebuild`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from privacydesk.cli import app
from privacydesk.consent import services
from privacydesk.consent.models import ConsentEvent
from tests.consent.conftest import channel


def test_check_exits_by_verdict(mia, programs) -> None:  # type: ignore[no-untyped-def]
    blocked = CliRunner().invoke(app, ["consent", "check", "mia.nguyen@example.com.au", "--program", "newsletter"])
    assert blocked.exit_code == 1 and "BLOCKED (no_consent)" in blocked.output
    services.record(mia, services.Choice(programs["newsletter"], channel("email"), True), "web_form")
    allowed = CliRunner().invoke(app, ["consent", "check", "mia.nguyen@example.com.au", "--program", "newsletter"])
    assert allowed.exit_code == 0 and "ALLOWED (granted)" in allowed.output and "Spam Act 2003" in allowed.output
    unknown = CliRunner().invoke(app, ["consent", "check", "x@example.com", "--program", "nope"])
    assert unknown.exit_code == 2 and "no program with the code 'nope'" in unknown.output


def test_import_previews_then_imports(tmp_path: Path, mia, programs) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_text("Email,Status\nmia.nguyen@example.com.au,subscribed\nnope,subscribed\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["consent", "import", str(bad), "--program", "newsletter", "--confirm"])
    assert (
        result.exit_code == 1 and "bad.csv: row 3, column Email: 'nope' is not a valid email address" in result.output
    )
    assert not ConsentEvent.objects.exists()
    good = tmp_path / "good.csv"
    good.write_text("Email,Status\nmia.nguyen@example.com.au,subscribed\n", encoding="utf-8")
    preview = CliRunner().invoke(app, ["consent", "import", str(good), "--program", "newsletter"])
    assert preview.exit_code == 0 and "Preview only" in preview.output and not ConsentEvent.objects.exists()
    done = CliRunner().invoke(app, ["consent", "import", str(good), "--program", "newsletter", "--confirm"])
    assert done.exit_code == 0 and "Imported." in done.output
    assert services.check_person(mia, programs["newsletter"], channel("email")).allowed


def test_export_is_the_ledger_without_names(mia, programs) -> None:  # type: ignore[no-untyped-def]
    services.record(mia, services.Choice(programs["newsletter"], channel("email"), True), "web_form",
                    notice_text="Monthly newsletter", policy_version="2026-07")  # fmt: skip
    result = CliRunner().invoke(app, ["consent", "export"])
    assert result.exit_code == 0
    [row] = list(csv.DictReader(io.StringIO(result.output)))
    assert row["person"] == str(mia.pk) and row["program"] == "newsletter" and row["policy_version"] == "2026-07"
    assert "Mia" not in result.output
    rebuilt = CliRunner().invoke(app, ["consent", "rebuild"])
    assert rebuilt.exit_code == 0 and "1 current choices rebuilt" in rebuilt.output
