"""The four channels every organisation has, and (on PostgreSQL) a trigger that makes the consent
ledger append-only at the database, as the audit log is: an UPDATE or DELETE of a consent event is
refused whoever sends it. TRUNCATE is left to the table owner (test suites flush with it)."""

from django.db import migrations

CHANNELS = [
    ("email", "Email", "email", True),
    ("sms", "SMS", "phone", True),
    ("phone", "Phone call", "phone", False),
    ("post", "Post", "post", False),
]

FORWARD = """
CREATE OR REPLACE FUNCTION privacydesk_consent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the consent ledger is append-only: % on consent_consentevent refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS consent_event_append_only ON consent_consentevent;
CREATE TRIGGER consent_event_append_only BEFORE UPDATE OR DELETE ON consent_consentevent
    FOR EACH ROW EXECUTE FUNCTION privacydesk_consent_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS consent_event_append_only ON consent_consentevent;
DROP FUNCTION IF EXISTS privacydesk_consent_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)
    Channel = apps.get_model("consent", "Channel")
    for code, name, address_kind, electronic in CHANNELS:
        Channel.objects.get_or_create(
            code=code, defaults={"name": name, "address_kind": address_kind, "electronic_message": electronic}
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
