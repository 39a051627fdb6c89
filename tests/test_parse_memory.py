"""What parsing holds in memory (issue 16: `--jobs 2` within 1.5x one job's peak). tok2vec
predicts without keeping every layer's intermediate arrays alive, with the same output;
a `--jobs 2` parser process imports spaCy and the coding modules, not the Dask runner,
the Parquet loader or ingest."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc

import numpy
import spacy

from detente.nlp import load_nlp
from detente.nlp.model import MODEL_PACKAGES

SENTENCES = [
    "The foreign minister of Chile flew to Lima on Monday for talks on the border dispute.",
    "Officials in both capitals said the meeting had been cordial but brief.",
    "Peru recalled its ambassador after the navy seized two fishing boats.",
    "A spokesman said the government would answer through diplomatic channels.",
]


def _docs(nlp: spacy.Language) -> list:
    """Eight documents of about 300 tokens, a batch as detente hands nlp.pipe."""
    return [nlp.make_doc(" ".join(SENTENCES[i % 4:] + SENTENCES[:i % 4]) * 4 + " ") for i in range(8)]


def _plain_nlp() -> spacy.Language:
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name, exclude=["ner"])
        except OSError:
            continue
    raise AssertionError("no English pipeline installed")


def test_tok2vec_predicts_without_holding_every_layers_arrays() -> None:
    tok2vec = load_nlp().get_pipe("tok2vec").model
    docs = _docs(load_nlp())
    tokens = sum(len(d) for d in docs)
    tok2vec.predict(docs[:1])
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tok2vec.predict(docs)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    # about 15 KB a token when each layer's backprop closure kept its arrays; 5 KB now
    assert peak / tokens < 8000, f"{peak / tokens:.0f} bytes a token"


def test_tok2vec_output_is_the_shipped_models_own() -> None:
    # bit for bit with the same matrix library as spaCy's (blis); tests/test_speed_gemm.py
    # compares numpy's with it
    nlp = load_nlp(matrix_library="blis")
    docs = _docs(nlp)
    ours = nlp.get_pipe("tok2vec").model.predict(docs)
    theirs = _plain_nlp().get_pipe("tok2vec").model.predict(docs)
    assert len(ours) == len(theirs) == 8
    for a, b in zip(ours, theirs, strict=True):
        assert numpy.array_equal(a, b)


def test_training_still_gets_the_backprop() -> None:
    tok2vec = load_nlp().get_pipe("tok2vec").model
    docs = _docs(load_nlp())[:1]
    _, backprop = tok2vec.begin_update(docs)
    _, none = tok2vec(docs, is_train=False)
    assert backprop.__name__ != none.__name__ == "_no_backprop"


def test_a_parser_process_does_not_import_the_dask_runner_or_ingest() -> None:
    code = ("import sys, detente.distributed.pool\n"
            "print(sorted(m for m in sys.modules if m.startswith(('detente.ingest', 'detente.store', "
            "'detente.distributed.', 'duckdb', 'dask'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['detente.distributed.pool']"
