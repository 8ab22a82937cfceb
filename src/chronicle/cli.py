"""The ``chronicle`` command line (see shared/spec/cli.md). Commands parse options, build a
Settings object, call one library function and render: no logic lives here."""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chronicle.errors import ChronicleError
from chronicle.settings import Settings, load_settings

if TYPE_CHECKING:
    from rich.console import Console

    from chronicle.collect import CollectSummary
    from chronicle.store import Store
    from chronicle.workflow import IngestProgress, IngestSummary

app = typer.Typer(
    name="chronicle",
    help="Turn noisy news articles into a clean, source-attributed timeline of events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich-formatted help imports markdown and layout modules that cost more
    # start-up time than everything else `chronicle timeline --help` needs.
    rich_markup_mode=None,
)


def escape(text: str) -> str:
    """Text shown as written, not read as rich markup (rich loads on first use)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


@functools.cache
def _console(stderr: bool) -> Console:
    """The console for messages (stderr) or for results (stdout), made on first use: building
    one loads most of rich, which commands that print nothing need not pay for."""
    from rich.console import Console

    return Console(stderr=True) if stderr else Console(highlight=False, soft_wrap=True)

DbOption = Annotated[Path | None, typer.Option("--db", help="SQLite file (default: $CHRONICLE_DB or ./chronicle.db)")]


def _settings(db: Path | None = None, **overrides: Any) -> Settings:
    try:
        return load_settings(db_path=db, **overrides)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _open_store(settings: Settings, *, must_exist: bool = True) -> Store:
    from chronicle.store import Store

    if must_exist and not settings.db_path.exists():
        _console(True).print(f"[red]no database at {settings.db_path}[/]; run `chronicle ingest PATH` first")
        raise typer.Exit(2)
    try:
        return Store(settings.db_path)
    except ChronicleError as exc:
        _console(True).print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(2) from None


def _write(text: str, target: Path | None) -> None:
    if target is None:
        sys.stdout.write(text)
    else:
        target.write_text(text, encoding="utf-8")
        _console(True).print(f"wrote {target}")


def run_ingest(paths: list[Path], settings: Settings) -> IngestSummary:
    """Ingest with a progress bar (bytes read, documents/s, ETA), then print the summary."""
    with _open_store(settings, must_exist=False) as store:
        return _ingest_with_progress(paths, store, settings)


def _ingest_with_progress(paths: list[Path], store: Store, settings: Settings) -> IngestSummary:
    # The analysis stack (spaCy and the rest) loads only for the commands that analyse text:
    # `timeline`, `brief` or `serve` start in a fraction of a second.
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from chronicle.workflow import ingest_paths
    with Progress(
        SpinnerColumn(), TextColumn("[bold]ingesting[/]"), BarColumn(), TaskProgressColumn(),
        TextColumn("{task.fields[items]} docs · {task.fields[rate]}"), TimeElapsedColumn(),
        TextColumn("ETA"), TimeRemainingColumn(), TextColumn("{task.fields[current]}"),
        # No refresh thread: the display is redrawn from the callback below, so the process
        # stays single-threaded and ingest may fork its workers (see chronicle.workflow.analyse).
        console=_console(True), transient=False, auto_refresh=False,
    ) as progress:
        task = progress.add_task("ingest", total=None, items=0, rate="", current="")
        last_draw = 0.0

        def advance(state: IngestProgress) -> None:
            nonlocal last_draw
            elapsed = progress.tasks[task].elapsed or 0.0
            rate = f"{state.items / elapsed:.1f} docs/s" if elapsed > 0 else ""
            name = Path(state.current.split("#")[0].split("@")[0]).name
            progress.update(task, total=state.bytes_total or None, completed=state.bytes_done,
                            items=state.items, rate=rate, current=escape(name))
            if time.monotonic() - last_draw >= 0.1:  # ten redraws a second at most
                last_draw = time.monotonic()
                progress.refresh()

        summary = ingest_paths(paths, store, settings, progress=advance)
        progress.update(task, total=1, completed=1, current="")
    _print_summary(summary)
    return summary


def _print_summary(summary: IngestSummary) -> None:
    _console(True).print(
        f"[green]stored {len(summary.stored)}[/] · unchanged {len(summary.unchanged)} · "
        + (f"[red]failed {len(summary.failed)}[/]" if summary.failed else "failed 0")
        + f" · {summary.seconds:.1f}s"
    )
    for warning in summary.warnings:
        _console(True).print(
            f"[yellow]warning[/] {escape(warning.source)}: [bold]{warning.code}[/] {escape(warning.message)}"
        )
    for err in summary.failed:
        # One plain line per failure (no table): paths are never truncated and stay greppable.
        _console(True).print(f"[red]failed[/] {escape(err.source)}: [bold]{err.code}[/] {escape(err.message)}",
                      soft_wrap=True)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="files and folders (.txt, .html, .jsonl, .warc, .warc.gz)")],
    db: DbOption = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1,
                       help="processes for the per-document stages (default: number of CPUs)")] = None,
    watch_folder: Annotated[bool, typer.Option("--watch",
                            help="keep watching PATH (one folder) for new files")] = False,
    interval: Annotated[float, typer.Option("--interval", min=0.1, help="seconds between polls with --watch")] = 2.0,
) -> None:
    """Read, clean, analyse, link and store articles."""
    settings = _settings(db, workers=workers or os.cpu_count() or 1)
    if watch_folder:
        if len(paths) != 1 or not paths[0].is_dir():
            raise typer.BadParameter("--watch takes exactly one folder", param_hint="PATHS")
        _console(True).print(f"watching {paths[0]} (Ctrl-C to stop)")
        from chronicle.workflow import watch

        with _open_store(settings, must_exist=False) as store:
            try:
                watch(paths[0], store, settings, interval=interval, on_batch=_print_summary)
            except KeyboardInterrupt:
                _console(True).print("stopped")
        return
    summary = run_ingest(paths, settings)
    raise typer.Exit(summary.exit_code)


@app.command()
def collect(
    sources: Annotated[list[str], typer.Argument(
        metavar="SOURCE...", help="RSS/Atom feed or sitemap URLs, site home pages, files of URLs (one per line)")],
    db: DbOption = None,
    archive: Annotated[Path | None, typer.Option(
        "--archive", help="keep every response in WARC files here (`chronicle ingest` rebuilds from them)")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="skip pages their source dates before this day (YYYY-MM-DD)")] = None,
    max_items: Annotated[int | None, typer.Option("--max", min=1, help="fetch at most N new pages a run")] = None,
    watch: Annotated[bool, typer.Option("--watch", help="poll the sources again every --interval seconds")] = False,
    interval: Annotated[float, typer.Option("--interval", min=1.0, help="seconds between polls with --watch")] = 900.0,
    user_agent: Annotated[str | None, typer.Option(
        "--user-agent", help="sent, and matched against robots.txt (default chronicle/VERSION)")] = None,
    rate: Annotated[float | None, typer.Option(
        "--rate", min=0.01, help="requests per second to one host (default 1)")] = None,
) -> None:
    """Follow feeds, sitemaps and URL lists politely; archive what was fetched; store the new articles."""
    if since is not None and not _is_iso_day(since):
        raise typer.BadParameter(f"{since!r} is not a date of the form YYYY-MM-DD", param_hint="--since")
    settings = _settings(db, user_agent=user_agent, fetch_rate=rate)
    with _open_store(settings, must_exist=False) as store:
        while True:
            try:
                summary = _collect_with_progress(sources, store, settings, archive=archive, since=since,
                                                 max_items=max_items)
            except KeyboardInterrupt:
                _console(True).print("stopped mid-run: what it had not recorded is fetched again next run")
                raise typer.Exit(130) from None
            if not watch:
                raise typer.Exit(summary.exit_code)
            _console(True).print(f"next poll in {interval:g} s (Ctrl-C to stop)")
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                _console(True).print("stopped")
                raise typer.Exit(summary.exit_code) from None


def _collect_with_progress(
    sources: list[str], store: Store, settings: Settings, *, archive: Path | None, since: str | None,
    max_items: int | None,
) -> CollectSummary:
    """One collect run with a progress bar per host, then its summary and the ingest's."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from chronicle.collect import collect as collect_sources

    with Progress(TextColumn("[bold]{task.description}[/]"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("ETA"), TimeRemainingColumn(), console=_console(True), transient=False) as progress:
        tasks: dict[str, Any] = {}

        def advance(host: str, done: int, total: int) -> None:
            if host not in tasks:
                tasks[host] = progress.add_task(escape(host), total=total)
            progress.update(tasks[host], completed=done, total=total)

        def ingest(paths: list[Path]) -> IngestSummary:
            # One live display at a time, and no refresh thread left when ingest forks its workers.
            progress.stop()
            return _ingest_with_progress(paths, store, settings)

        summary = collect_sources(
            sources, store, settings, archive_dir=archive, since=since, max_items=max_items, progress=advance,
            ingest=ingest,
        )
    _print_collect_summary(summary)
    return summary


def _print_collect_summary(summary: CollectSummary) -> None:
    console = _console(True)
    console.print(
        f"[green]fetched {len(summary.fetched)}[/] · not modified {len(summary.not_modified)} · "
        f"copies {len(summary.duplicates)} · disallowed by robots.txt {len(summary.disallowed)} · "
        + (f"[red]failed {len(summary.failed)}[/]" if summary.failed else "failed 0")
        + f" · fetched before {summary.seen_before}"
        + (f" · dated before --since {summary.before_since}" if summary.before_since else "")
        + (f" · left for the next run (--max) {summary.left}" if summary.left else "")
    )
    for host, counts in sorted(summary.hosts.items()):
        console.print(f"  {escape(host)}: " + " · ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items())))
    for warning in summary.warnings:
        console.print(f"[yellow]warning[/] {escape(warning.source)}: [bold]{warning.code}[/] {escape(warning.message)}",
                      soft_wrap=True)
    for url, held in summary.duplicates:
        console.print(f"copy {escape(url)}: the page {escape(held)} is already held", soft_wrap=True)
    for item in summary.disallowed:
        console.print(f"[yellow]disallowed[/] {escape(item.source)}: {escape(item.message)}", soft_wrap=True)
    for err in summary.failed:
        console.print(f"[red]failed[/] {escape(err.source)}: [bold]{err.code}[/] {escape(err.message)}",
                      soft_wrap=True)
    for path in summary.archives:
        console.print(f"archived in {escape(str(path))}")


@app.command()
def relink(db: DbOption = None) -> None:
    """Rebuild stories, merged events and agreements from the stored documents alone."""
    from chronicle.workflow import relink as relink_store

    settings = _settings(db)
    with _open_store(settings) as store, _console(True).status("linking…"):
        relink_store(store, settings, from_scratch=True)
        count = store.count_documents()
    _console(True).print(f"relinked {count} documents")


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="files and folders, as for ingest")],
    db: DbOption = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler, e.g. tcp://HOST:8786")] = None,
    local_cluster: Annotated[int | None, typer.Option("--local-cluster", min=1,
                             help="start a local Dask cluster of N worker processes")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="also leave Parquet tables in this folder")] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="only write Parquet (needs --output)")] = False,
) -> None:
    """The ingest job on a Dask cluster: the same stages, mapped over partitions of the input."""
    from chronicle.scale import run_on_dask

    if (scheduler is None) == (local_cluster is None):
        raise typer.BadParameter("give exactly one of --scheduler or --local-cluster")
    if no_store and output is None:
        raise typer.BadParameter("--no-store needs --output", param_hint="--output")
    settings = _settings(db)
    store = None if no_store else _open_store(settings, must_exist=False)
    try:
        with _console(True).status("running on Dask…"):
            summary = run_on_dask(paths, settings, scheduler=scheduler, local_workers=local_cluster,
                                  store=store, output=output)
    finally:
        if store is not None:
            store.close()
    _print_summary(summary)
    if summary.output:
        _console(True).print(f"Parquet tables in {summary.output}")
    raise typer.Exit(summary.exit_code)


