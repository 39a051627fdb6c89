"""Property tests of the coding stages (actors, events, dates, quotes, issues, assessments).

The whole coder (``detente.pipeline.Coder``: spaCy, actor resolution, the
event coder and its dater, the signals stage) runs on generated news-like
text with hostile characters injected between the words (control characters,
bidi controls, right-to-left scripts, unbalanced quotation marks of every
kind, emoji, combining marks), on arbitrary Unicode, and on a few extreme
inputs (a giant line without a full stop, thousands of quotation marks).

Invariants for every record: its char span lies inside the body and its text
is exactly the body slice (sentences, mentions, event evidence and actors,
quotes and speakers, issue phrases, assessments); dates are valid ISO dates
or None, and a reported event never happens after its article's date; CAMEO
codes are in the CAMEO table and PLOVER types are PLOVER types.

Examples run are counted (see test_fuzz_ingest.py for DETENTE_FUZZ_LOG).
"""

from __future__ import annotations

import typing
from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.errors import DetenteError
from detente.events.dates import EventDater
from detente.ontology import is_plover_type, is_valid
from detente.pipeline import code_text, default_coder
from detente.records import ActorRef, Article, CodedArticle, Modality, article_id_for
from fuzzing import fuzz, report_counts

# DETENTE_FUZZ_SCALE=10 runs ten times the examples (a longer run than CI's, see RELIABILITY.md).
EXAMPLES = Counter()
FOUND = Counter()  # records checked, so a run that codes nothing shows up
MODALITIES = set(typing.get_args(Modality))  # actual, intent, hypothetical, demanded, historical




@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    report_counts(__name__, EXAMPLES, FOUND)


@pytest.fixture(scope="module")
def coder():
    return default_coder()


# -- strategies ------------------------------------------------------------------------------

SUBJECTS = [
    "Russia",
    "The United States",
    "Vladimir Putin",
    "NATO",
    "China's foreign ministry",
    "He",
    "They",
    "Kyiv",
    "Washington",
    "The European Union",
    "Iran",
    "Israeli troops",
    "President Biden",
    "Relations between Russia and the United States",
    "Ties between China and India",
]
VERBS = [
    "met",
    "accused",
    "expelled diplomats from",
    "attacked",
    "sanctioned",
    "said it would help",
    "promised to help",
    "threatened",
    "urged",
    "did not meet",
    "will visit",
    "may attack",
    "condemned",
    "praised",
    "signed a deal with",
    "are at their lowest point with",
    "are improving with",
]
OBJECTS = ["Ukraine", "Russia", "the United States", "China", "Iran", "Israel", "NATO", "Hamas"]
DATES = [
    "",
    "on Monday",
    "last week",
    "on March 3, 2021",
    "on 31 February 2020",
    "yesterday",
    "in 9999",
    "on 0000-00-00",
    "on 1/1/99999",
    "next month",
    "two days ago",
    "on 29 February 2023",
    "on 1 January 1800",
]
HOSTILE = [
    " ",
    " ",
    "\n\n",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\u2067",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\u0085",
    "\r",
    "\x0b",
    "שלום",
    "مرحبا بالعالم",
    "😀🇷🇺",
    "e\u0301",
    "中华人民共和国",
    "<script>alert(1)</script>",
    "\t",
    '"',
    "“",
    "”",
    "«",
    "»",
    "'",
    "‘",
    "``",
    "„",
    '", he said. ',
    '," said a spokesman. ',
    " according to officials, ",
    "(((",
    "]]",
]
QUOTE_OPEN = ["", "", '"', "“", "«", "'", "‘"]

sentence = st.builds(
    lambda q, s, v, o, d, end: f"{q}{s} {v} {o} {d}{end}".replace("  ", " "),
    st.sampled_from(QUOTE_OPEN),
    st.sampled_from(SUBJECTS),
    st.sampled_from(VERBS),
    st.sampled_from(OBJECTS),
    st.sampled_from(DATES),
    st.sampled_from([".", ".", "", "!", "?", ",", ";"]),
)


