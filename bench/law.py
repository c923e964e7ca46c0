"""Law engine speed: deadline computations per second on one core, beside a floor.

    .venv/bin/python bench/law.py [--n 200000]

The floor is the least any deadline must do: convert the start to the jurisdiction's zone and add a
timedelta. Each mix runs ``--n`` deadlines over starts spread across 2026-2027 (so the holiday caches
for both years are warm after the first few) and prints rate and time relative to the floor.
Target from issue 3: at least 50,000 deadlines/s on one core. Decisions are timed too, from already
validated input (as the API hands them over) and from a plain dict (as the CLI reads JSON).
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from privacydesk.law import DUTIES, DecisionInput, deadline, decide

MIXES = {
    "nz access (20 working days)": [("nz", "access_response", None)],
    "au breach assessment (30 days + roll, NSW)": [("au", "breach_assessment", "NSW")],
    "au unsubscribe (5 working days, VIC)": [("au", "unsubscribe", "VIC")],
    "eu access (1 month + roll, IE)": [("eu", "access_response", "IE")],
    "eu 72 hours": [("eu", "breach_notify_regulator", "DE")],
    "all duties, all jurisdictions": [
        (j, d, s) for j, s in (("au", "NSW"), ("nz", None), ("eu", "IE")) for d in DUTIES
    ],
}


def starts(n: int) -> list[datetime]:
    base = datetime(2026, 1, 1, 9, 30, tzinfo=ZoneInfo("UTC"))
    return [base + timedelta(hours=(i * 7) % (2 * 365 * 24)) for i in range(n)]


def floor(moments: list[datetime]) -> float:
    tz = ZoneInfo("Pacific/Auckland")
    begin = time.perf_counter()
    for m in moments:
        _ = m.astimezone(tz).date() + timedelta(days=30)
    return time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200_000)
    args = parser.parse_args()
    moments = starts(args.n)
    for m in moments[:2000]:  # warm the holiday caches, as a long-running process has them
        for place in MIXES["all duties, all jurisdictions"]:
            deadline(place[0], place[1], m, place[2])
    base = floor(moments)
    print(f"Law engine benchmark: {args.n:,} deadlines per mix, one core")
    print(f"floor (zone conversion + timedelta): {args.n / base:,.0f}/s")
    print()
    print(f"{'mix':<44} {'deadlines/s':>12} {'seconds':>8} {'x floor':>8}")
    print("-" * 75)
    for name, places in MIXES.items():
        count = len(places)
        begin = time.perf_counter()
        for i, m in enumerate(moments):
            j, d, s = places[i % count]
            deadline(j, d, m, s)
        seconds = time.perf_counter() - begin
        print(f"{name:<44} {args.n / seconds:>12,.0f} {seconds:>8.2f} {seconds / base:>8.1f}")
    bench_decisions(args.n // 4)


DECISIONS = [
    {"regimes": ["au", "nz", "eu"], "collection_purpose": "support", "proposed_purpose": "support",
     "gdpr_basis": "contract", "action": "disclosure",
     "recipient": {"country": "US", "contract_requires_app_compliance": True, "gdpr_safeguard": "scc"}},
    {"regimes": ["au"], "collection_purpose": "support", "proposed_purpose": "newsletter", "direct_marketing": True,
     "electronic_message": True, "consent": {"given": True}},
    {"regimes": ["eu"], "collection_purpose": "hr", "proposed_purpose": "hr", "sensitive": True,
     "consent": {"given": True, "express": True}, "on": "2026-11-23"},
]  # fmt: skip


def bench_decisions(n: int) -> None:
    validated = [DecisionInput.model_validate(d) for d in DECISIONS]
    print()
    print(f"{'decisions':<44} {'decisions/s':>12} {'seconds':>8}")
    print("-" * 66)
    for name, inputs in (("validated input (API)", validated), ("from a dict (CLI JSON)", DECISIONS)):
        begin = time.perf_counter()
        for i in range(n):
            decide(inputs[i % len(inputs)])
        seconds = time.perf_counter() - begin
        print(f"{name:<44} {n / seconds:>12,.0f} {seconds:>8.2f}")


if __name__ == "__main__":
    main()
