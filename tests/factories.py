"""Build detente databases for tests from invented articles (no real text anywhere).

``CorpusBuilder`` writes articles with ``Store.add_articles`` and their coding
results with ``Store.save_coded``, computing every character offset from the
text, so tests exercise the real store and schema:

    b = CorpusBuilder()
    art = b.article(["Invented: Washington met Moscow."], publisher="Example Times",
                    published="2024-01-10")
    art.event(0, ("Washington", "USA"), ("Moscow", "RUS"), plover="CONSULT", cameo="040",
              quad=1, goldstein=1.0)
    b.write(tmp_path / "t.duckdb")

``demo_corpus()`` is the shared fixture corpus; the DEMO_* constants say what
analytics must find in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from detente.records import (
    ActorRef,
    Article,
    Assessment,
    CodedArticle,
    Event,
    IssueTag,
    Mention,
    Quote,
    Sentence,
    article_id_for,
    content_id,
)
from detente.store import Store

ActorSpec = tuple  # (text, country) or (text, country, sector)

CODED_VERSION = "test-1"


def _actor(spec: ActorSpec) -> tuple[str, str, str]:
    text, country, *rest = spec
    return text, country, (rest[0] if rest else "GOV")


@dataclass
class ArticleBuilder:
    """One article and its coding results; offsets come from the sentences."""

    sentences: list[str]
    article: Article
    coded: CodedArticle
    starts: list[int] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.article.id

    def span(self, sentence: int, phrase: str | None = None) -> tuple[int, int]:
        """Body offsets of ``phrase`` in sentence ``sentence`` (the whole sentence if None)."""
        text = self.sentences[sentence]
        if phrase is None:
            return self.starts[sentence], self.starts[sentence] + len(text)
        at = text.find(phrase)
        if at < 0:
            raise ValueError(f"{phrase!r} is not in sentence {sentence}: {text!r}")
        return self.starts[sentence] + at, self.starts[sentence] + at + len(phrase)

    def actor(self, sentence: int, spec: ActorSpec, *, mention: bool = True) -> ActorRef:
        text, country, sector = _actor(spec)
        try:
            start, end = self.span(sentence, text)
        except ValueError:
            start = end = None
        ref = ActorRef(
            text=text,
            name=text,
            country=country,
            sector=sector,
            code=f"{country}{sector}",
            start=start,
            end=end,
            # as the coder would set it: from the mention below when there is one
            resolved_by="dictionary" if mention and start is not None else None,
        )
        if mention and start is not None and end is not None:
            self.coded.mentions.append(
                Mention(
                    article_id=self.id,
                    sentence_index=sentence,
                    start=start,
                    end=end,
                    text=text,
                    name=text,
                    country=country,
                    sector=sector,
                    code=ref.code,
                    resolved_by="dictionary",
                    confidence=0.9,
                )
            )
        return ref

    def event(
        self,
        sentence: int,
        source: ActorSpec | list[ActorSpec],
        target: ActorSpec | list[ActorSpec],
        *,
        plover: str | None,
        cameo: str,
        quad: int,
        goldstein: float,
        date: str | None = None,
        evidence: str | None = None,
        negated: bool = False,
        modality: str = "actual",
        issues: list[str] | None = None,
        trigger: str | None = None,
    ) -> Event:
        sources = source if isinstance(source, list) else [source]
        targets = target if isinstance(target, list) else [target]
        src = [self.actor(sentence, s) for s in sources]
        tgt = [self.actor(sentence, t) for t in targets]
        start, end = self.span(sentence, evidence)
        ev = Event(
            id=content_id(self.id, str(sentence), cameo, *(a.code for a in src + tgt)),
            article_id=self.id,
            sentence_index=sentence,
            start=start,
            end=end,
            sentence=self.sentences[sentence],
            date=date or self.article.published,
            source=src,
            target=tgt,
            cameo=cameo,
            cameo_root=cameo[:2],
            plover=plover,
            plover_mode=None,
            plover_context=None,
            quad_class=quad,
            goldstein=goldstein,
            negated=negated,
            modality=modality,
            rule=f"test.{(plover or 'cameo').lower()}",
            confidence=0.8,
            issues=list(issues or []),
            trigger=trigger,
        )
        self.coded.events.append(ev)
        return ev

    def quote(self, sentence: int, text: str, speaker: ActorSpec, *, kind: str = "direct") -> Quote:
        start, end = self.span(sentence, text)
        sp = self.actor(sentence, speaker)
        q = Quote(
            content_id(self.id, str(start), text),
            self.id,
            sentence,
            start,
            end,
            text,
            kind,
            sp,
            self.sentences[sentence],
        )
        self.coded.quotes.append(q)
        return q

    def issue(self, sentence: int, issue: str, phrase: str) -> IssueTag:
        start, end = self.span(sentence, phrase)
        tag = IssueTag(self.id, sentence, issue, phrase, start, end)
        self.coded.issues.append(tag)
        return tag

    def assessment(
        self,
        sentence: int,
        dyad: tuple[str, str],
        polarity: float,
        *,
        level: str | None = None,
        trend: str | None = None,
        phrase: str | None = None,
    ) -> Assessment:
        start, end = self.span(sentence, phrase)
        a = Assessment(
            content_id(self.id, "assessment", str(start)),
            self.id,
            sentence,
            start,
            end,
            dyad,
            level,
            trend,
            polarity,
            None,
            self.sentences[sentence],
            "test.assessment",
        )
        self.coded.assessments.append(a)
        return a


class CorpusBuilder:
    """Collects invented articles and writes them into a fresh detente database."""

    def __init__(self) -> None:
        self.articles: list[ArticleBuilder] = []

    def article(
        self,
        sentences: list[str],
        *,
        publisher: str | None,
        published: str | None,
        title: str | None = None,
        url: str | None = None,
        duplicate_of: ArticleBuilder | str | None = None,
        tone: float | None = None,
        tones: list[float | None] | None = None,
        main_dyad: tuple[str, str] | None = None,
    ) -> ArticleBuilder:
        body = " ".join(sentences)
        starts, pos = [], 0
        for s in sentences:
            starts.append(pos)
            pos += len(s) + 1
        aid = article_id_for(body)
        dup = duplicate_of.id if isinstance(duplicate_of, ArticleBuilder) else duplicate_of
        art = Article(
            id=aid,
            body=body,
            title=title or sentences[0][:60],
            published=published,
            publisher=publisher,
            url=url or f"https://news.example/{aid}",
            language="en",
            source_path=f"tests/{aid}.txt",
            duplicate_of=dup,
        )
        tones = tones or [None] * len(sentences)
        coded = CodedArticle(
            article=art,
            sentences=[
                Sentence(aid, i, starts[i], starts[i] + len(s), s, tones[i])
                for i, s in enumerate(sentences)
            ],
            tone=tone,
            main_dyad=main_dyad,
        )
        builder = ArticleBuilder(sentences, art, coded, starts)
        self.articles.append(builder)
        return builder

    def write(self, path: str | Path) -> Path:
        """Write every article and its coding into the database at ``path``."""
        with Store(path) as store:
            store.add_articles([b.article for b in self.articles])
            store.save_coded([b.coded for b in self.articles], CODED_VERSION)
        return Path(path)


# -- the shared demo corpus -----------------------------------------------------------------

ET, IW, SP = "Example Times", "Invented Wire", "Sample Post"
SCRIPT_TEXT = "<script>alert(1)</script>"

DEMO_MONTHS = ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01"]
# Clustered USA–RUS events per month (undirected, negated left out, copies counted once).
DEMO_USA_RUS_EVENTS = [2, 2, 2, 1, 1, 3]
DEMO_USA_RUS_EVENT_ROWS = 12  # original-article event rows, non-negated, in the dyad
DEMO_DYADS = {("RUS", "USA"): 12, ("CHN", "USA"): 2, ("FRA", "RUS"): 1}

US, RU = ("USA", "RUS")


def demo_corpus() -> tuple[CorpusBuilder, dict[str, ArticleBuilder]]:
    """Invented articles on USA–RUS (Jan–Jun 2024), USA–CHN and FRA–RUS; returns builder + handles."""
    b = CorpusBuilder()
    h: dict[str, ArticleBuilder] = {}

    a = h["geneva"] = b.article(
        [
            "Invented report: American and Russian envoys met in Geneva on Tuesday to discuss arms control.",
            "Washington said the talks were useful, while Moscow called them a first step.",
            '"We will keep talking," said Jane Placeholder, a State Department spokeswoman.',
            "Analysts said relations remain at a low point.",
        ],
        publisher=ET,
        published="2024-01-10",
        title="Envoys meet in Geneva",
        tones=[0.2, 0.3, 0.4, -0.5],
        tone=0.1,
        main_dyad=(US, RU),
    )
    a.event(
        0,
        ("American", US),
        ("Russian", RU),
        plover="CONSULT",
        cameo="040",
        quad=1,
        goldstein=1.0,
        issues=["arms_control"],
        trigger="met",
    )
    a.quote(2, "We will keep talking", ("Jane Placeholder", US))
    a.issue(0, "arms_control", "arms control")
    a.assessment(
        3, (US, RU), -0.6, level="bad", trend="stable", phrase="relations remain at a low point"
    )

    a = h["hotline"] = b.article(
        [
            "Invented report: Washington signed a deal with Moscow to extend a hotline between the two militaries.",
            "Officials in both capitals said the hotline would stay open.",
        ],
        publisher=IW,
        published="2024-01-20",
        tones=[0.5, 0.2],
        tone=0.3,
    )
    a.event(
        0,
        ("Washington", US),
        ("Moscow", RU),
        plover="SUPPORT",
        cameo="057",
        quad=1,
        goldstein=8.0,
        trigger="signed",
    )
    a.issue(0, "security", "hotline")

    a = h["meddling"] = b.article(
        [
            "Invented report: Moscow accused Washington of meddling in its election campaign.",
            '"This interference must stop," said Ivan Sampleov, a Russian foreign ministry spokesman.',
        ],
        publisher=SP,
        published="2024-02-14",
        tones=[-0.6, -0.4],
        tone=-0.5,
    )
    a.event(
        0,
        ("Moscow", RU),
        ("Washington", US),
        plover="ACCUSE",
        cameo="112",
        quad=3,
        goldstein=-2.0,
        trigger="accused",
    )
    a.quote(1, "This interference must stop", ("Ivan Sampleov", RU))
    a.issue(0, "elections", "election campaign")

    a = h["missiles"] = b.article(
        [
            "Invented report: Washington rejected a Russian proposal on missile limits.",
            "Moscow did not answer the rejection.",
        ],
        publisher=ET,
        published="2024-02-20",
        tones=[-0.3, None],
        tone=-0.2,
    )
    a.event(
        0,
        ("Washington", US),
        ("Russian", RU),
        plover="REJECT",
        cameo="120",
        quad=3,
        goldstein=-4.0,
        trigger="rejected",
    )
    a.event(
        1,
        ("Moscow", RU),
        ("Washington", US),
        plover="REJECT",
        cameo="120",
        quad=3,
        goldstein=-4.0,
        negated=True,
        evidence="Moscow did not answer",
    )
    a.issue(0, "arms_control", "missile limits")

    expel = [
        "Invented report: Russia expelled ten American diplomats on Tuesday in a dispute over embassy staffing.",
        "The State Department said it would respond.",
    ]
    a = h["expel_wire"] = b.article(expel, publisher=IW, published="2024-03-05", tones=[-0.7, 0.0])
    a.event(
        0,
        ("Russia", RU),
        ("American", US),
        plover="SANCTION",
        cameo="161",
        quad=4,
        goldstein=-4.0,
        trigger="expelled",
    )
    a = h["expel_copy"] = b.article(
        [*expel, "This copy of the wire story ran with one extra line."],
        publisher=ET,
        published="2024-03-05",
        duplicate_of=h["expel_wire"],
        tones=[-0.7, 0.0, 0.0],
    )
    a.event(
        0,
        ("Russia", RU),
        ("American", US),
        plover="SANCTION",
        cameo="161",
        quad=4,
        goldstein=-4.0,
        trigger="expelled",
    )
    a = h["expel_post"] = b.article(
        [
            "Invented report: Russia expelled ten American diplomats in a dispute over embassy staffing, officials said.",
        ],
        publisher=SP,
        published="2024-03-06",
        tones=[-0.6],
    )
    a.event(
        0,
        ("Russia", RU),
        ("American", US),
        plover="SANCTION",
        cameo="161",
        quad=4,
        goldstein=-4.0,
        date="2024-03-06",
        trigger="expelled",
    )

    a = h["banks"] = b.article(
        [
            "Invented report: Washington announced new sanctions on Russian banks.",
            '"These measures answer the expulsions," said John Example, a Treasury official.',
            "Observers said ties have sunk to their worst level in decades.",
        ],
        publisher=ET,
        published="2024-03-20",
        tones=[-0.5, -0.2, -0.9],
    )
    a.event(
        0,
        ("Washington", US),
        ("Russian", RU),
        plover="COERCE",
        cameo="163",
        quad=4,
        goldstein=-8.0,
        trigger="announced",
        issues=["economy"],
    )
    a.quote(1, "These measures answer the expulsions", ("John Example", US))
    a.issue(0, "economy", "sanctions on Russian banks")
    a.assessment(
        2,
        (RU, US),
        -0.9,
        level="very_bad",
        trend="deteriorating",
        phrase="ties have sunk to their worst level in decades",
    )

    a = h["threat"] = b.article(
        ["Invented report: Moscow threatened Washington with new missiles near the border."],
        publisher=IW,
        published="2024-04-11",
        tones=[-0.8],
    )
    a.event(
        0,
        ("Moscow", RU),
        ("Washington", US),
        plover="THREATEN",
        cameo="138",
        quad=3,
        goldstein=-7.0,
        trigger="threatened",
    )

    a = h["script"] = b.article(
        [
            "Invented report: American and Russian diplomats held talks in Vienna on Monday.",
            f"A blog comment quoted in the piece read {SCRIPT_TEXT} and nothing more.",
        ],
        publisher=SP,
        published="2024-05-08",
        title=f"Talks in Vienna {SCRIPT_TEXT}",
        tones=[0.1, 0.0],
    )
    a.event(
        0,
        ("American", US),
        ("Russian", RU),
        plover="CONSULT",
        cameo="040",
        quad=1,
        goldstein=1.0,
        trigger="held talks",
    )

    a = h["inspections"] = b.article(
        [
            "Invented report: Washington and Moscow signed an agreement to resume arms control inspections.",
            "Officials said relations are improving.",
        ],
        publisher=ET,
        published="2024-06-03",
        tones=[0.6, 0.5],
    )
    a.event(
        0,
        ("Washington", US),
        ("Moscow", RU),
        plover="SUPPORT",
        cameo="057",
        quad=1,
        goldstein=8.0,
        trigger="signed",
    )
    a.issue(0, "arms_control", "arms control inspections")
    a.assessment(
        1, (US, RU), 0.5, level="neutral", trend="improving", phrase="relations are improving"
    )

    a = h["exchange"] = b.article(
        [
            "Invented report: Russia released a detained American journalist in a prisoner exchange.",
            "The United States and Russia agreed to continue the exchange talks.",
        ],
        publisher=IW,
        published="2024-06-05",
        tones=[0.4, 0.3],
    )
    a.event(
        0,
        ("Russia", RU),
        ("American", US),
        plover="CONCEDE",
        cameo="084",
        quad=2,
        goldstein=7.0,
        trigger="released",
    )
    both = [("United States", US), ("Russia", RU)]
    a.event(
        1,
        both,
        list(reversed(both)),
        plover="AGREE",
        cameo="036",
        quad=1,
        goldstein=4.0,
        trigger="agreed",
    )

    a = h["trade_talks"] = b.article(
        ["Invented report: Beijing and Washington held trade talks in Singapore."],
        publisher=ET,
        published="2024-02-02",
        tones=[0.2],
    )
    a.event(
        0,
        ("Beijing", "CHN"),
        ("Washington", US),
        plover="CONSULT",
        cameo="040",
        quad=1,
        goldstein=1.0,
    )
    a.issue(0, "trade", "trade talks")

    a = h["tariffs"] = b.article(
        ["Invented report: Washington imposed tariffs on Chinese steel."],
        publisher=SP,
        published="2024-05-15",
        tones=[-0.4],
    )
    a.event(
        0,
        ("Washington", US),
        ("Chinese", "CHN"),
        plover="COERCE",
        cameo="163",
        quad=4,
        goldstein=-8.0,
    )
    a.issue(0, "trade", "tariffs")

    a = h["summons"] = b.article(
        ["Invented report: Paris summoned the Russian ambassador over a cyberattack."],
        publisher=IW,
        published="2024-04-20",
        tones=[-0.3],
    )
    a.event(
        0, ("Paris", "FRA"), ("Russian", RU), plover="ACCUSE", cameo="112", quad=3, goldstein=-2.0
    )
    a.issue(0, "cyber", "cyberattack")
    return b, h


def build_demo_db(path: str | Path) -> dict[str, ArticleBuilder]:
    """Write the demo corpus to ``path``; returns the article handles by name."""
    b, handles = demo_corpus()
    b.write(path)
    return handles


# State pairs for the invented gold stories of the model tests (test_learn*.py): fitted on
# PAIRS, checked on HELD_OUT, a pair no training story names.
LEARN_PAIRS = [
    ("France", "FRA", "Germany", "DEU"),
    ("Japan", "JPN", "China", "CHN"),
    ("Canada", "CAN", "India", "IND"),
    ("Brazil", "BRA", "Argentina", "ARG"),
    ("Turkey", "TUR", "Greece", "GRC"),
    ("Egypt", "EGY", "Ethiopia", "ETH"),
]
LEARN_HELD_OUT = ("Poland", "POL", "Belarus", "BLR")


def assert_same_coding(before: list[CodedArticle], after: list[CodedArticle]) -> int:
    """Two codings of the same articles found the same mentions, events, quotes, issues,
    assessments and sentences, article by article; returns the events counted."""
    events = 0
    for x, y in zip(before, after, strict=True):
        assert x.mentions == y.mentions, x.article.id
        assert x.events == y.events, x.article.id
        assert x.quotes == y.quotes, x.article.id
        assert x.issues == y.issues, x.article.id
        assert x.assessments == y.assessments, x.article.id
        assert x.sentences == y.sentences, x.article.id
        events += len(x.events)
    return events
