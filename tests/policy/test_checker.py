"""The policy checker: on the hand-labelled policies every APP 1.4 element is found with precision and
recall of at least 0.9; a policy generated from the register passes for its own regimes; findings
name the sentence; and files that are not policies get a clear message, never a crash."""

from __future__ import annotations

import io
import json
import random
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from privacydesk.cli import app
from privacydesk.policy.checker import PolicyReadError, check, read
from privacydesk.policy.compose import compose

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))


def test_every_app_1_4_element_is_found_with_precision_and_recall_of_at_least_0_9() -> None:
    from policy_eval import evaluate

    results = evaluate()
    results.pop("_misses")
    for element in ("APP1.4(a)", "APP1.4(b)", "APP1.4(c)", "APP1.4(d)", "APP1.4(e)", "APP1.4(f)", "APP1.4(g)"):
        assert results[element]["precision"] >= 0.9 and results[element]["recall"] >= 0.9, element
    for finding in ("repealed-law", "overseas-without-countries", "contradiction", "vague-promise"):
        assert results[f"finding:{finding}"]["recall"] == 1.0, finding


@pytest.mark.django_db
def test_a_generated_policy_passes_for_its_own_regimes(demo_register: None) -> None:
    policy = compose()
    text = read(policy.markdown().encode(), "generated.md")
    for regime in policy.regimes:
        report = check(text, regime, date(2026, 12, 10))
        assert [e.id for e in report.elements if e.status != "present"] == [], regime
        assert report.findings == [], regime


def test_findings_quote_the_sentence() -> None:
    text = read((ROOT / "tests/policy/corpus/02-au-legacy-npp.txt").read_bytes())
    report = check(text, "au", date(2026, 12, 1))
    repealed = [f for f in report.findings if f.code == "repealed-law"]
    assert repealed and "National Privacy Principles" in repealed[0].evidence
    assert "APP1.7-1.9" not in {e.id for e in report.elements}  # not in force until 10 December 2026


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n ", "the file is empty"),
        (bytes(range(256)) * 40, "not text, HTML, Markdown or PDF"),
        (b"%PDF-1.4 this is not really a pdf", "the PDF cannot be read"),
        (b"Hello world.", "too little text"),
    ],
    ids=["empty", "blank", "binary", "broken pdf", "too short"],
)
def test_files_that_are_not_policies_get_a_clear_message(content: bytes, message: str) -> None:
    with pytest.raises(PolicyReadError, match=message):
        check(read(content, "upload"), "au")


def test_a_scanned_pdf_and_5_mb_of_random_text_get_a_clear_message() -> None:
    with pytest.raises(PolicyReadError, match="no text to read \\(a scanned image\\?\\)"):
        read(_blank_pdf(), "scan.pdf")
    rng = random.Random(5)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(900_000)
    ]
    noise = " ".join(words).encode()[: 5 * 1024 * 1024]
    with pytest.raises(PolicyReadError, match="does not read as a privacy policy"):
        check(read(noise, "noise.txt"), "au")


def test_the_command_line_prints_json_in_the_issue_s_shape(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "policy",
            "check",
            str(ROOT / "tests/policy/corpus/03-au-startup-short.html"),
            "--jurisdiction",
            "au",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["jurisdiction"] == "au"
    element = next(e for e in report["elements"] if e["id"] == "APP1.4(g)")
    assert element == {
        "id": "APP1.4(g)",
        "status": "missing",
        "evidence": None,
        "note": "overseas disclosure without the countries",
    }
    assert {"code": "overseas-without-countries"}.items() <= report["findings"][0].items() or any(
        f["code"] == "overseas-without-countries" for f in report["findings"]
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    refused = runner.invoke(app, ["policy", "check", str(empty)])
    assert refused.exit_code == 1 and "empty.txt: the file is empty." in refused.output
    wrong = runner.invoke(app, ["policy", "check", str(empty.with_name("missing.pdf"))])
    assert wrong.exit_code == 1 and "cannot be read" in wrong.output


@pytest.mark.django_db
def test_an_existing_policy_seeds_a_draft_register_that_imports(tmp_path: Path) -> None:
    from privacydesk.policy.onboard import read_register, to_yaml
    from privacydesk.register import yaml_io
    from privacydesk.register.models import Purpose, Recipient

    text = read((ROOT / "tests/policy/corpus/04-au-accountants-qa.md").read_bytes())
    text += "\nWe use Xero for invoicing. Our newsletters go through Mailchimp, our email platform, hosted in the "
    text += "United States."
    draft = read_register(text)
    assert {"contact", "identity", "tfn", "billing"} <= set(draft.kinds)
    assert draft.countries == ["SG", "US"]
    assert ("Mailchimp", "US") in draft.providers and ("Xero", "") in draft.providers
    assert "Give you tax advice" in draft.purposes
    document = to_yaml(draft, "04-au-accountants-qa.md")
    assert document.startswith("# Draft register read from 04-au-accountants-qa.md")
    yaml_io.import_yaml(document, "draft.yaml")  # a valid register file, as the officer would import it
    assert Recipient.objects.get(name="Mailchimp").country == "US"
    assert Purpose.objects.filter(name="Give you tax advice").exists()
    runner = CliRunner()
    out = tmp_path / "draft.yaml"
    result = runner.invoke(
        app, ["policy", "check", str(ROOT / "tests/policy/corpus/01-au-msp-complete.md"), "--draft-register", str(out)]
    )
    assert result.exit_code == 0 and "Respond to support requests" in out.read_text()


@pytest.mark.django_db
def test_the_console_checks_a_pasted_policy(officer_client) -> None:  # type: ignore[no-untyped-def]
    text = (ROOT / "tests/policy/corpus/07-au-shop-contradictory.md").read_text()
    page = officer_client.post("/console/policy/check/", {"jurisdiction": "au", "text": text}).content.decode()
    assert "Says personal information is never sold, and elsewhere that it may be." in page
    assert "APP1.4(e)" in page and "Draft register (YAML)" in page
    refused = officer_client.post("/console/policy/check/", {"jurisdiction": "au", "text": "Hello."})
    assert refused.status_code == 400 and "too little text" in refused.content.decode()
