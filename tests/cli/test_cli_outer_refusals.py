"""Refusals made by the CLI itself (not by events/) are German by default too.

verify's broken-log sentence is put together from two templates (the CLI's and the
store's finding); the not-UTF-8 argument is refused before argparse runs, so its
language is the --lang typed, else German.
"""

from __future__ import annotations

import pytest

#: A hash no log has at position 1.
FORGED = "1:" + "0" * 64


def test_a_broken_log_is_reported_in_german_and_in_english_on_request(cli) -> None:  # type: ignore[no-untyped-def]
    cli.ok("init", "--title", "Konzept")
    german = cli("verify", "--witness", FORGED)
    assert german.code == 4 and german.out == ""
    assert german.err == (
        "konzept: Das Protokoll ist an Position 1 beschädigt: Position 1 hat nicht mehr "
        "den bezeugten Hash: Das Protokoll wurde umgeschrieben.\n"
    )
    english = cli("--lang", "en", "verify", "--witness", FORGED)
    assert english.code == 4
    assert english.err == (
        "konzept: The log is broken at position 1: position 1 no longer has the witnessed "
        "hash: the log was rewritten.\n"
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ((), "konzept: Das Argument 'x\\udce9' ist kein gültiger UTF-8-Text;"),
        (("--lang", "de"), "konzept: Das Argument 'x\\udce9' ist kein gültiger UTF-8-Text;"),
        (("--lang", "en"), "konzept: The argument 'x\\udce9' is not valid UTF-8 text;"),
        (("--lang=en",), "konzept: The argument 'x\\udce9' is not valid UTF-8 text;"),
    ],
)
def test_an_argument_that_is_not_utf8_is_refused_in_the_typed_language(
    cli,  # type: ignore[no-untyped-def]
    lang: tuple[str, ...],
    said: str,
) -> None:
    # "\udce9" is how Python hands over the Latin-1 byte é from a non-UTF-8 terminal.
    result = cli(*lang, "log", "--by", "x\udce9")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(said) and result.err.count("\n") == 1, result.err
    assert not cli.db.exists()
