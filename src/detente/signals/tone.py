"""Sentence and article tone in [-1, 1]: VADER adapted to diplomatic news language.

VADER's rules (negation, boosters, "but", punctuation emphasis) are kept; its
lexicon is adjusted by tone.yaml (topical words neutralized or dampened,
diplomatic register added) and institutional names such as "United States"
or "Security Council" are removed from the sentence before scoring. Why each
change is made is written next to it in tone.yaml and in docs/SIGNALS.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.attrs import IDX
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    SentiText,
    normalize,
)

from detente.records import Sentence
from detente.signals._spans import Tokenizer, doc_text, pattern_tokenizer
from detente.signals.config import ToneConfig, load_tone_config

_ANALYZERS: dict[int, tuple[ToneConfig, SentimentIntensityAnalyzer]] = {}


class _SentiText(SentiText):  # type: ignore[misc]
    """VADER's SentiText, each word's stripped form (SentiText._strip_punc_if_word: its
    punctuation stripped unless that leaves two characters or fewer) remembered: the same
    words recur from sentence to sentence."""

    _stripped: dict[str, str] = {}

    def __init__(self, text: str, words: list[str] | None = None) -> None:
        """``words``: the text's words as :meth:`words_of` gave them, not split again."""
        self._words = words
        super().__init__(text)

    @classmethod
    def words_of(cls, text: str) -> list[str]:
        """VADER's words of ``text`` (SentiText._words_and_emoticons)."""
        stripped = cls._stripped
        if len(stripped) > 200_000:  # memory stays flat
            stripped.clear()
        out = []
        for word in text.split():
            form = stripped.get(word)
            if form is None:
                form = stripped[word] = cls._strip_punc_if_word(word)
            out.append(form)
        return out

    def _words_and_emoticons(self) -> list[str]:
        words = self._words
        return words if words is not None else self.words_of(self.text)


class _Analyzer(SentimentIntensityAnalyzer):  # type: ignore[misc]
    """VADER, whose emoji pass runs only on a text that has an emoji character in it (that
    pass copies a text character by character, a sixth of VADER's time on news sentences),
    and which scores only the words in its lexicon."""

    def __init__(self) -> None:
        super().__init__()
        # The pass replaces one character at a time: only one-character emojis are met.
        self._emoji_chars = frozenset(e for e in self.emojis if len(e) == 1)
        # VADER's emojis are all beyond ASCII: an ASCII text (str.isascii, one pass in C) has
        # none of them, nor is it one, without a set lookup per character.
        self._ascii_emoji = any(e.isascii() for e in self.emojis)
        self._compounds: dict[str, float] = {}

    def _has_emoji(self, text: str) -> bool:
        return (self._ascii_emoji or not text.isascii()) and (
            not self._emoji_chars.isdisjoint(text) or text in self.emojis)

    def polarity_scores(self, text: str) -> dict[str, float]:
        if self._has_emoji(text):
            return dict(super().polarity_scores(text))
        text = text.strip()
        scores: dict[str, float] = self.score_valence(self._sentiments(text), text)
        return scores

    def compound(self, text: str) -> float:
        """``polarity_scores(text)["compound"]``, the one score the tone reads, without the
        positive, negative and neutral shares VADER computes beside it (score_valence).
        Kept per text (a function of the text alone): wire copies, datelines and bylines
        repeat sentences from article to article."""
        score = self._compounds.get(text)
        if score is None:
            if len(self._compounds) >= _COMPOUNDS_KEPT:  # memory stays flat
                self._compounds.clear()
            score = self._compounds[text] = self._compound(text)
        return score

    def _compound(self, text: str) -> float:
        if self._has_emoji(text):
            return float(super().polarity_scores(text)["compound"])
        text = text.strip()
        sentiments = self._sentiments(text)
        if not sentiments:
            return 0.0
        total = float(sum(sentiments))
        emphasis = self._punctuation_emphasis(text)
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        return round(normalize(total), 4)

    def _sentiments(self, text: str) -> list[float]:
        """VADER's word scores of a text its emoji pass leaves as it is (stripped), 'but'
        applied: only the words in its lexicon are scored; each other word scores 0 in all
        three of VADER's branches (a booster, 'kind of', a word not in the lexicon), so it is
        given 0 here without VADER's per-word call, which was most of the tone's time; and
        VADER's 'but' step, which lower-cases every word again, runs only on a text with a
        'but' (without one it changes nothing). A text with no word in the lexicon scores
        0 throughout, without VADER's SentiText (its capitals test reads every word)."""
        words = _SentiText.words_of(text)
        lows = [w.lower() for w in words]
        lexicon = self.lexicon
        last = len(words) - 1
        sentiments: list[float] = [0] * len(words)
        scored = [i for i, low in enumerate(lows) if low in lexicon]
        if not scored:
            return sentiments
        sentitext = _SentiText(text, words)
        for i in scored:
            low = lows[i]
            if low in BOOSTER_DICT or (low == "kind" and i < last and lows[i + 1] == "of"):
                continue
            sentiments[i] = self.sentiment_valence(0, sentitext, words[i], i, [])[0]
        if "but" in lows:
            sentiments = self._but_check(words, sentiments)
        return sentiments

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

    @staticmethod
    def _special_idioms_check(valence: float, words_and_emoticons: list[str], i: int) -> float:
        """VADER's check of the idioms and two-word boosters around a lexicon word, reading
        only the words it looks at (three before, two after): VADER's own lower-cases the
        whole sentence for each lexicon word that has three words before it."""

        def low(k: int) -> str:
            return str(words_and_emoticons[k]).lower()

        w3, w2, w1, w0 = low(i - 3), low(i - 2), low(i - 1), low(i)
        onezero, twoonezero, twoone = f"{w1} {w0}", f"{w2} {w1} {w0}", f"{w2} {w1}"
        threetwoone, threetwo = f"{w3} {w2} {w1}", f"{w3} {w2}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in SPECIAL_CASES:
                valence = SPECIAL_CASES[seq]
                break
        last = len(words_and_emoticons) - 1
        if last > i:
            zeroone = f"{w0} {low(i + 1)}"
            if zeroone in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroone]
        if last > i + 1:
            zeroonetwo = f"{w0} {low(i + 1)} {low(i + 2)}"
            if zeroonetwo in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):  # "sort of", "kind of"
            if n_gram in BOOSTER_DICT:
                valence = valence + BOOSTER_DICT[n_gram]
        return valence


_NEGATE = frozenset(NEGATE)
# Texts whose compound score an analyzer keeps (a few MB of sentences)
_COMPOUNDS_KEPT = 20_000


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
    return _compound(tone_analyzer(config), text)


def _compound(analyzer: SentimentIntensityAnalyzer, text: str) -> float:
    if isinstance(analyzer, _Analyzer):
        return analyzer.compound(text)
    return float(analyzer.polarity_scores(text)["compound"])


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
        out[s.index] = round(_compound(analyzer, text), 4)
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
