"""The ``privacydesk`` command line. Each command is a thin shell over a service function.

Django is set up lazily inside each command so ``privacydesk --help`` is instant and works even when
the database is unreachable.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    help="privacydesk: the privacy office of a small business, from the command line.",
    no_args_is_help=True,
    add_completion=False,
)
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
register_app = typer.Typer(help="The register (data map) as YAML: privacy as code.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for other systems.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.add_typer(register_app, name="register")
app.add_typer(token_app, name="token")
disclosures_app = typer.Typer(help="The disclosure log.", no_args_is_help=True)
notices_app = typer.Typer(help="Collection notices owed to people.", no_args_is_help=True)
requests_app = typer.Typer(help="Individuals' privacy requests.", no_args_is_help=True)
agreements_app = typer.Typer(help="Processors' and contractors' privacy terms.", no_args_is_help=True)
app.add_typer(disclosures_app, name="disclosures")
app.add_typer(notices_app, name="notices")
app.add_typer(agreements_app, name="agreements")
app.add_typer(requests_app, name="requests")
consent_app = typer.Typer(help="Consent and preferences: checks, imports, the ledger.", no_args_is_help=True)
app.add_typer(consent_app, name="consent")
connectors_app = typer.Typer(help="Connected systems: where a person's information really lives.", no_args_is_help=True)
app.add_typer(connectors_app, name="connectors")
policy_app = typer.Typer(help="The privacy policy: check any policy against the law.", no_args_is_help=True)
app.add_typer(policy_app, name="policy")
breaches_app = typer.Typer(help="Data breaches: notices to individuals.", no_args_is_help=True)
app.add_typer(breaches_app, name="breaches")
retention_app = typer.Typer(help="Retention: dispose of what is no longer needed; legal holds.", no_args_is_help=True)
app.add_typer(retention_app, name="retention")


def _progress() -> Any:
    """A progress bar on the terminal (none when output goes to a file or a pipe)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        disable=not sys.stderr.isatty(),
    )


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "privacydesk.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        typer.secho(f"Configuration error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from None
    from privacydesk.audit.context import Actor, set_actor

    set_actor(Actor(f"cli:{getpass.getuser()}"))


@app.command()
def migrate() -> None:
    """Create or update the database tables (DATABASE_URL, default SQLite under var/)."""
    _setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)
    call_command("createcachetable", verbosity=0)  # the shared cache (rate limits), when it is the database


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="gunicorn workers (production only).")] = 3,
    worker: Annotated[
        bool, typer.Option(help="Development: run a background worker beside the server (production: run `worker`).")
    ] = True,
) -> None:
    """Serve the portal, console and API: Django's server in development, gunicorn in production."""
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    from privacydesk.logs import GUNICORN_ACCESS_FORMAT

    if settings.DEBUG:
        # One background worker beside the development server, so queued work (searches in connected
        # systems, e-mails) runs without a second terminal; it stops with the server.
        import signal
        import subprocess

        background = subprocess.Popen([sys.executable, "-m", "privacydesk", "worker"]) if worker else None
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that the worker is stopped below
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            if background is not None:
                background.terminate()
                background.wait(timeout=30)
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    os.execv(  # noqa: S606 - replaces this process with the WSGI server, arguments are ours
        str(gunicorn),
        [
            str(gunicorn),
            "privacydesk.wsgi",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--access-logformat",
            GUNICORN_ACCESS_FORMAT,
        ],
    )


@app.command()
def worker(
    batch: Annotated[bool, typer.Option(help="Run the tasks waiting now, then exit.")] = False,
) -> None:
    """Run background tasks (any number of workers may run at once against one database)."""
    _setup()
    from django.core.management import call_command

    args = ["--batch"] if batch else []
    call_command("db_worker", *args)


@app.command()
def demo(
    people: Annotated[int, typer.Option(help="How many synthetic people to create.")] = 300,
    if_empty: Annotated[bool, typer.Option("--if-empty", help="Do nothing if an organisation exists.")] = False,
    seed: Annotated[int, typer.Option(help="Faker seed, for repeatable data.")] = 2026,
) -> None:
    """Load the demo organisation: register, synthetic people (Faker en_AU/en_NZ) and the staff login."""
    _setup()
    from privacydesk import demo as demo_data
    from privacydesk.register.models import Organisation

    if if_empty and Organisation.objects.exists():
        typer.echo("Demo organisation already loaded. Sign in with the password shown when it was created,")
        typer.echo("or set a new one with: privacydesk createstaff officer --role privacy_officer --reset")
        return
    login = demo_data.load(people=people, seed=seed, progress=True)
    typer.echo("")
    typer.secho("Staff console: http://127.0.0.1:8000/console/", bold=True)
    typer.secho(f"  username: {login.username}", bold=True)
    if login.password_from_env:
        typer.secho("  password: (from PRIVACYDESK_ADMIN_PASSWORD)", bold=True)
    else:
        typer.secho(f"  password: {login.password}   (shown once; write it down)", bold=True)
    typer.echo("  You will set up an authenticator app (TOTP) at first sign-in.")


