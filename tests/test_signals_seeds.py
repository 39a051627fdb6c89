"""Signals on the seed articles in ../shared/corpus/seeds (skipped when absent).

The seeds are read at run time and lightly cleaned here (short lines such as
captions and menu items dropped, no-break spaces made plain) rather than
through the ingest module, so this test depends only on the actors stage and
on signals. No seed text is copied into the repository: the assertions use
speakers, rule ids, issue ids and single keywords.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from detente.nlp import load_nlp, sentences_of
from detente.records import Article, Quote, article_id_for
from detente.signals import Signals, extract_signals

pytestmark = pytest.mark.seeds

# Publication dates (facts about the seeds, for time-aware actor roles).
DATES = {
    "000": "2018-01-26",
    "001": "2017-12-04",
    "002": "2016-06-01",
    "003": "2017-10-03",
    "004": "2010-09-10",
}


def _resolver():
    try:
        from detente.actors import ActorResolver
    except ImportError:
        try:
            from detente.actors.resolver import ActorResolver
        except ImportError as exc:
            pytest.skip(f"the actor resolver is not available yet ({exc})")
    return ActorResolver.default()


def _clean(raw: str) -> str:
    lines = [ln.replace("\xa0", " ").strip() for ln in raw.splitlines()]
    return "\n\n".join(ln for ln in lines if len(ln) >= 40)


@lru_cache(maxsize=8)
def _signals(path: str) -> tuple[Article, Signals]:
    body = _clean(Path(path).read_text(encoding="utf-8"))
    prefix = Path(path).name[:3]
    art = Article(id=article_id_for(body), body=body, published=DATES.get(prefix))
    doc = load_nlp()(body)
    mentions = _resolver().resolve(doc, art.id, art.published)
    return art, extract_signals(doc, art, sentences_of(doc, art.id), mentions)


@pytest.fixture
def seed(seeds_dir: Path):
    def get(prefix: str) -> tuple[Article, Signals]:
        paths = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
        if not paths:
            pytest.skip(f"seed {prefix} is not present")
        _resolver()
        return _signals(str(paths[0]))

    return get


def _speaker(q: Quote) -> str:
    sp = q.speaker
    return " ".join(filter(None, [sp.name, sp.text])) if sp else ""


def _quotes_with(sig: Signals, keyword: str) -> list[Quote]:
    return [q for q in sig.quotes if keyword.lower() in q.text.lower()]


@pytest.mark.parametrize("prefix", sorted(DATES))
def test_every_seed_is_about_usa_and_russia(seed, prefix: str) -> None:
    assert seed(prefix)[1].main_dyad == ("RUS", "USA")


def test_rferl_report_quotes_have_the_right_speakers(seed) -> None:
    sig = seed("003")[1]
    expected = {
        "satisfy": "Putin",
        "advocate": "Putin",
        "convinced": "Putin",
        "interfered": "Huntsman",
        "impossible": "Peskov",
        "reciprocity": "Peskov",
    }
    for keyword, who in expected.items():
        found = [q for q in _quotes_with(sig, keyword) if q.kind == "direct"]
        assert found, f"no direct quote with {keyword!r}"
        assert all(who in _speaker(q) for q in found), [(q.text, _speaker(q)) for q in found]
    putin = [q for q in sig.quotes if "Putin" in _speaker(q)]
    assert all(q.speaker is not None and q.speaker.country == "RUS" for q in putin)


def test_sputnik_reported_statements_are_huntsmans(seed) -> None:
    sig = seed("001")[1]
    for keyword in ("return", "moving away", "deteriorated significantly", "aware"):
        found = [q for q in _quotes_with(sig, keyword) if q.kind == "indirect"]
        assert found, f"no reported statement with {keyword!r}"
        assert all("Huntsman" in _speaker(q) for q in found), [(q.text, _speaker(q)) for q in found]
    officials = _quotes_with(sig, "Cold War")
    assert officials and all(q.speaker and q.speaker.country == "RUS" for q in officials)


def test_lowest_point_statements_are_negative(seed) -> None:
    for prefix in ("000", "001"):
        lowest = [a for a in seed(prefix)[1].assessments if a.rule == "lowest"]
        assert lowest, prefix
        assert all(a.polarity < 0 and a.level == "very_bad" for a in lowest)
        assert all(a.dyad == ("RUS", "USA") for a in lowest)


def test_moving_away_from_lowest_point_is_improving(seed) -> None:
    away = [a for a in seed("001")[1].assessments if a.rule == "away_from_lowest"]
    assert away
    assert all(a.trend == "improving" and a.polarity > 0 for a in away)
    assert any(a.speaker and "Huntsman" in (a.speaker.name or a.speaker.text) for a in away)


def test_putins_assessment_is_negative_and_his(seed) -> None:
    found = [a for a in seed("003")[1].assessments if a.rule == "cannot_satisfy"]
    assert len(found) == 1
    a = found[0]
    assert a.polarity < 0 and a.speaker is not None and "Putin" in (a.speaker.name or "")


@pytest.mark.parametrize(
    ("prefix", "issues"),
    [
        ("000", {"syria", "north_korea", "ukraine", "elections"}),
        ("001", {"ukraine", "elections", "sanctions", "syria"}),
        ("002", {"syria", "arms_control"}),
        ("003", {"elections", "sanctions", "ukraine", "syria"}),
        ("004", {"arms_control", "trade"}),
    ],
)
def test_issues_where_the_articles_discuss_them(seed, prefix: str, issues: set[str]) -> None:
    found = {t.issue for t in seed(prefix)[1].issues}
    assert issues <= found, issues - found


def test_2010_post_has_new_start_and_wto_evidence(seed) -> None:
    tags = seed("004")[1].issues
    arms = {t.phrase for t in tags if t.issue == "arms_control"}
    trade = {t.phrase for t in tags if t.issue == "trade"}
    assert any("START" in p for p in arms), arms
    assert any("World Trade Organization" in p or "WTO" in p for p in trade), trade
