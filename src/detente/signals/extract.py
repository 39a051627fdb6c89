"""The signals stage: quotes, issues, tone and relationship assessments of one article.

Runs after actor resolution (it reads the Mentions, it never resolves actors
itself) and beside the event coder. Needs: the spaCy Doc of ``article.body``,
the article's Sentences and Mentions. Provides: a Signals record that the
pipeline copies into the CodedArticle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from detente.errors import Errors, InputError
from detente.records import Article, Assessment, IssueTag, Mention, Quote, Sentence
from detente.signals._spans import Tokenizer, doc_text
from detente.signals.assessments import find_assessments
from detente.signals.dyad import main_dyad
from detente.signals.issues import article_issues, tag_issues
from detente.signals.quotes import extract_quotes
from detente.signals.tone import article_tone, sentence_tones


@dataclass
class Signals:
    """What the signals stage found in one article."""

    quotes: list[Quote] = field(default_factory=list)
    issues: list[IssueTag] = field(default_factory=list)
    sentence_tones: dict[int, float] = field(default_factory=dict)
    tone: float | None = None
    assessments: list[Assessment] = field(default_factory=list)
    main_dyad: tuple[str, str] | None = None

    @property
    def issue_counts(self) -> list[tuple[str, int]]:
        """The article's issues with their number of matches, most frequent first."""
        return article_issues(self.issues)

    def apply_tones(self, sentences: Sequence[Sentence]) -> None:
        """Copy the sentence tones onto the Sentence records (the store reads them there)."""
        for s in sentences:
            s.tone = self.sentence_tones.get(s.index)


def extract_signals(
    doc: Doc,
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    tones: dict[int, float] | None = None,
    *,
    tokenizer: Tokenizer | None = None,
) -> Signals:
    """Quotes, issues, tone, assessments and main dyad of one parsed article
    (``tones``: the sentence tones, when a caller computed them already; ``tokenizer``:
    that of the pipeline that parsed ``doc``, which the Coder hands over, for the phrases
    of the YAML files; default: :func:`detente.nlp.load_nlp`'s)."""
    if doc_text(doc) != article.body:  # joined once, kept for the extractors
        raise InputError(Errors.E100_DOC_IS_NOT_THE_BODY, id=article.id)
    dyad = main_dyad(mentions)
    quotes = extract_quotes(doc, article, sentences, mentions)
    if tones is None:
        tones = sentence_tones(doc, sentences, tokenizer=tokenizer)
    return Signals(
        quotes=quotes,
        issues=tag_issues(doc, article.id, sentences, tokenizer=tokenizer),
        sentence_tones=tones,
        tone=article_tone(sentences, tones),
        assessments=find_assessments(
            doc, article.id, sentences, mentions, quotes, dyad, tokenizer=tokenizer
        ),
        main_dyad=dyad,
    )
