"""Property: any valid CSV that Python's csv module writes is read back field for field.

The files are written in every quoting style the RFC 4180 reader must accept
(minimal, all, non-numeric, and none where no field needs quoting), with
columns in any order, comma/semicolon/tab/pipe delimiters and both line
endings, and with fields holding delimiters, quotes, line breaks and any
non-control Unicode. (A one-column file is written with commas: nothing in
it could show another delimiter.) Every row must come back with its text and metadata
exactly as written: no row cut, merged, shifted or dropped.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.ingest.csv_reader import read_csv
from detente.ingest.options import IngestOptions
from detente.ingest.raw import RawDoc
from fuzzing import fuzz, report_counts

EXAMPLES: Counter = Counter()  # files written
ROWS: Counter = Counter()  # rows checked, and rows wrong (must stay 0)

COLUMNS = ("text", "title", "url", "authors", "publisher")
SPECIALS = [",", ";", "\t", "|", '"', '""', "\n", "\r\n", "\r", " ", "'", "\u00a0", "\ufeff"]
PLAIN = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
FIELD = st.lists(st.one_of(PLAIN, st.sampled_from(SPECIALS)), min_size=1, max_size=6).map("".join)
# What QUOTE_NONE can write without an escape character: no delimiter, quote or line break.
SAFE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=',;\t|"\r\n'
    ),
    min_size=1,
    max_size=40,
)


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    report_counts(__name__, EXAMPLES, ROWS, what="CSV files written and read back")


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, list[str], list[dict[str, str]], dict]:
    quoting = draw(
        st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE])
    )
    columns = draw(st.permutations(COLUMNS))
    n_cols = draw(st.integers(1, len(COLUMNS)))
    columns = (
        [c for c in columns[:n_cols]]
        if "text" in columns[:n_cols]
        else ["text", *columns[: n_cols - 1]]
    )
    ending = draw(st.sampled_from(["\r\n", "\n"]))
    field = SAFE if quoting == csv.QUOTE_NONE else FIELD
    if ending == "\n":
        # csv.writer then leaves a bare CR unquoted, which RFC 4180 does not allow in a field.
        field = field.map(lambda s: s.replace("\r", "\n"))
    text = field.filter(lambda s: s.strip())
    rows = draw(
        st.lists(
            st.fixed_dictionaries(
                {c: (text if c == "text" else st.one_of(st.just(""), field)) for c in columns}
            ),
            min_size=1,
            max_size=8,
        )
    )
    fmt = {
        "quoting": quoting,
        # One column: nothing shows another delimiter, so RFC 4180's comma is the only reading.
        "delimiter": draw(st.sampled_from([",", ",", ";", "\t", "|"])) if len(columns) > 1 else ",",
        "lineterminator": ending,
    }
    if quoting == csv.QUOTE_NONE:
        fmt["escapechar"] = None
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, **fmt)
    writer.writerow(columns)
    writer.writerows([[row[c] for c in columns] for row in rows])
    return buf.getvalue(), columns, rows, fmt


@fuzz(1000)
@given(data=csv_files())
def test_valid_csv_round_trips_field_for_field(data: tuple) -> None:
    content, columns, rows, fmt = data
    EXAMPLES["files"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        path.write_bytes(content.encode("utf-8"))
        got = list(read_csv(path, str(path), IngestOptions()))
    docs = [d for d in got if isinstance(d, RawDoc)]
    problems = [p for p in got if not isinstance(p, RawDoc)]
    ROWS["checked"] += len(rows)
    wrong = len(rows) - sum(
        1
        for row, doc in zip(rows, docs, strict=False)
        if doc.text == row["text"]
        and all(
            (doc.hints[c].value if c in doc.hints else "") == row[c] for c in columns if c != "text"
        )
    )
    ROWS["wrong"] += max(wrong, 0)
    assert problems == [], (fmt, content)
    assert len(docs) == len(rows), (fmt, content)
    for row, doc in zip(rows, docs, strict=True):
        assert doc.text == row["text"], (fmt, content)
        for c in columns:
            if c != "text":
                value = doc.hints[c].value if c in doc.hints else ""
                assert value == row[c], (c, fmt, content)
