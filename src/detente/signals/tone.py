"""Sentence and article tone in [-1, 1]: VADER adapted to diplomatic news language.

VADER's rules (negation, boosters, "but", punctuation emphasis) are kept; its
lexicon is adjusted by tone.yaml (topical words neutralized or dampened,
diplomatic register added) and institutional names such as "United States"
or "Security Council" are removed from the sentence before scoring. Why each
change is made is written next to it in tone.yaml and in docs/SIGNALS.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from spacy.attrs import IDX
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from vaderSentiment.vaderSentiment import N_SCALAR, NEGATE, SentimentIntensityAnalyzer

from detente.records import Sentence
from detente.signals._spans import Tokenizer, doc_text, pattern_tokenizer
from detente.signals.config import ToneConfig, load_tone_config

_ANALYZERS: dict[int, tuple[ToneConfig, SentimentIntensityAnalyzer]] = {}


class _Whole(str):
    """A text with no emoji character, as VADER's emoji pass reads it: in one piece.

    That pass copies a text character by character, replacing each emoji by its name (a
    sixth of VADER's time on news sentences); iterated, this text yields itself whole,
    which the pass copies as it is: the same text, in one step."""

    __slots__ = ()

    def __iter__(self) -> Iterator[str]:
        yield str(self)


class _Analyzer(SentimentIntensityAnalyzer):  # type: ignore[misc]
    """VADER, whose emoji pass runs only on a text that has an emoji character in it."""

    def __init__(self) -> None:
        super().__init__()
        # The pass replaces one character at a time: only one-character emojis are met.
        self._emoji_chars = frozenset(e for e in self.emojis if len(e) == 1)

    def polarity_scores(self, text: str) -> dict[str, float]:
        if self._emoji_chars.isdisjoint(text) and text not in self.emojis:
            text = _Whole(text)
        scores: dict[str, float] = super().polarity_scores(text)
        return scores

    @staticmethod
    def _negation_check(valence: float, words_and_emoticons: list[str], start_i: int, i: int
                        ) -> float:
        """VADER's check of the words before a lexicon word for a negation, reading only
        those words: VADER's own lower-cases the whole sentence on each of its up to three
        calls per lexicon word, and copies its list of negations for each word it tests."""

        def low(k: int) -> str:
            return str(words_and_emoticons[k]).lower()

        if start_i == 0 and _negated(low(i - 1)):  # 1 word preceding lexicon word
            valence = valence * N_SCALAR
        if start_i == 1:
            if low(i - 2) == "never" and (low(i - 1) == "so" or low(i - 1) == "this"):
                valence = valence * 1.25
            elif low(i - 2) == "without" and low(i - 1) == "doubt":
                pass
            elif _negated(low(i - 2)):  # 2 words preceding the lexicon word position
                valence = valence * N_SCALAR
        if start_i == 2:
            if low(i - 3) == "never" and (low(i - 2) == "so" or low(i - 2) == "this") or \
                    (low(i - 1) == "so" or low(i - 1) == "this"):
                valence = valence * 1.25
            elif low(i - 3) == "without" and (low(i - 2) == "doubt" or low(i - 1) == "doubt"):
                pass
            elif _negated(low(i - 3)):  # 3 words preceding the lexicon word position
                valence = valence * N_SCALAR
        return valence


_NEGATE = frozenset(NEGATE)


def _negated(word: str) -> bool:
    """VADER's ``negated([word])``: a negation, or a word with "n't" in it."""
    word = word.lower()  # as VADER's, which lower-cases what it is given once more
    return word in _NEGATE or "n't" in word


def tone_analyzer(config: ToneConfig | None = None) -> SentimentIntensityAnalyzer:
    """A VADER analyzer with the lexicon adjusted by tone.yaml (built once per config)."""
    cfg = config or load_tone_config()
    hit = _ANALYZERS.get(id(cfg))
    if hit is not None and hit[0] is cfg:
        return hit[1]
    analyzer = _Analyzer()
    lex = analyzer.lexicon
    for w in cfg.neutral_words:
        lex.pop(w.word, None)
    for d in cfg.dampened_words:
        if d.word in lex:
            lex[d.word] = lex[d.word] * d.factor
    for a in cfg.added_words:
        lex[a.word] = a.valence
    _ANALYZERS[id(cfg)] = (cfg, analyzer)
    return analyzer


_PHRASES: dict[int, tuple[ToneConfig, PhraseMatcher]] = {}


def _neutral_matcher(doc: Doc, cfg: ToneConfig, tokenizer: Tokenizer | None) -> PhraseMatcher:
    hit = _PHRASES.get(id(cfg))
    if hit is not None and hit[0] is cfg and hit[1].vocab is doc.vocab:
        return hit[1]
    tokenizer = pattern_tokenizer(tokenizer)
    matcher = PhraseMatcher(doc.vocab, attr="LOWER")
    for p in cfg.neutral_phrases:
        matcher.add(p.id, [tokenizer(p.phrase)])
    _PHRASES[id(cfg)] = (cfg, matcher)
    return matcher


def score_text(text: str, *, config: ToneConfig | None = None) -> float:
    """VADER compound score of a text with the adjusted lexicon (no phrase removal)."""
    return float(tone_analyzer(config).polarity_scores(text)["compound"])


def sentence_tones(
    doc: Doc, sentences: Sequence[Sentence], *, config: ToneConfig | None = None,
    tokenizer: Tokenizer | None = None,
) -> dict[int, float]:
    """Tone of every sentence, keyed by sentence index (``tokenizer``: that of the pipeline
    that parsed ``doc``, for the neutral phrases; default: :func:`detente.nlp.load_nlp`'s)."""
    cfg = config or load_tone_config()
    analyzer = tone_analyzer(config)
    n = len(doc)
    neutral = [False] * n
    for _, start, end in _neutral_matcher(doc, cfg, tokenizer)(doc):
        for i in range(start, end):
            neutral[i] = True
    # A token's text_with_ws is the body from its offset to the next token's: the text of
    # tokens a..b is one slice, without a Token object per token.
    body = doc_text(doc)
    offsets = doc.to_array(IDX).tolist() + [len(body)] if n else [len(body)]
    out: dict[int, float] = {}
    for s in sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            out[s.index] = 0.0
            continue
        a, b = span.start, span.end
        if any(neutral[a:b]):
            text = "".join(body[offsets[i] : offsets[i + 1]] for i in range(a, b) if not neutral[i])
        else:
            text = body[offsets[a] : offsets[b]]
        out[s.index] = round(float(analyzer.polarity_scores(text)["compound"]), 4)
    return out


def article_tone(sentences: Sequence[Sentence], tones: Mapping[int, float]) -> float | None:
    """Mean sentence tone weighted by sentence length in words; None without words.

    Weighting by length keeps a one-word fragment ("Thanks!") from counting as
    much as a paragraph-long sentence.
    """
    total = weight = 0.0
    for s in sentences:
        n = len(s.text.split())
        if n == 0 or s.index not in tones:
            continue
        total += tones[s.index] * n
        weight += n
    if weight == 0:
        return None
    return round(total / weight, 4)
