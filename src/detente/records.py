"""The records that pass between stages, and that users see in JSON.

These shapes are the contract of the whole project (see DESIGN.md): each stage
takes some of them and produces others, and the store and the exporters write
them as they are. Offsets (``start``/``end``) are always character offsets into
``Article.body``, so any record can be traced back to the text that produced it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from detente.errors import InputError, Message

Modality = Literal["actual", "intent", "hypothetical", "demanded", "historical"]
QuoteKind = Literal["direct", "indirect"]


def normalize_for_id(text: str) -> str:
    """Whitespace- and case-folded text, so trivial re-wrapping keeps the same id.

    ``str.split()`` breaks at the characters ``\\s`` matches in a ``str`` pattern (both
    ask ``str.isspace``; tests/test_normalize_for_id.py checks every code point), so
    this is ``re.sub(r"\\s+", " ", text).strip().lower()`` at a third of its cost."""
    return " ".join(text.split()).lower()


def content_id(*parts: str, length: int = 16) -> str:
    """A stable hex id from the given parts (content-hash ids make re-runs idempotent)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def without_headline(body: str, title: str | None) -> str:
    """The body less a leading paragraph that is its title. The headline stays in the
    body as a sentence (it reports events), but identity and near-duplicate search look
    at the story, so one article as a text file and as a JSONL record is one article."""
    if title:
        head, sep, rest = body.partition("\n\n")
        if sep and normalize_for_id(head) == normalize_for_id(title):
            return rest
    return body


def article_id_for(body: str, title: str | None = None) -> str:
    return content_id(normalize_for_id(without_headline(body, title)))


@dataclass
class Removal:
    """One piece of text the cleaner dropped, and the rule that dropped it."""

    rule: str
    reason: str
    text: str
    line: int


@dataclass
class Problem:
    """An input that was skipped, for the end-of-run summary."""

    source: str
    reason: str
    hint: str
    code: str = InputError.code  # the class of the error it stands for (detente.errors)

    @classmethod
    def of(cls, message: Message, source: str, **values: Any) -> Problem:
        """The skipped ``source`` with a message of the catalogue (``detente.errors.Errors``)
        filled with ``values``; its code is the message's."""
        reason, hint = message.format(**values)
        return cls(source, reason, hint or "", message.code)


@dataclass
class Article:
    id: str
    body: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date, YYYY-MM-DD
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    comments: list[str] = field(default_factory=list)
    source_path: str | None = None
    ingested_at: str | None = None
    duplicate_of: str | None = None
    # Which cue set each metadata field ("published" -> "byline date: January 26, 2018").
    evidence: dict[str, str] = field(default_factory=dict)
    removals: list[Removal] = field(default_factory=list)

    def to_dict(self, *, with_removals: bool = False) -> dict[str, Any]:
        d = asdict(self)
        if not with_removals:
            d.pop("removals")
        return d

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Article:
        """The article to code from a stored row (``Store.article_rows``) or a dict of its
        fields: the text and its metadata; the ingest record (evidence, ingest time,
        removals) stays in the store."""
        return cls(
            id=row["id"],
            body=row["body"],
            title=row.get("title"),
            authors=list(row.get("authors") or []),
            published=str(row["published"])[:10] if row.get("published") else None,
            publisher=row.get("publisher"),
            url=row.get("url"),
            language=row.get("language"),
            comments=list(row.get("comments") or []),
            source_path=row.get("source_path"),
            duplicate_of=row.get("duplicate_of"),
        )


@dataclass
class Sentence:
    article_id: str
    index: int
    start: int
    end: int
    text: str
    tone: float | None = None


