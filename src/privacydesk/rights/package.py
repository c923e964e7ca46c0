"""The access package: everything the organisation holds about a person, as they will receive it.

Each domain contributes its part — identities and systems (people), where the information came from
and the notices given (collection records), who it was disclosed to (the disclosure log, one-off and
routine). The rights workflow stores the package as generated when access is given; building it is
recorded in the audit log, since it gathers a person's whole record in one place.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from privacydesk import csvout, pdf
from privacydesk.accountability.services import collection, disclosures
from privacydesk.audit import chain
from privacydesk.consent import services as consent
from privacydesk.people.models import Person
from privacydesk.register.models import Organisation


def _when(value: Any) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _collections(person: Person) -> list[dict[str, Any]]:
    result = []
    for c in collection.collections_of(person):
        notice = c.notice
        result.append(
            {
                "collected_at": _when(c.collected_at),
                "how": c.point.get_kind_display(),
                "collection_point": c.point.name,
                "source": c.source or ("you" if not c.point.indirect else ""),
                "categories": [x.name for x in c.categories.all()],
                "notice_status": c.get_notice_status_display(),
                "notice_given_at": _when(c.notice_given_at),
                "notice_method": c.get_notice_method_display() if c.notice_method else "",
                "notice": (
                    {
                        "version": notice.version,
                        "effective_from": _when(notice.effective_from),
                        "sections": [{"heading": h, "text": t} for h, t in notice.sections_in_order()],
                    }
                    if notice
                    else None
                ),
            }
        )
    return result


def _disclosures(person: Person) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    record = disclosures.history(person)
    one_off = [
        {
            "disclosed_at": _when(d.disclosed_at),
            "recipient": d.recipient.name,
            "country": d.country.name,
            "overseas": d.overseas,
            "categories": [c.name for c in d.categories.all()],
            "purpose": d.purpose.name if d.purpose else "",
            "reason": d.reason,
            "legal_basis": sorted({r["citation"] for g in d.basis.get("regimes", []) for r in g.get("reasons", [])}),
        }
        for d in record.disclosures
    ]
    routine = [
        {
            "name": e.routine.name,
            "recipient": e.routine.recipient.name,
            "country": e.routine.country.name,
            "overseas": e.routine.overseas,
            "categories": [c.name for c in e.routine.categories.all()],
            "frequency": e.routine.frequency,
            "reason": e.routine.reason,
            "since": e.routine.started_on.isoformat(),
            "until": e.routine.ended_on.isoformat() if e.routine.ended_on else None,
            "first_run": _when(e.first_run),
            "last_run": _when(e.last_run),
        }
        for e in record.routines
        if e.runs
    ]
    return one_off, routine


def _consents(person: Person) -> dict[str, Any]:
    """What we send them now, and every choice they made, with what they were shown."""
    return {
        "communication_choices": [
            {
                "program": row.program.name,
                "channel": row.channel.name,
                "you_receive_it": row.receives,
                "since": _when(row.event.occurred_at) if row.event else None,
                "because": "your choice" if row.event else row.program.get_basis_display(),
            }
            for row in consent.preferences(person)
        ],
        "consent_history": [
            {
                "receipt": str(e.receipt),
                "when": _when(e.occurred_at),
                "program": e.program.name,
                "channel": e.channel.name,
                "choice": e.get_action_display(),
                "how": e.get_method_display(),
                "what_you_were_shown": e.notice_text,
                "privacy_policy_version": e.policy_version,
            }
            for e in consent.history(person)
        ],
    }


def build(person: Person, reason: str = "") -> dict[str, Any]:
    """The person's access package as a JSON-ready dict; the build is audited."""
    org = Organisation.current()
    one_off, routine = _disclosures(person)
    package = {
        "generated_at": timezone.localtime().isoformat(),
        "organisation": org.legal_name if org else "",
        "person": {
            "record_number": person.pk,
            "name": person.name,
            "jurisdiction": person.get_jurisdiction_display(),
            "country": person.country.name if person.country else "",
            "organisation": person.client_organisation,
            "role": person.role,
            "notes": person.notes,
        },
        "identities": [{"kind": i.get_kind_display(), "value": i.value} for i in person.identities.all()],
        "systems": [s.name for s in person.systems.all()],
        "collections": _collections(person),
        "where_we_got_your_details": collection.source_statement(person),
        "disclosures": one_off,
        "routine_disclosures": routine,
        **_consents(person),
    }
    chain.append("export", "people.person", person.pk, data={"export": "access_package"}, reason=reason)
    return package


