"""Issue tagging: which of the issues in issues.yaml each sentence is about.

Three spaCy PhraseMatchers, built once per vocabulary from the taxonomy, run
once over the whole document: case-insensitive phrases (attr LOWER),
lemma phrases so plurals and verb forms match (attr LEMMA), and case-sensitive
acronyms that are also English words (attr ORTH: "START" but not "start").
Every match becomes an IssueTag whose phrase is the matched text, so each
issue on a chart can be traced to the words that produced it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from detente.records import IssueTag, Sentence
from detente.signals._spans import SentenceIndex, Tokenizer, pattern_tokenizer
from detente.signals.config import IssueTaxonomy, load_issue_taxonomy


@dataclass(frozen=True)
class _Matchers:
    lower: PhraseMatcher
    lemma: PhraseMatcher
    exact: PhraseMatcher


_CACHE: dict[tuple[int, int], tuple[Vocab, IssueTaxonomy, _Matchers]] = {}


def _lemma_doc(vocab: Vocab, tokenizer_doc: Doc) -> Doc:
    """A pattern doc whose lemmas are its (lower-cased) words: the YAML gives lemmas."""
    words = [t.text for t in tokenizer_doc]
    spaces = [bool(t.whitespace_) for t in tokenizer_doc]
    return Doc(vocab, words=words, spaces=spaces, lemmas=[w.lower() for w in words])


def _matchers(doc: Doc, taxonomy: IssueTaxonomy, tokenizer: Tokenizer | None) -> _Matchers:
    key = (id(doc.vocab), id(taxonomy))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is doc.vocab and hit[1] is taxonomy:
        return hit[2]
    tokenizer = pattern_tokenizer(tokenizer)
    vocab = doc.vocab
    lower = PhraseMatcher(vocab, attr="LOWER")
    lemma = PhraseMatcher(vocab, attr="LEMMA")
    exact = PhraseMatcher(vocab, attr="ORTH")
    for issue in taxonomy.issues:
        if issue.phrases:
            lower.add(issue.id, [tokenizer(p) for p in issue.phrases])
        if issue.lemmas:
            lemma.add(issue.id, [_lemma_doc(vocab, tokenizer(p)) for p in issue.lemmas])
        if issue.exact:
            exact.add(issue.id, [tokenizer(p) for p in issue.exact])
    m = _Matchers(lower, lemma, exact)
    _CACHE[key] = (vocab, taxonomy, m)
    return m


def _issue_spans(
    doc: Doc, taxonomy: IssueTaxonomy, tokenizer: Tokenizer | None
) -> dict[str, list[Span]]:
    m = _matchers(doc, taxonomy, tokenizer)
    by_issue: dict[str, list[Span]] = defaultdict(list)
    for matcher in (m.lower, m.lemma, m.exact):
        for span in matcher(doc, as_spans=True):
            by_issue[span.label_].append(span)
    # within one issue, the longest evidence wins ("New START Treaty" over "START")
    return {issue: filter_spans(spans) for issue, spans in by_issue.items()}


def tag_issues(
    doc: Doc,
    article_id: str,
    sentences: Sequence[Sentence],
    *,
    taxonomy: IssueTaxonomy | None = None,
    tokenizer: Tokenizer | None = None,
) -> list[IssueTag]:
    """One IssueTag per matched phrase, in reading order (``tokenizer``: that of the
    pipeline that parsed ``doc``, for the YAML's phrases; default: :func:`detente.nlp.load_nlp`'s)."""
    tax = taxonomy or load_issue_taxonomy()
    sents = SentenceIndex(sentences)
    tags = [
        IssueTag(
            article_id=article_id,
            sentence_index=sents.index_at(span.start_char),
            issue=issue,
            phrase=span.text,
            start=span.start_char,
            end=span.end_char,
        )
        for issue, spans in _issue_spans(doc, tax, tokenizer).items()
        for span in spans
    ]
    return sorted(tags, key=lambda t: (t.start, t.issue))


def issues_by_sentence(tags: Iterable[IssueTag]) -> dict[int, list[str]]:
    """Sentence index -> the distinct issues tagged in it (first-seen order)."""
    out: dict[int, list[str]] = {}
    for t in tags:
        lst = out.setdefault(t.sentence_index, [])
        if t.issue not in lst:
            lst.append(t.issue)
    return out


def issues_in_span(tags: Iterable[IssueTag], start: int, end: int) -> list[str]:
    """The issues whose evidence lies inside a char span (e.g. a quote or an event)."""
    out: list[str] = []
    for t in tags:
        if start <= t.start and t.end <= end and t.issue not in out:
            out.append(t.issue)
    return out


def article_issues(tags: Iterable[IssueTag]) -> list[tuple[str, int]]:
    """The article's issues with their number of matches, most frequent first."""
    counts = Counter(t.issue for t in tags)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
