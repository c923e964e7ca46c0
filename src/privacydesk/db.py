"""One helper for the two queries that run on every API call (the token lookup and the consent
check): plain SQL, and on PostgreSQL a prepared statement with a generic plan, so the server plans it
once per connection. Planning these joins took ~0.5 ms a call on the development machine against
~0.1 ms to run them.

Django talks to psycopg with client-side binding, which cannot prepare, so these queries use a
server-side-binding cursor on the same connection; `plan_cache_mode = force_generic_plan` is set on
each new connection and only affects prepared statements, i.e. only these. Measured in-process on the
bench database: the check's query 0.12 ms prepared against 0.63 ms planned every time. Set
PRIVACYDESK_PG_PREPARED=0 behind a pooler that cannot keep prepared statements (PgBouncer in
transaction mode before 1.21).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def _prepared() -> bool:
    return connection.vendor == "postgresql" and settings.PRIVACYDESK_PG_PREPARED


@receiver(connection_created)
def _generic_plans(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "postgresql" and settings.PRIVACYDESK_PG_PREPARED:
        # Django turns psycopg's prepared statements off (prepare_threshold None); its own cursors
        # bind client-side and never prepare, so turning them back on touches only ours.
        connection.connection.prepare_threshold = 5
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")


def fetchone(sql: str, params: list[Any]) -> tuple[Any, ...] | None:
    """The first row of ``sql`` (``%s`` placeholders), prepared on PostgreSQL."""
    if _prepared():
        import psycopg

        connection.ensure_connection()
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, params, prepare=True)
            row = cursor.fetchone()
        return tuple(row) if row is not None else None
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    return tuple(found) if found is not None else None


def aware(value: object) -> datetime | None:
    """A datetime column from a raw row: SQLite hands back naive UTC (or text), PostgreSQL aware."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if isinstance(value, datetime) and timezone.is_naive(value):
        return value.replace(tzinfo=UTC)
    return value if isinstance(value, datetime) else None
