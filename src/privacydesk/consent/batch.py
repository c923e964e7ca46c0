"""The batch filter: from a list of addresses (a mailing platform's audience, a CSV export), the ones
that may receive a program by a channel.

It gives each address the same verdict ``services.check_address`` would, but set-wise: the
suppression list, the identities and the program's consent states are each read once, and the
law engine's answers are memoised per case, so a million addresses cost a few seconds, not a
million queries. Emails are normalised with ``people.normalise.lookup_email`` (a fast path for plain
ASCII addresses), as the single check does.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings

from privacydesk.accountability.services.common import regimes_for_jurisdiction
from privacydesk.consent import services
from privacydesk.consent.models import Channel, ConsentState, Program
from privacydesk.people.models import Identity, Person, Suppression
from privacydesk.people.normalise import lookup_email, normalise
from privacydesk.people.services import identity_digests


@dataclass
class Filtered:
    allowed: list[str] = field(default_factory=list)
    blocked: Counter[str] = field(default_factory=Counter)  # verdict code -> how many

    @property
    def blocked_total(self) -> int:
        return sum(self.blocked.values())


def _normalise(kind: str, value: str, region: str) -> str:
    try:
        return lookup_email(value) if kind == "email" else normalise(kind, value, region)
    except ValueError:
        return ""


def read_csv(text: str) -> Iterator[str]:
    """Addresses from a CSV: the column headed email/email address/phone/address, else the first."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows, [])
    wanted = {"email", "email address", "e-mail", "phone", "mobile", "address"}
    column = next((i for i, h in enumerate(header) if h.strip().lower() in wanted), None)
    if column is None:
        column = 0
        first = header[0].strip() if header else ""
        if "@" in first or first.lstrip("+").replace(" ", "").isdigit():
            yield first  # no header row: the first line is an address
    for row in rows:
        if len(row) > column and row[column].strip():
            yield row[column]


def filter_addresses(kind: str, values: Iterable[str], prog: Program, chan: Channel) -> Filtered:
    """The addresses among ``values`` (as given, duplicates once) that may receive ``prog`` by ``chan``."""
    result = Filtered()
    refused = services.offered(prog, chan)
    region = settings.PRIVACYDESK_DEFAULT_REGION
    normalised: dict[str, str] = {}
    for value in values:
        value = value.strip()
        if value and value not in normalised:
            normalised[value] = _normalise(kind, value, region)
    if refused is not None:
        result.blocked[refused.code] = len(normalised)
        return result

    suppressed = set(Suppression.objects.filter(kind=kind).values_list("digest", flat=True))
    wanted = {n for n in normalised.values() if n}
    owners: dict[str, int] = {}
    identities = Identity.objects.filter(kind=kind).values_list("normalised", "person_id")
    for held, owner in identities.iterator(chunk_size=10_000):
        if held in wanted:
            owners[held] = owner
    states = dict(ConsentState.objects.filter(program=prog, channel=chan).values_list("person_id", "granted"))
    jurisdictions = dict(Person.objects.filter(pk__in=set(owners.values())).values_list("pk", "jurisdiction"))
    regimes_of = {code: tuple(regimes_for_jurisdiction(code)) for code in {*jurisdictions.values(), ""}}
    verdicts: dict[tuple[tuple[str, ...], bool | None], bool] = {}
    codes: dict[tuple[tuple[str, ...], bool | None], str] = {}

    for value, norm in normalised.items():
        if not norm:
            result.blocked["invalid"] += 1
            continue
        if suppressed and not suppressed.isdisjoint(identity_digests(kind, norm)):
            result.blocked["suppressed"] += 1
            continue
        person_id = owners.get(norm)
        if person_id is None:
            result.blocked["unknown"] += 1
            continue
        regimes = regimes_of[jurisdictions.get(person_id, "")]
        case = (regimes, states.get(person_id))
        if case not in verdicts:
            verdict = services.decide_case(prog, chan, regimes, case[1], None)
            verdicts[case], codes[case] = verdict.allowed, verdict.code
        if verdicts[case]:
            result.allowed.append(value)
        else:
            result.blocked[codes[case]] += 1
    return result
