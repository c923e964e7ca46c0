"""Signed links in every message: the preference centre and one-click unsubscribe (RFC 8058).

A link carries the person's id and a fragment of their ``LinkKey`` secret, signed with Django's
signing (salted per purpose). Rotating the key makes every earlier link useless; a link for one
person never opens another's preferences; links expire (a year: newsletters are read late).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

from privacydesk.consent.models import Channel, LinkKey, Program
from privacydesk.people.models import Person

MAX_AGE = timedelta(days=365)
_SALTS = {"preferences": "privacydesk.consent.preferences", "unsubscribe": "privacydesk.consent.unsubscribe"}


class LinkError(Exception):
    """The link is forged, expired, rotated away or for someone who is no longer on record."""

    def __init__(self, message: str, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


def key_for(person: Person) -> LinkKey:
    key, _ = LinkKey.objects.get_or_create(person=person)
    return key


def rotate(person: Person) -> LinkKey:
    """Invalidate every link sent to this person so far."""
    key = key_for(person)
    key.secret = LinkKey._meta.get_field("secret").get_default()
    key.save()
    return key


def _token(purpose: str, person: Person, extra: dict[str, Any]) -> str:
    payload = {"p": person.pk, "k": key_for(person).secret[:12], **extra}
    return signing.dumps(payload, salt=_SALTS[purpose], compress=True)


def _load(purpose: str, token: str) -> tuple[Person, dict[str, Any]]:
    try:
        payload = signing.loads(token, salt=_SALTS[purpose], max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise LinkError("This link has expired. Use the link in a more recent message.", expired=True) from None
    except signing.BadSignature:
        raise LinkError("This link is not valid.") from None
    key = LinkKey.objects.filter(person_id=payload.get("p")).select_related("person").first()
    if key is None or key.secret[:12] != payload.get("k") or key.person.merged_into_id is not None:
        raise LinkError("This link is no longer valid. Use the link in a more recent message.")
    return key.person, payload


def preferences_token(person: Person) -> str:
    return _token("preferences", person, {})


def person_from_preferences(token: str) -> Person:
    return _load("preferences", token)[0]


def unsubscribe_token(person: Person, program: Program, channel: Channel) -> str:
    return _token("unsubscribe", person, {"g": program.pk, "c": channel.pk})


def from_unsubscribe(token: str) -> tuple[Person, Program, Channel]:
    person, payload = _load("unsubscribe", token)
    program = Program.objects.filter(pk=int(payload.get("g", 0))).first()
    channel = Channel.objects.filter(pk=int(payload.get("c", 0))).first()
    if program is None or channel is None:
        raise LinkError("This link is for a mailing that no longer exists.")
    return person, program, channel


def absolute(path: str) -> str:
    return settings.PRIVACYDESK_BASE_URL.rstrip("/") + path


def preferences_url(person: Person) -> str:
    return absolute(reverse("portal:preferences", args=[preferences_token(person)]))


def unsubscribe_url(person: Person, program: Program, channel: Channel) -> str:
    return absolute(reverse("portal:unsubscribe", args=[unsubscribe_token(person, program, channel)]))


def list_headers(person: Person, program: Program, channel: Channel) -> dict[str, str]:
    """The RFC 2369 / RFC 8058 headers for one message: a one-click POST target (HTTPS in production)
    and a mailto fallback to the privacy office."""
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url(person, program, channel)}>, "
        f"<mailto:{settings.DEFAULT_FROM_EMAIL}?subject=unsubscribe%20{program.code}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return headers