@dataclass(kw_only=True)
class Mention:
    """One occurrence of a political actor in an article, coded in context."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    name: str | None
    country: str | None  # ISO 3166 alpha-3, or IGO/NGO/MNC/IMG...
    sector: str | None  # GOV MIL DIP LEG JUD COP OPP REB CVL BUS MED EDU REL NGO IGO ...
    code: str  # CAMEO-style actor code, e.g. USAGOV
    resolved_by: str  # dictionary | title | appositive | earlier_mention | pronoun | ...
    confidence: float
    actor_id: str | None = None  # dictionary entry id
    qid: str | None = None  # Wikidata QID where known
    kind: str = "actor"  # actor | place | person | org

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(kw_only=True)
class ActorRef:
    """An event's source or target: the text as written and the coded actor.

    ``resolved_by`` says how the actor was found, as in :class:`Mention`
    (``dictionary``, ``title``, ``pronoun``, ``article_context`` for an unnamed
    subject taken from the article, ``place_of_crowd`` for unnamed protesters coded as
    the civilians of where they gather, ``own_state_of_held`` for the state that holds its
    own dissident or journalist, ``quote_attribution`` for a judge taken from the
    sentence that attributes a quotation, ...); None when the actor is not a resolved
    mention (an unresolved speaker) or was stored before detente kept it.
    """

    text: str
    name: str | None
    country: str | None
    sector: str | None
    code: str
    start: int | None = None
    end: int | None = None
    qid: str | None = None
    resolved_by: str | None = None

    @classmethod
    def from_mention(cls, m: Mention) -> ActorRef:
        """The actor a mention resolved to, with the mention's span as evidence."""
        return cls(
            text=m.text, name=m.name, country=m.country, sector=m.sector, code=m.code,
            start=m.start, end=m.end, qid=m.qid, resolved_by=m.resolved_by,
        )

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ActorRef:
        """An actor as stored (``to_dict``, the JSON of an event's ``source``/``target``).

        Keys a stored row lacks read as None (rows written before ``resolved_by``
        existed); keys this version does not know are ignored.
        """
        return cls(
            text=d.get("text") or "", name=d.get("name"), country=d.get("country"),
            sector=d.get("sector"), code=d.get("code") or "", start=d.get("start"),
            end=d.get("end"), qid=d.get("qid"), resolved_by=d.get("resolved_by"),
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def actors_from_json(raw: Any) -> list[ActorRef]:
    """A stored ``source``/``target``/``speaker`` value (JSON text, a dict or a list of
    dicts, or None) as ActorRefs, old rows included (see :meth:`ActorRef.from_dict`)."""
    value = json.loads(raw) if isinstance(raw, str) else raw
    if not value:
        return []
    return [ActorRef.from_dict(a) for a in (value if isinstance(value, list) else [value])]


@dataclass
class Event:
    id: str
    article_id: str
    sentence_index: int
    start: int  # evidence span in the body
    end: int
    sentence: str
    date: str | None
    source: list[ActorRef]
    target: list[ActorRef]
    cameo: str
    cameo_root: str
    plover: str | None
    plover_mode: str | None
    plover_context: str | None
    quad_class: int
    goldstein: float
    negated: bool
    modality: str
    rule: str
    confidence: float
    speaker: ActorRef | None = None
    issues: list[str] = field(default_factory=list)
    aux_modes: list[str] = field(default_factory=list)  # PLOVER negation/hypothetical/future
    trigger: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        # One actor reads as an object, a compound actor as a list (PLOVER style).
        for key in ("source", "target"):
            items = d[key]
            d[key] = items[0] if len(items) == 1 else (items or None)
        return d


@dataclass
class Quote:
    id: str
    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    kind: str  # direct | indirect
    speaker: ActorRef | None
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class IssueTag:
    """An issue found in a sentence, with the phrase that is its evidence."""

    article_id: str
    sentence_index: int
    issue: str
    phrase: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Assessment:
    """A statement about the state of a relationship (RelationAssessment in DESIGN.md)."""

    id: str
    article_id: str
    sentence_index: int
    start: int
    end: int
    dyad: tuple[str, str]
    level: str | None  # very_bad | bad | neutral | good | very_good
    trend: str | None  # deteriorating | stable | improving
    polarity: float
    speaker: ActorRef | None
    sentence: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["dyad"] = list(self.dyad)
        return d


@dataclass
class CodedArticle:
    """Everything the coding stages found in one article; stored in one transaction."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    issues: list[IssueTag] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    tone: float | None = None
    main_dyad: tuple[str, str] | None = None
