"""Self-contained, print-ready HTML for A4: what the committees get on paper.

One file with inline CSS and nothing to fetch (a Content-Security-Policy forbids it
outright), so it prints the same offline, years later. Each section starts a page,
table headers repeat on every page and rows never split. Every text that is not a
fixed word of this module passes :func:`html.escape`; CSS strings are built from
escaped code points only.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import partial

from konzept.projections.i18n import t
from konzept.projections.render import safe

from .document import (
    Code,
    Document,
    Facts,
    Heading,
    Mark,
    Para,
    Printable,
    Section,
    Table,
    ahead,
    in_sections,
    printed,
)

_CSS = """
@page {
  size: A4;
  margin: 18mm 16mm 20mm 18mm;
  @bottom-left { content: %(left)s; font: 7.5pt "DejaVu Sans", "Liberation Sans", Arial,
    sans-serif; color: #555; }
  @bottom-right { content: %(page)s " " counter(page) " " %(of)s " " counter(pages);
    font: 7.5pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #555; }
}
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  font-size: 9pt; line-height: 1.35; color: #111; }
body { margin: 0; }
@media screen { body { max-width: 180mm; margin: 12mm auto; padding: 0 6mm; } }
header.cover { margin-bottom: 10mm; }
header.cover .territory { font-size: 11pt; color: #1f4e79; margin: 0 0 2mm; }
h1 { font-size: 24pt; margin: 0 0 2mm; color: #1f4e79; }
header.cover .subtitle { font-size: 13pt; margin: 0 0 8mm; }
h2 { font-size: 14pt; color: #1f4e79; border-bottom: 1.2pt solid #1f4e79;
  padding-bottom: 1mm; margin: 0 0 4mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 6mm 0 2mm; break-after: avoid; }
h4 { font-size: 9.5pt; margin: 4mm 0 1mm; break-after: avoid; }
h3 + p, h4 + p { break-after: avoid; }
p { margin: 0 0 2.5mm; }
section { break-before: page; }
section.first { break-before: auto; margin-top: 8mm; }
section#record { break-before: auto; break-inside: avoid; margin-top: 10mm; }
table { width: 100%%; border-collapse: collapse; margin: 0 0 4mm; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 1.1mm 1.3mm;
  border-bottom: 0.5pt solid #b8c2cc; overflow-wrap: break-word; }
th { background: #e6edf4; font-weight: bold; border-bottom: 0.9pt solid #1f4e79;
  font-size: 8pt; }
.right { text-align: right; white-space: nowrap; }
table.facts { width: auto; }
table.facts th { background: none; border: none; font-weight: normal; color: #444;
  padding-left: 0; }
table.facts td { border: none; font-weight: bold; }
table.record td { font-weight: normal; font-family: "DejaVu Sans Mono", "Liberation Mono",
  monospace; }
pre { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8pt;
  background: #f3f5f7; padding: 2mm 3mm; white-space: pre-wrap; word-break: break-all; }
.mark { font-weight: bold; }
.mark-achieved { color: #1b6e20; }
.mark-on_track { color: #2e7d32; }
.mark-at_risk { color: #b26a00; }
.mark-off_track { color: #b71c1c; }
.mark-no_data { color: #666; font-weight: normal; }
table.indicators, table.changes { table-layout: fixed; }
table.indicators th:nth-child(1) { width: 11%%; }
table.indicators th:nth-child(2) { width: 26%%; }
table.indicators th:nth-child(3), table.indicators th:nth-child(4) { width: 11%%; }
table.indicators th:nth-child(n+5) { width: 7%%; }
table.indicators th:nth-child(9) { width: 13%%; }
table.indicators td:nth-child(1),
table.indicators td:nth-child(n+5):nth-child(-n+8) { white-space: nowrap; }
table.changes th:nth-child(1) { width: 11%%; }
table.changes th:nth-child(2) { width: 10%%; }
table.changes th:nth-child(3) { width: 30%%; }
table.changes th:nth-child(4) { width: 25%%; }
table.changes th:nth-child(5) { width: 13%%; }
table.changes th:nth-child(6) { width: 11%%; }
table.changes td:nth-child(-n+2), table.corrections td:nth-child(-n+3),
table.decisions td:nth-child(1), table.decisions td:nth-child(6),
table.agreements td:nth-child(1), table.agreements td:nth-child(n+4),
table.obligations td:nth-child(-n+2), table.obligations td:nth-child(n+5),
table.steps td:nth-child(4) { white-space: nowrap; }
.note { color: #444; }
"""


def _e(text: str) -> str:
    return html.escape(safe(str(text)), quote=True).replace("\n", "<br>")


def css_string(text: str) -> str:
    """A CSS string literal that no text can break out of: every non-alphanumeric
    character becomes a code-point escape."""
    return (
        '"' + "".join(c if c.isalnum() and c.isascii() else f"\\{ord(c):06x}" for c in text) + '"'
    )


def render_html(doc: Document) -> str:
    return "".join(html_chunks(doc))


def html_chunks(doc: Document) -> Iterator[str]:
    """The HTML page in pieces, one block at a time, for writing as it goes."""
    lang = doc.lang
    position = f"{t(lang, 'report_head_position')} {doc.head_position}"
    left = f"{doc.title} · {position} · {doc.head_hash[:12]}"
    css = _CSS % {
        "left": css_string(left),
        "page": css_string(t(lang, "report_page")),
        "of": css_string(t(lang, "report_page_of")),
    }
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{_e(doc.title)} · {_e(doc.subtitle)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        '<header class="cover">',
        f"<h1>{_e(doc.title)}</h1>",
        f'<p class="subtitle">{_e(doc.subtitle)}</p>',
        _facts(doc.facts, "facts"),
        "</header>",
    ]
    printers = {section.id: partial(_pieces, section=section.id) for section in doc.sections}
    with ahead(doc, lambda section: printers[section.id]):
        yield "\n".join(out)

        def section_pieces(n: int, section: Section) -> Iterator[str]:
            cls = ' class="first"' if n == 0 else ""
            yield f'\n<section id="{_e(section.id)}"{cls}>'
            yield f"\n<h2>{section.number} {_e(section.title)}</h2>"
            yield from printed(section.blocks, printers[section.id])
            yield "\n</section>"

        yield from in_sections(doc, section_pieces)
        yield "\n</body>\n</html>\n"


def _pieces(block: Printable, section: str) -> Iterator[str]:
    yield "\n"
    yield _block(block, section)


def _facts(facts: Facts, cls: str) -> str:
    rows = "".join(f"<tr><th>{_e(a)}</th><td>{_e(b)}</td></tr>" for a, b in facts.rows)
    return f'<table class="{cls}"><tbody>{rows}</tbody></table>'


def _block(block: Printable, section: str) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_e(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        return f'<p class="note">{_e(block.text)}</p>'
    if isinstance(block, Code):
        return "<pre>" + "\n".join(_e(line) for line in block.lines) + "</pre>"
    if isinstance(block, Facts):
        return _facts(block, "facts record" if section == "record" else "facts")
    return _table(block)


def _table(table: Table) -> str:
    def attrs(i: int) -> str:
        return ' class="right"' if table.align[i] == "right" else ""

    head = "".join(f"<th{attrs(i)}>{_e(h)}</th>" for i, h in enumerate(table.headers))
    body = []
    for row in table.rows:
        cells = []
        for i, cell in enumerate(row):
            if isinstance(cell, Mark):
                inner = f'<span class="mark mark-{_e(cell.status)}">{_e(cell.text)}</span>'
            else:
                inner = _e(cell)
            cells.append(f"<td{attrs(i)}>{inner}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="{_e(table.kind)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>\n{chr(10).join(body)}\n</tbody></table>"
    )
