"""Register endpoints: the systems list and the whole register as a document."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from privacydesk.api.auth import require
from privacydesk.audit import chain
from privacydesk.register import models as m
from privacydesk.register import yaml_io

router = Router(tags=["register"])


class SystemOut(Schema):
    id: int
    name: str
    vendor: str
    kind: str
    hosting_countries: list[str]
    data_categories: list[str]
    overseas: bool


@router.get("/systems", response=list[SystemOut], summary="Systems where personal information is held")
def systems(request: HttpRequest) -> list[dict[str, Any]]:
    require(request, "register.view_system")
    return [
        {
            "id": s.pk,
            "name": s.name,
            "vendor": s.vendor,
            "kind": s.kind,
            "hosting_countries": [c.code for c in s.hosting_countries],
            "data_categories": [c.code for c in s.data_categories.all()],
            "overseas": bool(s.overseas_countries()),
        }
        for s in m.System.objects.prefetch_related("data_categories")
    ]


@router.get("/document", summary="The whole register, in the YAML import schema, as JSON")
def document(request: HttpRequest) -> dict[str, Any]:
    require(request, "register.export_register")
    chain.append("export", "register", "", summary="register exported through the API")
    return yaml_io.to_document()