def interleave(parts: list[str], junk: list[str]) -> str:
    out: list[str] = []
    for i, p in enumerate(parts):
        out.append(p)
        out.append(junk[i] if i < len(junk) else " ")
    return "".join(out)


NEWS = st.builds(
    interleave,
    st.lists(sentence, min_size=1, max_size=20),
    st.lists(st.sampled_from(HOSTILE), max_size=20),
)
ARTICLE_DATE = st.one_of(
    st.none(),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)).map(str),
    st.sampled_from(["2020-02-30", "garbage", ""]),
)


def valid_iso(value: str | None) -> bool:
    try:
        date.fromisoformat(value or "")
        return True
    except ValueError:
        return False


# -- invariants ------------------------------------------------------------------------------


def check_span(body: str, start: int | None, end: int | None, text: str, what: object) -> None:
    assert start is not None and end is not None, what
    assert 0 <= start <= end <= len(body), what
    assert body[start:end] == text, (what, body[start:end])


def check_ref(body: str, ref: ActorRef | None) -> None:
    if ref is not None and ref.start is not None:
        check_span(body, ref.start, ref.end, ref.text, ref)


def check_coded(ca: CodedArticle) -> None:
    body = ca.article.body
    base = ca.article.published if valid_iso(ca.article.published) else None
    sentences = {s.index: s for s in ca.sentences}
    assert len(sentences) == len(ca.sentences)
    for s in ca.sentences:
        check_span(body, s.start, s.end, s.text, s)
    for m in ca.mentions:
        check_span(body, m.start, m.end, m.text, m)
        sent = sentences[m.sentence_index]
        assert sent.start <= m.start and m.end <= sent.end, m
    for e in ca.events:
        check_span(body, e.start, e.end, e.sentence, e)
        assert e.sentence_index in sentences
        assert is_valid(e.cameo) and e.cameo_root == e.cameo[:2], e.cameo
        assert e.plover is None or is_plover_type(e.plover), e.plover
        assert e.quad_class in (1, 2, 3, 4) and -10 <= e.goldstein <= 10
        assert e.modality in MODALITIES and e.rule
        if e.date is not None:
            assert valid_iso(e.date), e.date
            if base and e.modality == "actual":
                assert e.date <= base, (e.date, base, e.sentence)
        for ref in [*e.source, *e.target, e.speaker]:
            check_ref(body, ref)
    for q in ca.quotes:
        check_span(body, q.start, q.end, q.text, q)
        assert q.kind in ("direct", "indirect") and q.sentence_index in sentences
        check_ref(body, q.speaker)
    for t in ca.issues:
        assert 0 <= t.start <= t.end <= len(body), t
        assert body[t.start : t.end].casefold() == t.phrase.casefold(), (t, body[t.start : t.end])
    for a in ca.assessments:
        assert 0 <= a.start <= a.end <= len(body), a
        assert len(a.dyad) == 2 and all(a.dyad), a
        check_ref(body, a.speaker)
    assert ca.tone is None or -1.0 <= ca.tone <= 1.0, ca.tone
    FOUND.update(
        sentences=len(ca.sentences),
        mentions=len(ca.mentions),
        events=len(ca.events),
        quotes=len(ca.quotes),
        issues=len(ca.issues),
        assessments=len(ca.assessments),
    )


def code(coder, text: str, published: str | None) -> CodedArticle | None:
    """The coded article; None when a bad article date is refused (InputError is the contract)."""
    article = Article(id=article_id_for(text), body=text, published=published)
    try:
        return coder.code_article(article)
    except DetenteError:
        if valid_iso(published) or not published:
            raise
        return None


# -- tests ------------------------------------------------------------------------------------


@fuzz(150)
@given(text=NEWS, published=ARTICLE_DATE)
def test_coder_on_news_like_text_with_hostile_characters(coder, text: str, published) -> None:
    EXAMPLES["coder_news"] += 1
    ca = code(coder, text, published)
    if ca is not None:
        check_coded(ca)


