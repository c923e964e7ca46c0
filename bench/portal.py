"""Portal latency under concurrent load, on loopback, beside the same server's static-file baseline.

    .venv/bin/python bench/portal.py                       # 8 clients, 400 requests per scenario, SQLite
    .venv/bin/python bench/portal.py --clients 16 --requests 1000 --database postgres

It starts ``privacydesk serve`` (gunicorn, --workers) on a free port against a scratch database with
the demo register, then for each scenario runs --clients threads until --requests are done:

  static     GET a stylesheet (WhiteNoise): the server's floor
  form       GET /privacy/request/ (a rendered page with a CSRF token)
  submit     POST a request (form fetched first, not timed): validation, the law engine's clock,
             the database write, the audit entry and the verification email (written to files)

and prints p50/p95/p99 in milliseconds, requests per second, errors, and p50 as a multiple of the
static p50. Mail goes to the file backend under the scratch directory, so no SMTP time is counted.
"""

from __future__ import annotations

import argparse
import http.client
import re
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from server import scratch_env, serving  # the bench folder is not a package

VENV_BIN = Path(sys.executable).parent
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def get(port: int, path: str) -> tuple[int, bytes, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        cookie = response.getheader("Set-Cookie") or ""
        return response.status, response.read(), cookie
    finally:
        conn.close()


def static(port: int) -> Callable[[int], int]:
    return lambda i: get(port, "/static/privacydesk/console.css")[0]


def form(port: int) -> Callable[[int], int]:
    return lambda i: get(port, "/privacy/request/")[0]


def submit(port: int) -> Callable[[int], tuple[int, float]]:
    def one(i: int) -> tuple[int, float]:
        _, body, cookie = get(port, "/privacy/request/")
        token = TOKEN.search(body.decode())
        csrf = re.search(r"csrftoken=([^;]+)", cookie)
        if not token or not csrf:
            return 0, 0.0
        fields = {
            "csrfmiddlewaretoken": token.group(1),
            "kind": "access",
            "requester_name": f"Bench Requester {i}",
            "requester_email": f"bench{i}@example.com.au",
            "country": "AU",
        }
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start = time.perf_counter()
        try:
            conn.request(
                "POST",
                "/privacy/request/",
                urllib.parse.urlencode(fields),
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={csrf.group(1)}",
                    "Referer": f"http://127.0.0.1:{port}/privacy/request/",
                },
            )
            status = conn.getresponse().status
        finally:
            conn.close()
        return status, time.perf_counter() - start

    return one


def load(call: Callable[[int], object], clients: int, total: int, ok: set[int]) -> tuple[list[float], int, float]:
    """Run ``call`` ``total`` times from ``clients`` threads; latencies (s), errors, wall seconds."""
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    lock = threading.Lock()

    def worker() -> None:
        nonlocal errors
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            start = time.perf_counter()
            try:
                result = call(i)
            except OSError:
                result = 0
            took = time.perf_counter() - start
            if isinstance(result, tuple):
                result, took = result
            with lock:
                if result in ok:
                    latencies.append(took)
                else:
                    errors += 1

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - began


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="per scenario")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        env = scratch_env(
            tmp,
            args.database,
            {"PRIVACYDESK_DEBUG": "0", "PRIVACYDESK_PORTAL_SUBMISSIONS_PER_HOUR": str(10 * args.requests)},
        )
        with serving(env, args.workers, "/privacy/", get) as port:
            print(
                f"Portal benchmark: {args.clients} concurrent clients, {args.requests} requests per scenario, "
                f"gunicorn --workers {args.workers}, {args.database}, Python {sys.version.split()[0]}"
            )
            print()
            columns = ("p50 ms", "p95 ms", "p99 ms", "req/s")
            header = f"{'scenario':<10} " + " ".join(f"{c:>8}" for c in columns) + f" {'errors':>7} {'p50/static':>11}"
            print(header)
            print("-" * len(header))
            base = None
            for name, call, ok in (
                ("static", static(port), {200}),
                ("form", form(port), {200}),
                ("submit", submit(port), {302}),
            ):
                load(call, args.clients, max(20, args.requests // 10), ok)  # warm up
                latencies, errors, wall = load(call, args.clients, args.requests, ok)
                p50 = pct(latencies, 0.5)
                base = base or p50
                print(
                    f"{name:<10} {p50:>8.1f} {pct(latencies, 0.95):>8.1f} {pct(latencies, 0.99):>8.1f} "
                    f"{len(latencies) / wall:>8.0f} {errors:>7} {p50 / base:>11.1f}"
                )


if __name__ == "__main__":
    main()