@app.command()
def createstaff(
    username: str,
    role: Annotated[list[str], typer.Option(help="privacy_officer, staff, auditor or administrator.")],
    email: Annotated[str, typer.Option(help="Email address.")] = "",
    reset: Annotated[bool, typer.Option(help="Reset an existing account's password and second factor.")] = False,
) -> None:
    """Create a staff account and print its generated password once."""
    _setup()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    from privacydesk.accounts.services import create_staff, reset_staff

    try:
        if reset and get_user_model().objects.filter(username=username).exists():
            password = reset_staff(username, role)
        else:
            _, password = create_staff(username, email, role)
    except (ValueError, ValidationError) as exc:
        typer.secho(f"Could not create {username!r}: {exc}", fg="red", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{username}: password {password}  (shown once; TOTP is set up at first sign-in)")


@audit_app.command("verify")
def audit_verify(
    enqueue: Annotated[bool, typer.Option(help="Queue the check for a worker instead of running it now.")] = False,
) -> None:
    """Check the hash chain. Exits 0 if intact, 1 naming the first altered or missing entry."""
    _setup()
    if enqueue:
        from privacydesk.audit.tasks import verify_chain

        queued = verify_chain.enqueue()
        typer.echo(f"Queued audit verification as task {queued.id}.")
        return
    from privacydesk.audit import chain
    from privacydesk.audit.models import AuditHead

    head = AuditHead.objects.filter(pk=1).first()
    total = head.seq if head else 0
    with _progress() as progress:
        task = progress.add_task("Verifying", total=total)
        result = chain.verify(progress=lambda n: progress.update(task, completed=n))
    if result.ok:
        typer.echo(f"Audit log intact: {result.checked} entries verified.")
        return
    typer.secho(f"Audit log BROKEN: {result.problem}.", fg="red", err=True)
    typer.echo(f"{result.checked} entries before it were intact.", err=True)
    raise typer.Exit(1)


@register_app.command("export")
def register_export(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Write the register as YAML."""
    _setup()
    from privacydesk.register import yaml_io

    text = yaml_io.export_yaml()
    if output:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"Wrote {output}", err=True)
    else:
        sys.stdout.write(text)


@register_app.command("import")
def register_import(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    check: Annotated[bool, typer.Option("--check", help="Validate only; change nothing.")] = False,
) -> None:
    """Import a register YAML file: all of it, or nothing if any entry is invalid."""
    _setup()
    from privacydesk.register import yaml_io

    text = path.read_text(encoding="utf-8")
    try:
        if check:
            yaml_io.validate(text, str(path))
            typer.echo(f"{path}: valid.")
            return
        result = yaml_io.import_yaml(text, str(path))
    except yaml_io.RegisterImportError as exc:
        for problem in exc.problems:
            typer.secho(problem.describe(str(path)), fg="red", err=True)
        typer.secho(f"Nothing imported: {len(exc.problems)} problem(s).", fg="red", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Imported {path}: {result}.")


@token_app.command("create")
def token_create(
    name: str,
    user: Annotated[str, typer.Option(help="Staff account the token acts as; its roles apply.")],
) -> None:
    """Issue an API token and print it once."""
    _setup()
    from django.contrib.auth import get_user_model

    from privacydesk.accounts.models import ApiToken
    from privacydesk.audit import chain

    account = get_user_model().objects.filter(username=user).first()
    if account is None:
        typer.secho(f"No staff account named {user!r}.", fg="red", err=True)
        raise typer.Exit(1)
    token, raw = ApiToken.issue(account, name)
    chain.append("create", "accounts.apitoken", token.pk, summary=token.name)
    typer.echo(raw)


def _day_start(value: str | None, option: str) -> object:
    """A YYYY-MM-DD option as the start of that day in the organisation's zone, or a clear exit."""
    if not value:
        return None
    from datetime import date, datetime, time

    from django.utils import timezone

    try:
        day = date.fromisoformat(value)
    except ValueError:
        typer.secho(f"{option}: {value!r} is not a date; use YYYY-MM-DD.", fg="red", err=True)
        raise typer.Exit(2) from None
    return datetime.combine(day, time.min, timezone.get_current_timezone())


# The options every export takes.
Since = Annotated[str | None, typer.Option(help="From this day (YYYY-MM-DD), inclusive.")]
Until = Annotated[str | None, typer.Option(help="Up to this day (YYYY-MM-DD), not included.")]
Format = Annotated[str, typer.Option("--format", help="csv or json.")]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")]


def _check_format(fmt: str) -> None:
    if fmt not in {"csv", "json"}:
        typer.secho(f"--format: {fmt!r} is not csv or json.", fg="red", err=True)
        raise typer.Exit(2)


def _write_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str, output: Path | None) -> None:
    """Rows as CSV (formula-safe) or JSON, to a file or stdout."""
    import json

    from privacydesk import csvout

    if fmt == "json":
        text = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    else:
        text = "".join(csvout.lines(columns, rows))
    if output:
        output.write_text(text, encoding="utf-8", newline="")
        typer.echo(f"Wrote {len(rows)} rows to {output}", err=True)
    else:
        sys.stdout.write(text)


@disclosures_app.command("export")
def disclosures_export(
    since: Since = None,
    until: Until = None,
    fmt: Format = "csv",
    output: Output = None,
) -> None:
    """Export the disclosure log: one row per one-off disclosure and one per routine run."""
    _check_format(fmt)
    _setup()

    from rich.progress import Progress

    from privacydesk.accountability.services import disclosures
    from privacydesk.audit import chain

    start, end = _day_start(since, "--since"), _day_start(until, "--until")
    rows = []
    with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("Reading the disclosure log", total=None)
        for row in disclosures.export_rows(start, end):  # type: ignore[arg-type]
            rows.append(row)
            progress.advance(task)
    chain.append("export", "accountability.disclosure", "", data={"format": fmt, "rows": len(rows)})
    _write_rows(rows, disclosures.EXPORT_COLUMNS, fmt, output)


@consent_app.command("check")
def consent_check(
    address: Annotated[str, typer.Argument(help="An email address or phone number.")],
    program: Annotated[str, typer.Option(help="The program's code.")],
    channel: Annotated[str, typer.Option(help="The channel's code.")] = "email",
) -> None:
    """May this program be sent to this address by this channel? Exit 0 allowed, 1 blocked."""
    _setup()
    from django.core.exceptions import ValidationError

    from privacydesk.consent import services

    try:
        verdict = services.check_address(
            "email" if "@" in address else "phone", address, services.program(program), services.channel(channel)
        )
    except ValidationError as exc:
        typer.secho(" ".join(exc.messages), fg="red", err=True)
        raise typer.Exit(2) from None
    typer.secho(f"{'ALLOWED' if verdict.allowed else 'BLOCKED'} ({verdict.code}): {verdict.reason}",
                fg="green" if verdict.allowed else "red")  # fmt: skip
    if verdict.citation:
        typer.echo(f"  {verdict.citation}")
    if verdict.event is not None:
        typer.echo(f"  rests on consent event {verdict.event.receipt}")
    raise typer.Exit(0 if verdict.allowed else 1)


@consent_app.command("import")
def consent_import(
    path: Annotated[Path, typer.Argument(help="A CSV export of a subscriber list.", exists=True, dir_okay=False)],
    program: Annotated[str, typer.Option(help="The program the list is for.")],
    channel: Annotated[str, typer.Option(help="The channel's code.")] = "email",
    status: Annotated[str, typer.Option(help="subscribed or unsubscribed, when the file has no status column.")] = "",
    confirm: Annotated[bool, typer.Option("--confirm", help="Import (without it: preview only).")] = False,
) -> None:
    """Preview a subscriber list (problems by row and column); with --confirm, import it in one go."""
    _setup()
    from django.core.exceptions import ValidationError

    from privacydesk.consent import imports, services

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        typer.secho(f"{path}: not UTF-8 text; export the list as CSV (UTF-8).", fg="red", err=True)
        raise typer.Exit(2) from None
    result = imports.preview(text, status)
    counts = result.counts()
    typer.echo(f"{path.name}: read as a {result.platform} export")
    for key, label in (("grant", "opted in"), ("withdraw", "opted out"), ("skip", "skipped (not confirmed)"),
                       ("new_people", "new people to add"), ("refused", "refused: asked to be erased"),
                       ("duplicates", "duplicates in the file")):  # fmt: skip
        typer.echo(f"  {counts[key]:>7,} {label}")
    for error in result.errors:
        typer.secho(f"{path.name}: {error}", fg="red", err=True)
    if not result.valid:
        raise typer.Exit(1)
    if not confirm:
        typer.echo("Preview only: run again with --confirm to import.")
        return
    try:
        imports.confirm(text, services.program(program), services.channel(channel), default_status=status,
                        file_name=path.name)  # fmt: skip
    except ValidationError as exc:
        typer.secho(" ".join(exc.messages), fg="red", err=True)
        raise typer.Exit(1) from None
    typer.echo("Imported.")


@consent_app.command("export")
def consent_export(
    since: Since = None,
    until: Until = None,
    fmt: Format = "csv",
    output: Output = None,
) -> None:
    """Export the consent ledger: one row per grant or withdrawal, with what the person was shown."""
    _check_format(fmt)
    _setup()

    from privacydesk.audit import chain
    from privacydesk.consent import reports

    start, end = _day_start(since, "--since"), _day_start(until, "--until")
    rows = list(reports.export_rows(start, end))  # type: ignore[arg-type]
    chain.append("export", "consent.consentevent", "", data={"format": fmt, "rows": len(rows)})
    _write_rows(rows, reports.EXPORT_COLUMNS, fmt, output)


@consent_app.command("rebuild")
def consent_rebuild() -> None:
    """Recompute everyone's current choices from the ledger (after a restore, or to check nothing drifted)."""
    _setup()
    from privacydesk.consent.services import rebuild_state

    typer.echo(f"{rebuild_state()} current choices rebuilt from the ledger.")


@notices_app.command("due")
def notices_due() -> None:
    """List the notices owed after indirect collection, soonest first. Exits 1 if any is overdue."""
    _setup()
    from django.utils import timezone

    from privacydesk.accountability.services import collection

    now, overdue = timezone.now(), 0
    for record in collection.notices_due():
        late = record.notice_due is not None and record.notice_due < now
        overdue += late
        due = timezone.localtime(record.notice_due).strftime("%a %d %b %Y") if record.notice_due else "no date"
        flag = " OVERDUE" if late else ""
        typer.echo(f"{due}{flag}  record {record.person_id}  via {record.point}  ({record.notice_rule})")
    if overdue:
        typer.secho(f"{overdue} notice(s) overdue.", fg="red", err=True)
        raise typer.Exit(1)


@notices_app.command("send")
def notices_send(
    enqueue: Annotated[bool, typer.Option(help="Queue the sending for a worker instead of doing it now.")] = False,
    limit: Annotated[int, typer.Option(help="Most notices to send in one run.")] = 500,
) -> None:
    """Email every notice owed to a person with an email address, recording each as given."""
    _setup()
    if enqueue:
        from privacydesk.accountability.tasks import send_due_notices

        queued = send_due_notices.enqueue(limit)
        typer.echo(f"Queued sending of due notices as task {queued.id}.")
        return
    from privacydesk.accountability.services import collection

    result = collection.send_due_notices(limit)
    typer.echo(f"Sent {result.sent} notice(s).")
    for problem in result.skipped:
        typer.secho(f"Not sent: {problem}", fg="yellow", err=True)


@requests_app.command("remind")
def requests_remind(
    enqueue: Annotated[bool, typer.Option(help="Queue the reminders for a worker instead of sending now.")] = False,
) -> None:
    """Email staff about requests due within five days or overdue (at most once a day each)."""
    _setup()
    if enqueue:
        from privacydesk.rights.tasks import remind_due

        typer.echo(f"Queued reminders as task {remind_due.enqueue().id}.")
        return
    from privacydesk.rights import services

    typer.echo(f"Sent {services.remind_due()} reminder(s).")


@agreements_app.command("check")
def agreements_check() -> None:
    """Check every processor system has current privacy terms. Exits 1 naming any that does not."""
    _setup()
    from django.utils import timezone

    from privacydesk.accountability.services import agreements

    problems = 0
    for item in agreements.processor_terms(timezone.localdate()):
        problems += item.problem
        typer.echo(f"{item.status.upper():9} {item.system.name}: {item.message}")
    if problems:
        typer.secho(f"{problems} processor(s) without current privacy terms.", fg="red", err=True)
        raise typer.Exit(1)


@app.command()
def deadline(
    jurisdiction: Annotated[str, typer.Option(help="au, nz or eu.")],
    duty: Annotated[str, typer.Option(help="e.g. access_response, breach_notify_regulator, unsubscribe.")],
    start: Annotated[str, typer.Option(help="When the clock starts, with its offset: 2026-12-20T10:00:00+11:00.")],
    subdivision: Annotated[str | None, typer.Option(help="AU state (NSW, VIC…) or EU member state (IE, DE…).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    complaint_ack_days: Annotated[
        int, typer.Option(help="Working days the organisation's policy allows to acknowledge a complaint.")
    ] = 5,
) -> None:
    """When a duty is due under AU, NZ or EU law, with the rule, its citation and why."""
    import json
    from datetime import datetime

    from privacydesk.law import LawError, Policy
    from privacydesk.law import deadline as compute

    try:
        moment = datetime.fromisoformat(start)
    except ValueError:
        typer.secho(
            f"--start {start!r} is not an ISO 8601 date and time, e.g. 2026-12-20T10:00:00+11:00", fg="red", err=True
        )
        raise typer.Exit(2) from None
    try:
        result = compute(jurisdiction, duty, moment, subdivision, Policy(complaint_ack_days))
    except LawError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False))
        return
    typer.echo(f"Due: {result.due.isoformat() if result.due else 'no fixed date'}")
    typer.echo(f"Rule: {result.rule} — {result.citation}")
    typer.echo(result.explanation)


