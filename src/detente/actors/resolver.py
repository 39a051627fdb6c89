"""ActorResolver: every political actor in a parsed article, coded in context.

    resolver = ActorResolver.default()             # built-in data, loaded once per process
    mentions = resolver.resolve(doc, article_id, "2018-01-26")

``doc`` is the spaCy Doc of the article body (from :func:`detente.nlp.load_nlp`). The
result is sorted, non-overlapping :class:`~detente.records.Mention` records with char
offsets into ``doc.text``; each covers the whole actor phrase ("Russian President Vladimir
Putin", "the incoming U.S. ambassador, Jon Huntsman") so an event coder can map a
syntactic head token to its mention. Mentions with ``kind`` "place" (a capital that does
not act: "in Moscow") and "modifier" (a country word on a non-actor noun: "Russian gas")
carry a code but are not acting actors.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.actors.author import first_person_mentions
from detente.actors.cache import CachedDefaults, load_cached_defaults
from detente.actors.coding import ArticleCoder, Coded
from detente.actors.knowledge import ActorKnowledge, load_defaults, merge_user_yaml
from detente.actors.lexicon import Lexicon
from detente.actors.phrases import PhraseReader
from detente.actors.roles import RoleBook
from detente.actors.tabari import merge_tabari, tabari_kind
from detente.errors import ConfigError, Errors, InputError
from detente.nlp.model import doc_text
from detente.nlp.tokens import TokenTable, sentence_bounds, table_of
from detente.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab


def load_knowledge(extra_files: Sequence[Path | str] = ()) -> ActorKnowledge:
    """Built-in knowledge plus user files, applied in order (YAML, or TABARI/PETRARCH)."""
    return _merge(load_defaults(), extra_files)


def _merge(kb: ActorKnowledge, extra_files: Sequence[Path | str]) -> ActorKnowledge:
    for f in extra_files:
        path = Path(f)
        if not path.is_file():
            raise ConfigError(Errors.E200_NO_ACTOR_FILE, path=path)
        kind = tabari_kind(path)
        kb = merge_tabari(kb, path, kind) if kind else merge_user_yaml(kb, path)
    return kb


def parse_date(value: str | None, article_id: str = "") -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(Errors.E100_DATE_NOT_ISO_DATE, value=value, source=article_id or None) from None


_AUTHOR_CACHE = 4096


class ActorResolver:
    """Finds and codes the actors of parsed articles with one body of knowledge."""

    def __init__(self, knowledge: ActorKnowledge, cached: CachedDefaults | None = None):
        """``cached``: the on-disk cache the defaults came from (or are to be written to);
        it gives the lexicon its tokens, and is written once the lexicon is built."""
        self.kb = knowledge
        self._cached = cached
        self._lexicons: dict[int, Lexicon] = {}
        self._authors: dict[tuple[str, str | None], Mention | None] = {}
        self._author_docs: dict[str, tuple[Doc, bool]] = {}
        self.roles = RoleBook(knowledge)

    @classmethod
    def default(cls, extra_files: Sequence[Path | str] = ()) -> ActorResolver:
        """The resolver for the built-in data plus ``extra_files``, cached per process."""
        key = tuple(
            (str(Path(f).resolve()), Path(f).stat().st_mtime if Path(f).exists() else 0.0)
            for f in extra_files
        )
        return _cached_resolver(key)

    def lexicon(self, vocab: Vocab) -> Lexicon:
        lex = self._lexicons.get(id(vocab))
        if lex is None:
            cached = self._cached
            lex = Lexicon(self.kb, vocab, tokens=cached.tokens if cached else None)
            self._lexicons[id(vocab)] = lex
            if cached is not None:  # written when it was missing or stale (tokens are a
                cached.store(lex.tokens)  # function of the text: a user file's extra are harmless)
        return lex

    def resolve(
        self, doc: Doc, article_id: str, article_date: str | None = None,
        authors: Sequence[str] = (), *, nlp: Any = None,
    ) -> list[Mention]:
        """The coded actor mentions of one parsed article, sorted and non-overlapping.

        ``authors`` (the byline): when it names one known person, "I"/"me"/"my"
        are that person (see detente.actors.author). ``nlp``: the pipeline that parsed
        ``doc``, which parses the byline name too (the Coder hands over its own; default:
        :func:`detente.nlp.load_nlp`).
        """
        mentions = self._resolve(doc, article_id, article_date)
        author = self.author(authors[0], article_date, nlp=nlp) if len(authors) == 1 else None
        if author is not None:
            mentions = sorted(
                mentions + first_person_mentions(
                    doc, article_id, author, mentions, self.kb.confidences.first_person_factor
                ),
                key=lambda m: m.start,
            )
        return mentions

    def author(self, name: str, article_date: str | None, *, nlp: Any = None) -> Mention | None:
        """The byline's person as a coded mention, if the dictionary knows them (cached);
        ``nlp`` parses the name (default: :func:`detente.nlp.load_nlp`)."""
        name = name.strip()
        parse_date(article_date, "author")  # a bad date is refused, cached or not
        doc, dated = self._author_doc(name, nlp)
        # The date only chooses among the offices of people the dictionary names (a person's
        # role, a titled namesake); a byline it has no word of (most reporters') codes the
        # same on every date, and is resolved once rather than once per date.
        key = (name, article_date if dated else None)
        if key not in self._authors:
            if len(self._authors) >= _AUTHOR_CACHE:  # bounded: memory stays flat on big corpora
                self._authors.clear()
            found = [m for m in self._resolve(doc, "author", article_date) if m.kind == "person"]
            whole = len(found) == 1 and found[0].start == 0 and found[0].end == len(name)
            self._authors[key] = found[0] if whole and found[0].country else None
        return self._authors[key]

    def _author_doc(self, name: str, nlp: Any) -> tuple[Doc, bool]:
        """The parsed byline name, once per name (the role depends on the date, the parse not),
        and whether the dictionary has a word of it (a lexicon hit: only then can the date
        matter)."""
        found = self._author_docs.get(name)
        if found is None:
            if nlp is None:
                from detente.nlp import load_nlp

                nlp = load_nlp()
            if len(self._author_docs) >= _AUTHOR_CACHE:
                self._author_docs.clear()
            doc = nlp(name)
            found = self._author_docs[name] = (doc, bool(self.lexicon(doc.vocab).hits(doc)))
        return found

    def _resolve(self, doc: Doc, article_id: str, article_date: str | None) -> list[Mention]:
        day = parse_date(article_date, article_id)
        lex = self.lexicon(doc.vocab)
        tokens = table_of(doc)  # the event coder reads the same table
        hits = lex.hits(doc, tokens=tokens)
        coder = ArticleCoder(self.kb, doc, day, self.roles, hits)
        reader = PhraseReader(doc, hits, self.kb, coder.discourse.name_at, tokens)
        pronouns = self.kb.context.pronouns
        lower = tokens.lower
        # the pronouns' places, found once per document (the sentences take their share)
        said = [i for i, w in enumerate(lower) if w in pronouns]
        coded: list[tuple[int, Coded]] = []
        for s_index, (start, end) in enumerate(sentence_bounds(doc, tokens)):
            phrases = reader.read(start, end)
            inside: set[int] = set()
            for p in phrases:
                inside.update(range(p.start, p.end))
            events: list[tuple[int, object]] = [(p.start, p) for p in phrases]
            events += [
                (i, i) for i in said[bisect_left(said, start) : bisect_left(said, end)]
                if i not in inside
            ]
            events.sort(key=lambda e: e[0])
            for _, ev in events:
                if isinstance(ev, int):
                    c = coder.pronoun(ev, pronouns[lower[ev]], s_index)
                    if c is not None:
                        coded.append((s_index, c))
                else:
                    for c in coder.code(ev, s_index):  # type: ignore[arg-type]
                        coded.append((s_index, c))
        return self._mentions(doc, article_id, coded, tokens)

    def _mentions(self, doc: Doc, article_id: str, coded: list[tuple[int, Coded]],
                  tokens: TokenTable | None = None) -> list[Mention]:
        tok = tokens if tokens is not None else TokenTable(doc)
        text = doc_text(doc)  # a span's text is its slice of it (no Token per word)
        water = set(self.kb.context.water_names)
        out: list[Mention] = []
        last_end = -1
        # Each token's character offset, read once: a phrase's offsets are Span.start_char
        # and end_char (its first token's offset; its last token's offset plus its length),
        # where a Span was made for each mention.
        from spacy.attrs import IDX  # spaCy is loaded by then; the module is imported without it

        offsets: list[int] = doc.to_array(IDX).tolist() if coded else []
        for s_index, c in sorted(coded, key=lambda x: (x[1].start, x[1].end)):
            start, end = c.start, c.end
            while start < end and (tok.is_space[start] or tok.is_punct[start]):
                start += 1
            while end > start and (tok.is_space[end - 1] or tok.text[end - 1] in (",", "-")):
                end -= 1
            if start < last_end or end <= start:
                continue  # never overlap: the earlier, longer phrase wins
            if start >= 2 and tok.lower[start - 1] == "of" and tok.text[start - 2] in water:
                continue  # "the Sea of Japan": a sea's name, no actor
            start_char = offsets[start]
            end_char = offsets[end - 1] + len(tok.text[end - 1])
            out.append(
                Mention(
                    article_id=article_id,
                    sentence_index=s_index,
                    start=start_char,
                    end=end_char,
                    text=text[start_char:end_char],
                    name=c.name,
                    country=c.country,
                    sector=c.sector,
                    code=c.code,
                    resolved_by=c.resolved_by,
                    confidence=round(min(max(c.confidence, 0.0), 1.0), 2),
                    actor_id=c.actor_id,
                    qid=c.qid,
                    kind=c.kind,
                )
            )
            last_end = end
        return out


@lru_cache(maxsize=8)
def _cached_resolver(key: tuple[tuple[str, float], ...]) -> ActorResolver:
    cached = load_cached_defaults()
    return ActorResolver(_merge(cached.knowledge, [Path(p) for p, _ in key]), cached)
