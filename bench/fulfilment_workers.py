"""Throughput of queued fulfilment: 1,000 access requests, each a durable step against the helpdesk
of ``bench/fulfilment.py``, run by one worker process and then by two (``privacydesk connectors run``,
which claims steps with a conditional update, as ``privacydesk worker`` does).

    .venv/bin/python bench/fulfilment.py --contacts 100000 --tickets 500000 --keep   # the helpdesk
    .venv/bin/python bench/fulfilment_workers.py                                      # then this

privacydesk's own database is a fresh PostgreSQL database (``--database``, created and dropped here):
several workers need a database that takes concurrent writers, which SQLite does not.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    parser.add_argument("--helpdesk", default="test", help="the database bench/fulfilment.py --keep left")
    parser.add_argument("--database", default="privacydesk_bench_workers")
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()

    admin = create_engine(f"{args.server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{args.database}"')
        c.exec_driver_sql(f'CREATE DATABASE "{args.database}"')
    helpdesk_url = f"{args.server}/{args.helpdesk}"
    with create_engine(helpdesk_url).connect() as c:
        contacts = c.execute(text("SELECT count(*) FROM bench_contacts")).scalar_one()
    var = tempfile.mkdtemp(prefix="privacydesk-bench-")
    env = {
        **os.environ,
        "DATABASE_URL": f"{args.server.replace('postgresql+psycopg', 'postgres')}/{args.database}",
        "PRIVACYDESK_VAR_DIR": var,
        "DJANGO_SETTINGS_MODULE": "privacydesk.settings",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from fulfilment import DESCRIPTOR

    from privacydesk.connectors import services
    from privacydesk.connectors.models import Job, Step
    from privacydesk.people.models import Identity, Person
    from privacydesk.register.models import System
    from privacydesk.rights.models import Request

    call_command("migrate", verbosity=0)
    services.add_connection(System.objects.create(name="Helpdesk"), "helpdesk", helpdesk_url, DESCRIPTOR)
    step = max(1, contacts // args.requests)
    people = Person.objects.bulk_create(
        Person(name=f"Bench person {i}", jurisdiction="AU") for i in range(args.requests)
    )
    Identity.objects.bulk_create(
        Identity(
            person=p,
            kind="email",
            value=f"person{1 + i * step}@example.com.au",
            normalised=f"person{1 + i * step}@example.com.au",
        )
        for i, p in enumerate(people)
    )
    now = timezone.now()
    made = Request.objects.bulk_create(
        Request(
            reference=f"B-{i:06d}", kind="access", jurisdiction="au", requester_name=p.name,
            requester_email=f"person{1 + i * step}@example.com.au", received_at=now, status=Request.OPEN, person=p,
        )
        for i, p in enumerate(people)
    )  # fmt: skip
    for request in made:
        services.start(request, Job.ACCESS)
    print(f"# {args.requests:,} queued access requests against a helpdesk of {contacts:,} contacts")
    results = {}
    for workers in (1, 2):
        Step.objects.update(status=Step.QUEUED, attempts=0, next_attempt_at=now, result={}, error="")
        started = time.perf_counter()
        command = [str(ROOT / ".venv/bin/privacydesk"), "connectors", "run"]
        runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) for _ in range(workers)]  # noqa: S603
        done = [int(r.communicate()[0].split()[1]) for r in runs]
        elapsed = time.perf_counter() - started
        assert sum(done) == args.requests, done
        assert Step.objects.filter(status=Step.SUCCEEDED).count() == args.requests
        results[workers] = args.requests / elapsed
        label = f"{workers} worker{'s' if workers > 1 else ' '}"
        print(f"{label}: {elapsed:6.1f} s, {results[workers]:6.1f} requests/s  (steps per worker: {done})")
    print(f"two workers / one: {results[2] / results[1]:.2f}×")
    from django.db import connections

    connections.close_all()
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE "{args.database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