@app.command()
def decide(
    input_file: Annotated[Path, typer.Option("--json", help="JSON file with the facts ('-' for standard input).")],
) -> None:
    """May we use or disclose this information? Prints the decision as JSON, with reasons and citations."""
    import json

    from privacydesk.law import LawError
    from privacydesk.law import decide as run_decide

    text = sys.stdin.read() if str(input_file) == "-" else input_file.read_text(encoding="utf-8")
    try:
        facts = json.loads(text)
    except json.JSONDecodeError as exc:
        typer.secho(
            f"{input_file}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}", fg="red", err=True
        )
        raise typer.Exit(2) from None
    try:
        decision = run_decide(facts)
    except LawError as exc:
        typer.secho(f"{input_file}: {exc}", fg="red", err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(decision.as_dict(), ensure_ascii=False, indent=2))


@app.command()
def openapi() -> None:
    """Print the OpenAPI document of the HTTP API."""
    _setup()
    import json

    from privacydesk.api.routes import api

    typer.echo(json.dumps(api.get_openapi_schema(), indent=2))


@connectors_app.command("add")
def connectors_add(
    name: Annotated[str, typer.Argument(help="A short name for the connection.")],
    system: Annotated[str, typer.Option(help="The register's name for the system it reaches.")],
    descriptor: Annotated[
        Path, typer.Option(exists=True, dir_okay=False, readable=True, help="Dataset descriptor (YAML).")
    ],
    timeout: Annotated[int, typer.Option(help="Seconds a step may take before it is retried.")] = 300,
    kind: Annotated[str, typer.Option(help="sql, or files for a folder of CSV/XLSX exports.")] = "sql",
) -> None:
    """Add a connection. The database address (password included), or the exports folder, is read from
    PRIVACYDESK_CONNECTOR_ADDRESS or asked for without echo: never put it on a command line."""
    _setup()
    from django.core.exceptions import ValidationError

    from privacydesk.connectors import services
    from privacydesk.register.models import System

    found = System.objects.filter(name=system).first()
    if found is None:
        names = ", ".join(System.objects.values_list("name", flat=True)) or "none"
        typer.secho(f"--system: no system {system!r} in the register (it has: {names})", fg="red", err=True)
        raise typer.Exit(1)
    if kind not in ("sql", "files"):
        typer.secho(f"--kind: {kind!r} is not sql or files", fg="red", err=True)
        raise typer.Exit(1)
    address = os.environ.get("PRIVACYDESK_CONNECTOR_ADDRESS") or typer.prompt("Database address", hide_input=True)
    try:
        connection = services.add_connection(
            found, name, address, descriptor.read_text(encoding="utf-8"), timeout_seconds=timeout, kind=kind
        )
    except ValidationError as exc:
        for field, problems in exc.message_dict.items():
            for problem in problems:
                typer.secho(problem if field == "descriptor" else f"--{field}: {problem}", fg="red", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Added {connection.name} ({found.name}); its address is stored encrypted.")


@connectors_app.command("fixtures")
def connectors_fixtures(
    folder: Annotated[Path, typer.Argument(file_okay=False, help="Where the descriptors (and exports) go.")],
    people: Annotated[int, typer.Option(min=1, help="How many people (each in all three systems).")] = 1000,
    crm: Annotated[
        str, typer.Option(envvar="PRIVACYDESK_FIXTURE_CRM", help="The CRM's database (default: SQLite in FOLDER).")
    ] = "",
    helpdesk: Annotated[
        str,
        typer.Option(
            envvar="PRIVACYDESK_FIXTURE_HELPDESK", help="The helpdesk's database (default: SQLite in FOLDER)."
        ),
    ] = "",
    prefix: Annotated[str, typer.Option(help="Start every table's name with this.")] = "",
    seed: Annotated[int, typer.Option(help="The same seed makes the same people.")] = 7,
    replace: Annotated[bool, typer.Option(help="Drop tables of the same names first.")] = False,
) -> None:
    """Make three synthetic connected systems to try privacydesk against: a CRM, a helpdesk (each in a
    database: MariaDB and PostgreSQL look most like the real thing) and accounting CSV exports, with
    their dataset descriptors. Everyone in them is made up (Faker, en_AU and en_NZ)."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    from privacydesk.connectors import fixtures

    folder.mkdir(parents=True, exist_ok=True)
    population = list(fixtures.population(people, seed=seed))
    addresses = {
        "crm": crm or f"sqlite:///{(folder / 'crm.sqlite3').resolve()}",
        "helpdesk": helpdesk or f"sqlite:///{(folder / 'helpdesk.sqlite3').resolve()}",
    }
    builders: dict[str, Callable[..., fixtures.Built]] = {
        "crm": fixtures.build_crm,
        "helpdesk": fixtures.build_helpdesk,
    }
    with _progress() as progress:
        for name, build in builders.items():
            task = progress.add_task(f"{name}: rows", total=None)
            engine = create_engine(addresses[name])
            try:
                built = build(
                    engine, population, prefix, seed, tick=lambda n, t=task: progress.advance(t, n), replace=replace
                )
            except (fixtures.FixtureError, SQLAlchemyError) as exc:
                message = str(exc) if isinstance(exc, fixtures.FixtureError) else type(exc).__name__
                typer.secho(f"--{name}: {message}", fg="red", err=True)
                raise typer.Exit(1) from None
            finally:
                engine.dispose()
            typer.echo(f"{name}: " + ", ".join(f"{n:,} {t}" for t, n in built.counts.items()))
        task = progress.add_task("accounting: people", total=people)
        built = fixtures.build_accounting(
            folder / "exports", population, seed, tick=lambda n: progress.advance(task, n)
        )
        typer.echo("accounting: " + ", ".join(f"{n:,} {t}" for t, n in built.counts.items()))
    for name, text in fixtures.descriptors(prefix).items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    typer.echo(
        f"Descriptors written to {folder}: crm.yaml, helpdesk.yaml, accounting.yaml (exports in {folder / 'exports'})."
    )


@connectors_app.command("check")
def connectors_check(name: Annotated[str, typer.Argument(help="The connection's name.")]) -> None:
    """Check a connection's descriptor against its database or exports folder: every table and column it
    names must exist."""
    _setup()
    from privacydesk.connectors import services, sql
    from privacydesk.connectors.descriptor import DescriptorError
    from privacydesk.connectors.models import Connection

    connection = Connection.objects.filter(name=name).exclude(kind=Connection.MANUAL).first()
    if connection is None:
        typer.secho(f"No SQL or exports connection named {name!r}.", fg="red", err=True)
        raise typer.Exit(1)
    try:
        tables = services.check(connection)
    except DescriptorError as exc:
        for problem in exc.problems:
            typer.secho(problem.describe(exc.filename), fg="red", err=True)
        raise typer.Exit(1) from None
    except sql.ConnectorError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None
    descriptor = services.descriptor_of(connection)
    fields = sum(len(t.fields) for t in descriptor.doc.tables)
    typer.echo(f"{name}: {tables} tables and {fields} fields found as described.")


@connectors_app.command("discover")
def connectors_discover(
    system: Annotated[str, typer.Option(help="The register's name for the system being looked into.")],
    dataset: Annotated[str, typer.Option(help="A short key for the draft descriptor.")] = "draft",
    sample: Annotated[int, typer.Option(min=1, max=10_000, help="Values read per text column.")] = 200,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the draft here (default: stdout).")
    ] = None,
) -> None:
    """Sample a database's text columns, scan them and print a draft descriptor to review; say which
    categories found are missing from the register. The address comes from PRIVACYDESK_CONNECTOR_ADDRESS
    or a hidden prompt."""
    _setup()
    from privacydesk.connectors import discover, services, sql
    from privacydesk.register.models import System

    found = System.objects.filter(name=system).first()
    if found is None:
        typer.secho(f"--system: no system {system!r} in the register", fg="red", err=True)
        raise typer.Exit(1)
    address = os.environ.get("PRIVACYDESK_CONNECTOR_ADDRESS") or typer.prompt("Database address", hide_input=True)
    engine = sql.engine_for(address, timeout=30)
    try:
        guesses = discover.discover(engine, sample=sample)
    except sql.ConnectorError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    text = discover.draft(dataset, found.name, guesses)
    if output:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"Wrote {output}", err=True)
    else:
        sys.stdout.write(text)
    for table, column, category in services.unregistered(found, guesses):
        typer.secho(
            f"register: {found.name} does not list {category!r} (found in {table}.{column})", fg="yellow", err=True
        )


@connectors_app.command("list")
def connectors_list() -> None:
    """The connections (never their addresses)."""
    _setup()
    from privacydesk.connectors.models import Connection

    for connection in Connection.objects.select_related("system"):
        state = "" if connection.active else " (inactive)"
        typer.echo(f"{connection.name}\t{connection.system.name}\t{connection.get_kind_display()}{state}")


@connectors_app.command("run")
def connectors_run() -> None:
    """Run the steps that are due now, in this process (workers do this on their own)."""
    _setup()
    from privacydesk.audit.context import acting_as
    from privacydesk.connectors import services

    with acting_as("worker"):
        done = services.run_due()
    typer.echo(f"Ran {done} step(s).")


from privacydesk.scan import commands as scan_commands  # noqa: E402  (no Django: fast, runs anywhere)

app.command("scan")(scan_commands.scan)
app.command("redact")(scan_commands.redact)


def _print_lines(lines: list[dict[str, Any]]) -> None:
    if not lines:
        typer.echo("Nothing is past its retention period.")
    for line in lines:
        why = f" — {'; '.join(line['reasons'])}" if line["reasons"] else ""
        typer.echo(
            f"{line['records']:>7,}  {line['where']}: {line['outcome'].lower()} "
            f"({line['rule']}: {line['rule_text']}){why}"
        )


@retention_app.command("run")
def retention_run(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what is due; change and keep nothing.")] = False,
    as_of: Annotated[str | None, typer.Option(help="Due on or before this day (YYYY-MM-DD; default today).")] = None,
) -> None:
    """Find the records past their retention period, in privacydesk and in connected systems. Without
    --dry-run the run is kept for a person to approve (console, or `retention approve RUN`)."""
    _setup()
    from datetime import date

    from django.db import transaction

    from privacydesk.retention import disposal

    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        typer.secho(f"--as-of: {as_of!r} is not a date (YYYY-MM-DD)", fg="red", err=True)
        raise typer.Exit(1) from None
    with transaction.atomic():
        run = disposal.propose(day)
        lines = disposal.certificate_lines(run)
        problems = run.report.get("problems", [])
        if dry_run:
            transaction.set_rollback(True)
    _print_lines(lines)
    for problem in problems:
        typer.secho(problem, fg="yellow", err=True)
    if dry_run:
        typer.echo("Dry run: nothing was changed or kept.")
    else:
        typer.echo(
            f"Proposed as run {run.pk}: approve it in the console or with `privacydesk retention approve {run.pk}`."
        )


@retention_app.command("approve")
def retention_approve(
    run_id: Annotated[int, typer.Argument(metavar="RUN", help="The run's number.")],
    now: Annotated[bool, typer.Option("--now", help="Carry it out here and now instead of by a worker.")] = False,
) -> None:
    """Approve a proposed disposal run; a worker carries it out (or this command, with --now)."""
    _setup()
    from django.core.exceptions import ValidationError

    from privacydesk.retention import disposal
    from privacydesk.retention.models import DisposalRun
    from privacydesk.retention.tasks import execute_run

    run = DisposalRun.objects.filter(pk=run_id).first()
    if run is None:
        typer.secho(f"No disposal run {run_id}.", fg="red", err=True)
        raise typer.Exit(1)
    try:
        run = disposal.approve(run)
    except ValidationError as exc:
        typer.secho(" ".join(exc.messages), fg="red", err=True)
        raise typer.Exit(1) from None
    if not now:
        execute_run.enqueue(run.pk)
        typer.echo(f"Run {run.pk} approved; a worker will carry it out.")
        return
    run = disposal.execute(run)
    _print_lines(disposal.certificate_lines(run))
    typer.echo(f"Run {run.pk} done. Certificate digest {run.report['certificate']['digest']}.")


@breaches_app.command("send")
def breaches_send() -> None:
    """Send the queued notices to affected people now (a worker does this when they are queued)."""
    _setup()
    from privacydesk.breaches import services
    from privacydesk.connectors.services import worker_name

    result = services.send_all(worker_name())
    typer.echo(
        f"{result['sent']} sent, {result['bounced']} refused by the mail server, {result['retry']} to try again."
    )


@breaches_app.command("bounce")
def breaches_bounce(
    address: Annotated[str, typer.Argument(help="The address a delivery failure came back for.")],
    reason: Annotated[str, typer.Option(help="What the failure said, e.g. 550 5.1.1 user unknown.")],
) -> None:
    """Record a bounce reported after sending (a delivery status notification)."""
    _setup()
    from privacydesk.breaches import services

    count = services.record_bounce(address, reason)
    if not count:
        typer.secho("No sent notice went to that address.", fg="red", err=True)
        raise typer.Exit(1)
    typer.echo(f"{count} notice{'s' if count != 1 else ''} marked as bounced.")


@policy_app.command("check")
def policy_check(
    file: Annotated[Path, typer.Argument(help="The policy: text, Markdown, HTML or PDF.")],
    jurisdiction: Annotated[str, typer.Option(help="au, nz or eu: whose requirements to check against.")] = "au",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    draft_register: Annotated[
        Path | None, typer.Option(help="Also write a draft register file (purposes, providers) read from the policy.")
    ] = None,
) -> None:
    """Check a privacy policy: each element the law requires present, partial or missing (with the
    sentence that shows it), and findings such as repealed law or overseas disclosure without
    countries. Works offline; needs no database."""
    import json

    from privacydesk.policy.checker import PolicyReadError, check, read

    try:
        content = file.read_bytes()
    except OSError as exc:
        typer.secho(f"{file}: cannot be read ({exc.strerror or type(exc).__name__}).", fg="red", err=True)
        raise typer.Exit(1) from None
    try:
        text = read(content, file.name)
        report = check(text, jurisdiction)
    except PolicyReadError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None
    if draft_register is not None:
        from privacydesk.policy.onboard import read_register, to_yaml

        draft_register.write_text(to_yaml(read_register(text), file.name), encoding="utf-8")
        typer.echo(f"Draft register written to {draft_register}: review it, then import it.", err=True)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
        return
    for element in report.elements:
        mark = {"present": "✓", "partial": "~", "missing": "✗"}[element.status]
        typer.echo(f"{mark} {element.id:<12} {element.status:<8} {element.note}")
        if element.evidence:
            typer.echo(f"    “{element.evidence[:160]}”")
    for finding in report.findings:
        typer.echo(f"! {finding.code}: {finding.text}")
        typer.echo(f"    “{finding.evidence[:160]}”")
    missing = sum(e.status == "missing" for e in report.elements)
    typer.echo(
        f"{len(report.elements) - missing} of {len(report.elements)} elements found; {len(report.findings)} findings."
    )


def _missing_tables(exc: BaseException) -> bool:
    """A database that has not been migrated to this version (SQLite "no such table", PostgreSQL
    "relation … does not exist", MySQL "doesn't exist")."""
    from django.db.utils import OperationalError, ProgrammingError

    text = str(exc)
    return isinstance(exc, OperationalError | ProgrammingError) and (
        "no such table" in text or "does not exist" in text or "doesn't exist" in text
    )


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        # `privacydesk scan … | head`: the reader has gone. Point stdout at /dev/null so Python's own
        # flush at exit does not fail again, and end quietly (the Python documentation's recipe).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:
        if "django" in sys.modules and _missing_tables(exc):
            typer.secho(
                "The database is not up to date for this version: run `privacydesk migrate`.", fg="red", err=True
            )
            sys.exit(2)
        raise
