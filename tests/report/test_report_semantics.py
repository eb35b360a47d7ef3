"""What the annual report promises, checked on the small history: a pure function of the
log up to a position, every change of the year exactly once, the footer certifying the
head that ``verify`` reports, and the time axes (concept as of 31 Dec, values and
decisions as known at the head)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd
from konzept.events.errors import ValidationError
from konzept.projections.asof import build_checkpoints
from konzept.projections.report import FORMATS, build, model, render


def _json(store: Store, year: int = 2024, upto: int | None = None) -> dict[str, Any]:
    return json.loads(render(store, year, "json", "de", upto))  # type: ignore[no-any-return]


def _append_later(store: Store) -> None:
    """More history after the report: a backdated 2024 change, new values, a new year."""
    k = Konzept(store)
    meta = WriteMeta(
        actor="tbrandt",
        reason="nachgetragen",
        effective="2024-06-01",
        recorded_at="2025-03-01T10:00:00Z",
    )
    k.execute(cmd.set_attribute, "I-03", "target", "2025=8", meta=meta)
    later = WriteMeta(actor="tbrandt", effective="2025-03-02", recorded_at="2025-03-02T10:00:00Z")
    k.execute(cmd.record_value, "I-01", 2024, "61", reopen=False, meta=later)
    k.execute(cmd.add_field, "HF4", title="Wohnen", meta=later)


def test_same_store_same_position_gives_the_same_bytes(open_store: Store) -> None:
    for fmt in FORMATS:
        assert render(open_store, 2024, fmt) == render(open_store, 2024, fmt)


def test_at_position_reproduces_the_report_after_more_events(fresh: Any) -> None:
    store = Store.open(fresh.path)
    head = store.head()[0]
    before = {fmt: render(store, 2024, fmt) for fmt in FORMATS}
    december = {fmt: render(store, 2024, fmt, "de", fresh.end_2024) for fmt in FORMATS}
    _append_later(store)
    assert store.head()[0] > head
    for fmt in FORMATS:
        assert render(store, 2024, fmt, "de", head) == before[fmt], fmt
        assert render(store, 2024, fmt, "de", fresh.end_2024) == december[fmt], fmt
    assert render(store, 2024, "txt") != before["txt"]  # the head moved on
    store.close()


def test_checkpoints_change_nothing(fresh: Any) -> None:
    """Year-end checkpoints make the fold fast; the report must not notice them."""
    store = Store.open(fresh.path)
    without = {fmt: render(store, 2024, fmt) for fmt in FORMATS}
    assert build_checkpoints(store) > 0
    assert any(cp.cutoff == "2024-12-31" for cp in store.checkpoints())
    for fmt in FORMATS:
        assert render(store, 2024, fmt) == without[fmt], fmt
    store.close()


def test_every_change_of_the_year_appears_exactly_once(open_store: Store) -> None:
    expected = [
        row[0]
        for row in open_store.conn.execute(
            "SELECT position FROM events WHERE effective BETWEEN '2024-01-01' AND '2024-12-31'"
            " AND stream != 'people' ORDER BY position"
        )
    ]
    report = _json(open_store)
    listed = [row["position"] for row in report["sections"]["changes"]]
    assert sorted(listed) == expected
    assert len(listed) == len(set(listed))
    summary = {(r["subject"], r["status"]): r["count"] for r in report["sections"]["summary"]}
    assert summary["changes", None] == len(expected) == 21
    # who may edit is not a change of the concept: the role granted in 2024 is left out
    people = open_store.conn.execute(
        "SELECT count(*) FROM events WHERE stream = 'people' AND effective LIKE '2024%'"
    ).fetchone()[0]
    assert people == 1


def test_change_log_is_grouped_by_field_of_action(open_store: Store) -> None:
    groups = {r["key"]: r["group"] for r in _json(open_store)["sections"]["changes"]}
    assert groups["I-02"] == "HF1"  # indicator → goal HF1-Z2 → field HF1
    assert groups["M-02"] == "HF1"  # measure → goal → field
    assert groups["HF1-Z1"] == "HF1"
    assert groups["HF3"] == "HF3"
    assert groups["V-2024-01"] is None and groups["KA-2024-1"] is None  # general
    text = render(open_store, 2024, "txt")
    section = text[text.index("3  ÄNDERUNGEN 2024") : text.index("4  KORREKTUREN")]
    assert (
        section.index("HF1 · Integration")
        < section.index("HF2 · Netz")
        < section.index("Allgemein")
    )
    assert "Zielwert: 50 (2027) → 55 (2030)" in section
    assert "Drucksache 2024/112 (KA-2024-1)" in section


@pytest.mark.parametrize("upto", [None, 20])
def test_footer_hash_is_the_head_that_verify_reports(
    open_store: Store, history: Any, upto: int | None
) -> None:
    report = _json(open_store, upto=upto)["report"]
    position = open_store.head()[0] if upto is None else upto
    row = open_store.conn.execute(
        "SELECT recorded_at, hash FROM events WHERE position = ?", (position,)
    ).fetchone()
    assert (report["head_position"], report["head_recorded_at"], report["head_hash"]) == (
        position,
        *row,
    )
    if upto is None:
        assert report["head_hash"] == open_store.verify().head_hash
    assert open_store.verify((position, report["head_hash"])).ok
    for fmt in ("md", "txt", "html", "csv"):
        assert report["head_hash"] in render(open_store, 2024, fmt, "de", upto), fmt


def test_text_report_fits_80_columns(open_store: Store) -> None:
    for lang in ("de", "en"):
        lines = render(open_store, 2024, "txt", lang).splitlines()
        assert max(len(line) for line in lines) <= 80
        assert all(line == line.rstrip() for line in lines)


def test_text_report_fits_80_columns_with_long_unbroken_words(fresh: Any) -> None:
    store = Store.open(fresh.path)
    k = Konzept(store)
    meta = WriteMeta(actor="mmeyer", reason="x" * 150, effective="2024-05-01")
    k.execute(cmd.set_attribute, "HF1-Z1", "title", "Sprach" * 30, meta=meta)
    k.execute(cmd.set_attribute, "I-01", "unit", "Tage" * 9, meta=meta)
    text = render(store, 2024, "txt")
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "Sprach" * 5 in text.replace("\n", "")
    store.close()


def test_values_and_decisions_as_known_at_the_head(open_store: Store, history: Any) -> None:
    """2024 figures arrive in February 2025 and the December decision was entered in
    January: both belong in the 2024 report once they are in the log, not before."""
    now = _json(open_store)["sections"]
    i01 = next(r for r in now["indicators"] if r["key"] == "I-01")
    assert (i01["value_2022"], i01["value_2023"], i01["value_2024"]) == (88, 69, 58)
    assert i01["status"] == "on_track" and i01["trend"] == "falling"
    assert "KT-2024-3" in [d["key"] for d in now["decisions"]]
    assert "KT-2024-3" not in [c["key"] for c in now["changes"]]  # effective 2025

    then = _json(open_store, upto=history.end_2024)["sections"]
    i01 = next(r for r in then["indicators"] if r["key"] == "I-01")
    assert i01["value_2024"] is None and i01["status"] == "no_data"
    assert "KT-2024-3" not in [d["key"] for d in then["decisions"]]


def test_concept_is_as_of_the_end_of_the_year(fresh: Any) -> None:
    store = Store.open(fresh.path)
    k = Konzept(store)
    meta = WriteMeta(actor="mmeyer", effective="2025-04-01", recorded_at="2025-04-01T09:00:00Z")
    k.execute(cmd.set_attribute, "I-02", "target", "2030=60", meta=meta)
    k.execute(cmd.add_field, "HF9", title="Später", meta=meta)
    sections = _json(store)["sections"]
    i02 = next(r for r in sections["indicators"] if r["key"] == "I-02")
    assert (i02["target_year"], i02["target"]) == (2030, 55)
    assert "HF9" not in [p["key"] for p in sections["progress"]]
    store.close()


def test_corrections_of_closed_years(open_store: Store) -> None:
    rows = _json(open_store)["sections"]["corrections"]
    assert [(r["key"], r["year"], r["old"], r["new"], r["reason"]) for r in rows] == [
        ("I-01", 2023, 71, 69, "Zahlendreher in der Lieferung")
    ]
    assert _json(open_store, 2025)["sections"]["corrections"] == []


def test_agreements_and_obligations(open_store: Store) -> None:
    sections = _json(open_store)["sections"]
    agreements = {a["key"]: a for a in sections["agreements"]}
    assert agreements["V-2024-01"]["signed"] == "2024-07-15"
    assert agreements["V-2023-01"]["signed"] is None  # signed in 2023
    assert agreements["V-2023-01"]["active"] and agreements["V-2023-01"]["expiring"]
    assert [(o["number"], o["state"]) for o in sections["obligations"]] == [
        (1, "overdue"),
        (2, "due"),
    ]


def test_csv_and_json_carry_the_same_data(open_store: Store) -> None:
    data = _json(open_store)
    blocks = render(open_store, 2024, "csv").split("\n\n")
    assert len(blocks) == 1 + len(data["sections"])
    for block, (name, rows) in zip(blocks[1:], data["sections"].items(), strict=True):
        parsed = list(csv.reader(io.StringIO(block)))
        assert len(parsed) - 1 == len(rows), name
        for line, row in zip(parsed[1:], rows, strict=True):
            for cell, value in zip(line[1:], row.values(), strict=True):
                if isinstance(value, bool):
                    assert cell == str(value).lower()
                elif isinstance(value, list):
                    assert cell == "; ".join(value)
                elif isinstance(value, str) and value.startswith("="):
                    assert cell == "'" + value  # a spreadsheet must not run it
                else:
                    assert cell == ("" if value is None else str(value)), (name, cell, value)


def test_markdown_keeps_tables_whole(open_store: Store) -> None:
    text = render(open_store, 2024, "md")
    assert "Statistiklieferung 2023 \\| BA und VHS" in text
    for line in text.splitlines():
        if line.startswith("|"):
            assert line.endswith("|")


def test_english_report(open_store: Store) -> None:
    text = render(open_store, 2024, "txt", "en")
    for words in ("ANNUAL REPORT 2024", "CHANGES IN 2024", "Target: 50 (2027) → 55 (2030)"):
        assert words in text
    assert "Änderungen" not in text


def test_report_folds_the_log_once(open_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = model.fold_as_of

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1:])
        return real(*args, **kwargs)

    monkeypatch.setattr(model, "fold_as_of", counting)
    render(open_store, 2024, "html")
    assert calls == [("2024-12-31", None)]


def test_empty_log_and_years_without_anything_are_refused(tmp_path: Any) -> None:
    store = Store.create(tmp_path / "empty.db")
    for fmt in FORMATS:
        with pytest.raises(ValidationError, match="did not exist yet on 2024-12-31"):
            render(store, 2024, fmt)
    k = Konzept(store)
    k.append(cmd.init_concept(k.state, title="IK", founder="a"), WriteMeta(actor="a"))
    for fmt in FORMATS:
        with pytest.raises(ValidationError, match="did not exist yet on 1990-12-31"):
            render(store, 1990, fmt, "en")
        with pytest.raises(ValidationError, match="no report for 2190 yet"):
            render(store, 2190, fmt)
    assert build(store, 1990).changes == []
    store.close()


def test_refuses_what_it_cannot_print(open_store: Store) -> None:
    with pytest.raises(ValidationError, match="format"):
        render(open_store, 2024, "pdf")
    with pytest.raises(ValidationError, match="language"):
        render(open_store, 2024, "txt", "fr")
    with pytest.raises(ValidationError, match="outside the log"):
        render(open_store, 2024, "txt", "de", 10_000)