_HISTORY_COLUMNS = (
    "receipt", "when", "program", "channel", "choice", "how", "what_you_were_shown", "privacy_policy_version"
)  # fmt: skip


def _csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    return "".join(csvout.lines(columns, rows))


# What other apps add to a package (the connectors: the person's rows in each connected system). Each
# contributor is given the person and the request and returns a mapping of system name → table name →
# rows; apps register theirs in ``AppConfig.ready`` so that rights depends on none of them.
Contributor = Callable[[Person, Any], dict[str, dict[str, list[dict[str, Any]]]]]
CONTRIBUTORS: list[Contributor] = []
# Files other apps hold for the person, as (system name, file name, content): the export a member of
# staff made by hand from a system without a connector.
Attachment = Callable[[Person, Any], list[tuple[str, str, bytes]]]
ATTACHMENTS: list[Attachment] = []


def build_zip(person: Person, request: Any = None) -> bytes:
    """The package as delivered: a readable HTML summary, the whole package as JSON, and CSV files
    of each list for portability. Only this person's records go in."""
    from privacydesk.rights.models import CorrectionStatement, Note, Request

    data = build(person, reason=f"access package for {request.reference}" if request is not None else "")
    data["correction_statements"] = [
        {"request": st.request.reference, "recorded_at": _when(st.recorded_at), "text": st.text}
        for st in CorrectionStatement.objects.filter(person=person).select_related("request")
    ]
    data["notes_about_your_requests"] = [
        {"request": n.request.reference, "written_at": _when(n.created_at), "text": n.text}
        for n in Note.objects.filter(request__person=person, disclosable=True).select_related("request")
    ]
    data["requests"] = [
        {
            "reference": r.reference,
            "kind": r.get_kind_display(),
            "received_at": _when(r.received_at),
            "status": r.get_status_display(),
            "outcome": r.get_outcome_display() if r.outcome else "",
        }
        for r in Request.objects.filter(person=person).order_by("received_at")
    ]
    other: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for contribute in CONTRIBUTORS:
        other.update(contribute(person, request))
    files: dict[str, list[tuple[str, bytes]]] = {}
    for attach in ATTACHMENTS:
        for system, name, content in attach(person, request):
            files.setdefault(system, []).append((name, content))
    data["other_systems"] = [
        {
            "system": system,
            "tables": [{"table": t, "rows": rows} for t, rows in other.get(system, {}).items() if rows],
            "files": [name for name, _content in files.get(system, [])],
        }
        for system in sorted(set(other) | set(files))
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        summary = render_to_string("rights/package_summary.html", {"p": data, "prepared": timezone.localtime()})
        archive.writestr("summary.html", summary)
        summary_pdf = pdf.render_or_none(summary)
        if summary_pdf is not None:
            archive.writestr("summary.pdf", summary_pdf)
        archive.writestr("package.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr("identities.csv", _csv(["kind", "value"], data["identities"]))
        flat = [{**d, "categories": "; ".join(d["categories"]), "legal_basis": "; ".join(d["legal_basis"])}
                for d in data["disclosures"]]  # fmt: skip
        archive.writestr("disclosures.csv", _csv(list(flat[0]) if flat else ["recipient"], flat))
        rows = [
            {k: ("; ".join(v) if isinstance(v, list) else v) for k, v in c.items() if k != "notice"}
            for c in data["collections"]
        ]
        archive.writestr("collections.csv", _csv(list(rows[0]) if rows else ["collected_at"], rows))
        archive.writestr("consent_history.csv", _csv(list(_HISTORY_COLUMNS), data["consent_history"]))
        archive.writestr(
            "requests.csv", _csv(["reference", "kind", "received_at", "status", "outcome"], data["requests"])
        )
        for held in data["other_systems"]:
            for table in held["tables"]:
                columns = list(table["rows"][0])
                archive.writestr(
                    f"systems/{_file_name(held['system'])}/{_file_name(table['table'])}.csv",
                    _csv(columns, table["rows"]),
                )
            for name, content in files.get(held["system"], []):
                archive.writestr(f"systems/{_file_name(held['system'])}/{_file_name(name)}", content)
    return buffer.getvalue()


def _file_name(name: str) -> str:
    """A system's or table's name as a safe file name inside the archive."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).strip("._")
    return cleaned or "unnamed"
