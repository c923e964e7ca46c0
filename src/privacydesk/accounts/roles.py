"""Staff roles as Django groups, each with the least set of permissions it needs.

Roles are data kept in step with this table after every migrate, so a permission added in code
reaches every installation. A user may hold more than one role.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

PRIVACY_OFFICER = "privacy_officer"
STAFF = "staff"
AUDITOR = "auditor"
ADMINISTRATOR = "administrator"

ROLE_LABELS = {
    PRIVACY_OFFICER: "Privacy officer",
    STAFF: "Staff",
    AUDITOR: "Auditor",
    ADMINISTRATOR: "Administrator",
}

_REGISTER_MODELS = [
    "organisation",
    "datacategory",
    "subjecttype",
    "system",
    "purpose",
    "recipient",
    "transfer",
    "retentionrule",
    "processingactivity",
    "automateddecision",
]


_RECORD_MODELS = [
    "disclosure",
    "routinedisclosure",
    "routinerun",
    "collectionpoint",
    "notice",
    "collection",
    "clientorganisation",
    "clientsystem",
    "clientaccess",
    "agreement",
    "staffdocument",
    "staffdocumentversion",
    "acknowledgement",
]


def _crud(app: str, models: list[str], actions: tuple[str, ...] = ("view", "add", "change", "delete")) -> list[str]:
    return [f"{app}.{action}_{model}" for model in models for action in actions]


ROLE_PERMISSIONS: dict[str, list[str]] = {
    PRIVACY_OFFICER: [
        *_crud("register", _REGISTER_MODELS),
        "register.export_register",
        "register.import_register",
        *_crud("people", ["person", "identity"]),
        "people.view_person_limited",
        "people.merge_person",
        "audit.view_auditentry",
        "audit.verify_chain",
        *_crud("auth", ["user"], ("view", "add", "change")),
        *_crud("accounts", ["apitoken"], ("view", "add", "delete")),
        *_crud("accountability", _RECORD_MODELS, ("view", "add", "change")),
        "accountability.export_disclosure",
        "rights.view_request",
        "rights.change_request",
        "rights.decide_request",
        *_crud("consent", ["program", "channel"], ("view", "add", "change")),
        *_crud("consent", ["consentevent"], ("view", "add")),
        *_crud("consent", ["propagation"], ("view", "change")),
        *_crud("consent", ["consentimport"], ("view", "add")),
        *_crud("consent", ["publicationpermission", "cookiesite"], ("view", "add", "change")),
        "consent.check_consent",
        "consent.export_consent",
        "scanning.scan_text",
        "connectors.do_manual_step",
        "connectors.view_evidence",
        *_crud("connectors", ["connection"], ("view", "add", "change")),
        *_crud("retention", ["legalhold", "disposalrun"], ("view", "add", "change")),
        "retention.approve_disposalrun",
        *_crud("breaches", ["breach"], ("view", "add", "change")),
        *_crud("policy", ["policyversion"], ("view", "add")),
        "policy.add_policyreview",
    ],
    STAFF: [
        *_crud("register", _REGISTER_MODELS, ("view",)),
        "people.view_person_limited",
        "people.add_person",
        "people.add_identity",
        # Staff record what they do: disclosures, where information came from, access to clients' systems.
        "accountability.add_disclosure",
        "accountability.view_collectionpoint",
        "accountability.add_collection",
        "accountability.view_clientorganisation",
        "accountability.view_clientsystem",
        "accountability.add_clientaccess",
        *_crud("consent", ["program", "channel", "consentevent"], ("view",)),
        "consent.add_consentevent",
        "consent.check_consent",
        *_crud("consent", ["propagation"], ("view", "change")),
        "consent.view_publicationpermission",
        "scanning.scan_text",  # staff redact tickets before they are stored
        "connectors.do_manual_step",  # only the steps assigned to them
    ],
    AUDITOR: [
        *_crud("register", _REGISTER_MODELS, ("view",)),
        "register.export_register",
        "people.view_person",
        "people.view_person_limited",
        "people.view_identity",
        "audit.view_auditentry",
        "audit.verify_chain",
        "auth.view_user",
        *_crud("accountability", _RECORD_MODELS, ("view",)),
        "accountability.export_disclosure",
        "rights.view_request",
        *_crud(
            "consent",
            ["program", "channel", "consentevent", "propagation", "publicationpermission", "cookiesite"],
            ("view",),
        ),
        "consent.export_consent",
        "connectors.view_evidence",
        "connectors.view_connection",
        *_crud("retention", ["legalhold", "disposalrun"], ("view",)),
        "breaches.view_breach",
        "policy.view_policyversion",
    ],
    ADMINISTRATOR: [
        "register.view_organisation",
        "register.change_organisation",
        *_crud("auth", ["user"], ("view", "add", "change")),
        *_crud("accounts", ["apitoken"], ("view", "add", "delete")),
    ],
}


def ensure_roles(**kwargs: Any) -> None:
    """Create or update each role's group so it holds exactly the permissions listed above.

    Runs after every app's migrations; permissions of apps migrated later in the same run are
    created first so the order of INSTALLED_APPS does not matter.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for name in names:
            app_label, codename = name.split(".", 1)
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is None:
                raise LookupError(f"Role {role} names a permission that does not exist: {name}")
            wanted.append(perm)
        group.permissions.set(wanted)


def roles_of(user: Any) -> list[str]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [g for g in user.groups.values_list("name", flat=True) if g in ROLE_LABELS]
