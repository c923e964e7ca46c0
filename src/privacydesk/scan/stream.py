"""Reading documents for the scanner without holding more than one bounded piece in memory.

- A text file is one document, read in ``CHUNK`` characters at a time; each chunk is scanned with a
  little of the text before it (for context words) and ``OVERLAP`` characters after it (so a number
  that straddles the boundary is seen whole), and keeps only the findings that start inside it. A
  200 MB single line therefore costs a few megabytes, not 200.
- A JSON-lines file holds ``{"id": ..., "text": ...}`` documents, one per line; a line longer than
  ``MAX_LINE`` bytes is skipped (read past in pieces, never loaded) with an error naming its line.

Bad input raises or yields ``InputError`` with the place it was found (byte offset, line): binary data
(a NUL byte), invalid UTF-8, JSON that is not a document. Nothing here imports Django.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from privacydesk.scan.detectors import Detector
from privacydesk.scan.engine import DETECTORS, MIN_SCORE, scan
from privacydesk.scan.finding import Finding

CHUNK = 1 << 20  # characters scanned at a time in one long document
LEAD = 64  # characters before a chunk kept for context words
OVERLAP = 2048  # characters after a chunk, so findings that cross its end are whole
MAX_LINE = 16 << 20  # bytes: the longest JSON-lines document accepted
READ = 1 << 16


class InputError(ValueError):
    """Input the scanner cannot read as text, with where the problem is."""


@dataclass(frozen=True, slots=True)
class Document:
    id: object
    text: str
    line: int | None = None  # JSON-lines: where it came from, for messages


@dataclass(frozen=True, slots=True)
class Skipped:
    line: int
    error: str


def _decode(data: bytes, where: str) -> str:
    """One line's bytes as text, with the same checks and messages as ``text_chunks``."""
    return "".join(text_chunks(io.BytesIO(data), where))


def text_chunks(stream: BinaryIO, name: str = "input") -> Iterator[str]:
    """The decoded text of a binary stream, in pieces of up to ``READ`` bytes, checked as it goes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    while True:
        data = stream.read(READ)
        final = not data
        nul = data.find(b"\x00")
        if nul != -1:
            raise InputError(f"{name}: binary data (a NUL byte at byte {offset + nul}); the scanner reads UTF-8 text")
        try:
            piece = decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid UTF-8 at byte {offset + exc.start}") from None
        offset += len(data)
        if piece:
            yield piece
        if final:
            return


def _events(
    pieces: Iterable[str], detectors: tuple[Detector, ...], min_score: float, chunk: int
) -> Iterator[Finding | int]:
    """Findings in document order, each chunk followed by the offset below which no more will come."""
    buffer = ""  # text from ``base`` on
    base = 0  # document offset of buffer[0]
    done = 0  # document offset up to which findings have been reported
    pieces = iter(pieces)
    exhausted = False
    while True:
        while not exhausted and len(buffer) - (done - base) < chunk + OVERLAP:
            piece = next(pieces, None)
            if piece is None:
                exhausted = True
            else:
                buffer += piece
        limit = base + len(buffer) if exhausted else done + chunk
        window_start = max(base, done - LEAD)
        for finding in scan(buffer[window_start - base :], detectors, min_score):
            start = finding.start + window_start
            if done <= start < limit:
                yield Finding(
                    finding.entity, start, finding.end + window_start, finding.text, finding.score, finding.reason
                )
        done = limit
        yield done
        if exhausted:
            return
        keep_from = max(base, done - LEAD)
        buffer = buffer[keep_from - base :]
        base = keep_from


def scan_stream(
    pieces: Iterable[str],
    detectors: Iterable[Detector] = DETECTORS,
    min_score: float = MIN_SCORE,
    chunk: int = CHUNK,
) -> Iterator[Finding]:
    """Findings in one document given as a stream of text pieces, with offsets into the whole
    document, in order. Memory is bounded by ``chunk`` plus the overlap, whatever the length."""
    for event in _events(pieces, tuple(detectors), min_score, chunk):
        if isinstance(event, Finding):
            yield event


def redact_stream(
    pieces: Iterable[str],
    redact_one: Callable[[Finding], str],
    detectors: Iterable[Detector] = DETECTORS,
    min_score: float = MIN_SCORE,
    chunk: int = CHUNK,
) -> Iterator[str]:
    """The redacted text of a long document, piece by piece: the text is kept only until the scanner
    has moved past it, so memory stays bounded like ``scan_stream``'s."""
    pending: list[str] = []
    pending_start = 0  # document offset of "".join(pending)

    def tee() -> Iterator[str]:
        for piece in pieces:
            pending.append(piece)
            yield piece

    for event in _events(tee(), tuple(detectors), min_score, chunk):
        text = "".join(pending)
        if isinstance(event, Finding):
            yield text[: event.start - pending_start]
            yield redact_one(event)
            cut = event.end
        else:
            cut = max(event, pending_start)
            yield text[: cut - pending_start]
        pending[:] = [text[cut - pending_start :]]
        pending_start = cut
    yield "".join(pending)


def jsonl_documents(stream: BinaryIO, max_line: int = MAX_LINE) -> Iterator[Document | Skipped]:
    """Documents from a JSON-lines stream; each bad line becomes a ``Skipped`` naming the line."""
    number = 0
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        number += 1
        if len(line) > max_line and not line.endswith(b"\n"):
            while True:  # read past the rest of the line without keeping it
                rest = stream.readline(READ)
                if not rest or rest.endswith(b"\n"):
                    break
            yield Skipped(number, f"longer than {max_line // (1 << 20)} MB; scan it as a .txt file instead")
            continue
        if not line.strip():
            continue
        try:
            value = json.loads(_decode(line, f"line {number}"))
        except InputError as exc:
            yield Skipped(number, str(exc).removeprefix(f"line {number}: "))
            continue
        except json.JSONDecodeError as exc:
            yield Skipped(number, f"not JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            yield Skipped(number, 'expected an object {"id": ..., "text": "..."} with "text" a string')
            continue
        yield Document(value.get("id"), value["text"], number)
