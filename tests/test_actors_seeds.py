"""The development articles (../shared/corpus/seeds): key actors coded right at each article's date.

The seed texts are read at run time and never copied here; the test only names the people and
places to check and short phrases to find particular occurrences. Light cleanup: lines under
40 characters (bylines, photo credits, player residue) are dropped.

Expected sectors follow our scheme (docs/ACTORS.md): an ambassador is DIP (a GOV role in
CAMEO); a person is coded by the office the sentence names when they held it ("under
President Barack Obama" in 2017 is GOV), "former" makes them ELI, otherwise the role held on
the article's date.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente.actors import ActorResolver
from detente.nlp import load_nlp
from detente.records import Mention

pytestmark = pytest.mark.seeds

SEED_DATES = {
    "000": "2018-01-26",
    "001": "2017-12-04",
    "002": None,
    "003": "2017-10-05",
    "004": "2010-09-10",
}

# Every occurrence of these words must be covered by a mention with this country and sector.
PEOPLE = {
    "Putin": ("RUS", "GOV"),
    "Trump": ("USA", "GOV"),
    "Huntsman": ("USA", "DIP"),
    "Peskov": ("RUS", "GOV"),
    "Lavrov": ("RUS", "GOV"),
    "Medvedev": ("RUS", "GOV"),
    "Burns": ("USA", "GOV"),
    "Kremlin": ("RUS", "GOV"),
}

# Obama: the sector depends on the sentence.
OBAMA = {
    "former US President Barack Obama": "ELI",
    "under President Barack Obama": "GOV",
    "President Obama and President Medvedev": "GOV",
    "President Obama has made": "GOV",
}

# Capitals that act (subject, object, possessor) are the government; "in Moscow" is a place.
ACTING = [
    ("001", "Moscow and Washington are getting", ["Moscow", "Washington"]),
    ("001", "sanctions on Moscow", ["Moscow"]),
    ("001", "Moscow and Washington have been", ["Moscow", "Washington"]),
    ("002", "cooperation between Moscow and Washington", ["Moscow", "Washington"]),
    ("002", "when Moscow and Washington considered", ["Moscow", "Washington"]),
    ("003", "And Moscow continues to meddle", ["Moscow"]),
    ("003", "ties between Washington and Moscow", ["Washington", "Moscow"]),
    ("003", "investigate Moscow", ["Moscow"]),
]
PLACES = [
    ("000", "consular facility in Moscow", "Moscow"),
    ("004", "back in Moscow", "Moscow"),
    ("004", "agreed in Washington", "Washington"),
]

# Role nouns and pronouns that refer to the people above: (seed, context, word, name).
REFERRING = [
    ("001", "According to the diplomat", "the diplomat", "Jon Huntsman"),
    ("001", "The ambassador also stressed", "The ambassador", "Jon Huntsman"),
    ("001", "as His Main Goal", "His", "Jon Huntsman"),
    ("001", "said that he was eager", "he", "Donald Trump"),
    ("001", "However, his administration", "his", "Donald Trump"),
    ("003", "he hopes badly strained", "he", "Vladimir Putin"),
    ("003", "He also offered his", "He", "Vladimir Putin"),
    ("003", "also offered his", "his", "Vladimir Putin"),
    ("003", "the new envoy's tenure", "the new envoy's", "Jon Huntsman"),
    ("003", "he was ambassador to Singapore", "he", "Jon Huntsman"),
    ("004", "one of his highest priorities", "his", "Barack Obama"),
]


def _clean(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if len(line.strip()) >= 40)


@pytest.fixture(scope="module")
def coded(seeds_dir: Path) -> dict[str, tuple[str, list[Mention]]]:
    nlp = load_nlp()
    resolver = ActorResolver.default()
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        key = path.name[:3]
        if key not in SEED_DATES:
            continue
        text = _clean(path.read_text(encoding="utf-8", errors="replace"))
        out[key] = (text, resolver.resolve(nlp(text), key, SEED_DATES[key]))
    if len(out) != len(SEED_DATES):
        pytest.skip(f"expected seeds {sorted(SEED_DATES)}, found {sorted(out)}")
    return out


def _covering(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.start < end and start < m.end]


def _at(text: str, context: str, word: str) -> tuple[int, int]:
    pos = text.replace("\xa0", " ").find(context)
    assert pos >= 0, f"context {context!r} not found in the seed"
    inner = context.find(word)
    return pos + inner, pos + inner + len(word)


def test_every_mention_of_the_key_people(coded):
    checked = 0
    for key, (text, mentions) in coded.items():
        for word, (country, sector) in PEOPLE.items():
            for m in re.finditer(rf"\b{word}\b", text):
                cover = _covering(mentions, m.start(), m.end())
                where = f"{key}: {text[max(0, m.start() - 40) : m.end() + 20]!r}"
                assert cover, f"{word} not coded in {where}"
                assert (cover[0].country, cover[0].sector) == (country, sector), where
                checked += 1
    assert checked >= 40  # the seeds name these people many times


def test_obama_by_sentence(coded):
    for context, sector in OBAMA.items():
        for _key, (text, mentions) in coded.items():
            if context in text:
                start, end = _at(text, context, "Obama")
                cover = _covering(mentions, start, end)
                assert cover and cover[0].code == f"USA{sector}", context
                break
        else:
            pytest.fail(f"{context!r} not found in any seed")


def test_capitals_act_as_governments(coded):
    for key, context, words in ACTING:
        text, mentions = coded[key]
        for word in words:
            start, end = _at(text, context, word)
            cover = _covering(mentions, start, end)
            assert cover, f"{key}: {word} in {context!r} not coded"
            m = cover[0]
            assert m.kind == "actor", f"{key}: {word} in {context!r} is {m.kind}"
            assert m.code == {"Moscow": "RUSGOV", "Washington": "USAGOV"}[word]


def test_capitals_as_places(coded):
    for key, context, word in PLACES:
        text, mentions = coded[key]
        start, end = _at(text, context, word)
        cover = _covering(mentions, start, end)
        assert cover and cover[0].kind == "place", f"{key}: {context!r}"
        assert cover[0].country == {"Moscow": "RUS", "Washington": "USA"}[word]


def test_capital_mentions_have_the_right_country(coded):
    for _key, (text, mentions) in coded.items():
        for word, country in (("Moscow", "RUS"), ("Washington", "USA")):
            for m in re.finditer(rf"\b{word}\b", text):
                for c in _covering(mentions, m.start(), m.end()):
                    assert c.country == country or c.start < m.start()  # inside a longer phrase
                    if c.text == word and c.kind == "actor":
                        assert c.sector == "GOV"


def test_role_nouns_and_pronouns_refer_to_the_right_person(coded):
    for key, context, word, name in REFERRING:
        text, mentions = coded[key]
        start, end = _at(text, context, word)
        cover = _covering(mentions, start, end)
        assert cover, f"{key}: {word!r} in {context!r} not resolved"
        assert cover[0].name == name, f"{key}: {word!r} in {context!r} -> {cover[0].name}"
        assert cover[0].resolved_by in ("pronoun", "earlier_mention")
