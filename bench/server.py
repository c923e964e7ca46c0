"""A scratch privacydesk for a benchmark: a database with the demo register, and the production
server (``privacydesk serve``, gunicorn) on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from databases import PG_BENCH, ensure_pg_database

VENV_BIN = Path(sys.executable).parent
CLI = str(VENV_BIN / "privacydesk")
REGISTER = Path(__file__).parent.parent / "src" / "privacydesk" / "demo_register.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def scratch_env(tmp: str, database: str, extra: dict[str, str]) -> dict[str, str]:
    """Environment for a scratch installation under ``tmp``, migrated and holding the demo register."""
    url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
    if database == "postgres":
        if not ensure_pg_database():
            raise SystemExit("PostgreSQL is not available")
        _empty_pg_database()
        url = PG_BENCH
    env = {**os.environ, "DATABASE_URL": url, "PRIVACYDESK_VAR_DIR": tmp, **extra}
    subprocess.run([CLI, "migrate"], env=env, check=True, capture_output=True)  # noqa: S603
    subprocess.run([CLI, "register", "import", str(REGISTER)], env=env, check=True, capture_output=True)  # noqa: S603
    return env


def _empty_pg_database() -> None:
    """Start from an empty scratch database: an earlier run's rows would change what is measured."""
    import psycopg

    with psycopg.connect(PG_BENCH.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


@contextmanager
def serving(env: dict[str, str], workers: int, ready_path: str, get) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """Run ``privacydesk serve`` until the block ends; yields the port once ``ready_path`` answers 200."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [CLI, "serve", "--port", str(port), "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                if get(port, ready_path)[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not start")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
