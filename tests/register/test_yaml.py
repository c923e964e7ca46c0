"""Privacy as code: the register round-trips through YAML, and a bad file changes nothing and says
exactly where it is wrong."""

from __future__ import annotations

import textwrap

import pytest
import yaml
from typer.testing import CliRunner

from privacydesk.cli import app
from privacydesk.register import models as m
from privacydesk.register import yaml_io

pytestmark = pytest.mark.django_db


def test_demo_register_imports_completely(demo_register: None) -> None:
    org = m.Organisation.current()
    assert org is not None and org.abn == "18 123 456 789"
    assert m.System.objects.count() == 10
    crm = m.System.objects.get(name="CRM")
    assert crm.overseas_countries() == ["US"]
    assert m.DataCategory.objects.get(code="card").parent.code == "billing"  # type: ignore[union-attr]
    assert {"health", "criminal"} <= set(m.DataCategory.objects.filter(sensitive=True).values_list("code", flat=True))
    billing = m.ProcessingActivity.objects.get(name="Billing")
    assert set(billing.systems.values_list("name", flat=True)) == {"Accounting", "Payment provider", "CRM"}


def test_export_then_import_into_an_empty_register_round_trips(demo_register: None) -> None:
    exported = yaml_io.to_document()
    text = yaml.safe_dump(exported)
    for model in (m.ProcessingActivity, m.Transfer, m.RetentionRule, m.System, m.Purpose, m.Recipient):
        model.objects.all().delete()
    m.DataCategory.objects.filter(parent__isnull=False).delete()
    m.DataCategory.objects.all().delete()
    m.SubjectType.objects.all().delete()
    yaml_io.import_yaml(text)
    assert yaml_io.to_document() == exported


def test_reimport_updates_rather_than_duplicates(demo_register: None) -> None:
    text = yaml_io.export_yaml()
    result = yaml_io.import_yaml(text)
    assert result.created == 0 and result.updated > 40
    assert m.System.objects.count() == 10


BAD = textwrap.dedent(
    """\
    version: 1
    data_categories:
      - code: contact
        name: Contact details
    systems:
      - name: Helpdesk
        hosting_countries: [AU, XX]
        data_categories: [contact, bogus]
        colour: blue
    processing_activities:
      - name: Support
        purposes: [Nope]
        data_categories: [contact]
        subject_types: [client_contact]
    """
)


def _problems(text: str) -> list[str]:
    with pytest.raises(yaml_io.RegisterImportError) as caught:
        yaml_io.import_yaml(text, "mine.yaml")
    return [p.describe("mine.yaml") for p in caught.value.problems]


def test_schema_errors_name_file_line_and_field() -> None:
    before = m.DataCategory.objects.count()
    problems = _problems(BAD)
    assert (
        "mine.yaml, line 7, systems[0].hosting_countries[1]: 'XX' is not an ISO 3166 two-letter country code"
        in problems
    )
    assert "mine.yaml, line 9, systems[0].colour: unknown field 'colour'" in problems
    assert m.DataCategory.objects.count() == before, "nothing is written when the file has errors"


def test_unknown_references_name_line_and_field() -> None:
    m.SubjectType.objects.filter(code="client_contact").delete()
    before = m.DataCategory.objects.count()
    text = BAD.replace("[AU, XX]", "[AU]").replace("    colour: blue\n", "")
    problems = _problems(text)
    assert "mine.yaml, line 8, systems[0].data_categories[1]: unknown data category 'bogus'" in problems
    assert "mine.yaml, line 11, processing_activities[0].purposes[0]: unknown purpose 'Nope'" in problems
    assert (
        "mine.yaml, line 13, processing_activities[0].subject_types[0]: unknown subject type 'client_contact'"
        in problems
    )
    assert m.System.objects.count() == 0 and m.DataCategory.objects.count() == before


def test_invalid_abn_in_yaml() -> None:
    problems = _problems("organisation:\n  legal_name: Example Pty Ltd\n  abn: '51 824 753 557'\n")
    assert problems == [
        "mine.yaml, line 3, organisation.abn: This is not a valid ABN: its check digits do not match. "
        "Check for a typing error."
    ]


def test_yaml_syntax_error_has_a_line() -> None:
    problems = _problems("systems:\n  - name: [unclosed\n")
    assert len(problems) == 1 and problems[0].startswith("mine.yaml, line 3") and "not valid YAML" in problems[0]


def test_cli_import_reports_errors_and_exits_non_zero(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "register.yaml"
    path.write_text(BAD)
    result = CliRunner().invoke(app, ["register", "import", str(path)])
    assert result.exit_code == 1
    assert f"{path}, line 7, systems[0].hosting_countries[1]" in result.output
    assert "Nothing imported" in result.output
    assert m.System.objects.count() == 0


def test_cli_export_and_import(tmp_path, demo_register: None) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "exported.yaml"
    assert CliRunner().invoke(app, ["register", "export", "-o", str(out)]).exit_code == 0
    assert "Helpdesk (PSA)" in out.read_text()
    result = CliRunner().invoke(app, ["register", "import", "--check", str(out)])
    assert result.exit_code == 0 and "valid" in result.output
