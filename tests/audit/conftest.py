import pytest
from django.db import connection

from privacydesk.audit import chain
from privacydesk.audit.models import AuditHead


@pytest.fixture(autouse=True)
def empty_audit_log(django_db_blocker) -> None:  # type: ignore[no-untyped-def]
    """Start each audit test from an empty log (migrate's seeding writes an entry), so sequence
    numbers in the tests are the ones the test wrote."""
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE audit_auditentry")
        else:
            cursor.execute("DELETE FROM audit_auditentry")
    AuditHead.objects.update_or_create(pk=1, defaults={"seq": 0, "hash": chain.GENESIS})
