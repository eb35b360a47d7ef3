"""User text never reaches a terminal or a printout raw: control characters and bidi
overrides are shown as escapes."""

from __future__ import annotations

from konzept.projections.render import safe


def test_safe_shows_control_and_bidi_characters() -> None:
    assert safe("Ziel\x1b[31m rot") == "Ziel\\x1b[31m rot"
    assert safe("Grund: \u202eneb\u00e4gegnu\u202c") == "Grund: \\u202eneb\u00e4gegnu\\u202c"
    assert safe("Übergänge → 2030 ✔") == "Übergänge → 2030 ✔"


def test_a_bidi_override_in_a_title_is_shown_escaped_by_the_cli(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept")
    cli.ok(
        "add", "field", "HF1", "--title", "Sprache \u202eSSAP\u202c", "--reason", "\u2066x\u2069"
    )
    shown = cli.ok("show") + cli.ok("log") + cli.ok("show", "HF1", "--format", "md")
    assert "\u202e" not in shown and "\u2066" not in shown
    assert "\\u202eSSAP\\u202c" in shown
