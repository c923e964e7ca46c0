"""Scanning many documents — a folder, a JSON-lines file, standard input — in parallel processes,
streaming: documents are read in batches as workers free up, at most ``2 × workers`` batches are in
flight, and results are written in input order as they finish. Memory stays flat whatever the input's
size; each result says how many bytes of input it covered, for a progress bar."""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from privacydesk.scan import columns
from privacydesk.scan.columns import Source
from privacydesk.scan.engine import MIN_SCORE, detectors_for, scan
from privacydesk.scan.finding import Finding
from privacydesk.scan.stream import Document, InputError, Skipped, jsonl_documents, scan_stream, text_chunks

BATCH_DOCUMENTS = 500
BATCH_BYTES = 4 << 20
TEXT_SUFFIXES = {".txt", ".text", ".md", ".log", ".csv", ".eml", ".html", ".htm", ".json", ".xml", ".tsv"}


@dataclass
class Task:
    """One unit of work for a worker: a whole text file, or a batch of JSON-lines documents."""

    size: int  # bytes of input it covers, for the progress bar
    path: str | None = None  # a text file to scan as one document
    label: str | None = None  # the id printed for a text file; the "file" printed beside JSON-lines ids
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # input problems found while reading


@dataclass
class Result:
    lines: list[str]
    errors: list[str]
    size: int


def _line(document_id: object, findings: Iterable[Finding], file: str | None) -> str:
    record: dict[str, object] = {"id": document_id}
    if file is not None:
        record["file"] = file
    record["entities"] = [f.as_dict() for f in findings]
    return json.dumps(record, ensure_ascii=False, default=str)  # database keys may be dates, UUIDs, decimals


def run_task(task: Task, entities: frozenset[str] | None, min_score: float) -> Result:
    """Scan one task (in a worker process, or inline when there is one worker)."""
    detectors = detectors_for(entities)
    lines: list[str] = []
    errors = list(task.errors)
    if task.path is not None:
        try:
            with open(task.path, "rb") as handle:
                findings = list(scan_stream(text_chunks(handle, task.label or task.path), detectors, min_score))
            lines.append(_line(task.label, findings, None))
        except InputError as exc:
            errors.append(str(exc))
        except OSError as exc:
            errors.append(f"{task.label}: cannot read ({exc.strerror})")
    for document in task.documents:
        lines.append(_line(document.id, scan(document.text, detectors, min_score), task.label))
    return Result(lines, errors, task.size)


def _batches(items: Iterable[Document | Skipped], name: str, file_label: str | None) -> Iterator[Task]:
    """Documents in tasks of at most ``BATCH_DOCUMENTS`` or ``BATCH_BYTES``; skipped lines become the
    task's errors, naming ``name`` and the line."""
    task = Task(0, label=file_label)
    for item in items:
        if isinstance(item, Skipped):
            task.errors.append(f"{name}: line {item.line}: {item.error}")
            continue
        task.documents.append(item)
        task.size += len(item.text.encode()) + 16
        if len(task.documents) >= BATCH_DOCUMENTS or task.size >= BATCH_BYTES:
            yield task
            task = Task(0, label=file_label)
    if task.documents or task.errors:
        yield task


def _jsonl_tasks(stream: BinaryIO, name: str, file_label: str | None) -> Iterator[Task]:
    return _batches(jsonl_documents(stream), name, file_label)


def tasks_for_columns(source: Source) -> Iterator[Task]:
    """Batches of a table's text values (``scan.columns``), read in key order as workers free up."""
    return _batches(columns.documents(source), source.table, None)


def tasks_for(path: str, stdin: BinaryIO | None = None) -> Iterator[Task]:
    """The work for one command-line argument: ``-`` (standard input, JSON lines), a .jsonl file, any
    other file (one text document), or a folder (every text and JSON-lines file under it, sorted)."""
    if path == "-":
        assert stdin is not None
        yield from _jsonl_tasks(stdin, "stdin", None)
        return
    target = Path(path)
    if target.is_dir():
        for file in sorted(p for p in target.rglob("*") if p.is_file()):
            relative = str(file.relative_to(target))
            if file.suffix.lower() == ".jsonl":
                with file.open("rb") as handle:
                    yield from _jsonl_tasks(handle, relative, relative)
            elif file.suffix.lower() in TEXT_SUFFIXES:
                yield Task(file.stat().st_size, path=str(file), label=relative)
        return
    if not target.exists():
        yield Task(0, errors=[f"{path}: no such file or folder"])
    elif target.suffix.lower() == ".jsonl":
        with target.open("rb") as handle:
            yield from _jsonl_tasks(handle, path, None)
    else:
        yield Task(target.stat().st_size, path=str(target), label=path)


def total_size(paths: Iterable[str]) -> int | None:
    """Bytes the paths hold (for a progress bar's total), or None when standard input is among them."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        target = Path(path)
        if target.is_dir():
            total += sum(
                p.stat().st_size
                for p in target.rglob("*")
                if p.is_file() and (p.suffix.lower() in TEXT_SUFFIXES or p.suffix.lower() == ".jsonl")
            )
        elif target.is_file():
            total += target.stat().st_size
    return total


def run(
    tasks: Iterable[Task],
    workers: int = 1,
    entities: frozenset[str] | None = None,
    min_score: float = MIN_SCORE,
) -> Iterator[Result]:
    """Results in input order. With ``workers`` > 1, tasks run in that many processes, at most
    ``2 × workers`` at a time, so a huge input is never read ahead of the workers."""
    if workers <= 1:
        for task in tasks:
            yield run_task(task, entities, min_score)
        return
    in_flight: deque[Future[Result]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for task in tasks:
            in_flight.append(pool.submit(run_task, task, entities, min_score))
            if len(in_flight) >= 2 * workers:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


def default_workers() -> int:
    return max(1, min(8, os.cpu_count() or 1))
