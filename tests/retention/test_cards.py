"""Card numbers typed into helpdesk tickets are found by the scanner and redacted to their last four
digits by a disposal run, under the register's "card numbers" rule (never kept after payment); a long
number that fails the Luhn check is left alone, a held person's tickets stay, and a second run finds
nothing left to do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text

from privacydesk.connectors import fixtures, services
from privacydesk.register.models import System
from privacydesk.retention import disposal
from privacydesk.retention.models import DisposalItem


def test_card_numbers_in_tickets_are_redacted_to_their_last_four_digits(demo_register: None, tmp_path: Path) -> None:
    address = f"sqlite:///{tmp_path / 'helpdesk.sqlite3'}"
    engine = create_engine(address)
    built = fixtures.build_helpdesk(engine, list(fixtures.population(120, seed=9)))
    assert len(built.carded) >= 3
    with engine.begin() as c:  # the newest ticket (not yet due under the support-records rule)
        newest = c.execute(text("SELECT id FROM tickets ORDER BY opened_at DESC LIMIT 1")).scalar()
        c.execute(
            text("UPDATE tickets SET body = body || ' Order ref 4111 1111 1111 1112.' WHERE id = :id"), {"id": newest}
        )
    services.add_connection(
        System.objects.get(name="Helpdesk (PSA)"), "helpdesk", address, fixtures.descriptors()["helpdesk"]
    )

    run = disposal.propose(date(2026, 11, 24))
    redactions = run.items.filter(method="redact")
    assert {k for item in redactions for k in item.keys} == built.carded
    assert redactions.first().rule.name == "Card numbers"
    disposal.execute(disposal.approve(run))
    with engine.connect() as c:
        bodies = dict(c.execute(text("SELECT id, body FROM tickets")).all())
    masked = 0
    for key in built.carded:  # old tickets were also de-identified whole by the support-records rule
        assert not any(card in bodies[key] for card in fixtures.TEST_CARDS)
        masked += bodies[key] != "erased"
        assert bodies[key] == "erased" or any(f"{card[-4:]}, exp 09/28" in bodies[key] for card in fixtures.TEST_CARDS)
    assert masked and any("**** **** **** " in body for body in bodies.values())
    assert "4111 1111 1111 1112" in bodies[newest]  # fails the Luhn check: not a card number
    assert all(i.status == DisposalItem.DONE for i in run.items.filter(method="redact"))
    assert "CREDIT_CARD redacted" in run.items.filter(method="redact").first().reason
    again = disposal.propose(date(2026, 11, 24))
    assert not again.items.filter(method="redact").exists()
