"""Audit endpoint: verify the chain (for monitoring)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from privacydesk.api.auth import require
from privacydesk.audit import chain

router = Router(tags=["audit"])


class VerifyOut(Schema):
    ok: bool
    checked: int
    problem: str
    first_bad_seq: int | None


@router.post("/verify", response=VerifyOut, summary="Verify the audit log's hash chain")
def verify(request: HttpRequest) -> chain.VerifyResult:
    require(request, "audit.verify_chain")
    result = chain.verify()
    chain.append("verify", "audit.chain", "", data={"ok": result.ok, "checked": result.checked})
    return result
