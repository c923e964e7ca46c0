"""Dataset descriptors are refused with the file, line and field of every problem."""

from __future__ import annotations

import pytest

from privacydesk.connectors.descriptor import DescriptorError, Erase, Identity, load

GOOD = """\
dataset: helpdesk
system: Acme Helpdesk
tables:
  - name: contacts
    primary_key: id
    fields:
      - {name: id}
      - {name: email, identity: email, categories: [contact.email], erase: hash}
  - name: tickets
    primary_key: id
    fields:
      - {name: id}
      - {name: contact_id, references: contacts.id}
      - {name: body, erase: replace}
  - name: invoices
    fields:
      - {name: contact_id, references: contacts.id}
      - {name: total, protected: true}
"""


def test_a_good_descriptor_reads_as_written() -> None:
    doc = load(GOOD, "helpdesk.yaml").doc
    contacts, tickets, invoices = doc.tables
    assert contacts.field("email").identity is Identity.EMAIL  # type: ignore[union-attr]
    assert contacts.field("email").erase is Erase.HASH  # type: ignore[union-attr]
    assert tickets.field("contact_id").target == ("contacts", "id")  # type: ignore[union-attr]
    assert invoices.field("total").protected and invoices.field("total").erase is Erase.KEEP  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("erase: replace", "erase: blur"), "helpdesk.yaml, line 14, tables[1].fields[2].erase: Input should be"),
        (
            ("{name: total, protected: true}", "{name: total, protected: true, erase: hash}"),
            "line 18, tables[2].fields[1]: a protected field is never changed",
        ),
        (
            ("references: contacts.id}\n      - {name: body", "references: contact.id}\n      - {name: body"),
            "line 13, tables[1].fields[1].references: no table 'contact' in this descriptor",
        ),
        (
            ("references: contacts.id}\n      - {name: body", "references: contacts.ident}\n      - {name: body"),
            "line 13, tables[1].fields[1].references: table 'contacts' has no field 'ident' here",
        ),
        (("identity: email, ", ""), "helpdesk.yaml, line 3, tables: no field is an identity"),
        (
            ("      - {name: id}\n      - {name: email", "      - {name: email}\n      - {name: email"),
            "line 4, tables[0]: fields named more than once: email",
        ),
        (
            (
                "primary_key: id\n    fields:\n      - {name: id}\n      - {name: email",
                "primary_key: ident\n    fields:\n      - {name: id}\n      - {name: email",
            ),
            "line 5, tables[0].primary_key: 'ident' is not one of the table's fields",
        ),
        (("dataset: helpdesk", "dataset: helpdesk\ncolour: blue"), "line 2, colour: unknown field 'colour'"),
        (("tables:", "tables: ["), "helpdesk.yaml, line"),  # not YAML at all
    ],
)
def test_each_problem_names_its_line_and_field(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(DescriptorError) as caught:
        load(GOOD.replace(old, new, 1), "helpdesk.yaml")
    assert expected in str(caught.value), str(caught.value)


def test_deleting_rows_of_a_table_with_a_protected_field_is_refused() -> None:
    text = GOOD.replace(
        "{name: contact_id, references: contacts.id}\n      - {name: total",
        "{name: contact_id, references: contacts.id, erase: delete_row}\n      - {name: total",
    )
    with pytest.raises(
        DescriptorError, match=r"line 15, tables\[2\]: a table with a protected field cannot be erased by deleting rows"
    ):
        load(text, "helpdesk.yaml")
