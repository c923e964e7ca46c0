"""Accountability records at scale: routine disclosures against a row per person per night, and the
cost of reading one person's disclosures back.

    .venv/bin/python bench/records.py                          # 20,000 people, a year of nights
    .venv/bin/python bench/records.py --people 5000 --databases sqlite

A nightly sync carrying everyone in the accounting system is recorded as one routine disclosure and
one run row a night. The baseline, measured in the same run, is what recording it per person would
cost: a Disclosure row for each person each night (bulk-inserted, the cheapest way), for --sample
nights and extrapolated to the year. For reads, ``history(person)`` (one-off disclosures plus the
routines whose scope covers them) is timed against the baseline's per-person query over its rows.
Recording a one-off disclosure through the service (which asks the law engine) is timed against a
bare insert of the same row. Ratio: the baseline's cost over ours (above 1, ours is cheaper).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from databases import run_child, targets  # the bench folder is not a package


def child(people: int, nights: int, sample: int, reads: int) -> dict[str, float]:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "privacydesk.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from privacydesk.accountability.models import Disclosure, RoutineRun
    from privacydesk.accountability.services import disclosures
    from privacydesk.accountability.services.disclosures import DisclosureFacts
    from privacydesk.audit.context import acting_as
    from privacydesk.demo import REGISTER_FILE
    from privacydesk.people.models import Person
    from privacydesk.register import yaml_io
    from privacydesk.register.models import DataCategory, Purpose, Recipient, System

    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    yaml_io.import_yaml(REGISTER_FILE.read_text(encoding="utf-8"), REGISTER_FILE.name)
    accounting = System.objects.get(name="Accounting")
    accountant = Recipient.objects.get(name="External accountant")
    billing = DataCategory.objects.get(code="billing")
    purpose = Purpose.objects.get(name="Keeping financial records")
    created = Person.objects.bulk_create(
        [Person(name=f"Client {i}", jurisdiction="AU") for i in range(people)], batch_size=5000
    )
    through = Person.systems.through
    through.objects.bulk_create([through(person_id=p.pk, system_id=accounting.pk) for p in created], batch_size=5000)
    now = timezone.now()
    result: dict[str, float] = {}
    with acting_as("staff:bench"):
        # Routine: defined once, one row a night.
        start = time.perf_counter()
        routine = disclosures.define_routine(
            name="Nightly invoice sync",
            recipient=accountant,
            categories=[billing],
            purpose=purpose,
            reason="Bookkeeping",
            started_on=(now - timedelta(days=nights + 1)).date(),
            facts=DisclosureFacts(collection_purpose=purpose.name),
            source_system=accounting,
            jurisdictions=["au"],
        )
        for night in range(nights, 0, -1):
            disclosures.record_run(routine, now - timedelta(days=night), people)
        result["routine_write"] = time.perf_counter() - start
        result["routine_rows"] = float(RoutineRun.objects.count())

        # Baseline: a Disclosure row per person per night, bulk-inserted, for `sample` nights.
        start = time.perf_counter()
        for night in range(sample, 0, -1):
            rows = [
                Disclosure(
                    person_id=p.pk,
                    recipient=accountant,
                    purpose=purpose,
                    reason="Bookkeeping",
                    disclosed_at=now - timedelta(days=night),
                    country="AU",
                    facts={},
                    basis=routine.basis,
                    recorded_by="bench",
                )
                for p in created
            ]
            made = Disclosure.objects.bulk_create(rows, batch_size=5000)
            links = Disclosure.categories.through
            links.objects.bulk_create(
                [links(disclosure_id=d.pk, datacategory_id=billing.pk) for d in made], batch_size=5000
            )
        result["baseline_write_sample"] = time.perf_counter() - start
        result["baseline_rows_sample"] = float(Disclosure.objects.count())

        # Reads: a person's record, routine-based vs per-person rows.
        rng = random.Random(7)
        chosen = [rng.choice(created) for _ in range(reads)]
        start = time.perf_counter()
        for p in chosen:
            covering = disclosures.routines_covering(p)
            assert covering and covering[0].runs == nights
        result["routine_read"] = time.perf_counter() - start
        start = time.perf_counter()
        for p in chosen:
            rows = list(Disclosure.objects.filter(person_id=p.pk).prefetch_related("categories"))
            assert len(rows) == sample
        result["baseline_read"] = time.perf_counter() - start

        # One-off disclosures through the service (law engine) against a bare insert.
        # Clear the baseline rows without per-row delete signals (which would audit each one).
        Disclosure.categories.through.objects.all()._raw_delete(connection.alias)
        Disclosure.objects.all()._raw_delete(connection.alias)
        one_off = min(500, people)
        start = time.perf_counter()
        for p in created[:one_off]:
            disclosures.record_disclosure(
                person=p,
                recipient=accountant,
                categories=[billing],
                purpose=purpose,
                reason="Reconciliation",
                disclosed_at=now - timedelta(hours=1),
                facts=DisclosureFacts(collection_purpose=purpose.name),
            )
        result["service_write"] = time.perf_counter() - start
        start = time.perf_counter()
        for p in created[:one_off]:
            d = Disclosure.objects.create(
                person_id=p.pk,
                recipient=accountant,
                purpose=purpose,
                reason="Reconciliation",
                disclosed_at=now - timedelta(hours=1),
                country="AU",
                recorded_by="bench",
            )
            d.categories.set([billing])
        result["bare_write"] = time.perf_counter() - start
        result["one_off"] = float(one_off)
    result["vendor_sqlite"] = float(connection.vendor == "sqlite")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--nights", type=int, default=365)
    parser.add_argument("--sample", type=int, default=10, help="nights written per person for the baseline")
    parser.add_argument("--reads", type=int, default=500, help="people whose record is read")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    numbers = [str(args.people), str(args.nights), str(args.sample), str(args.reads)]
    if args.child:
        print(json.dumps(child(args.people, args.nights, args.sample, args.reads)))
        return
    version = sys.version.split()[0]
    print(f"Records benchmark: {args.people:,} people in the synced system, {args.nights} nights, Python {version}")
    print()
    header = f"{'database':<10} {'what':<48} {'ours':>12} {'baseline':>14} {'ratio':>8}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for db, url in targets(args.databases, tmp):
            r = run_child(__file__, url, ["--people", numbers[0], "--nights", numbers[1], "--sample", numbers[2],
                                          "--reads", numbers[3]])  # fmt: skip
            per_night = r["baseline_write_sample"] / args.sample
            year_rows = args.people * args.nights
            year_seconds = per_night * args.nights
            line(db, f"rows for {args.nights} nights", f"{r['routine_rows']:,.0f}", f"{year_rows:,}",
                 year_rows / r["routine_rows"])  # fmt: skip
            line(db, f"seconds to write {args.nights} nights (baseline extrap.)", f"{r['routine_write']:.2f}",
                 f"{year_seconds:.1f}", year_seconds / r["routine_write"])  # fmt: skip
            line(db, f"ms to read one person ({args.sample} baseline nights)",
                 f"{1000 * r['routine_read'] / args.reads:.2f}", f"{1000 * r['baseline_read'] / args.reads:.2f}",
                 r["baseline_read"] / r["routine_read"])  # fmt: skip
            line(db, "one-off disclosures/s: service vs bare insert", f"{r['one_off'] / r['service_write']:,.0f}",
                 f"{r['one_off'] / r['bare_write']:,.0f}", r["bare_write"] / r["service_write"])  # fmt: skip


def line(db: str, what: str, routine: str, baseline: str, ratio: float) -> None:
    print(f"{db:<10} {what:<48} {routine:>12} {baseline:>14} {ratio:>8,.1f}")


if __name__ == "__main__":
    main()
