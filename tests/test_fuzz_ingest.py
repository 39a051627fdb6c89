"""Property tests of cleaning, metadata, dates and the readers, on hostile input.

Inputs: arbitrary Unicode, control characters, right-to-left text and bidi
controls, scraped-page chrome mixed with article lines, giant lines, bytes in
mixed encodings (through the .txt reader), deeply nested and broken HTML
(through the HTML reader), broken JSONL and CSV exports.

Invariants: no exception escapes (a reader turns bad input into a Problem
with an E1xx code: that is its contract); the cleaner only removes text and
says which rule removed what; dates are valid ISO dates or None; whatever the
readers yield can be stored and read back unchanged.

Examples run per test are counted; with DETENTE_FUZZ_LOG=FILE set, the counts
are appended to FILE as JSON lines (RELIABILITY.md gives the command).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.clean import Hint, clean_text, date_in_url, default_ruleset, parse_date
from detente.clean.metadata import resolve_metadata
from detente.clean.rules import FIELDS
from detente.errors import DetenteError
from detente.ingest import iter_articles
from detente.records import Article, Problem, article_id_for, normalize_for_id, without_headline
from detente.store import Store
from fuzzing import fuzz, report_counts

# DETENTE_FUZZ_SCALE=10 runs ten times the examples (a longer run than CI's, see RELIABILITY.md).
EXAMPLES = Counter()  # examples run, per test




@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    report_counts(__name__, EXAMPLES)


# -- strategies -------------------------------------------------------------------------------

TEXT = st.characters(blacklist_categories=("Cs",))  # any code point but lone surrogates
HOSTILE = [
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\u202e",  # right-to-left override
    "\u2067",  # right-to-left isolate
    "\u200b",
    "\ufeff",
    "\u2028",
    "\u0085",
    "\r",
    "\x0b",
    "\x0c",
    "שלום עולם",
    "مرحبا بالعالم",
    "😀🇷🇺",
    "e\u0301",
    "中华人民共和国外交部",
    "<script>alert(1)</script>",
    "&amp;&#0;",
    "\\",
    "\t",
    "ﬁ",
    "İ",
    '"',
    "“",
    "«",
]
CHROME = [
    "By Jane Example",
    "BY: John Q. Invented and Ann Other",
    "Posted by Sam Sample on March 3, 2021",
    "Author: Ivan Ficticious",
    "Published: March 3, 2021",
    "Updated 2020-02-30 10:00",
    "Original url: https://news.example/2021/03/03/invented-story",
    "https://news.example/2020/13/45/not-a-date",
    "Menu",
    "Share this article",
    "Comments (3)",
    "Read more: Something else happened",
    "© Invented Photo Agency",
    "**Bold lead** and [a link](https://x.example/(nested)",
    "# Heading",
    "Related stories: one | two | three",
    "0:00 0:03:41 0:00",
    "The opinions expressed herein are solely those of the author and don't necessarily "
    "reflect the views of Invented Times.",
]
SENTENCES = [
    "Arland and Borovia held talks on Monday about the river border.",
    "The foreign minister of Calden said the talks would continue.",
    '"We will not accept this," a spokesman for Dravia said.',
    "Officials met in the capital",
    "Invented Times reported the agreement on 3 March 2021.",
]
LINE = st.one_of(
    st.sampled_from(CHROME),
    st.sampled_from(SENTENCES),
    st.sampled_from(HOSTILE),
    st.text(TEXT, max_size=80),
    st.lists(st.sampled_from(SENTENCES + HOSTILE), max_size=8).map(" ".join),
)
SCRAPED = st.builds(
    lambda lines, sep: sep.join(lines),
    st.lists(LINE, max_size=25),
    st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]),
)


def chars(text: str) -> Counter:
    return Counter(c for c in text if not c.isspace())


# -- the cleaner ----------------------------------------------------------------------------


@fuzz(300)
@given(st.one_of(SCRAPED, st.text(TEXT, max_size=400)), st.one_of(st.none(), st.text(max_size=40)))
def test_cleaner_only_removes_and_says_why(text: str, known_title: str | None) -> None:
    EXAMPLES["clean_text"] += 1
    rules = default_ruleset()
    result = clean_text(text, known_title=known_title)
    assert isinstance(result.body, str)
    # Text is removed or re-spaced, never invented.
    assert not (chars(result.body) - chars(text))
    for r in result.removals:
        assert r.reason == rules.reason(r.rule) and isinstance(r.text, str) and r.line >= 0
    for f in result.found:
        assert f.field in FIELDS and isinstance(f.value, str)


def test_cleaner_on_a_giant_line_without_sentence_boundaries() -> None:
    line = ("Arland Borovia talks continue " * 7000).strip()  # ~200k characters, no full stop
    result = clean_text(line)
    assert result.body == line


# -- metadata -----------------------------------------------------------------------------

HINT_VALUE = st.one_of(
    st.text(TEXT, max_size=60),
    st.sampled_from(
        [
            "2021-03-03",
            "2021-02-30",
            "March 3, 2021",
            "yesterday",
            "0001-01-01",
            "https://news.example/2021/03/03/story",
            "javascript:alert(1)",
            "en-GB",
            "xx_YY",
            "Jane Example, Ann Other",
        ]
    ),
    # what readers hand over: text, or a JSON list of anything (other values become text)
    st.lists(st.one_of(st.text(TEXT, max_size=20), st.none(), st.integers()), max_size=4),
    st.integers().map(str),
)


@fuzz(200)
@given(
    SCRAPED,
    st.dictionaries(
        st.sampled_from([*FIELDS, "address"]),
        st.builds(Hint, HINT_VALUE, st.just("fuzz")),
        max_size=6,
    ),
)
def test_metadata_values_are_valid_or_unknown(text: str, hints: dict[str, Hint]) -> None:
    EXAMPLES["resolve_metadata"] += 1
    meta = resolve_metadata(clean_text(text), hints)
    if meta.published is not None:
        assert date.fromisoformat(meta.published).year >= 1900
    if meta.url is not None:
        assert re.match(r"^https?://\S+$", meta.url), meta.url
    if meta.language is not None:
        assert re.fullmatch(r"[a-z]{2,3}", meta.language), meta.language
    assert all(isinstance(a, str) and a.strip() for a in meta.authors)
    for name in FIELDS:
        value = getattr(meta, name)
        assert (name in meta.evidence) == bool(value), (name, value, meta.evidence)


# -- dates ----------------------------------------------------------------------------------

DATE_TEXT = st.one_of(
    st.text(TEXT, max_size=40),
    st.dates().map(str),
    st.builds(
        lambda d, fmt: d.strftime(fmt),
        st.dates(),
        st.sampled_from(["%B %d, %Y", "%d %B %Y", "%d/%m/%Y", "%Y/%m/%d", "%b. %d %Y", "%A"]),
    ),
    st.sampled_from(["2020-02-30", "0000-00-00", "31 February 2020", "1/1/99999", "9999-99-99"]),
)


@fuzz(300)
@given(DATE_TEXT)
def test_parse_date_is_valid_iso_or_none(text: str) -> None:
    EXAMPLES["parse_date"] += 1
    value = parse_date(text)
    if value is not None:
        assert date.fromisoformat(value).year >= 1900 and len(value) == 10


@fuzz(100)
@given(st.dates(min_value=date(1900, 1, 1)))
def test_parse_date_reads_written_dates_back(d: date) -> None:
    EXAMPLES["parse_date"] += 1
    assert parse_date(d.isoformat()) == d.isoformat()
    assert parse_date(d.strftime("%B %d, %Y")) == d.isoformat()
    assert parse_date(d.strftime("%d %B %Y")) == d.isoformat()


@fuzz(200)
@given(
    st.one_of(
        st.text(TEXT, max_size=60),
        st.builds(
            lambda y, m, d, tail: f"https://news.example/{y}/{m}/{d}/{tail}",
            st.integers(0, 10000).map(str),
            st.integers(0, 99).map(lambda n: f"{n:02d}"),
            st.integers(0, 99).map(lambda n: f"{n:02d}"),
            st.text(TEXT, max_size=10),
        ),
    )
)
def test_date_in_url_is_valid_iso_or_none(url: str) -> None:
    EXAMPLES["date_in_url"] += 1
    value = date_in_url(url)
    if value is not None:
        assert date.fromisoformat(value)


@fuzz(50)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2024, 12, 31)))
def test_date_in_url_reads_the_path_date(d: date) -> None:
    EXAMPLES["date_in_url"] += 1
    assert date_in_url(f"https://news.example/{d:%Y/%m/%d}/invented-story") == d.isoformat()


# -- readers: every input gives Articles or Problems, and Articles store and read back -----------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    with Store(tmp_path_factory.mktemp("fuzz-store") / "fuzz.duckdb") as s:
        yield s


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-files")


def read_back(store: Store, path: Path) -> list[Article | Problem]:
    """iter_articles on one file; asserts the reader contract and the store round trip."""
    items = list(iter_articles([str(path)]))
    for item in items:
        if isinstance(item, Problem):
            assert re.fullmatch(r"E1\d\d", item.code), item
            assert item.reason and item.hint and str(path) in item.source
            continue
        assert item.body.strip() and item.id == article_id_for(item.body, item.title)
        if item.published is not None:
            assert date.fromisoformat(item.published)
        store.add_articles([item])
        [row] = store.article_rows(where="WHERE id = ?", params=[item.id])
        # one story under two headlines is one article (the id leaves the headline out)
        assert normalize_for_id(without_headline(row["body"], row["title"])) == normalize_for_id(
            without_headline(item.body, item.title)
        )
    return items


ENCODINGS = ["utf-8", "utf-16", "utf-32", "cp1252", "latin-1", "koi8-r", "shift_jis", "gb18030"]


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


MIXED_BYTES = st.one_of(
    st.binary(max_size=600),
    st.builds(encode, SCRAPED, st.sampled_from(ENCODINGS)),
    # two halves in two encodings: what a careless concatenation of exports produces
    st.builds(
        lambda a, ea, b, eb: encode(a, ea) + encode(b, eb),
        SCRAPED,
        st.sampled_from(ENCODINGS),
        SCRAPED,
        st.sampled_from(ENCODINGS),
    ),
    st.builds(lambda text, junk: text.encode() + junk, SCRAPED, st.binary(max_size=40)),
)


@fuzz(150)
@given(data=MIXED_BYTES)
def test_text_reader_on_bytes_in_mixed_encodings(store: Store, workdir: Path, data: bytes) -> None:
    EXAMPLES["txt_reader"] += 1
    path = workdir / "input.txt"
    path.write_bytes(data)
    read_back(store, path)


TAGS = ["div", "p", "span", "table", "tr", "td", "b", "article", "section", "a", "li", "font"]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """Nested HTML up to 400 levels (over libxml2's 256), broken markup, scripts, entities."""
    depth = draw(st.integers(0, 400))
    tags = draw(st.lists(st.sampled_from(TAGS), min_size=depth, max_size=depth))
    closed = draw(st.booleans())
    text = draw(st.lists(st.sampled_from(SENTENCES + HOSTILE + CHROME), min_size=0, max_size=12))
    extra = draw(
        st.lists(
            st.sampled_from(
                [
                    "<script>document.write('<p>x</p>')</script>",
                    "<style>p{}</style>",
                    "<!-- unclosed comment",
                    "<![CDATA[ raw ]]>",
                    '<meta property="article:published_time" content="2021-02-30">',
                    '<meta name="author" content="<b>Jane</b>">',
                    "<title>Invented &amp; Title</title>",
                    '<a href="javascript:alert(1)">link</a>',
                    "&#x110000;&#xD800;&nbsp;&bogus;",
                    "</div></div></p>",
                    "<p",
                ]
            ),
            max_size=5,
        )
    )
    head = draw(st.sampled_from(["<html><head></head><body>", "<!DOCTYPE html><html><body>", ""]))
    body = "".join(f"<{t}>" for t in tags) + " ".join(text) + "".join(extra)
    if closed:
        body += "".join(f"</{t}>" for t in reversed(tags))
    return head + body + ("</body></html>" if head else "")


@fuzz(120)
@given(page=html_pages())
def test_html_reader_on_nested_and_broken_pages(store: Store, workdir: Path, page: str) -> None:
    EXAMPLES["html_reader"] += 1
    path = workdir / "page.html"
    path.write_text(page, encoding="utf-8")
    read_back(store, path)


JSON_LINE = st.one_of(
    st.text(TEXT, max_size=80),
    st.sampled_from(
        [
            '{"text": "unterminated',
            "[1, 2]",
            "null",
            '{"text": 12}',
            '{"text": "Arland met Borovia on Monday for talks. \\ud800 Lone surrogate."}',
            '{"text": "Arland met Borovia on Monday for long talks.", "date": "2021-02-30"}',
            '{"text": "Borovia thanked Arland for the aid it sent.", "authors": [1, null, {}]}',
            '{"body": "no text key here"}',
            '{"text": "' + "x" * 3000 + '"}',
            "1e999999",
            '{"a": ' * 50 + "1" + "}" * 50,
        ]
    ),
    st.builds(
        lambda text, title, d: json.dumps({"text": text, "title": title, "date": d}),
        st.one_of(st.sampled_from(SENTENCES), st.text(TEXT, max_size=60)),
        st.one_of(st.none(), st.text(TEXT, max_size=20)),
        st.one_of(st.none(), DATE_TEXT),
    ),
)


@fuzz(100)
@given(lines=st.lists(JSON_LINE, max_size=8))
def test_jsonl_reader_on_broken_exports(store: Store, workdir: Path, lines: list[str]) -> None:
    EXAMPLES["jsonl_reader"] += 1
    path = workdir / "export.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    read_back(store, path)


CSV_CELL = st.one_of(
    st.text(TEXT, max_size=40),
    st.sampled_from(SENTENCES + ['"', '""', "a,b", "\n", '"unclosed', "\x00"]),
)


@fuzz(100)
@given(
    header=st.lists(st.sampled_from(["text", "title", "date", "url", "body", "x", ""]), max_size=5),
    rows=st.lists(st.lists(CSV_CELL, max_size=6), max_size=6),
)
def test_csv_reader_on_broken_exports(
    store: Store, workdir: Path, header: list[str], rows: list[list[str]]
) -> None:
    EXAMPLES["csv_reader"] += 1
    path = workdir / "export.csv"
    text = "\n".join(",".join(r) for r in [header, *rows])
    path.write_text(text, encoding="utf-8")
    read_back(store, path)


def test_readers_raise_nothing_but_detente_errors_on_a_directory_of_junk(
    store: Store, tmp_path: Path
) -> None:
    """A folder of hostile files: each is read or reported, the run never stops."""
    files = {
        "deep.html": "<html><body>" + "<div>" * 5000 + "Arland met Borovia." + "</div>" * 5000,
        "only-script.html": "<html><script>" + "x" * 50_000 + "</script></html>",
        "fragment.html": "<div><p>Arland and Borovia signed a river treaty on Monday.</p></div>",
        "giant-line.txt": "Arland Borovia talks continue " * 7000,
        "nul.txt": "Arland\x00Borovia\x00" * 100,
        "rtl.txt": "\u202eأرلاند تلتقي بوروفيا في العاصمة يوم الاثنين لبحث التجارة.\u202c\n",
        "quotes.txt": '"' * 5000 + "Arland said Borovia lied." + "“" * 3000,
        "bom-only.txt": "\ufeff",
        "utf16-no-bom.txt": "Arland met Borovia on Monday.",
    }
    for name, content in files.items():
        encoding = "utf-16-le" if "utf16" in name else "utf-8"
        (tmp_path / name).write_bytes(content.encode(encoding))
    try:
        items = list(iter_articles([str(tmp_path)]))
    except DetenteError as exc:  # pragma: no cover - the contract is Problems, not raises
        pytest.fail(f"iter_articles raised {exc!r}")
    sources = {i.source if isinstance(i, Problem) else i.source_path for i in items}
    assert {str(tmp_path / n) for n in files} <= sources
    arts = {Path(i.source_path).name: i for i in items if isinstance(i, Article)}
    assert "Arland and Borovia signed" in arts["fragment.html"].body
    assert arts["giant-line.txt"].body.startswith("Arland Borovia talks")
    for item in items:
        if isinstance(item, Article):
            store.add_articles([item])


def test_file_name_that_is_not_utf8_is_stored_with_escapes(store: Store, tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9-story.txt")  # a Latin-1 name: Python sees a lone surrogate
    (tmp_path / name).write_text(
        "Arland and Borovia agreed to reopen the border crossing on Monday.", encoding="utf-8"
    )
    [article] = list(iter_articles([str(tmp_path)]))
    assert isinstance(article, Article)
    assert article.source_path.endswith("caf\\xe9-story.txt")
    store.add_articles([article])
    assert store.known_source(article.source_path) == article.id
