"""What an API token may do, narrower than its service account's roles.

A token with no scopes may do whatever its account's roles allow (the console's tokens before
scopes existed). A scoped token may use only the permissions its scopes name, and only those the
account also holds: a scope never grants more than the roles do.
"""

from __future__ import annotations

SCOPES: dict[str, tuple[str, list[str]]] = {
    "consent:check": (
        "Ask whether a program may be sent, filter a mailing list",
        ["consent.check_consent", "consent.view_program", "consent.view_publicationpermission"],
    ),
    "consent:record": (
        "Record consent choices and get unsubscribe headers",
        ["consent.add_consentevent", "consent.view_program", "consent.check_consent"],
    ),
    "consent:sync": (
        "A mailing system: fetch the opt-outs it must apply and confirm them",
        ["consent.view_propagation", "consent.change_propagation"],
    ),
    "people:read": ("Find people and read their records", ["people.view_person", "people.view_person_limited"]),
    "people:write": ("Add and change people", ["people.add_person", "people.change_person", "people.add_identity"]),
    "requests": (
        "Log, work and decide individuals' requests",
        ["rights.view_request", "rights.change_request", "rights.decide_request"],
    ),
    "records": (
        "Log disclosures, collections and staff access to clients' systems",
        [
            "accountability.add_disclosure",
            "accountability.view_disclosure",
            "accountability.add_collection",
            "accountability.add_clientaccess",
            "accountability.view_clientaccess",
        ],
    ),
    "register:read": ("Read the register", ["register.view_system", "register.view_datacategory"]),
    "scan": ("Find and redact personal information in text", ["scanning.scan_text"]),
}

CHOICES = [(name, f"{name} — {label}") for name, (label, _) in SCOPES.items()]


def permissions(scopes: list[str]) -> set[str]:
    """The permissions these scopes allow (an unknown scope allows nothing)."""
    return {perm for name in scopes for perm in SCOPES.get(name, ("", []))[1]}
