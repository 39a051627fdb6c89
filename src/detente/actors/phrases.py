"""Actor phrases: dictionary hits grouped into the noun phrases that name one actor.

A phrase is read left to right inside one sentence: leading determiners and adjectives
("the new", "Senior"), a core of dictionary items ("U.S." "ambassador", "Russian" "President"
"Vladimir Putin", "Polish" "and" "Czech" "officials", "Iraq" "'s" "government"), then
what may follow the core: "of Armenia" after an office, "to Russia" after a diplomat,
"in Indonesia" after a group with no nationality, an appositive after a name
(", Japan's ambassador to Brazil,") or a name after an office (", Jon Huntsman,").

The grouping is linear over tokens rather than over the parse tree: the small English model
often mislabels appositives and compounds, while the order of words in these phrases is
regular. The parse is used only where order cannot tell, e.g. whether "Russian" is the head
of its phrase or modifies a following noun ("Russian gas").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detente.actors.lexicon import Hit
from detente.nlp.tokens import TokenTable

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from detente.actors.knowledge import ActorKnowledge

COUNTRYLIKE = {"country", "demonym", "capital", "place", "metonym", "org"}
PERSONLIKE = {"person", "surname", "ner", "asurname"}
NAMEHIT = {"country", "capital", "place", "org", "metonym", "demonym"}
_POSS = {"'s", "'", "’s", "’"}
_APPOS_END = {",", ".", ";", ")", "—", "–", ":", "!", "?"}
_LEAD_DET = {
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "some",
    "several",
    "many",
    "most",
    "all",
    "both",
    "other",
    "another",
    "two",
    "three",
    "four",
    "few",
}
_BETWEEN_POS = {"ADJ", "NUM", "NOUN", "PROPN"}
# Determiners that make a counted group one the article named ("the two countries")
_DEFINITE_GROUP = ("the", "these", "those", "both")


def unnamed_group(head: Token, quantifiers: Collection[str]) -> bool:
    """ "four nations", "several countries", "other governments": a count or a quantifier
    (``quantifiers``: context.yaml group_quantifiers, lower-case) on the word, with no "the"
    before it, tells of states the sentence leaves unnamed; "the two countries", "both
    sides" still refer back. The actor coder and the event coder's unnamed subjects ask it."""
    kids = list(head.children)
    if any(c.dep_ in ("det", "predet") and c.lower_ in _DEFINITE_GROUP for c in kids):
        return False
    return any(c.dep_ == "nummod" or c.dep_ in ("amod", "det") and c.lemma_.lower() in quantifiers
               for c in kids)


@dataclass(kw_only=True)
class Item:
    """One dictionary item (or name) inside a phrase, over tokens [start, end).

    Unlike a lexicon :class:`Hit` it knows its place in the phrase (``poss``, ``joined``,
    set while the phrase is read) and may be a name the dictionary lacks ("ner") or a
    surname the article named earlier ("asurname").
    """

    kind: str  # a lexicon kind, "ner" (a name the dictionary lacks) or "asurname"
    start: int
    end: int
    refs: list[str] = field(default_factory=list)
    poss: bool = False  # followed by a possessive "'s"
    joined: bool = False  # joined to the previous item by "and", ",", "-" ...

    @classmethod
    def of_hit(cls, h: Hit) -> Item:
        """The item a dictionary hit makes (its own list of refs: items are changed)."""
        return cls(kind=h.kind, start=h.start, end=h.end, refs=[s.ref for s in h.senses])


@dataclass(kw_only=True)
class Phrase:
    """A candidate actor phrase over tokens [start, end) of one sentence."""

    start: int
    end: int
    items: list[Item]
    det: str | None = None
    elite: bool = False
    ethnic: bool = False
    state: bool = False  # "official"/"state" media
    nonnational: bool = False  # "international forces": the location is not their country
    gender: str | None = None
    of_item: Item | None = None  # "the president of Armenia"
    to_item: Item | None = None  # "ambassador to Russia" (the host, not the actor's country)
    loc_item: Item | None = None  # "students throughout Indonesia" (where, not who)
    appos: Phrase | None = None  # the descriptor of a named person
    modifier: bool = False  # the items modify a following noun ("Russian gas")

    @property
    def head(self) -> Item:
        return self.items[-1]