@app.command()
def timeline(
    db: DbOption = None,
    # No "[default: ...]" suffix: typer renders one through its rich helpers, which cost this
    # command's help most of its start-up time; the help text says the default.
    format: Annotated[str, typer.Option(
        "--format", help="json (default) | csv | acled | geojson | plover | md | parquet (needs --out)",
        show_default=False,
    )] = "json",
    out_path: Annotated[Path | None, typer.Option("--out", help="write to this file instead of stdout")] = None,
    since: Annotated[str | None, typer.Option("--since", help="first day, YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, typer.Option("--until", help="last day, YYYY[-MM[-DD]]")] = None,
    types: Annotated[list[str] | None, typer.Option("--type", help="PLOVER type (repeat, or comma-separated)")]
    = None,
    actor: Annotated[str | None, typer.Option("--actor", help="canonical actor name")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166-1 alpha-3 code of an actor")] = None,
    changes_since: Annotated[str | None, typer.Option(
        "--changes-since", help="only events added or changed since this ISO time, and a list of those removed",
    )] = None,
) -> None:
    """The merged timeline, as JSON (timeline.schema.json), CSV, ACLED's CSV, GeoJSON, PLOVER
    records, Markdown or Parquet; the filters are those of the API's /api/events, with chronicle.query's rule for
    partial dates. ``--changes-since T`` gives what changed since T, as a downstream copy needs
    to follow: the events added or changed (each with the time of its change, ``updated``, which
    a plain JSON export leaves out) and, in JSON, the ids of those removed."""
    from chronicle import report
    from chronicle.query import EventQuery, check_range, parse_date_bound
    from chronicle.report.timeline import event_rows, without_change_times, write_parquet

    timeline_data = report.timeline_data
    renderers = {"json": report.render_json, "csv": report.render_csv, "acled": report.render_acled,
                 "geojson": report.render_geojson, "plover": report.render_plover, "md": report.render_markdown}
    if format not in {*renderers, "parquet"}:
        raise typer.BadParameter(
            f"unknown format {format!r}; use json, csv, acled, geojson, plover, md or parquet", param_hint="--format"
        )
    if format == "parquet" and out_path is None:
        raise typer.BadParameter("--format parquet writes a file: give --out", param_hint="--out")
    try:
        query = EventQuery(
            types=tuple(t.strip().upper() for v in types or [] for t in v.split(",") if t.strip()),
            actor=actor or None, country=(country or "").strip().upper() or None,
            since=parse_date_bound(since, "--since"), until=parse_date_bound(until, "--until"),
        )
        check_range(query.since, query.until)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    since = _changes_since(changes_since) if changes_since else None
    removed: list[tuple[str, str]] = []
    with _open_store(_settings(db)) as store:
        if since is not None:
            events, removed = store.changes_since(since)
            cited = {s.doc for e in events for s in e.sources}
            data = timeline_data([d for d in store.documents() if d.id in cited], events)
        elif query == EventQuery():
            data = timeline_data(store.documents(), store.timeline_events())
        else:
            events = store.all_events(query)
            cited = {s.doc for e in events for s in e.sources}
            data = timeline_data([d for d in store.documents() if d.id in cited], events)
    if format == "parquet":
        assert out_path is not None
        try:
            write_parquet(event_rows(data), out_path)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--format") from None
        _console(True).print(f"wrote {out_path}")
        return
    if since is not None and format == "json":
        data["removed"] = [{"id": event_id, "removed_at": at} for event_id, at in removed]
    elif format == "json":
        without_change_times(data)  # when each event last changed comes with --changes-since
    _write(renderers[format](data), out_path)


def _changes_since(value: str) -> str:
    """An ISO date or time as the UTC ISO time the store compares with (exit 2 when it is none)."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not an ISO date or time: {value!r}", param_hint="--changes-since") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


@app.command()
def timex(
    file: Annotated[str, typer.Argument(help="text file, or - for standard input")] = "-",
    dct: Annotated[str | None, typer.Option("--dct", help="document creation time, YYYY-MM-DD")] = None,
) -> None:
    """Tag and normalise the time expressions of a raw text (JSON list with offsets and TIMEX3 values)."""
    from chronicle.temporal import tag, timexes_to_json

    if dct is not None and not _is_iso_day(dct):
        raise typer.BadParameter(f"{dct!r} is not a date of the form YYYY-MM-DD", param_hint="--dct")
    if file == "-":
        text = sys.stdin.read()
    else:
        path = Path(file)
        if not path.is_file():
            raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
        text = path.read_text(encoding="utf-8", errors="replace")
    _write(json.dumps(timexes_to_json(tag(text, dct)), ensure_ascii=False, indent=2) + "\n", None)


def _is_iso_day(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@app.command()
def agreement(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", help="json | md")] = "json",
) -> None:
    """Provisions of the agreement(s) under negotiation and their status over time, with citations."""
    from chronicle.agree import agreement_json, agreement_markdown

    if format not in ("json", "md"):
        raise typer.BadParameter(f"unknown format {format!r}; use json or md", param_hint="--format")
    with _open_store(_settings(db)) as store:
        provisions = store.provisions()
    if format == "json":
        _write(json.dumps(agreement_json(provisions), ensure_ascii=False, indent=2) + "\n", None)
    else:
        _write(agreement_markdown(provisions), None)


@app.command()
def brief(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option("--since", help="first day, YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, typer.Option("--until", help="last day, YYYY[-MM[-DD]]")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="only events involving this actor or country")] = None,
    format: Annotated[str, typer.Option("--format", help="md | json")] = "md",
) -> None:
    """A briefing for a period: merged events in chronicle's own words with [outlet, date] citations,
    agreement changes, and open disagreements between sources."""
    from chronicle.report.brief import brief_json, brief_markdown, build_brief

    if format not in ("json", "md"):
        raise typer.BadParameter(f"unknown format {format!r}; use md or json", param_hint="--format")
    with _open_store(_settings(db)) as store:
        try:
            result = build_brief(store.documents(), store.timeline_events(), store.provisions(),
                                 since=since, until=until, actor=actor)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    if format == "json":
        _write(json.dumps(brief_json(result), ensure_ascii=False, indent=2) + "\n", None)
    else:
        _write(brief_markdown(result), None)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="address to bind (loopback by default)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option("--token", envvar="CHRONICLE_TOKEN",
                     help="enable POST /api/documents for clients sending this bearer token")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="server processes (each reads on its own)")] = 1,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="also answer requests for this host name (repeat; default: loopback names only)",
    )] = None,
) -> None:
    """The REST API under /api (OpenAPI at /docs) and the web page at /."""
    from chronicle.api import serve as serve_api
    from chronicle.api.app import DEFAULT_ALLOWED_HOSTS

    settings = _settings(db)
    _open_store(settings).close()  # fail early, with a clear message, on a missing database
    _console(True).print(f"serving {settings.db_path} on http://{host}:{port}/ (API docs at /docs); Ctrl-C to stop")
    try:
        serve_api(settings, host=host, port=port, token=token, workers=workers,
                  allowed_hosts=[*DEFAULT_ALLOWED_HOSTS, *(allow_host or [])])
    except OSError as exc:
        _console(True).print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from None


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="where the demo database is written")] = Path("out/demo.db"),
) -> None:
    """Ingest the sample corpus into a fresh database and print what chronicle found."""
    from chronicle.agree import agreement_json, agreement_markdown
    from chronicle.report import render_markdown, timeline_data
    from chronicle.web import render_html

    settings = _settings(db)
    seeds = settings.shared_path / "corpus" / "seeds"
    if not seeds.is_dir():
        _console(True).print(f"[red]sample corpus not found at {seeds}[/]; set CHRONICLE_SHARED")
        raise typer.Exit(2)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    run_ingest([seeds], settings)
    with _open_store(settings) as store:
        docs = store.documents()
        data = timeline_data(docs, store.timeline_events())
        provisions = store.provisions()
    for d in data["documents"]:
        _console(False).rule(f"[bold]{d['id']}[/]")
        _console(False).print(f"[bold]title[/]      {escape(d['title'] or '—')}")
        _console(False).print(
            f"[bold]outlet[/]     {escape(d['outlet'] or '—')}    [bold]author[/] {escape(d['author'] or '—')}"
        )
        _console(False).print(f"[bold]published[/]  {d['published'] or 'unknown'} ({d['published_basis']})    "
                  f"[bold]language[/] {d['language'] or '—'}    [bold]story[/] {d['story']}"
                  + (f"    [bold]reprint of[/] {d['duplicate_of']}" if d["duplicate_of"] else ""))
        _console(False).print()
        _console(False).print(escape(d["body"]))
        _console(False).print()
    _console(False).rule("timeline")
    _console(False).print(escape(render_markdown(data)))
    _console(False).rule("agreement")
    _console(False).print(escape(agreement_markdown(provisions)))
    html_path = db.parent / "timeline.html"
    html_path.write_text(render_html(data, agreement_json(provisions)), encoding="utf-8")
    _console(False).print(f"\ndatabase: {db}\nself-contained timeline page: {html_path} (open it in a browser)\n"
              f"browse and query it live: .venv/bin/chronicle serve --db {db}  →  http://127.0.0.1:8000/")


def main() -> None:  # pragma: no cover - console entry for `python -m chronicle`
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    app()
