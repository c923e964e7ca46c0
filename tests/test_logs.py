"""Search terms (emails, phone numbers) never reach the server's request log, in development or
production: a real `privacydesk serve` is started and asked for a search URL."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("production", [False, True], ids=["runserver", "gunicorn"])
def test_query_strings_are_not_logged(production: bool, tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PRIVACYDESK_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    if production:
        env |= {
            "PRIVACYDESK_PRODUCTION": "1",
            "PRIVACYDESK_SECRET_KEY": secrets.token_urlsafe(50),
            "PRIVACYDESK_ALLOWED_HOSTS": "127.0.0.1",
            "PRIVACYDESK_SSL_REDIRECT": "0",
        }
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(  # noqa: S603 - our own CLI
            [sys.executable, "-m", "privacydesk", "serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}/console/people/?q=mere.kingi%40example.co.nz"
            for _ in range(100):
                try:
                    urllib.request.urlopen(url, timeout=2)
                    break
                except urllib.error.HTTPError:
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                pytest.fail(f"server did not start: {log.read_text()}")
            time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(timeout=10)
    text = log.read_text()
    assert "/console/people/" in text, text
    assert "mere.kingi" not in text and "example.co.nz" not in text
