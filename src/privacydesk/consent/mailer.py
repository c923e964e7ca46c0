"""Sending a program's message from privacydesk itself (a policy change notice, a newsletter issue):
only where the check allows it, always with the List-Unsubscribe headers (RFC 2369, RFC 8058) and the
preference centre link in the body, as the Spam Act s 18 and the UEMA s 11 require of every
commercial electronic message."""

from __future__ import annotations

from django.core.mail import EmailMessage

from privacydesk.consent import links, services
from privacydesk.consent.models import Channel, Program
from privacydesk.people.models import Identity, Person


def send_email(person: Person, program: Program, subject: str, body: str) -> services.Verdict:
    """Email ``program``'s message to ``person`` if they may receive it; the verdict says why or why not."""
    person = services.current(person)
    email = Channel.objects.get(code="email")
    verdict = services.check_person(person, program, email)
    if not verdict.allowed:
        return verdict
    address = Identity.objects.filter(person=person, kind=Identity.EMAIL).values_list("value", flat=True).first()
    if address is None:
        return services.Verdict(False, "no_address", "No email address is on record for this person.")
    footer = (
        f"\n\n--\nStop receiving {program.name.lower()}: {links.unsubscribe_url(person, program, email)}\n"
        f"Choose what we send you: {links.preferences_url(person)}\n"
    )
    message = EmailMessage(
        subject, body.rstrip() + footer, to=[address], headers=links.list_headers(person, program, email)
    )
    message.send()
    return verdict
