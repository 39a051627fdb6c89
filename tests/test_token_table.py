"""detente.nlp.tokens.TokenTable: the attributes the Token objects give, read once per Doc."""

from __future__ import annotations

from pathlib import Path

from detente.nlp import load_nlp
from detente.nlp.tokens import TokenTable

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "txt"


def test_the_table_holds_what_each_token_says() -> None:
    nlp = load_nlp()
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in sorted(CORPUS.glob("*.txt"))]
    texts += ["", " ", "\n\nA  line.\n", "ALL CAPS HEADLINE SAYS NO\n\nThen\u00a0text , e.g. 3:30pm."]
    assert len(texts) > 10
    n = 0
    for doc in nlp.pipe(texts):
        table = TokenTable(doc)
        assert len(table) == len(doc)
        for t in doc:
            i = t.i
            got = (table.text[i], table.lower[i], table.pos[i], table.tag[i], table.dep[i],
                   table.head[i], table.is_space[i], table.is_title[i], table.is_punct[i],
                   table.is_alpha[i], table.is_lower[i], table.is_sent_start[i], table.is_stop[i])
            assert got == (t.text, t.lower_, t.pos_, t.tag_, t.dep_, t.head.i, t.is_space,
                           t.is_title, t.is_punct, t.is_alpha, t.is_lower, t.is_sent_start,
                           t.is_stop)
            assert table.children[i] == [c.i for c in t.children]
            n += 1
    assert n > 5000
