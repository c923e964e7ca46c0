"""Shared by the database benchmarks: scratch databases, and running a measurement in a child process
whose DATABASE_URL names the database under test (Django settings are read once per process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/privacydesk_bench"


def ensure_pg_database() -> bool:
    """Create the scratch PostgreSQL database if missing; False (with a message) if PostgreSQL is down."""
    try:
        import psycopg
    except ImportError:
        return False
    try:
        with psycopg.connect(PG_ADMIN.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'privacydesk_bench'").fetchone()
            if not exists:
                conn.execute("CREATE DATABASE privacydesk_bench")
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL unavailable ({exc}); skipping it.", file=sys.stderr)
        return False
    return True


def targets(names: str, tmp: str) -> list[tuple[str, str]]:
    """(name, DATABASE_URL) for each of the comma-separated database names that is available."""
    found = []
    for db in names.split(","):
        if db == "sqlite":
            found.append(("sqlite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"))
        elif db == "postgres" and ensure_pg_database():
            found.append(("postgres", PG_BENCH))
    return found


def run_child(script: str, url: str, args: list[str]) -> dict[str, float]:
    """Run ``script --child args`` against ``url`` and return the JSON dict it prints last."""
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run(  # noqa: S603 - our own script, our own arguments
        [sys.executable, script, "--child", *args], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"{script} failed on {url}:\n{out.stderr[-4000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))
