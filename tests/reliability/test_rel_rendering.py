"""Nothing a person typed — or an imported log carries — is ever rendered raw: the HTML
report escapes every user text (``<script>`` in each of them), and control characters
and ANSI escapes never reach a terminal through any CLI view or report format.

Commands refuse control characters in titles, but a hash-valid export made elsewhere
can hold anything the event models accept, so the crafted log here is imported.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rel_support import cli_env, konzept

from konzept.cli.main import run as cli_run
from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd
from konzept.events.envelope import GENESIS_HASH, canonical_json, compute_hash

SCRIPT = '<script>alert(1)</script>"\' onmouseover="alert(2)" <img src=x onerror=alert(3)>'
CONTROL = "\x1b[2J\x1b[31m\x9b1;1H\x07\x08\x00"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TEXTS = 20  # the placeholders P00 … P19 below


def P(i: int) -> str:
    return f"PLACEHOLDER{i:02d}"


def story(db: Path) -> None:
    """Every kind of user text of SPEC §1, each a distinct placeholder, in 2024."""
    with Store.create(db) as store:
        k = Konzept(store)
        m = WriteMeta(actor="anna", effective="2024-01-10", reason=P(0))
        k.append(cmd.init_concept(k.state, title=P(1), territory=P(2), founder="anna"), m)
        k.execute(
            cmd.add_decision,
            "D1",
            body="Kreistag",
            date="2024-01-10",
            title=P(3),
            reference=P(4),
            outcome=P(5),
            link="https://example.org/" + P(6),
            meta=m,
        )
        md = WriteMeta(actor="anna", effective="2024-02-01", reason=P(0), decision="D1")
        k.execute(cmd.add_field, "HF1", title=P(7), description=P(8), meta=md)
        k.execute(cmd.add_goal, "G1", field="HF1", title=P(9), target_year="2030", meta=md)
        k.execute(cmd.add_actor, "A1", name=P(10), kind="other", contact=P(11), meta=md)
        k.execute(cmd.add_measure, "M1", goal="G1", title=P(12), responsible="A1", meta=md)
        k.execute(
            cmd.add_indicator,
            "I1",
            goal="G1",
            name=P(13),
            unit=P(14),
            direction="up",
            baseline="2020=10",
            target="2030=50",
            source=P(15),
            meta=md,
        )
        k.execute(cmd.record_value, "I1", 2024, "20", source=P(16), note=P(17), meta=md)
        k.execute(
            cmd.add_agreement,
            "V1",
            title=P(18),
            parties=["A1"],
            goals=["G1"],
            valid_from="2024-01-01",
            meta=md,
        )
        k.execute(cmd.add_obligation, "V1", party="A1", what=P(19), due="2024-12-31", meta=md)
        k.execute(cmd.set_attribute, "HF1", "title", P(7) + " neu", meta=md)


def crafted_import(tmp_path: Path, payload: str) -> Path:
    """The story with every placeholder replaced by ``payload`` and the chain recomputed,
    imported through ``konzept import`` (which checks hashes and payload shapes)."""
    source = tmp_path / "source.db"
    story(source)
    out = io.StringIO()
    with Store.open(source) as store:
        store.export(out)
    lines, prev = [], GENESIS_HASH
    for line in out.getvalue().splitlines():
        for i in range(TEXTS):
            text = payload[:30] if i == 14 else f"{payload}{i}"  # a unit holds 40 characters
            line = line.replace(P(i), json.dumps(text)[1:-1])
        obj = json.loads(line)
        obj["prev_hash"] = prev
        head = [obj[f] for f in ("position", "id", "stream", "version", "type", "schema_version")]
        obj["hash"] = prev = compute_hash(
            *head,
            canonical_json(obj["data"]),
            obj["recorded_at"],
            obj["effective"],
            obj["actor"],
            obj["reason"],
            obj["decision"],
            obj["prev_hash"],
        )
        lines.append(json.dumps(obj, ensure_ascii=False))
    path = tmp_path / "crafted.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "crafted.db"
    proc = subprocess.run(
        konzept(db, "import", str(path)), capture_output=True, text=True, env=cli_env(), timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return db


def views(db: Path) -> dict[str, str]:
    """Every read command in every format, run in process (the CLI's own code path)."""
    calls = [
        ["verify"],
        ["report", "2024", "--format", "txt"],
        ["report", "2024", "--format", "md"],
        ["report", "2024", "--format", "html"],
        ["report", "2024", "--format", "csv"],
        ["report", "2024", "--format", "json"],
    ]
    for fmt in ("txt", "md", "csv", "json"):
        calls += [
            ["show", "--format", fmt],
            ["log", "--format", fmt],
            ["diff", "2023", "2024", "--format", fmt],
        ]
        for key in ("HF1", "I1", "V1", "D1", "M1", "A1"):
            calls += [
                ["show", key, "--format", fmt],
                ["history", key, "--format", fmt],
                ["blame", key, "--format", fmt],
            ]
    outputs = {}
    for args in calls:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_run(["--db", str(db), *args])
        assert code == 0, (args, err.getvalue())
        outputs[" ".join(args)] = out.getvalue()
    return outputs


@pytest.fixture(scope="module")
def script_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return crafted_import(tmp_path_factory.mktemp("script"), SCRIPT)


@pytest.fixture(scope="module")
def control_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return crafted_import(tmp_path_factory.mktemp("control"), CONTROL + SCRIPT)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_escapes_every_user_text(script_db: Path) -> None:
    from konzept.projections.report import render

    with Store.open(script_db) as store:
        page = render(store, 2024, "html", "de", None)
    parser = Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [a for a, _ in parser.attrs if a.startswith("on")], parser.attrs
    assert not [v for a, v in parser.attrs if a in ("href", "src") and v], "no links from data"
    text = "".join(parser.text)
    shown = [i for i in range(TEXTS) if f"{SCRIPT}{i}" in text or f"{SCRIPT[:30]}" in text]
    assert shown, "the texts are shown, as text"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_control_character_reaches_the_terminal(control_db: Path) -> None:
    outputs = views(control_db)
    raw = {name: RAW.search(text).group() for name, text in outputs.items() if RAW.search(text)}
    assert not raw, raw
    shown = [name for name, text in outputs.items() if "\\x1b[2J" in text or "\\u001b" in text]
    assert shown, "the escapes are shown, as visible text"


def test_the_cli_prints_no_control_character_through_a_real_terminal_pipe(control_db: Path) -> None:
    for args in (["log"], ["show", "HF1"], ["report", "2024", "--format", "txt"]):
        proc = subprocess.run(
            konzept(control_db, *args), capture_output=True, env=cli_env(), timeout=120
        )
        assert proc.returncode == 0, proc.stderr
        text = proc.stdout.decode("utf-8")
        assert not RAW.search(text), (args, RAW.search(text))
