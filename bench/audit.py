"""Audit log speed: append rate and `audit verify` time, beside the bare SHA-256 floor.

    .venv/bin/python bench/audit.py                      # 1,000,000 entries on SQLite and PostgreSQL
    .venv/bin/python bench/audit.py --entries 100000 --databases sqlite

For each database it measures, in one run:
  * single appends through ``chain.append`` (one transaction each, as the application writes them);
  * bulk appends through ``chain.append_many`` (imports, demo data) up to --entries;
  * ``chain.verify`` over all --entries;
and, as the floor for each, the time to compute the same number of SHA-256 digests of canonical JSON
in a bare loop. Ratios are time / floor: how much the database and ORM add to the hashing itself.

PostgreSQL uses a scratch database ``privacydesk_bench`` (created if missing) on
postgres://postgres@127.0.0.1:5432; SQLite a file in a temporary directory.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from databases import run_child, targets  # the bench folder is not a package


def floor(n: int) -> float:
    """Seconds to hash n audit-shaped payloads with nothing else going on."""
    at = datetime.now(UTC).isoformat()
    start = time.perf_counter()
    prev = "0" * 64
    for i in range(n):
        payload = {
            "seq": i + 1,
            "at": at,
            "actor": "staff:bench",
            "action": "update",
            "object_type": "people.person",
            "object_id": str(i),
            "summary": "",
            "reason": "bench",
            "data": {"fields": ["name"]},
            "prev": prev,
        }
        text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        prev = hashlib.sha256(text.encode()).hexdigest()
    return time.perf_counter() - start


def child(entries: int, sample: int) -> dict[str, float]:
    """Runs inside a process whose DATABASE_URL names the database under test."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "privacydesk.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from privacydesk.audit import chain
    from privacydesk.audit.context import acting_as
    from privacydesk.audit.models import AuditEntry, AuditHead

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE audit_auditentry")
        else:
            cursor.execute("DELETE FROM audit_auditentry")
    AuditHead.objects.update_or_create(pk=1, defaults={"seq": 0, "hash": chain.GENESIS})

    with acting_as("staff:bench", reason="bench"):
        start = time.perf_counter()
        for i in range(sample):
            chain.append("update", "people.person", i, data={"fields": ["name"]})
        single = time.perf_counter() - start

        remaining = entries - sample
        start = time.perf_counter()
        done = 0
        while done < remaining:
            size = min(100_000, remaining - done)
            chain.append_many(
                chain.Event("update", "people.person", str(done + j), data={"fields": ["name"]}) for j in range(size)
            )
            done += size
        bulk = time.perf_counter() - start

    assert AuditEntry.objects.count() == entries
    start = time.perf_counter()
    result = chain.verify(chunk_size=20_000)
    verify = time.perf_counter() - start
    assert result.ok, result.problem
    return {"single": single, "bulk": bulk, "verify": verify, "remaining": float(remaining)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=5_000, help="entries appended one transaction at a time")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.entries, args.sample)))
        return

    version = sys.version.split()[0]
    print(f"Audit log benchmark: {args.entries:,} entries ({args.sample:,} appended singly), Python {version}")
    sample_floor = floor(args.sample)
    bulk_floor = floor(args.entries - args.sample)
    verify_floor = floor(args.entries)
    print(f"floor: SHA-256 of canonical JSON, bare loop: {args.entries / verify_floor:,.0f} digests/s")
    print()
    header = f"{'database':<10} {'what':<34} {'entries/s':>12} {'seconds':>9} {'floor s':>9} {'x floor':>8}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for db, url in targets(args.databases, tmp):
            r = run_child(__file__, url, ["--entries", str(args.entries), "--sample", str(args.sample)])
            rows = [
                ("append, one transaction each", args.sample, r["single"], sample_floor),
                ("append_many (bulk)", r["remaining"], r["bulk"], bulk_floor),
                ("audit verify", args.entries, r["verify"], verify_floor),
            ]
            for what, n, seconds, base in rows:
                print(f"{db:<10} {what:<34} {n / seconds:>12,.0f} {seconds:>9.2f} {base:>9.2f} {seconds / base:>8.1f}")


if __name__ == "__main__":
    main()
