"""On PostgreSQL, refuse UPDATE and DELETE on the audit entry table at the database itself.

Even a bug, an ORM ``QuerySet.update`` or a hand-typed SQL statement under the application's role
cannot rewrite history; only a superuser who first disables the trigger can, and ``audit verify``
catches that. TRUNCATE is left to the table owner (test suites flush with it). SQLite has no
equivalent that survives Django's test flush, so there the chain alone detects tampering.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION privacydesk_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on audit_auditentry refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION privacydesk_audit_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS privacydesk_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)
    apps.get_model("audit", "AuditHead").objects.get_or_create(pk=1)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
