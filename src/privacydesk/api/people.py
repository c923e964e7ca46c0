"""People endpoints: find a person by any identity, read them (audited), add them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from privacydesk.accountability.services import collection
from privacydesk.api.auth import require
from privacydesk.api.errors import ErrorsOut, validation_errors
from privacydesk.audit import chain
from privacydesk.people import services
from privacydesk.people.models import Person
from privacydesk.rights import package

router = Router(tags=["people"])


class IdentityIO(Schema):
    kind: str = Field(description="email, phone, customer_number or other")
    value: str
    label: str = ""


class PersonOut(Schema):
    id: int
    name: str
    jurisdiction: str
    client_organisation: str
    identities: list[IdentityIO]


class PersonIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    jurisdiction: str = "AU"
    country: str = ""
    client_organisation: str = ""
    role: str = ""
    identities: list[IdentityIO] = []


def _out(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "name": person.name,
        "jurisdiction": person.jurisdiction,
        "client_organisation": person.client_organisation,
        "identities": [{"kind": i.kind, "value": i.value, "label": i.label} for i in person.identities.all()],
    }


@router.get("/", response=list[PersonOut], summary="Find people by email, phone, reference or name")
def find(request: HttpRequest, q: str) -> list[dict[str, Any]]:
    require(request, "people.view_person_limited")
    people = list(services.find(q).prefetch_related("identities")[:50])
    chain.append("search", "people.person", "", data={"results": len(people), "via": "api"})
    return [_out(p) for p in people]


@router.get("/{person_id}", response=PersonOut, summary="One person (the view is audited)")
def read(request: HttpRequest, person_id: int, reason: str = "") -> dict[str, Any]:
    require(request, "people.view_person_limited")
    person = get_object_or_404(services.active(), pk=person_id)
    chain.record_view(person, what="api", reason=reason or "not stated")
    return _out(person)


@router.post("/", response={201: PersonOut, 422: ErrorsOut}, summary="Add a person with their identities")
def create(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    require(request, "people.add_person")
    fields = payload.dict(exclude={"identities"})
    identities = [services.IdentityInput(**i.dict()) for i in payload.identities]
    try:
        person = services.create_person(identities=identities, **fields)
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(201, _out(person))


class SourceOut(Schema):
    collected_at: datetime
    how: str
    source: str
    categories: list[str]


class SourcesOut(Schema):
    statement: str = Field(description='The answer to "where did you get my details?" (APP 7.7(b))')
    sources: list[SourceOut]


@router.get("/{person_id}/sources", response=SourcesOut, summary="Where we got this person's details (audited)")
def sources(request: HttpRequest, person_id: int) -> dict[str, Any]:
    require(request, "accountability.view_collection")
    person = get_object_or_404(services.active(), pk=person_id)
    chain.record_view(person, what="sources", reason="api")
    return {
        "statement": collection.source_statement(person),
        "sources": [vars(s) for s in collection.sources(person)],
    }


@router.get("/{person_id}/package", response=dict[str, Any], summary="The person's access package (audited)")
def access_package(request: HttpRequest, person_id: int, reason: str = "access request") -> dict[str, Any]:
    require(request, "people.view_person")
    person = get_object_or_404(services.active(), pk=person_id)
    return package.build(person, reason=reason)
