"""``privacydesk scan`` and ``privacydesk redact``: the scanner from the command line. No Django: the
scanner runs on any machine with the package installed, beside the data it reads."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from privacydesk.scan.engine import ENTITIES, MIN_SCORE

if TYPE_CHECKING:
    from privacydesk.scan.batch import Result

EntitiesOption = Annotated[
    str | None,
    typer.Option("--entities", help=f"Comma-separated entity types to look for (default all: {', '.join(ENTITIES)})."),
]
MinScoreOption = Annotated[float, typer.Option("--min-score", help="Report findings scoring at least this.")]


def _entities(value: str | None) -> frozenset[str] | None:
    if not value:
        return None
    chosen = frozenset(v.strip().upper() for v in value.split(",") if v.strip())
    unknown = sorted(chosen - set(ENTITIES))
    if unknown:
        typer.secho(
            f"--entities: unknown type(s) {', '.join(unknown)}; known: {', '.join(ENTITIES)}", fg="red", err=True
        )
        raise typer.Exit(2)
    return chosen


def scan(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help='A .txt file (one document), a .jsonl file of {"id", "text"} lines, a folder, or - for '
            "JSON lines on standard input."
        ),
    ] = None,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            help="Scan a table instead: an SQLAlchemy URL (postgresql+psycopg://, mysql+pymysql://, sqlite:///).",
        ),
    ] = None,
    table: Annotated[str | None, typer.Option("--table", help="The table to scan (with --database).")] = None,
    column: Annotated[list[str] | None, typer.Option("--column", help="A text column to scan; repeatable.")] = None,
    key: Annotated[str, typer.Option("--key", help="The table's unique, ordered key column.")] = "id",
    entities: EntitiesOption = None,
    min_score: MinScoreOption = MIN_SCORE,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Processes to scan with (0: one per core).")] = 1,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: when a terminal).")
    ] = None,
) -> None:
    """Find personal information: one JSON line per document, {"id": ..., "entities": [...]}."""
    from privacydesk.scan import batch, columns

    chosen = _entities(entities)
    count = batch.default_workers() if workers == 0 else workers
    tasks: Iterator[batch.Task]
    if database:
        if paths or not table or not column:
            typer.secho("--database needs --table and at least one --column, and no files", fg="red", err=True)
            raise typer.Exit(2)
        source = columns.Source(database, table, tuple(column), key)
        try:
            columns.table_for(source)
        except columns.ColumnsError as exc:
            typer.secho(str(exc), fg="red", err=True)
            raise typer.Exit(2) from None
        tasks = batch.tasks_for_columns(source)
        paths = []
    elif not paths:
        typer.secho(
            "Give files, a folder, - for standard input, or --database with --table and --column", fg="red", err=True
        )
        raise typer.Exit(2)
    else:
        tasks = (task for path in paths for task in batch.tasks_for(path, sys.stdin.buffer))
    show = sys.stderr.isatty() if progress is None else progress
    failed = False
    out = sys.stdout
    if show:
        from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn, TransferSpeedColumn

        bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            transient=False,
        )
        with bar:
            task_id = bar.add_task("Scanning", total=batch.total_size(paths) if paths else None)
            for result in batch.run(tasks, count, chosen, min_score):
                failed |= _emit(result, out)
                bar.advance(task_id, result.size)
    else:
        for result in batch.run(tasks, count, chosen, min_score):
            failed |= _emit(result, out)
    if failed:
        raise typer.Exit(1)


def _emit(result: Result, out: TextIO) -> bool:
    for line in result.lines:
        out.write(line + "\n")
    out.flush()
    for error in result.errors:
        typer.secho(error, fg="red", err=True)
    return bool(result.errors)


def redact(
    path: Annotated[str, typer.Argument(help='A .txt file, a .jsonl file of {"id", "text"} lines, or - (JSON lines).')],
    policy: Annotated[
        list[str] | None,
        typer.Option(
            "--policy",
            help="ENTITY=POLICY, repeatable; POLICY is type, mask, last4, hash or keep. Cards default to last4.",
        ),
    ] = None,
    default: Annotated[str, typer.Option("--default", help="Policy for entities not named.")] = "type",
    entities: EntitiesOption = None,
    min_score: MinScoreOption = MIN_SCORE,
) -> None:
    """Print the text with personal information replaced. A .txt file comes out as text; JSON lines as
    {"id", "text", "redactions"} lines. ``hash`` is keyed with PRIVACYDESK_REDACTION_KEY."""
    import json

    from privacydesk.scan.engine import detectors_for
    from privacydesk.scan.engine import scan as scan_text
    from privacydesk.scan.redact import DEFAULT_POLICY, RedactionError, check_policy, replacement
    from privacydesk.scan.redact import redact as redact_text
    from privacydesk.scan.stream import InputError, Skipped, jsonl_documents, redact_stream, text_chunks

    chosen_entities = _entities(entities)
    detectors = detectors_for(chosen_entities)
    policies: dict[str, str] = {}
    for item in policy or []:
        entity, _, how = item.partition("=")
        entity = entity.strip().upper()
        if not how or entity not in ENTITIES:
            typer.secho(
                f"--policy {item!r}: expected ENTITY=POLICY with ENTITY one of {', '.join(ENTITIES)}",
                fg="red",
                err=True,
            )
            raise typer.Exit(2)
        policies[entity] = how.strip()
    key = os.environ.get("PRIVACYDESK_REDACTION_KEY", "").encode() or None
    merged = {**DEFAULT_POLICY, **policies}
    try:
        check_policy({**merged, "*": default}, key)
    except RedactionError as exc:
        typer.secho(f"--policy: {exc}", fg="red", err=True)
        raise typer.Exit(2) from None

    failed = False
    if path == "-" or path.endswith(".jsonl"):
        with sys.stdin.buffer if path == "-" else Path(path).open("rb") as handle:
            for document in jsonl_documents(handle):
                if isinstance(document, Skipped):
                    typer.secho(f"{path}: line {document.line}: {document.error}", fg="red", err=True)
                    failed = True
                    continue
                findings = scan_text(document.text, detectors, min_score)
                text, done = redact_text(document.text, findings, merged, default, key)
                record = {"id": document.id, "text": text, "redactions": [r.as_dict() for r in done]}
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        try:
            with Path(path).open("rb") as handle:  # read it through once first: no half-redacted output
                for _piece in text_chunks(handle, path):
                    pass
            with Path(path).open("rb") as handle:
                for piece in redact_stream(
                    text_chunks(handle, path),
                    lambda f: replacement(f, merged.get(f.entity, default), key),
                    detectors,
                    min_score,
                ):
                    sys.stdout.write(piece)
        except InputError as exc:
            typer.secho(str(exc), fg="red", err=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            raise  # the reader stopped reading (| head): cli.main ends quietly
        except OSError as exc:
            typer.secho(f"{path}: cannot read ({exc.strerror})", fg="red", err=True)
            raise typer.Exit(1) from None
    if failed:
        raise typer.Exit(1)
