"""Several writers appending at once (web workers, task workers) still make one unbroken chain."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from privacydesk.audit import chain
from privacydesk.audit.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS, EACH = 4, 40


def test_concurrent_appends_form_one_chain() -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(EACH):
                chain.append("update", "people.person", f"{n}-{i}")
        except BaseException as exc:  # reported to the test thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert AuditEntry.objects.count() == WRITERS * EACH
    result = chain.verify()
    assert result.ok and result.checked == WRITERS * EACH
