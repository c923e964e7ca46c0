"""``privacydesk scan`` and ``privacydesk redact`` as a user runs them, and bad input: binary files,
invalid UTF-8, an empty file, a 200 MB single line (memory stays flat)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacydesk.scan.engine import scan
from privacydesk.scan.stream import scan_stream

CLI = [sys.executable, "-m", "privacydesk"]


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(  # noqa: S603
        [*CLI, *args], input=stdin or b"", capture_output=True, env={**os.environ, **(env or {})}, timeout=300
    )
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


def lines(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_text_file_is_one_document_in_the_issues_shape(tmp_path: Path) -> None:
    ticket = tmp_path / "ticket.txt"
    ticket.write_text("Payroll: my TFN is 123 456 782.\n")
    result = run("scan", str(ticket))
    assert result.returncode == 0, result.stderr
    [document] = lines(result)
    assert document["id"] == str(ticket)
    [entity] = document["entities"]  # type: ignore[misc]
    assert {k: entity[k] for k in ("type", "start", "end", "text")} == {
        "type": "AU_TFN",
        "start": 19,
        "end": 30,
        "text": "123 456 782",
    }
    assert entity["score"] >= 0.9


def test_json_lines_from_a_file_and_from_standard_input_with_bad_lines_named(tmp_path: Path) -> None:
    data = (
        b'{"id": 1, "text": "Card 4111 1111 1111 1111"}\n'
        b"not json\n"
        b'{"id": "b", "text": "Nothing here."}\n'
        b'{"id": 3, "text": "bad \xff byte"}\n'
        b'{"id": 4}\n'
    )
    path = tmp_path / "tickets.jsonl"
    path.write_bytes(data)
    for result in (run("scan", str(path)), run("scan", "-", stdin=data), run("scan", "-j", "2", str(path))):
        assert result.returncode == 1  # some lines could not be read; the rest were scanned
        assert [(d["id"], [e["type"] for e in d["entities"]]) for d in lines(result)] == [  # type: ignore[union-attr]
            (1, ["CREDIT_CARD"]),
            ("b", []),
        ]
        assert "line 2: not JSON" in result.stderr
        assert "line 4: not valid UTF-8 at byte 23" in result.stderr
        assert 'line 5: expected an object {"id": ..., "text": "..."}' in result.stderr


def test_a_folder_in_parallel_gives_each_file_in_order(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"note-{i}.txt").write_text(f"Note {i}: Medicare 2123 45670 1\n" * (i + 1))
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    result = run("scan", "-j", "2", str(tmp_path))
    assert result.returncode == 0, result.stderr
    documents = lines(result)
    assert [d["id"] for d in documents] == [f"note-{i}.txt" for i in range(6)]
    assert [len(d["entities"]) for d in documents] == [1, 2, 3, 4, 5, 6]  # type: ignore[arg-type]


def test_binary_and_empty_files(tmp_path: Path) -> None:
    binary = tmp_path / "dump.txt"
    binary.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("scan", str(binary))
    assert result.returncode == 1
    assert "binary data (a NUL byte at byte 4)" in result.stderr and "Traceback" not in result.stderr
    result = run("scan", str(empty))
    assert result.returncode == 0 and lines(result) == [{"id": str(empty), "entities": []}]
    result = run("scan", str(tmp_path / "missing.txt"))
    assert result.returncode == 1 and "no such file or folder" in result.stderr


def test_redact_a_text_file_and_json_lines(tmp_path: Path) -> None:
    ticket = tmp_path / "ticket.txt"
    ticket.write_text("Card 4111 1111 1111 1111 and TFN 123 456 782\n")
    result = run("redact", str(ticket))
    assert result.stdout == "Card **** **** **** 1111 and TFN [AU_TFN]\n"
    result = run("redact", str(ticket), "--policy", "AU_TFN=hash")
    assert result.returncode == 2 and "PRIVACYDESK_REDACTION_KEY" in result.stderr
    result = run("redact", str(ticket), "--policy", "AU_TFN=hash", env={"PRIVACYDESK_REDACTION_KEY": "k"})
    assert result.stdout.startswith("Card **** **** **** 1111 and TFN [AU_TFN:")
    result = run("redact", "-", "--default", "mask", stdin=b'{"id": 7, "text": "TFN 123 456 782"}\n')
    [record] = lines(result)
    assert record["text"] == "TFN *** *** ***"
    assert record["redactions"] == [
        {"type": "AU_TFN", "policy": "mask", "start": 4, "end": 15, "original_start": 4, "original_end": 15}
    ]
    result = run("redact", str(ticket), "--policy", "TFN=mask")
    assert result.returncode == 2 and "expected ENTITY=POLICY" in result.stderr


def test_redact_refuses_invalid_utf8_before_writing_anything(tmp_path: Path) -> None:
    ticket = tmp_path / "ticket.txt"
    ticket.write_bytes(b"TFN 123 456 782\n" * 10_000 + b"\xc3\x28")
    result = run("redact", str(ticket))
    assert result.returncode == 1 and result.stdout == ""
    assert "not valid UTF-8 at byte 160000" in result.stderr


# The peak is this process's own (VmHWM): ru_maxrss would carry over the forking parent's peak
# across exec, and pytest's process is large by the end of the suite.
MEMORY = """
import re, sys
from privacydesk.scan.stream import scan_stream, text_chunks
with open(sys.argv[1], "rb") as handle:
    found = [f.text for f in scan_stream(text_chunks(handle))]