class PhraseReader:
    """Reads the phrases of one sentence from the lexicon hits of the document."""

    def __init__(
        self,
        doc: Doc,
        hits: dict[int, Hit],
        kb: ActorKnowledge,
        article_name_at: Callable[[int], tuple[int, str] | None],
        tokens: TokenTable | None = None,
    ):
        """``article_name_at(i)``: a surname the article named before at token i, (end,
        key); asked only at proper nouns (PROPN) the dictionary does not cover, the only
        tokens where :meth:`Discourse.name_at` finds one."""
        self.doc = doc
        # the tokens' attributes, read once (the resolver hands over the table it has)
        self.tok = tokens if tokens is not None else TokenTable(doc)
        self.hits = hits
        self.kb = kb
        self.article_name_at = article_name_at
        ctx = kb.context
        self.elite = {w.lower() for w in ctx.elite_modifiers}
        self.honorifics = ctx.honorifics
        self.place_nouns = {w.lower() for w in ctx.place_nouns}
        self.joiners = set(ctx.country_joiners)
        self.attitude = {w.lower() for w in ctx.attitude_prefixes}
        self.sponsor = {w.lower() for w in ctx.sponsor_suffixes}
        self.leader = {w.lower() for w in ctx.leader_suffixes}
        self.locate = {w.lower() for w in ctx.location_prepositions}
        self.ethnic = {w.lower() for w in ctx.ethnic_markers}
        self.ethnic_heads = {w.lower() for w in ctx.ethnic_heads}
        self.state = {w.lower() for w in ctx.state_media_modifiers}
        self.nonnational = {w.lower() for w in ctx.nonnational_modifiers}
        self.headline = False
        self.covered: dict[int, Hit] = {}
        self.any_hit: set[int] = set()
        for h in hits.values():
            self.any_hit.update(range(h.start, h.end))
            if h.kind == "surname":
                continue  # a surname may turn out to be part of someone else's name
            for i in range(h.start, h.end):
                self.covered[i] = h
        # The places where _item_at can find an item, in order: a dictionary hit's start, or
        # a proper noun the dictionary does not cover (its first tests); read() visits only these.
        pos = self.tok.pos
        self.starts: list[int] = [
            k for k in range(self.tok.n) if k in hits or pos[k] == "PROPN" and k not in self.covered
        ]
        self.person_ent: dict[int, tuple[int, int]] = {}
        self.ner_at: dict[int, int] = {}
        self.not_name: set[int] = set()  # "13 May 2024": a month is not Theresa May
        for ent in doc.ents:
            if ent.label_ in (
                "DATE",
                "TIME",
                "CARDINAL",
                "ORDINAL",
                "MONEY",
                "QUANTITY",
                "PERCENT",
            ):
                self.not_name.update(range(ent.start, ent.end))
            if ent.label_ != "PERSON":
                continue
            for t in range(ent.start, ent.end):
                self.person_ent[t] = (ent.start, ent.end)
            # the uncovered end of the entity ("Spokesman Dmitry X" -> "Dmitry X"), hyphenated
            # names included ("Fazl-ur-Rehman", "al-Zarqawi")
            start = ent.end
            while start > ent.start and (start - 1) not in self.covered:
                start -= 1
            while start < ent.end and self.tok.pos[start] != "PROPN":
                start += 1
            last = ent.end - 1
            last_pos = self.tok.pos[last]
            # a single uncovered word after a dictionary word is no name ("Vietnamese Planning")
            if ent.end - start >= 2 and (
                last_pos == "PROPN" or self.tok.is_title[last] and last_pos == "NOUN"
            ):
                self.ner_at[start] = ent.end

    # ---- token tests ----------------------------------------------------------------------

    def _transparent(self, i: int) -> bool:
        """Words inside a phrase that neither start nor end it: group words ("Kurd", "Jewish")."""
        h = self.covered.get(i)
        return h is not None and h.kind == "group"

    def _is_lead(self, i: int) -> bool:
        tok = self.tok
        text = tok.text[i]
        h = self.covered.get(i)  # _transparent, read once: asked at nearly every token
        if h is not None:
            return h.kind == "group" or (tok.is_space[i] and "\n" not in text)
        if tok.is_space[i] and "\n" not in text:
            return True
        low = tok.lower[i]
        dep = tok.dep[i]
        if low == "that" or dep == "mark":
            return False  # "said that Putin": a complementizer, not a determiner
        if low in _LEAD_DET or low in self.elite or text in self.honorifics:
            return True
        pos = tok.pos[i]
        if pos in ("DET", "NUM"):
            return True
        # attributive adjectives only: "the new ambassador", not "I'm sure Ambassador X"
        if pos == "ADJ" and dep in (
            "amod",
            "compound",
            "nmod",
            "nummod",
            "advmod",
            "npadvmod",
        ):
            return True
        # participles after a determiner: "the ruling party", "a leading activist"
        if tok.tag[i] in ("VBG", "VBN") and i > 0 and tok.pos[i - 1] in ("DET", "ADJ"):
            return True
        # "then-president", "ex-minister"
        if low in {"then", "ex"} and i + 1 < tok.n and tok.text[i + 1] == "-":
            return True
        return text == "-" and i > 0 and tok.lower[i - 1] in {"then", "ex"}

    def _negated(self, item: Item) -> bool:
        """'anti-Syria', 'pro-Russian': an attitude towards the country, not the country."""
        i = item.start
        if i >= 2 and self.tok.text[i - 1] == "-" and self.tok.lower[i - 2] in self.attitude:
            return True
        return (
            i >= 1
            and self.tok.lower[i - 1].rstrip("-") in self.attitude
            and self.tok.text[i - 1].endswith("-")
        )

    def _item_at(self, i: int, end: int) -> Item | None:
        h = self.hits.get(i)
        if h is not None and h.end <= end:
            if h.kind == "group":
                return None
            if h.kind == "surname" and self._foreign_name(i, h.end):
                return None
            return Item.of_hit(h)
        if i in self.covered or self.tok.pos[i] != "PROPN":
            # What remains starts on a proper noun (a surname named before, a name the
            # model tagged, an untagged run): most tokens stop here, with no call made.
            return None
        named = self.article_name_at(i)
        if named is not None and named[0] <= end:
            return Item(kind="asurname", start=i, end=named[0], refs=[named[1]])
        if self.headline:
            return None
        if i in self.ner_at and self.ner_at[i] <= end:
            if self.tok.text[i] in self.honorifics and self._known_name_after(i, self.ner_at[i]):
                return None  # "Prime Minister Dr Abiy": the title of a name the dictionary knows
            return Item(kind="ner", start=i, end=self.ner_at[i])
        # an untagged full name set off by a comma: "Salaheddine Sidhoum, Algeria's ..."
        run = i
        while (
            run < end and self.tok.pos[run] == "PROPN" and self.tok.is_title[run] and run not in self.covered
        ):
            run += 1
        if (
            run - i >= 2
            and run < end
            and self.tok.text[run] == ","
            and (i == 0 or self.tok.is_punct[i - 1] or self.tok.is_sent_start[i])
        ):
            return Item(kind="ner", start=i, end=run)
        return None

    def _known_name_after(self, i: int, end: int) -> bool:
        """Whether a dictionary person starts after the honorifics opening [i, end)."""
        k = i
        while k < end and self.tok.text[k] in self.honorifics:
            k += 1
        h = self.hits.get(k)
        return k < end and h is not None and h.kind in ("person", "surname")

    def _foreign_name(self, i: int, end: int) -> bool:
        """'Ken Burns', 'Michel Aoun': a known surname inside someone else's full name."""
        if any(t in self.not_name for t in range(i, end)):
            return True
        if self.headline:
            return False
        ent = self.person_ent.get(i)
        if ent is not None:
            for t in (i - 1, end):
                if (
                    ent[0] <= t < ent[1]
                    and t not in self.covered
                    and (self.tok.pos[t] == "PROPN" and self.tok.is_title[t])
                    and self.tok.text[t] not in self.honorifics
                ):
                    return True
        if i == 0:
            return False
        prev, tok = i - 1, self.tok
        return (
            tok.pos[prev] == "PROPN"
            and tok.is_title[prev]
            and prev not in self.covered
            and tok.text[prev] not in self.honorifics
            and tok.is_sent_start[prev] is not True
        )

    # ---- reading --------------------------------------------------------------------------

    def read(self, start: int, end: int) -> list[Phrase]:
        """All phrases of the sentence over tokens [start, end), left to right, non-overlapping.

        A headline in title case ("Merkel Urges New French Envoy To Restart Talks") is read
        from the dictionary only: the tagger calls every capitalized word a proper noun there.

        A phrase is leading words, then a first item at a place :meth:`_item_at` can find one
        (:attr:`starts`). Reading left to right, each word that is no leading word and no
        such place is passed over; so the places are visited in order, and only the leading
        words just before one are looked at (:meth:`_lead_start`): the same phrases, asked of
        the same items, as testing every word of the sentence for a leading word.
        """
        starts = self.starts
        first_place, stop = bisect_left(starts, start), bisect_left(starts, end)
        if first_place == stop:
            return []  # no item can start here: no phrase, and nothing to read
        tok = self.tok
        alpha, text, lower = tok.is_alpha, tok.text, tok.is_lower
        words = [k for k in range(start, end) if alpha[k] and len(text[k]) > 3]
        self.headline = len(words) >= 4 and not any(lower[k] for k in words)
        out: list[Phrase] = []
        i = start  # where reading resumes: nothing before it can start a phrase any more
        for n in range(first_place, stop):
            j = starts[n]
            if j < i or self._is_lead(j):
                continue  # inside the last phrase, or a leading word of a later item
            lead = self._lead_start(i, j)
            phrase = self._phrase_at(lead, j, end)
            if phrase is None and lead < j:
                phrase = self._phrase_at(j, j, end)  # the item alone, without those words
            if phrase is None:
                i = j + 1
                continue
            out.append(phrase)
            i = phrase.end
        return out

    def _lead_start(self, resume: int, j: int) -> int:
        """Where the leading words right before token ``j`` begin (``j`` if none), not before
        ``resume``."""
        k = j
        while k > resume and self._is_lead(k - 1):
            k -= 1
        return k

    def _phrase_at(self, i: int, j: int, end: int) -> Phrase | None:
        """The phrase of leading words [i, j) and the item found at ``j``, if any."""
        first = self._item_at(j, end)
        return None if first is None else self._phrase(i, j, end, first)

    def _ethnic_group(self, i: int) -> bool:
        """An ethnic (not religious) group word with no single home state: 'Hutu', 'Kurd'."""
        h = self.covered.get(i)
        if h is None or h.kind != "group":
            return False
        g = self.kb.groups.get(h.refs[0][6:]) if h.refs else None
        return g is not None and g.kind == "ethnic"

    def _lead_flags(self, phrase: Phrase, lead: int, first: int) -> None:
        for k in range(lead, first):
            if self._ethnic_group(k):
                phrase.ethnic = True
            low = self.tok.lower[k]
            if low in self.elite:
                phrase.elite = True
            if low in self.ethnic:
                phrase.ethnic = True
            if low in self.state:
                phrase.state = True
            if low in self.nonnational:
                phrase.nonnational = True
            if self.tok.text[k] in self.honorifics and self.honorifics[self.tok.text[k]]:
                phrase.gender = self.honorifics[self.tok.text[k]]
            if phrase.det is None and self.tok.pos[k] == "DET":
                phrase.det = low

    def _phrase(self, lead: int, first: int, end: int, item: Item) -> Phrase | None:
        """The phrase led by tokens lead..first whose first item, ``item``, starts at first."""
        phrase = Phrase(start=lead, end=first, items=[])
        self._lead_flags(phrase, lead, first)
        k = self._core(phrase, first, end, item)
        if not phrase.items:
            return None
        phrase.end = k
        self._extend_title_left(phrase)
        head = phrase.head
        if (
            head.kind == "agent"
            and self.tok.lower[head.end - 1] in self.ethnic_heads
            and any(it.kind == "demonym" for it in phrase.items)
        ):
            phrase.ethnic = True
        if head.kind == "agent" or (phrase.ethnic and head.kind == "demonym"):
            k = self._postmodifiers(phrase, k, end)
            phrase.end = k
            if head.kind == "agent":
                rev = self._reverse_appositive(phrase, end)
                if rev is not None:
                    return rev
        elif head.kind in PERSONLIKE and not head.poss:
            k = self._appositive(phrase, k, end)
            phrase.end = k
        if head.kind not in PERSONLIKE and not head.poss and self._modifies_next(phrase):
            phrase.modifier = True
        return phrase

    def _core(self, phrase: Phrase, k: int, end: int, first: Item | None = None) -> int:
        """Reads the items from k on; ``first``: the item at k when the caller has read it
        (:meth:`read` asks whether one starts there)."""
        items = phrase.items
        start = k
        while k < end:
            if self.tok.is_space[k]:  # a non-breaking space inside a phrase; a line break ends it
                if "\n" in self.tok.text[k]:
                    break
                k += 1
                continue
            item = first if first is not None and k == start else self._item_at(k, end)
            if item is not None:
                if items and items[-1].kind in PERSONLIKE and not items[-1].poss:
                    if item.kind == "agent" and self.tok.dep[items[-1].end - 1] == "compound":
                        items[-1].poss = True  # "the Biden administration": the person's office
                    else:
                        break  # two names in a row are two actors
                if item.kind in COUNTRYLIKE and self._negated(item):
                    k = item.end  # "anti-Syria": look through it
                    continue
                items.append(item)
                k = item.end
                if k < end and self.tok.text[k] in _POSS:
                    item.poss = True
                    k += 1
                continue
            if not items:
                if self._transparent(k) or self.tok.text[k] == "-" or self.tok.pos[k] in ("ADJ", "NUM"):
                    k += 1  # after a negated country: "anti-Syria journalist"
                    continue
                break
            last = items[-1]
            text, low = self.tok.text[k], self.tok.lower[k]
            # "Russian-backed separatists" (a proxy: drop the country); "Vietnamese-led forces"
            if text == "-" and last.kind in COUNTRYLIKE and k + 1 < end:
                nxt_low = self.tok.lower[k + 1]
                if nxt_low in self.sponsor:
                    items.pop()
                    k += 2
                    continue
                if nxt_low in self.leader:
                    k += 2
                    continue
            # "Hungarian and Romanian officials", "U.S.-Russian", "Israeli, Egyptian and ..."
            if text in self.joiners and last.kind in COUNTRYLIKE and not last.poss:
                nxt = self._item_at(k + 1, end) if k + 1 < end else None
                # "its border with Bolivia, Peru's defence minister said": a country after a
                # comma that owns what follows opens a new phrase, it does not join a list
                owner = text == "," and nxt is not None and nxt.end < end and self.tok.text[nxt.end] in _POSS
                if (
                    nxt is not None
                    and nxt.kind in COUNTRYLIKE
                    and self._joinable(last, nxt, text)
                    and not owner
                ):
                    nxt.joined = True
                    items.append(nxt)
                    k = nxt.end
                    if k < end and self.tok.text[k] in _POSS:
                        nxt.poss = True
                        k += 1
                    continue
                break
            # a diplomat's host inside the phrase: "U.S. Ambassador to Russia Jon Huntsman"
            if last.kind == "agent" and low == "to" and self._is_dip(last):
                target, after = self._name_after(k + 1, end, followed=True)
                while after < end and self.tok.is_space[after] and "\n" not in self.tok.text[after]:
                    after += 1
                nxt = self._item_at(after, end) if target is not None and after < end else None
                if nxt is not None and nxt.kind in PERSONLIKE:
                    phrase.to_item = target
                    k = after
                    continue
                break
            # words between items: "Kenya's most prominent human rights lawyer",
            # "Taiwan's Vice Foreign Minister", "Baghdad University Medical School"
            if self._between(k):
                look = k
                while (
                    look < end
                    and look - k < 3
                    and self._item_at(look, end) is None
                    and (self._between(look))
                    and look not in self.ner_at
                ):
                    look += 1
                nxt = self._item_at(look, end) if look < end else None
                between = range(k, look)
                if self.headline and any(self.tok.pos[x] in ("PROPN", "NOUN") for x in between):
                    nxt = None  # title-case headlines: capitalized verbs look like names
                if nxt is not None and (
                    nxt.kind == "agent"
                    or (
                        nxt.kind in PERSONLIKE
                        and all(
                            self.tok.pos[x] in ("ADJ", "NUM") or self.tok.text[x] == "-" for x in between
                        )
                    )
                ):
                    for x in range(k, look):
                        if self.tok.lower[x] in self.elite:
                            phrase.elite = True
                    k = look
                    continue
            # honorifics between a title and a known name: "President Dr Lopez", "Prime
            # Minister Datuk Seri Anwar"
            if last.kind == "agent" and text in self.honorifics and self._is_title(last):
                after = k
                while after < end and self.tok.text[after] in self.honorifics:
                    after += 1
                nxt = self._item_at(after, end) if after < end else None
                if nxt is not None and nxt.kind in PERSONLIKE:
                    k = after
                    continue
            # an unknown person after a title: "President Dos Santos"
            if (
                last.kind == "agent"
                and self.tok.pos[k] == "PROPN"
                and self.tok.is_title[k]
                and self._is_title(last)
            ):
                run = k
                while (
                    run < end
                    and run not in self.covered
                    and (
                        self.tok.pos[run] == "PROPN"
                        or self.tok.text[run] == "-"
                        and run + 1 < end
                        and self.tok.pos[run + 1] == "PROPN"
                    )
                ):
                    run += 1
                if run > k:
                    items.append(Item(kind="ner", start=k, end=run))
                    k = run
                    if k < end and self.tok.text[k] in _POSS:
                        items[-1].poss = True
                        k += 1
                    continue
            # a portfolio after a title: "Minister for Interior <name>"
            if last.kind == "agent" and low in ("for", "of") and self._is_title(last):
                run = k + 1
                while (
                    run < end
                    and self.tok.is_title[run]
                    and run not in self.ner_at
                    and (run not in self.covered)
                ):
                    run += 1
                if run > k + 1 and run in self.ner_at:
                    k = run
                    continue
            break
        return k

    @staticmethod
    def _joinable(a: Item, b: Item, joiner: str) -> bool:
        """'Hungarian and Romanian', 'U.S. and Russian', 'Moscow and Washington' join;
        'In Washington, State Department spokesman' does not."""
        if a.kind == b.kind:
            return True
        plain = {"country", "demonym", "org"}
        return joiner != "," and a.kind in plain and b.kind in plain

    def _between(self, k: int) -> bool:
        """A word that may stand between two items of one phrase."""
        tok = self.tok
        if tok.text[k] == "-" or self._transparent(k) or tok.lower[k] in self.elite:
            return True
        # modifiers of something later in the phrase only: never a verb or a clause's subject
        return (tok.pos[k] in _BETWEEN_POS or tok.tag[k] in ("VBG", "VBN")) and (
            tok.dep[k] in ("amod", "compound", "nmod", "nummod", "quantmod") and tok.head[k] > k
        )

    def _extend_title_left(self, phrase: Phrase) -> None:
        """Keep portfolio words in a title: 'Planning and Investment Minister Tran Van Testa'."""
        first = phrase.items[0]
        if first.kind != "agent" or phrase.start != first.start or first.start == 0:
            return
        tok = self.tok
        if not tok.is_title[first.start]:
            return
        k = first.start
        while k > 0:
            t = k - 1
            if t in self.any_hit or tok.is_sent_start[t] and not tok.is_title[t]:
                break
            if (
                tok.is_title[t]
                and tok.pos[t] in ("PROPN", "NOUN", "ADJ")
                or (tok.lower[t] in ("and", "&") and k - 2 >= 0 and tok.is_title[k - 2])
            ):
                k -= 1
                continue
            break
        while k < first.start and (self.tok.lower[k] in ("and", "&") or self.tok.is_space[k]):
            k += 1
        if k < first.start and self.tok.is_title[k]:
            phrase.start = k

    def _is_dip(self, item: Item) -> bool:
        agent = self.kb.agents.get(item.refs[0]) if item.refs else None
        return agent is not None and agent.sector == "DIP"

    def _is_title(self, item: Item) -> bool:
        return any(
            (a := self.kb.agents.get(r)) is not None and (a.title or a.role is not None)
            for r in item.refs
        )

    def _name_after(
        self, k: int, end: int, skip: int = 0, followed: bool = False
    ) -> tuple[Item | None, int]:
        """A country/capital/place/org name at k (after 'the' and up to ``skip`` adjectives)."""
        while k < end and self.tok.is_space[k]:
            k += 1
        if k < end and self.tok.lower[k] == "the":
            k += 1
        while k < end and self.tok.is_space[k]:
            k += 1
        n = 0
        while (
            n < skip
            and k < end
            and self._item_at(k, end) is None
            and (
                self.tok.pos[k] in ("ADJ", "NUM")
                or self._transparent(k)
                or self.tok.is_lower[k]
                and self.tok.pos[k] in ("NOUN", "PROPN", "VERB")
            )
        ):
            k += 1
            n += 1
        item = self._item_at(k, end) if k < end else None
        if item is None or item.kind not in NAMEHIT:
            return None, k
        if self._negated(item):
            return None, k
        # "of former US President Obama": the country word starts the next actor's phrase
        after = item.end
        while after < end and self.tok.is_space[after]:
            after += 1
        nxt = self._item_at(after, end) if after < end else None
        if (
            not followed
            and nxt is not None
            and nxt.kind in ("agent", *PERSONLIKE)
            and not item.poss
        ):
            return None, k
        return item, item.end

    def _postmodifiers(self, phrase: Phrase, k: int, end: int) -> int:
        """'of Armenia', 'to Russia' (diplomats), 'in Indonesia' / 'from ...' (location)."""
        start = k
        while k < end and self.tok.is_space[k]:
            k += 1
        if k >= end:
            return start
        out = self._postmod(phrase, k, end)
        return start if out == k else out

    def _postmod(self, phrase: Phrase, k: int, end: int) -> int:
        low = self.tok.lower[k]
        if low == "of":
            j = k + 1
            if j < end and self.tok.lower[j] == "the":
                j += 1
            # "the town of Cizre": place noun + of before the name
            if j + 1 < end and self.tok.lower[j] in self.place_nouns and self.tok.lower[j + 1] == "of":
                j += 2
            target, after = self._name_after(j, end, skip=1)
            if target is not None:
                phrase.of_item = target
                if after < end and self.tok.text[after] in _POSS:
                    target.poss = True
                    after += 1
                if target.poss:  # "the commander of Ukraine's armed forces"
                    sub = Phrase(start=target.start, end=after, items=[target])
                    after = self._core(sub, after, end)
                return self._place_tail(after, end)
            return k
        if low == "to" and self._is_dip(phrase.head):
            target, after = self._name_after(k + 1, end)
            if target is None:
                return k
            # "the new Latvian ambassador to Moscow, Arvids Testins": the office, host
            # included, names the person after it; otherwise ("recalled its ambassador to
            # Chile") the host is an actor of its own
            if after < end - 1 and self.tok.text[after] == ",":
                item = self._item_at(after + 1, end)
                if item is not None and item.kind in PERSONLIKE:
                    phrase.to_item = target
                    return after
            return k
        j = k
        if low == "based" and k + 1 < end and self.tok.lower[k + 1] == "in":
            j, low = k + 1, "in"
        if low in self.locate and not phrase.nonnational:
            target, after = self._name_after(j + 1, end, skip=3, followed=True)
            if target is None:
                return k
            if target.kind not in ("country", "place", "capital", "demonym", "org"):
                return k
            phrase.loc_item = target
            if target.kind in ("demonym", "org") or low == "from":
                # "from two American aid groups": the rest of that phrase belongs to it
                sub = Phrase(start=target.start, end=after, items=[])
                after = self._core(sub, target.start, end)
            return self._place_tail(after, end)
        return k

    def _place_tail(self, k: int, end: int) -> int:
        """'Sindh province', 'the Punjab city of Lahore': a place noun (and its name) after."""
        if k < end and self.tok.lower[k] in self.place_nouns:
            k += 1
            if k + 1 < end and self.tok.lower[k] == "of" and self._item_at(k + 1, end) is not None:
                item = self._item_at(k + 1, end)
                if item is not None and item.kind in NAMEHIT:
                    k = item.end
        return k

    def _appositive(self, phrase: Phrase, k: int, end: int) -> int:
        """', Japan's ambassador to Brazil,' after a name describes that name."""
        if k >= end - 1 or self.tok.text[k] != ",":
            return k
        j = k + 1
        lead = j
        while j < end and self._is_lead(j):
            j += 1
        if j >= end or self._item_at(j, end) is None:
            return k
        desc = Phrase(start=lead, end=j, items=[])
        self._lead_flags(desc, lead, j)
        after = self._core(desc, j, end)
        if not desc.items or desc.head.kind != "agent":
            return k
        if any(it.kind in PERSONLIKE for it in desc.items):
            return k
        desc.end = after
        after = self._postmodifiers(desc, after, end)
        desc.end = after
        if after < end and self.tok.text[after] not in _APPOS_END:
            return k
        phrase.appos = desc
        return after

    def _reverse_appositive(self, phrase: Phrase, end: int) -> Phrase | None:
        """'the incoming U.S. ambassador, Jon Huntsman,': the office names the person."""
        k = phrase.end
        if k >= end - 1 or self.tok.text[k] != ",":
            return None
        item = self._item_at(k + 1, end)
        if item is None or item.kind not in PERSONLIKE:
            return None
        after = item.end
        if after < end and self.tok.text[after] not in _APPOS_END:
            return None
        return Phrase(
            start=phrase.start,
            end=after,
            items=[item],
            elite=phrase.elite,
            gender=phrase.gender,
            appos=phrase,
        )

    def _modifies_next(self, phrase: Phrase) -> bool:
        """True when the phrase's words modify a following noun: 'Russian gas', 'U.S. election'."""
        tok = self.tok
        k = phrase.end
        last = phrase.head.end - 1
        if k >= tok.n or phrase.of_item or phrase.to_item or phrase.loc_item:
            return False
        if k in self.covered or tok.is_sent_start[k] or tok.is_punct[k]:
            return False
        last_head = tok.head[last]
        if last_head >= k and tok.dep[last] in ("compound", "amod", "nmod"):
            return True
        # a demonym adjective before a noun or gerund ("Ukrainian shelling"), whatever the parse
        if (
            phrase.head.kind == "demonym"
            and tok.tag[last] not in ("NNS", "NNPS")
            and (tok.pos[k] in ("NOUN", "PROPN") or tok.tag[k] == "VBG")
            and not tok.text[last].endswith("s")
        ):
            return True
        if tok.pos[k] not in ("NOUN", "PROPN", "ADJ"):
            return False
        return last_head >= k and (tok.dep[last] == "npadvmod" or tok.pos[last_head] in ("NOUN", "PROPN"))
