"""The command line end to end on a real SQLite file: ingest, idempotence, bad input, exports."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from chronicle.cli import app
from chronicle.report import CSV_COLUMNS

runner = CliRunner()


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    db = tmp_path_factory.mktemp("cli") / "seeds.db"
    result = runner.invoke(app, ["ingest", str(seed_paths[0].parent), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def timeline_json(db: Path) -> dict:
    result = runner.invoke(app, ["timeline", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_seeds_ingest_and_export_validates_against_the_schema(seeds_db: Path, shared: Path,
                                                              seed_paths: list[Path]) -> None:
    data = timeline_json(seeds_db)
    schema = json.loads((shared / "spec" / "timeline.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert [d["id"] for d in data["documents"]] == [p.stem for p in seed_paths]
    assert all(d["body"].strip() for d in data["documents"])


def test_reingest_changes_nothing(seeds_db: Path, seed_paths: list[Path]) -> None:
    before = timeline_json(seeds_db)
    result = runner.invoke(app, ["ingest", str(seed_paths[0].parent), "--db", str(seeds_db)])
    assert result.exit_code == 0
    assert "stored 0" in result.output and f"unchanged {len(seed_paths)}" in result.output
    assert timeline_json(seeds_db) == before


def test_changed_content_replaces_the_old_version(tmp_path: Path, seed_paths: list[Path]) -> None:
    source = tmp_path / "in"
    source.mkdir()
    target = source / seed_paths[0].name
    shutil.copy(seed_paths[0], target)
    db = tmp_path / "c.db"
    assert runner.invoke(app, ["ingest", str(source), "--db", str(db)]).exit_code == 0
    text = target.read_text(encoding="utf-8")
    target.write_text(text + "\n\nA later paragraph was added to this article by its editors today.\n",
                      encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0 and "stored 1" in result.output
    docs = timeline_json(db)["documents"]
    assert len(docs) == 1 and "added to this article by its editors" in docs[0]["body"]


def test_csv_and_markdown_exports(seeds_db: Path) -> None:
    result = runner.invoke(app, ["timeline", "--db", str(seeds_db), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(csv.DictReader(io.StringIO(result.stdout)).fieldnames or ()) == CSV_COLUMNS
    assert len(rows) == len(timeline_json(seeds_db)["events"])
    md = runner.invoke(app, ["timeline", "--db", str(seeds_db), "--format", "md"])
    assert md.exit_code == 0 and md.stdout.startswith("# Timeline")
    bad = runner.invoke(app, ["timeline", "--db", str(seeds_db), "--format", "xml"])
    assert bad.exit_code == 2


def write_bad_inputs(folder: Path) -> None:
    """One file of every bad kind, beside one good article."""
    (folder / "good.txt").write_text(
        "Ceasefire talks resume\n\nNegotiators from both countries met in Geneva on Monday and agreed to resume "
        "talks on a ceasefire, officials said after the meeting ended late in the evening.\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "huge.txt").write_bytes(b"All work and no play makes a dull article. " * 30_000)
    (folder / "latin1.txt").write_bytes(
        "Les négociateurs se sont réunis à Genève lundi pour reprendre les pourparlers sur un cessez-le-feu."
        .encode("latin-1")
    )
    (folder / "broken.html").write_text("<html><body><div><p>Unclosed <b>tags everywhere <p>and more",
                                        encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0JFIF")
    (folder / "cut.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")[:-8])
    (folder / "feed.jsonl").write_text('{"id": "j1", "text": "Short."}\n{not json}\n', encoding="utf-8")


def test_bad_inputs_fail_per_item_and_the_rest_is_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_bad_inputs(folder)
    db = tmp_path / "bad.db"
    # A real process: exit status and output as a user sees them, and no traceback.
    proc = subprocess.run(
        [sys.executable, "-m", "chronicle", "ingest", str(folder), "--db", str(db)],
        capture_output=True, text=True, env={"CHRONICLE_MAX_DOCUMENT_BYTES": "1000000", "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "Traceback" not in output
    for name in ("empty.txt", "binary.txt", "huge.txt", "photo.jpg", "cut.warc.gz", "feed.jsonl"):
        assert name in output, f"{name} not reported:\n{output}"
    ids = {d["id"] for d in timeline_json(db)["documents"]}
    assert {"good", "latin1", "j1"} <= ids
    assert not ids & {"empty", "binary", "huge", "photo"}
    latin = next(d for d in timeline_json(db)["documents"] if d["id"] == "latin1")
    assert "Genève" in latin["body"] and latin["language"] == "fr"


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["ingest"]).exit_code == 2
    assert runner.invoke(app, ["timeline", "--db", str(tmp_path / "missing.db")]).exit_code == 2


@pytest.mark.parametrize("bound", ["2023-13-01", "2023-02-30", "June", "2023-6"])
def test_a_bad_date_bound_is_a_usage_error(seeds_db: Path, bound: str) -> None:
    result = runner.invoke(app, ["brief", "--db", str(seeds_db), "--since", bound])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "since" in result.output


def test_serve_on_a_busy_port_fails(seeds_db: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "chronicle", "serve", "--db", str(seeds_db), "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )
    assert done.returncode != 0
    assert "address already in use" in done.stderr + done.stdout


@pytest.mark.parametrize("command", ["timeline", "brief", "agreement", "serve"])
def test_commands_that_analyse_no_text_do_not_load_the_analysis_stack(command: str) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from chronicle.cli import app\n"
        f"result = CliRunner().invoke(app, [{command!r}, '--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('spacy', 'chronicle.nlp', 'chronicle.workflow', 'datasketch') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