status = open("/proc/self/status").read()
print(len(found), int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024)
"""


def test_a_200_mb_single_line_is_scanned_in_flat_memory(tmp_path: Path) -> None:
    line = tmp_path / "line.txt"
    block = ("the server was restarted and the backup ran " * 23_000).encode()  # about 1 MB, no newline
    with line.open("wb") as handle:
        handle.write(b"TFN 123 456 782 ")
        for _ in range(200):
            handle.write(block)
        handle.write(b" Medicare 2123 45670 1")
    assert line.stat().st_size > 200_000_000
    result = subprocess.run([sys.executable, "-c", MEMORY, str(line)], capture_output=True, text=True, check=True)  # noqa: S603
    found, peak_mb = map(int, result.stdout.split())
    assert found == 2  # the first and the last thing in the line
    assert peak_mb < 150, f"peak {peak_mb} MB for a {line.stat().st_size // 2**20} MB line"
    jsonl = tmp_path / "huge.jsonl"
    with jsonl.open("wb") as handle:
        handle.write(b'{"id": 1, "text": "')
        for _ in range(20):
            handle.write(block)
        handle.write(b'"}\n{"id": 2, "text": "TFN 123 456 782"}\n')
    result = run("scan", str(jsonl))
    assert [d["id"] for d in lines(result)] == [2]
    assert "line 1: longer than 16 MB; scan it as a .txt file instead" in result.stderr


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["TFN 123 456 782", "call 0412 345 678", "words and more words", "\n", "NHI ZBN77VL"]),
        max_size=40,
    ),
    st.integers(1, 97),
    st.integers(40, 300),
)
def test_streaming_finds_what_scanning_the_whole_text_finds(parts: list[str], piece: int, chunk: int) -> None:
    text = " ".join(parts)
    pieces = [text[i : i + piece] for i in range(0, len(text), piece)]
    whole = [(f.entity, f.start, f.end) for f in scan(text)]
    assert [(f.entity, f.start, f.end) for f in scan_stream(pieces, chunk=chunk)] == whole


@pytest.mark.parametrize("args", [["scan", "--entities", "TFN", "x.txt"], ["scan", "--min-score", "nope", "x"]])
def test_bad_options_name_themselves(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert ("--entities: unknown type(s) TFN" in result.stderr) or ("--min-score" in result.stderr)
