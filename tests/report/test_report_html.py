"""The HTML report is print-ready A4, self-contained, and escapes every user text; a real
headless Chromium prints it to PDF and poppler reads the pages back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from konzept.events import Konzept, Store, WriteMeta
from konzept.events import commands as cmd
from konzept.projections.report import render
from konzept.projections.report.html_page import css_string

HOSTILE = '<script>alert("x")</script>'


def test_every_user_text_is_escaped(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "k.db")
    k = Konzept(store)
    meta = WriteMeta(actor="a", effective="2024-02-01", reason=f"{HOSTILE} </style>")
    k.append(cmd.init_concept(k.state, title=HOSTILE, territory="<b>Kreis</b>", founder="a"), meta)
    k.execute(cmd.add_field, "HF1", title='"><img src=x onerror=alert(1)>', meta=meta)
    k.execute(cmd.add_goal, "HF1-Z1", field="HF1", title=HOSTILE, meta=meta)
    k.execute(cmd.set_status, "HF1-Z1", "adopted", meta=meta)
    k.execute(
        cmd.add_indicator, "I-1", goal="HF1-Z1", name=HOSTILE, unit="<u>", direction="up",
        baseline="2023=1", target="2025=3", meta=meta,
    )  # fmt: skip
    k.execute(
        cmd.add_decision, "B-1", body="<i>Kreistag</i>", date="2024-03-01", title=HOSTILE,
        reference="</td></tr></table>", link="javascript:alert(1)", meta=meta,
    )  # fmt: skip
    page, md = render(store, 2024, "html"), render(store, 2024, "md")
    store.close()
    assert "<script" not in page.lower()
    assert "<img" not in page and "<b>" not in page and "<i>" not in page and "<u>" not in page
    assert "</td></tr></table>" not in page
    assert "javascript:" not in page
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 4
    assert page.count("</style>") == 1  # only the report's own
    assert "<script>" not in md and "\\<script\\>" in md


def test_html_is_self_contained_a4_with_print_rules(open_store: Store) -> None:
    page = render(open_store, 2024, "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=|url\(|@import|https?://""", page)
    for rule in (
        "size: A4",
        "thead { display: table-header-group; }",
        "tr { break-inside: avoid;",
        "section { break-before: page; }",
    ):
        assert rule in page
    assert page.count("<section") == 8 and page.count("<thead>") == page.count("<table") - 2


def test_css_strings_cannot_be_broken_out_of() -> None:
    text = css_string('a"} body{x:y} </style><script>')
    assert text.startswith('"') and text.endswith('"') and text.count('"') == 2
    assert "<" not in text and "}" not in text and " " not in text


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            break
    else:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium poppler-utils)")
    fonts = Path("/usr/share/fonts")
    if not (fonts.is_dir() and any(fonts.rglob("*.[ot]tf"))):
        # Chromium only recommends fonts; without any, a PDF has no text to check.
        pytest.skip("no fonts for Chromium to print with (apt-get install fonts-dejavu-core)")
    return found


def _poppler() -> None:
    if not (shutil.which("pdfinfo") and shutil.which("pdftotext")):
        pytest.skip("poppler-utils is not installed (Debian: apt-get install poppler-utils)")


def print_pdf(html: Path, pdf: Path, profile: Path) -> None:
    subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


def _pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+(.*)$", info.stdout, re.M).group(1)  # type: ignore[union-attr]
    return pages, size


def _text(pdf: Path, page: int | None = None, layout: bool = False) -> str:
    args = ["pdftotext", "-layout"] if layout else ["pdftotext"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    result = subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True)
    return result.stdout


def test_chromium_prints_the_report_on_a4(open_store: Store, tmp_path: Path) -> None:
    _chromium()
    _poppler()
    html, pdf = tmp_path / "bericht.html", tmp_path / "bericht.pdf"
    html.write_text(render(open_store, 2024, "html"), encoding="utf-8")
    print_pdf(html, pdf, tmp_path / "profile")
    pages, size = _pages(pdf)
    assert "A4" in size
    # cover + summary, then one page per section; the record shares the last one
    assert 7 <= pages <= 12, pages
    text = " ".join(_text(pdf).split())
    head = open_store.verify()
    for words in (
        "Jahresbericht 2024",
        "Integrationskonzept Landkreis Nienburg/Weser",
        "Drucksache 2024/112",
        "Zielwert: 50 (2027) → 55 (2030)",
        "Kooperationsvereinbarung Job-Turbo",
        f"Seite 1 von {pages}",
        head.head_hash[:32],
    ):
        assert words in text, words
    # page breaks between sections: each section heading opens a page
    starts = [_text(pdf, n, True).lstrip().split("\n", 1)[0] for n in range(1, pages + 1)]
    for title in ("2 Überprüfung der Indikatoren 2024", "3 Änderungen 2024", "7 Prozessschritte"):
        assert any(s.startswith(title) for s in starts), (title, starts)


def test_chromium_repeats_table_headers_on_every_page(tmp_path: Path, fresh: Any) -> None:
    """A change log longer than a page: each continued page starts with the header row,
    and no row is cut (every date cell is followed by its entity on the same line)."""
    _chromium()
    _poppler()
    store = Store.open(fresh.path)
    k = Konzept(store)
    for n in range(80):
        meta = WriteMeta(actor="mmeyer", reason=f"Schritt {n}", effective="2024-12-01")
        k.execute(cmd.record_value, "I-04", 1940 + n, str(n), meta=meta)  # years gone by
    html, pdf = tmp_path / "lang.html", tmp_path / "lang.pdf"
    html.write_text(render(store, 2024, "html"), encoding="utf-8")
    store.close()
    print_pdf(html, pdf, tmp_path / "profile")
    pages, _ = _pages(pdf)
    continued = 0
    for n in range(1, pages + 1):
        first = _text(pdf, n, True).lstrip().split("\n", 1)[0].split()
        if first[:3] == ["Datum", "Eintrag", "Änderung"]:
            continued += 1
    assert continued >= 1
    assert _text(pdf).count("Schritt ") == 80
