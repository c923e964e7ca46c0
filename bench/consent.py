"""The consent check API under load, beside the same server's trivial endpoint, and the batch filter
on a million addresses.

    .venv/bin/python bench/consent.py                          # 60 s per scenario, 8 clients, SQLite
    .venv/bin/python bench/consent.py --seconds 20 --database postgres --batch 200000

Part 1 starts ``privacydesk serve`` (gunicorn, production settings, --workers) on a free loopback
port against a scratch database holding --people people (each with an email identity; a third
opted in to a newsletter, some opted out) and, for --seconds each, runs --clients threads against:

  health     GET /health/ — Django's middleware with nothing behind it: the floor
  whoami     GET /api/v1/whoami with the same token — the API stack's trivial endpoint (token lookup,
             django-ninja, JSON): the baseline the issue's goal is measured against
  check      GET /api/v1/consent/check?program=…&email=… with a bearer token scoped consent:check,
             a random known address each time (token lookup, identity, suppression, state, the law)

and prints requests/s, p50/p99 in ms, errors, and each throughput as a share of whoami's (the
issue's goal for check: at least 80%). The load generator runs on the same machine, so every
scenario pays it.

Part 2 times ``consent.batch.filter_addresses`` in-process on --batch addresses (the people's own
plus made-up ones, shuffled) for the newsletter by email (goal: 1,000,000 in under 30 s).
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from server import scratch_env, serving

from portal import get, pct  # the bench folder is not a package

SETUP = """
import random, sys
from datetime import timedelta
from django.utils import timezone
from privacydesk.accounts.models import ApiToken
from privacydesk.accounts.services import create_staff
from privacydesk.consent import services
from privacydesk.consent.models import Channel, ConsentEvent, Program
from privacydesk.people.models import Identity, Person

people = int(sys.argv[1])
rng = random.Random(7)
newsletter = Program.objects.create(
    code="newsletter", name="Newsletter", basis="express_consent", direct_marketing=True
)
email = Channel.objects.get(code="email")
newsletter.channels.set([email])
made = Person.objects.bulk_create(
    [Person(name=f"Bench Person {i}", jurisdiction=rng.choice(["AU", "AU", "NZ", "EU"])) for i in range(people)],
    batch_size=5000,
)
Identity.objects.bulk_create(
    [Identity(person=p, kind="email", value=f"person{i}@example.com.au", normalised=f"person{i}@example.com.au")
     for i, p in enumerate(made)], batch_size=5000,
)
now = timezone.now()
events = []
for p in made:
    if rng.random() < 0.33:
        events.append(ConsentEvent(person=p, program=newsletter, channel=email, action="grant", method="import",
                                   basis="express_consent", jurisdiction=p.jurisdiction, recorded_by="bench",
                                   occurred_at=now - timedelta(days=rng.randint(30, 300))))
        if rng.random() < 0.1:
            events.append(ConsentEvent(person=p, program=newsletter, channel=email, action="withdraw",
                                       method="one_click", basis="express_consent", jurisdiction=p.jurisdiction,
                                       recorded_by="bench", occurred_at=now - timedelta(days=rng.randint(1, 29))))
ConsentEvent.objects.bulk_create(events, batch_size=5000)
services.rebuild_state()
from django.db import connection
if connection.vendor == "postgresql":  # fresh statistics, as autovacuum gives a real database after a bulk load
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
user, _ = create_staff("crm", "crm@example.com.au", ["staff"])
_, raw = ApiToken.issue(user, "crm", scopes=["consent:check"])
print(raw)
"""

BATCH = """
import random, sys, time
from privacydesk.consent import batch, services

people, size = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(11)
addresses = [f"person{rng.randrange(people)}@example.com.au" for _ in range(size // 2)]
addresses += [f"someone{i}@example.net" for i in range(size - len(addresses))]
rng.shuffle(addresses)
program, channel = services.program("newsletter"), services.channel("email")
start = time.perf_counter()
result = batch.filter_addresses("email", addresses, program, channel)
took = time.perf_counter() - start
print(f"{took:.2f} {len(result.allowed)} {result.blocked_total} {dict(result.blocked)}")
"""


def run_for(seconds: float, clients: int, port: int, path_for, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    """Each client keeps one connection open and sends requests back to back until time is up."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(n: int) -> None:
        nonlocal errors
        rng = random.Random(n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad = 0
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                conn.request("GET", path_for(rng), headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            if ok:
                mine.append(time.perf_counter() - start)
            else:
                bad += 1
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="per scenario")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1_000_000, help="addresses for the batch filter (0: skip)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        env = scratch_env(
            tmp,
            args.database,
            {
                "PRIVACYDESK_PRODUCTION": "1",
                "PRIVACYDESK_SECRET_KEY": "bench-" + "x" * 50,
                "PRIVACYDESK_ALLOWED_HOSTS": "127.0.0.1",
                "PRIVACYDESK_SSL_REDIRECT": "0",
                "DJANGO_SETTINGS_MODULE": "privacydesk.settings",
            },
        )
        python = sys.executable
        began = time.perf_counter()
        setup = subprocess.run(  # noqa: S603
            [python, "-c", "import django; django.setup()\n" + SETUP, str(args.people)],
            env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
        token = setup.stdout.strip().splitlines()[-1]
        print(
            f"Consent benchmark: {args.people:,} people, {args.database}, Python {sys.version.split()[0]}, "
            f"{platform.machine()}, {os.cpu_count()} CPUs ({platform.processor() or 'unknown CPU'}); "
            f"set-up {time.perf_counter() - began:.1f} s"
        )
        with serving(env, args.workers, "/health/", get) as port:
            print(f"\nPart 1: gunicorn --workers {args.workers}, {args.clients} clients, {args.seconds:.0f} s each")
            header = f"{'scenario':<8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'req/s vs whoami':>16}"
            print(header)
            print("-" * len(header))
            people = args.people
            auth = {"Authorization": f"Bearer {token}"}
            scenarios = (
                ("health", lambda rng: "/health/", {}),
                ("whoami", lambda rng: "/api/v1/whoami", auth),
                (
                    "check",
                    lambda rng: (
                        f"/api/v1/consent/check?program=newsletter&email=person{rng.randrange(people)}%40example.com.au"
                    ),
                    auth,
                ),
            )
            rates = {}
            for name, path_for, headers in scenarios:
                run_for(min(5.0, args.seconds / 6), args.clients, port, path_for, headers)  # warm up
                latencies, errors, wall = run_for(args.seconds, args.clients, port, path_for, headers)
                rates[name] = (len(latencies) / wall, pct(latencies, 0.5), pct(latencies, 0.99), errors)
            for name, (rate, p50, p99, errors) in rates.items():
                print(f"{name:<8} {rate:>8.0f} {p50:>8.1f} {p99:>8.1f} {errors:>7} {rate / rates['whoami'][0]:>15.0%}")
        if args.batch:
            out = subprocess.run(  # noqa: S603
                [python, "-c", "import django; django.setup()\n" + BATCH, str(args.people), str(args.batch)],
                env=env, check=True, capture_output=True, text=True,
            )  # fmt: skip
            took, allowed, blocked, reasons = out.stdout.strip().split(" ", 3)
            print(f"\nPart 2: batch filter, {args.batch:,} addresses (half known, half not), in-process")
            print(f"  {float(took):.1f} s ({args.batch / float(took):,.0f} addresses/s); "
                  f"{int(allowed):,} allowed, {int(blocked):,} blocked {reasons}; goal under 30 s")  # fmt: skip


if __name__ == "__main__":
    main()
