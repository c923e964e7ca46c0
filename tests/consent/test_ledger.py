"""The consent ledger: every choice an immutable event, the current state derived from it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from privacydesk.consent import services
from privacydesk.consent.models import ConsentEvent, ConsentState, Program
from privacydesk.people import services as people
from privacydesk.people.models import Person
from tests.consent.conftest import channel, person


def _choice(program: Program, code: str, granted: bool) -> services.Choice:
    return services.Choice(program, channel(code), granted)


def test_a_grant_then_a_withdrawal(mia: Person, programs: dict[str, Program]) -> None:
    newsletter = programs["newsletter"]
    assert services.check_person(mia, newsletter, channel("email")).code == "no_consent"
    granted = services.record(
        mia,
        _choice(newsletter, "email", True),
        "web_form",
        notice_text="Tick to get our monthly newsletter. Unsubscribe any time.",
        policy_version="2026-07",
    )
    verdict = services.check_person(mia, newsletter, channel("email"))
    assert verdict.allowed and verdict.event == granted and "Spam Act 2003 s 16" in verdict.citation
    withdrawn = services.record(mia, _choice(newsletter, "email", False), "phone")
    verdict = services.check_person(mia, newsletter, channel("email"))
    assert not verdict.allowed and verdict.code == "withdrawn" and verdict.event == withdrawn
    assert "phone call noted by staff" in verdict.reason
    history = services.history(mia)
    assert [(e.action, e.method) for e in history] == [("grant", "web_form"), ("withdraw", "phone")]
    assert history[0].notice_text.startswith("Tick to get") and history[0].policy_version == "2026-07"
    assert history[0].basis == Program.EXPRESS and history[0].jurisdiction == "AU"


def test_events_cannot_be_changed_or_deleted(mia: Person, programs: dict[str, Program]) -> None:
    event = services.record(mia, _choice(programs["newsletter"], "email", True), "web_form")
    event.method = "import"
    with pytest.raises(TypeError, match="ledger"):
        event.save()
    with pytest.raises(TypeError, match="ledger"):
        event.delete()
    with pytest.raises(TypeError, match="ledger"):
        ConsentEvent.objects.filter(pk=event.pk).update(method="import")
    with pytest.raises(TypeError, match="ledger"):
        ConsentEvent.objects.filter(pk=event.pk).delete()
    if connection.vendor == "postgresql":
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE consent_consentevent SET method = 'import' WHERE id = %s", [event.pk])
    assert ConsentEvent.objects.get(pk=event.pk).method == "web_form"


def test_an_old_import_does_not_overturn_a_newer_choice(mia: Person, programs: dict[str, Program]) -> None:
    newsletter = programs["newsletter"]
    services.record(mia, _choice(newsletter, "email", False), "one_click")
    services.record(mia, _choice(newsletter, "email", True), "import", occurred_at=timezone.now() - timedelta(days=400))
    assert services.check_person(mia, newsletter, channel("email")).code == "withdrawn"
    assert len(services.history(mia)) == 2, "the imported grant is still history"


def test_the_state_rebuilt_from_the_ledger_matches(mia: Person, programs: dict[str, Program]) -> None:
    other = person("Oliver Smith", "oliver@example.com.au")
    for who in (mia, other):
        services.record(who, _choice(programs["newsletter"], "email", True), "web_form")
        services.record(who, _choice(programs["service"], "post", False), "phone")
    services.record(mia, _choice(programs["newsletter"], "email", False), "one_click")
    before = set(ConsentState.objects.values_list("person_id", "program_id", "channel_id", "granted", "event_id"))
    assert services.rebuild_state() == 4
    after = set(ConsentState.objects.values_list("person_id", "program_id", "channel_id", "granted", "event_id"))
    assert before == after


def test_a_preference_centre_save_records_only_what_changed(mia: Person, programs: dict[str, Program]) -> None:
    current = {(row.program.code, row.channel.code): row.receives for row in services.preferences(mia)}
    assert current[("service", "email")] and not current[("newsletter", "email")]
    made = services.record_choices(
        mia,
        [
            _choice(programs["newsletter"], "email", True),  # change: opt in
            _choice(programs["service"], "email", True),  # unchanged: the default
            _choice(programs["service"], "post", False),  # change: opt out of the default
        ],
        "preference_centre",
    )
    assert [(e.program.code, e.channel.code, e.action) for e in made] == [
        ("newsletter", "email", "grant"),
        ("service", "post", "withdraw"),
    ]


def test_a_choice_on_a_channel_the_program_does_not_use_is_refused(mia: Person, programs: dict[str, Program]) -> None:
    with pytest.raises(ValidationError) as error:
        services.record(mia, _choice(programs["service"], "sms", True), "web_form")
    assert error.value.message_dict == {"channel": ["Service notices is not sent by SMS."]}
    with pytest.raises(ValidationError) as error:
        services.record(mia, _choice(programs["newsletter"], "email", True), "carrier pigeon")
    assert "method" in error.value.message_dict
    assert not ConsentEvent.objects.exists()


def test_a_merged_duplicate_keeps_its_choices(mia: Person, programs: dict[str, Program]) -> None:
    duplicate = person("M. Nguyen", "mia@harbourdental.example.com.au")
    services.record(duplicate, _choice(programs["newsletter"], "email", True), "web_form")
    people.merge(duplicate, mia)
    verdict = services.check_address(
        "email", "mia@harbourdental.example.com.au", programs["newsletter"], channel("email")
    )
    assert verdict.allowed and verdict.code == "granted"
    assert services.check_person(duplicate, programs["newsletter"], channel("email")).allowed
    assert len(services.history(mia)) == 1