@fuzz(80)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_coder_on_arbitrary_unicode(coder, text: str) -> None:
    EXAMPLES["coder_unicode"] += 1
    check_coded(code(coder, text, "2024-03-01"))


EXTREMES = {
    # Sizes are kept where CI stays fast: the event coder's time grows with the square of a
    # sentence's length (see RELIABILITY.md), and spaCy's tokenizer with long runs of quotes.
    "giant-line-no-full-stop": "Russia and China held talks about trade " * 500,
    "only-opening-quotes": '"' * 1000 + "Russia accused Ukraine of shelling." + "“" * 600,
    "only-closing-quotes": "Russia met China." + "”" * 1000,
    "nested-quotes": "Putin said " + '"He said “they said «Russia attacked Ukraine' * 80,
    "no-sentence-boundaries": " ".join(["Russia met China"] * 400),
    "rtl-with-actors": "\u202eRussia expelled U.S. diplomats\u202c "
    + "روسيا طردت دبلوماسيين. " * 200,
    "control-characters": "Russia\x00met\x01China\x02on\x03Monday\x1b. " * 300,
    "one-long-word": "Russia" * 3000,
    "blank-lines": "\n" * 5000 + "Russia met China on Monday.",
    "brackets": "(" * 2000 + "Russia attacked Ukraine" + ")" * 10,
}


# Invented; hostile characters between the sentences and one quotation mark never closed.
EVERY_KIND = (
    "Ties between Moscow and Washington are at their lowest point in decades, "
    "Russia's foreign minister, Sergei Lavrov, said on Monday.\u202e\x00 \"We will respond to the "
    'sanctions\u200b," he told reporters in Moscow.\u2067 «Washington must stop its '
    "interference», he added. \r\nThe United States expelled two Russian diplomats over the "
    'nuclear talks, officials said. مرحبا 😀 "Unbalanced quote about arms control and trade'
)


def test_invariants_are_checked_on_every_kind_of_record(coder) -> None:
    """So that the properties above are not vacuous: this text yields each kind of record."""
    EXAMPLES["coder_extreme"] += 1
    ca = code(coder, EVERY_KIND, "2024-03-04")
    assert ca.events and ca.mentions and ca.quotes and ca.issues and ca.assessments
    assert any(e.source and e.target for e in ca.events)
    check_coded(ca)


@pytest.mark.parametrize("name", list(EXTREMES))
def test_coder_on_extreme_inputs(coder, name: str) -> None:
    EXAMPLES["coder_extreme"] += 1
    check_coded(code(coder, EXTREMES[name], "2024-03-01"))


@fuzz(60)
@given(
    text=st.lists(sentence, min_size=1, max_size=6).map(" ".join),
    published=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(str)),
    future=st.booleans(),
)
def test_event_dater_gives_valid_dates_for_any_trigger(coder, text, published, future) -> None:
    """EventDater on every token of every sentence as a trigger, past and future readings."""
    EXAMPLES["event_dater"] += 1
    dater = EventDater()
    doc = coder.nlp(text)
    for sent in doc.sents:
        for tok in sent:
            value = dater.date_for(sent, tok, published, future=future)
            if value is None:
                continue
            assert valid_iso(value), value
            if published and not future:
                assert value <= published, (value, published, sent.text)
            if not published:
                assert any(e.label_ == "DATE" for e in sent.ents)


@fuzz(40)
@given(text=NEWS, when=st.one_of(st.none(), st.sampled_from(["2024-03-01", "not a date"])))
def test_code_text_returns_valid_events_or_a_detente_error(coder, text, when) -> None:
    EXAMPLES["code_text"] += 1
    try:
        events = code_text(text, when)
    except DetenteError:
        assert when == "not a date"
        return
    for e in events:
        assert 0 <= e.start <= e.end <= len(text) and text[e.start : e.end] == e.sentence
        assert is_valid(e.cameo)
        assert e.date is None or valid_iso(e.date)
