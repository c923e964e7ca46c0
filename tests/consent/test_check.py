"""The check, table-driven: program basis × the person's law × their choices → the verdict and its
citation. The law's answers come from the law engine (Spam Act, UEMA, GDPR/ePrivacy)."""

from __future__ import annotations

import pytest

from privacydesk.consent import services
from privacydesk.consent.models import Program
from privacydesk.people import services as people
from tests.consent.conftest import channel, person

# program, jurisdiction, channel, the person's choice (None: none recorded) -> allowed, code, citation part
CASES = [
    ("newsletter", "AU", "email", None, False, "no_consent", ""),
    ("newsletter", "AU", "email", True, True, "granted", "Spam Act 2003 s 16"),
    ("newsletter", "NZ", "sms", True, True, "granted", "Unsolicited Electronic Messages Act 2007 s 9"),
    ("newsletter", "EU", "email", True, True, "granted", "GDPR Art 21(2)"),
    ("newsletter", "AU", "email", False, False, "withdrawn", "Spam Act 2003 s 16"),
    # Inferred consent from an existing business relationship: allowed until they opt out.
    ("promotions", "AU", "email", None, True, "default", "Spam Act 2003 s 16"),
    ("promotions", "NZ", "email", None, True, "default", "Unsolicited Electronic Messages Act 2007"),
    ("promotions", "EU", "email", None, True, "default", "Directive 2002/58/EC Art 13(2)"),
    ("promotions", "NZ", "email", False, False, "withdrawn", "Unsolicited Electronic Messages Act 2007"),
    # Service messages are not direct marketing: no marketing law applies, the person's choice does.
    ("service", "AU", "post", None, True, "default", ""),
    ("service", "EU", "email", False, False, "withdrawn", ""),
    # Emergency contacts are reached only by the method they asked for.
    ("emergency", "AU", "sms", None, False, "not_chosen", ""),
    ("emergency", "AU", "sms", True, True, "granted", ""),
    ("service", "AU", "sms", None, False, "channel", ""),
]


@pytest.mark.parametrize(("code", "jurisdiction", "via", "choice", "allowed", "verdict_code", "citation"), CASES)
def test_verdicts(
    programs: dict[str, Program], code, jurisdiction, via, choice, allowed, verdict_code, citation
) -> None:  # type: ignore[no-untyped-def]
    who = person("Alex Example", "alex@example.com", jurisdiction)
    program = programs[code]
    if choice is not None:
        services.record(who, services.Choice(program, channel(via), choice), "web_form")
    verdict = services.check_person(who, program, channel(via))
    assert (verdict.allowed, verdict.code) == (allowed, verdict_code), verdict.reason
    assert citation in verdict.citation
    assert (verdict.event is not None) == (choice is not None and verdict_code in {"granted", "withdrawn"})


def test_an_inactive_program_is_blocked(programs: dict[str, Program]) -> None:
    who = person("Alex Example", "alex@example.com")
    programs["service"].active = False
    programs["service"].save()
    verdict = services.check_person(who, programs["service"], channel("email"))
    assert not verdict.allowed and verdict.code == "inactive"


def test_by_address_unknown_invalid_and_suppressed(programs: dict[str, Program]) -> None:
    promotions, email = programs["promotions"], channel("email")
    assert services.check_address("email", "nobody@example.com", promotions, email).code == "unknown"
    assert services.check_address("email", "not an address", promotions, email).code == "invalid"
    who = person("Alex Example", "Alex@Example.com")
    assert services.check_address("email", " ALEX@example.COM ", promotions, email).allowed
    people.suppress(who.identities.get(), "erasure R-1")
    verdict = services.check_address("email", "alex@example.com", promotions, email)
    assert not verdict.allowed and verdict.code == "suppressed" and "Spam Act 2003 s 18" in verdict.citation


def test_the_suppression_list_survives_a_key_rotation(programs: dict[str, Program], settings) -> None:  # type: ignore[no-untyped-def]
    from privacydesk.consent import batch, imports

    who = person("Alex Example", "alex@example.com")
    people.suppress(who.identities.get(), "erasure R-1")
    who.identities.all().delete()
    old = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-new-key-" + "x" * 40, [old]
    promotions, email = programs["promotions"], channel("email")
    assert services.check_address("email", "alex@example.com", promotions, email).code == "suppressed"
    assert dict(batch.filter_addresses("email", ["alex@example.com"], promotions, email).blocked) == {"suppressed": 1}
    assert imports.preview("Email,Status\nalex@example.com,subscribed\n").refused == 1
    settings.SECRET_KEY_FALLBACKS = []
    assert services.check_address("email", "alex@example.com", promotions, email).code == "unknown", (
        "without the old key in the fallbacks the list no longer matches: keep it there"
    )


def test_a_dedicated_suppression_key_outlives_the_secret_key(programs: dict[str, Program], settings) -> None:  # type: ignore[no-untyped-def]
    settings.PRIVACYDESK_SUPPRESSION_KEY = "suppression-" + "k" * 40
    who = person("Alex Example", "alex@example.com")
    people.suppress(who.identities.get(), "erasure R-1")
    who.identities.all().delete()
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "rotated-" + "z" * 40, []
    verdict = services.check_address("email", "alex@example.com", programs["promotions"], channel("email"))
    assert verdict.code == "suppressed"


def test_on_postgresql_the_check_is_a_prepared_statement(programs: dict[str, Program]) -> None:
    """The check's one query is planned once per connection (see privacydesk/db.py)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are a PostgreSQL matter")
    person("Alex Example", "alex@example.com")
    for _ in range(3):
        assert services.check_address("email", "alex@example.com", programs["service"], channel("email")).allowed
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%consent_consentstate%"]
        )
        assert cursor.fetchone()[0] == 1
