"""Checking that every processor in the register works under current privacy terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from privacydesk.accountability.models import Agreement
from privacydesk.register.models import System

EXPIRY_WARNING_DAYS = 60


@dataclass
class SystemTerms:
    system: System
    status: str  # current, expiring, expired, none
    agreements: list[Agreement] = field(default_factory=list)
    missing_terms: list[str] = field(default_factory=list)

    @property
    def problem(self) -> bool:
        return self.status in {"expired", "none"}

    @property
    def message(self) -> str:
        if self.status == "none":
            return "No agreement with privacy terms covers this processor."
        if self.status == "expired":
            ended = max((a.expires_on for a in self.agreements if a.expires_on), default=None)
            return f"Its privacy terms expired on {ended:%d %B %Y}." if ended else "Its privacy terms are not in force."
        if self.status == "expiring":
            ends = min(a.expires_on for a in self.agreements if a.expires_on and a.current_on(date.today()))
            return f"Its privacy terms expire on {ends:%d %B %Y}."
        if self.missing_terms:
            return "Current terms, but they lack: " + "; ".join(self.missing_terms) + "."
        return "Current terms."


def processor_terms(today: date | None = None) -> list[SystemTerms]:
    """For every processor system: are its privacy terms current, expiring soon, expired or absent?"""
    today = today or date.today()
    result = []
    systems = System.objects.filter(kind=System.PROCESSOR).prefetch_related("agreements__party").order_by("name")
    for system in systems:
        agreements = list(system.agreements.all())
        current = [a for a in agreements if a.current_on(today)]
        if current:
            soon = today + timedelta(days=EXPIRY_WARNING_DAYS)
            lasting = [a for a in current if a.expires_on is None or a.expires_on > soon]
            status = "current" if lasting else "expiring"
            best = (lasting or current)[0]
            result.append(SystemTerms(system, status, agreements, best.missing_terms))
        else:
            result.append(SystemTerms(system, "expired" if agreements else "none", agreements))
    return result
