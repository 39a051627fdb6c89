"""Which pattern a trigger matches: a verb with its particle, preposition, modifier,
complement and object constraints, the lookup keys of a noun, and the frame headlines
are written in (actors, a pattern verb, actors), which the small parser often misreads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from detente.events.arguments import (
    MentionIndex,
    _unique,
    conjuncts_at,
    direct_objects,
    governing_verb,
    has_child,
    relative_antecedent,
    verb_subject,
)
from detente.events.found import _each_other, _Found
from detente.events.patterns import Pattern, PatternBook
from detente.events.vocabulary import Vocabulary
from detente.nlp.tokens import TokenTable, table_of
from detente.records import Mention

_MODIFIER_DEPS = ("compound", "amod", "nmod")

# Words remembered with the keys they may head (KeyHeads.may_match), up to this many per
# set of keys (then forgotten, so that memory stays flat on any corpus)
_HEADS_MEMO_SIZE = 20_000

HEADLINE_GAP = 2
HEADLINE_MAX_WORDS = 16


def lemma_forms(tok: Token) -> list[str]:
    """The lemma, then forms of the word with inflections stripped.

    The small English pipeline sometimes mislemmatizes ("staged" -> "stag"); callers
    look the forms up in order and keep the first one the pattern book knows. The word
    and its lemma are read in the doc's token table.
    """
    tokens = table_of(tok.doc)
    return word_forms(tokens.lower[tok.i], tokens.lemma[tok.i].lower())


def word_forms(low: str, lemma: str) -> list[str]:
    """``lemma``, ``low`` (the lower-cased word) and ``low`` with inflections stripped."""
    forms = [lemma, low]
    if low.endswith("ied"):
        forms.append(low[:-3] + "y")
    if low.endswith("ed"):
        forms += [low[:-1], low[:-2], low[:-3]]
    if low.endswith("ing"):
        forms += [low[:-3] + "e", low[:-3], low[:-4]]
    if low.endswith("es"):
        forms += [low[:-1], low[:-2]]  # "stages": "stage" before "stag"
    elif low.endswith("s"):
        forms.append(low[:-1])
    return forms


def noun_keys(tok: Token) -> list[str]:
    """Lookup keys for a noun: lemma, "modifier lemma", full compound, "lemma of object".

    Longest first, so "air strike" wins over "strike". The words are read in the Doc's
    token table (each child's label, lemma and lower-case form), the keys made in the same
    order as from Token objects, so that keys of one length keep their order.
    """
    tokens = table_of(tok.doc)
    lemmas, lowers, deps = tokens.lemma, tokens.lower, tokens.dep
    i = tok.i
    lemma = _noun_lemma(tokens, i)
    low = lowers[i]
    keys = {lemma, low}
    children = tokens.children[i]
    mods = [j for j in children if deps[j] in _MODIFIER_DEPS and j < i]
    for j in mods:
        mod_lemma = lemmas[j].lower()
        keys.add(f"{mod_lemma} {lemma}")
        keys.add(f"{lowers[j]} {lemma}")
        keys.add(f"{mod_lemma} {low}")  # "charge d'affaires": a name, not a plural
    if len(mods) > 1:
        keys.add(" ".join([lemmas[j].lower() for j in mods] + [lemma]))
    if mods:
        # "tit-for-tat measures", "anti-dumping duties": a hyphenated modifier, split by the
        # tokenizer, is looked up whole
        doc = tok.doc
        first = min(doc[j].left_edge.i for j in mods)
        if "HYPH" in tokens.tag[first:i]:
            keys.add(f"{doc[first:i].text.lower()} {lemma}")
    for j in children:
        if deps[j] == "prep" and lowers[j] == "of":
            for p in tokens.children[j]:
                if deps[p] == "pobj":
                    keys.add(f"{lemma} of {lemmas[p].lower()}")
                    keys.add(f"{lemma} of {lowers[p]}")
    keys |= {k.replace("\u2019", "'") for k in keys}  # "d’affaires" typeset with a curly apostrophe
    return sorted(keys, key=len, reverse=True)


def _noun_lemma(tokens: TokenTable, i: int) -> str:
    """The lemma :func:`noun_keys` looks a noun up by (lower case)."""
    lemma = tokens.lemma[i].lower()
    if tokens.tag[i] == "NNPS" and lemma.endswith("s"):
        lemma = lemma[:-1]  # "Assistance Funds": a capitalized plural keeps its "s" as its lemma
    return lemma


@dataclass(frozen=True)
class KeyHeads:
    """The words that head a set of noun keys, by the shape of key :func:`noun_keys` makes:
    a noun's key is its lemma or lower-cased word alone, that word last after the
    modifiers it has ("air strike"), or its lemma first before the "of" phrase it has
    ("charge of aggression"); curly apostrophes are made straight or not. A noun whose
    words head no key of a set, in a shape its children allow, has none of its keys
    (:meth:`may_match`): most nouns of a text are told so in the table, with no key made."""

    whole: frozenset[str]  # keys of one word
    last: frozenset[str]  # last words of keys of more
    before_of: frozenset[str]  # first words of keys "X of Y"
    # (lemma, word, NNPS?) -> what the word may head: a key alone, one after modifiers, one
    # before "of"; the same for every token of the word (asked of every noun of a text)
    _heads: dict[tuple[str, str, bool], tuple[bool, bool, bool]] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def of(cls, keys: Iterable[str]) -> KeyHeads:
        split = [k.split(" ") for k in keys]
        return cls(
            whole=frozenset(w[0] for w in split if len(w) == 1),
            last=frozenset(w[-1] for w in split if len(w) > 1),
            before_of=frozenset(w[0] for w in split if len(w) > 2 and w[1] == "of"),
        )

    def may_match(self, tokens: TokenTable, i: int) -> bool:
        """Whether one of noun ``i``'s keys can be one of these keys. A word with a space in
        it is not read here: it may. What the word may head is remembered by word; its
        children are read for each token."""
        key = (tokens.lemma[i], tokens.lower[i], tokens.tag[i] == "NNPS")
        heads = self._heads.get(key)
        if heads is None:
            heads = self._word_heads(_noun_lemma(tokens, i), tokens.lower[i])
            if len(self._heads) >= _HEADS_MEMO_SIZE:
                self._heads.clear()  # memory stays flat on any corpus
            self._heads[key] = heads
        alone, after_modifiers, before_of = heads
        if alone:
            return True
        deps, kids = tokens.dep, tokens.children[i]
        if after_modifiers and any(deps[j] in _MODIFIER_DEPS and j < i for j in kids):
            return True
        return before_of and any(deps[j] == "prep" and tokens.lower[j] == "of" for j in kids)

    def _word_heads(self, lemma: str, low: str) -> tuple[bool, bool, bool]:
        """Whether a noun of this lemma and word may be a key alone (or has a space in it),
        the last word of a key after modifiers, the first of a key before "of"."""
        if " " in lemma or " " in low:
            return True, True, True
        words = {lemma, low, lemma.replace("\u2019", "'"), low.replace("\u2019", "'")}
        return (not self.whole.isdisjoint(words), not self.last.isdisjoint(words),
                not self.before_of.isdisjoint(words))


def _object_tokens(verb: Token, passive: bool) -> list[Token]:
    """The nouns a pattern's `object` constraint is checked against. The verb's and the
    objects' children are read in the doc's token table."""
    doc = verb.doc
    tokens = table_of(doc)
    dep, lower, kids = tokens.dep, tokens.lower, tokens.children
    children = kids[verb.i]
    objs = direct_objects(verb)
    if passive:
        # "a sailor, who was captured by X": the relative pronoun stands for the sailor
        subjects = [relative_antecedent(doc[c]) for c in children if dep[c] == "nsubjpass"]
        if not subjects and dep[verb.i] == "conj":
            # "damage arose from it and is to be borne by X": a subject shared with a conjunct
            subj, _ = verb_subject(verb)
            subjects = [subj] if subj is not None else []
        objs += subjects
    objs += [doc[c] for c in children if dep[c] in ("attr", "oprd", "acomp")]
    objs += [doc[c] for c in children if dep[c] == "ccomp" and _small_clause(doc[c])]
    objs += _role_objects(verb)  # "appointed X as ambassador"
    if not objs:
        # "engaged in ethnic cleansing", "remain on alert", "insisted on its demands"
        for c in children:
            if dep[c] == "prep" and lower[c] in ("in", "on", "to", "into", "for", "under", "from"):
                objs += [doc[p] for p in kids[c] if dep[p] == "pobj"]
    # "a share of a weapons package": look through "of"; "$40 million in assistance":
    # through "in" after an amount
    more = []
    for o in objs:
        more += [doc[j] for j in conjuncts_at(tokens, o.i)[1:]]  # o.conjuncts
        if o.ent_type_ == "PERSON":
            # "called in Ambassador Ana Ruiz": the title before a name is what was acted on
            more += [c for c in o.children if c.dep_ == "compound" and c.i < o.i and not c.ent_type_]
        amount = o.like_num or o.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY")
        for c in kids[o.i]:
            if dep[c] == "prep" and (lower[c] == "of" or (amount and lower[c] == "in")):
                more += [doc[p] for p in kids[c] if dep[p] == "pobj"]
    return objs + more


def _is_time(tok: Token) -> bool:
    """A date or a time ("Wednesday", "two hours"): never an actor's stand-in."""
    return tok.ent_type_ in ("DATE", "TIME")


def _small_clause(comp: Token) -> bool:
    """ "declared the adviser persona non grata": the parse may read the role as a clause
    of its own, its predicate a noun or ("persona" taken for a verb) a bare present with a
    noun subject; no auxiliary or mark, so no clause that tells an act."""
    if has_child(comp, ("aux", "auxpass", "mark")):
        return False
    return comp.pos_ == "NOUN" or comp.tag_ == "VBP" and any(
        a.dep_ == "nsubj" and a.pos_ == "NOUN" for a in comp.children)


def _names_a_time(prep: Token) -> bool:
    """A preposition whose object is a date or a time ("on Wednesday", "for two hours")."""
    return any(p.dep_ == "pobj" and _is_time(p) for p in prep.children)


def _role_objects(verb: Token) -> list[Token]:
    """The role given to an object: "named X as ambassador to Y" (the parse may also make
    the role a clause of its own: "declared X as persona non grata"). Read in the doc's
    token table."""
    doc = verb.doc
    tokens = table_of(doc)
    dep, lower, kids = tokens.dep, tokens.lower, tokens.children
    children = kids[verb.i]
    return [doc[p] for c in children if dep[c] == "prep" and lower[c] == "as"
            for p in kids[c] if dep[p] == "pobj"] + [
        doc[c] for c in children if dep[c] == "advcl" and tokens.pos[c] == "NOUN"
        and any(dep[m] == "mark" and lower[m] == "as" for m in kids[c])]


# Word forms remembered with the verb patterns they may match, up to this many (then
# forgotten, so that memory stays flat on any corpus)
_MEMO_SIZE = 20_000


class PatternMatching(Vocabulary):
    """Which pattern a verb, or a headline's frame, matches."""

    def __init__(self, patterns: PatternBook | None = None):
        super().__init__(patterns)
        # (word, lemma) -> the patterns of its first form the book knows (None: none)
        self._verb_memo: dict[tuple[str, str], list[Pattern] | None] = {}
        # the words a verb's object must be for a pattern's object constraint to match it
        self._object_heads = KeyHeads.of(
            k for plist in self.book.verbs_by_lemma.values() for p in plist for k in p.object or ())

    def _verb_candidates(self, verb: Token) -> list[Pattern] | None:
        """The verb patterns of the first of the verb's word forms (lemma_forms) the book
        knows; None: no verb pattern can match the word. Remembered by word and lemma: about
        half the verbs of news text match none, and every verb is asked about."""
        return self._verb_candidates_at(table_of(verb.doc), verb.i)

    def _verb_candidates_at(self, tokens: TokenTable, i: int) -> list[Pattern] | None:
        """:meth:`_verb_candidates` of token ``i``, read in its doc's table."""
        key = (tokens.lower[i], tokens.lemma[i])
        memo = self._verb_memo
        if key in memo:
            return memo[key]
        by_lemma = self.book.verbs_by_lemma
        found = next((by_lemma[f] for f in word_forms(key[0], key[1].lower()) if f in by_lemma), None)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[key] = found
        return found

    def _matchable_at(self, tokens: TokenTable, i: int) -> list[Pattern] | None:
        """The verb patterns verb ``i`` may match, read in its doc's table: its candidates
        (:meth:`_verb_candidates_at`), or None when it has none, or when it has no dependent
        (an auxiliary "has" or "be": about a quarter of the verbs with candidates) and every
        candidate asks for one (:func:`_asks_dependent`): :meth:`_match_verb` would match
        none of them."""
        found = self._verb_candidates_at(tokens, i)
        if found is not None and not tokens.children[i] and tokens.dep[i] != "conj" \
                and all(_asks_dependent(p) for p in found):
            return None
        return found

    def _decision_told(self, verb: Token) -> bool:
        """The act of "X's decision to expel ..." when the decision is not what is reported
        ("regrets X's decision to ...", "a review of X's move to ..."): an act already told.
        Asked of nearly every word: the label is read in the doc's table first."""
        if table_of(verb.doc).dep[verb.i] != "acl":
            return False
        noun = verb.head
        if noun.lemma_.lower() not in self.decision_nouns or not _infinitival(verb):
            return False
        gov, _ = governing_verb(noun)
        return gov is None or gov.lemma_.lower() not in self.decision_verbs

    def _headline(self, sent: Span, index: MentionIndex) -> list[_Found]:
        """ "Chile Summons Peruvian Envoy Over Border Remarks": the small parser often
        reads a headline's verb as a name or a noun, so a headline the parse found no event
        in is read as the frame headlines are written in: actors, a pattern verb, actors.
        The verb follows the acting actors closely (at most HEADLINE_GAP other words)."""
        tokens = list(sent)
        for k, tok in enumerate(tokens):
            if (index.at(tok) is not None or not tok.is_alpha or tok.ent_type_ in ("DATE", "TIME")
                    or self._decision_told(tok)):
                continue  # "..., 13 March 2017": a date's month is no verb
            source = self._headline_actors_before(tokens[:k], index)
            if not source:
                continue
            after = tokens[k + 1:]
            pattern = self._headline_pattern(tok, after)
            if pattern is None:
                continue
            named_after = [m for m in _unique(index.at(t) for t in after if index.at(t) is not None) if m.country]
            if after and after[0].lower_ == "by":
                # "Chile hit by Peruvian shells": the passive's agent acts on the actors before
                # it; hit "by sanctions", by no one named, it tells no act of theirs
                source, named_after = [m for m in named_after if m.kind != "place"][:1], source
                if not source:
                    continue
            own = {m.country for m in source}
            target = [m for m in named_after if m.country not in own
                      and (m.kind != "place" or pattern.cameo[:2] in self.place_target_roots)][:1]
            target += self._listed_after(target, after, index, own)
            source, target = _each_other(pattern, source, target)
            return [_Found(pattern, tok, source, target, via="+headline")]
        return []

    @staticmethod
    def _listed_after(first: list[Mention], after: list[Token], index: MentionIndex,
                      own: set[str | None]) -> list[Mention]:
        """ "aid for Turkey, Syria", "Sanctions Chile And Bolivia": the actors listed with the
        headline's first target (joined by commas or "and") are its targets too."""
        out: list[Mention] = []
        if not first:
            return out
        listed = False
        last = first[0]
        for tok in after:
            m = index.at(tok)
            if m is not None and m.start >= first[0].end:
                if m.start == last.start:
                    continue  # the rest of the words of the last one listed
                if not listed:
                    break
                last = m
                if m.country and m.country not in own and m not in out and m.kind != "place":
                    out.append(m)
                listed = False
            elif tok.idx >= first[0].end:
                if tok.lower_ not in (",", "and", "&"):
                    break
                listed = True
        return out

    @staticmethod
    def _headline_actors_before(before: list[Token], index: MentionIndex) -> list[Mention]:
        """The actors a headline verb follows: "Ethiopia and Eritrea [Sign]", "Mali, Burkina
        [back]", with at most HEADLINE_GAP words between the last of them and the verb."""
        found: list[Mention] = []
        gap = 0
        for tok in reversed(before):
            m = index.at(tok)
            if m is not None:
                if m.country and m.kind != "place" and m not in found:
                    found.append(m)
                continue
            if found and tok.lower_ in (",", "and", "&"):
                continue
            if found:
                break
            gap += 1
            if gap > HEADLINE_GAP or tok.lower_ == "by":
                break  # "Mali hit by sanctions": what follows "by" is not Mali's act
        return list(reversed(found))

    def _headline_pattern(self, tok: Token, after: list[Token]) -> Pattern | None:
        candidates = next((self.book.verbs_by_lemma[f] for f in lemma_forms(tok)
                           if f in self.book.verbs_by_lemma), None)
        if not candidates:
            return None
        words = {t.lower_ for t in after}
        # each word's keys, once: all of them, and those before an infinitive
        word_keys = [{*noun_keys(t), t.lower_.rstrip("s")} for t in after]
        keys = set().union(*word_keys)
        # "announces deal with X to avoid tariffs": what follows an infinitive is that verb's
        # object, not the headline verb's (a pattern that asks for a complement still reads on)
        cut = next((i for i, t in enumerate(after[:-1]) if t.lower_ == "to" and after[i + 1].tag_ == "VB"), len(after))
        own_keys = set().union(*word_keys[:cut])
        forms = {f for t in after for f in lemma_forms(t)}
        best: Pattern | None = None
        for p in candidates:
            if p.pos != "VERB" or p.when_negated or p.subject \
                    or (p.object and not (keys if p.xcomp else own_keys) & set(p.object)) \
                    or (p.prep and not words & set(p.prep)) \
                    or (p.particle and not (after and after[0].lower_ in p.particle)) \
                    or (p.modifier and not words & set(p.modifier)) \
                    or (p.xcomp and not forms & set(p.xcomp)):
                continue
            if best is None or p.specificity > best.specificity:
                best = p
        return best

    def _match_verb(self, verb: Token, passive: bool) -> Pattern | None:
        """The most specific pattern for this verb; ties go to the longest object key matched
        ("chemical weapon" beats "weapon"). The verb's word class and its children's labels
        and words are read in the doc's token table."""
        tokens = table_of(verb.doc)
        candidates = self._matchable_at(tokens, verb.i)
        if not candidates:
            return None
        return self._best_pattern(verb, passive, candidates, tokens)

    def _best_pattern(self, verb: Token, passive: bool, candidates: list[Pattern],
                      tokens: TokenTable) -> Pattern | None:
        """:meth:`_match_verb` over ``candidates``, each checked in turn."""
        dep, lower, lemma = tokens.dep, tokens.lower, tokens.lemma
        children = tokens.children[verb.i]
        is_adj = tokens.pos[verb.i] == "ADJ"
        obj_keys: set[str] | None = None
        given: set[str] | None = None  # "gave the envoy two days to go": the infinitive, read once
        best: tuple[int, int] | None = None
        chosen: Pattern | None = None
        idiom = self.book.source.idiom_particles.get(lemma[verb.i].lower(), ())
        idiom_prt = {lower[c] for c in children if dep[c] == "prt"} & set(idiom)
        for p in candidates:
            if is_adj != (p.pos == "ADJ"):
                continue
            if p.particle and not any(
                dep[c] == "prt" and lower[c] in p.particle for c in children
            ):
                continue
            if idiom_prt and not idiom_prt & set(p.particle):
                continue  # "ended up on a sanctions list" lands there, ends nothing
            if p.prep and not _has_prep(verb, p.prep, on_object=bool(p.object)):
                continue  # "called on Chile", not "called ... on Wednesday"
            if p.modifier and not any(
                dep[c] in ("advmod", "prt", "npadvmod") and lemma[c].lower() in p.modifier
                for c in children
            ):
                continue  # "work together", "pay dearly"
            if p.xcomp and not any(
                _complement(c) and not _reported(c) and (c.lemma_.lower() in p.xcomp
                                    or "*" in p.xcomp and _infinitival(c))
                for c in verb.children
            ):
                if given is None:
                    given = {c.lemma_.lower() for c in _time_given(verb)}
                if not given & set(p.xcomp):
                    continue
            if p.xcomp_bare and any(
                _complement(c) and c.lemma_.lower() in p.xcomp and any(g.dep_ in ("dobj", "obj") for g in c.children)
                for c in verb.children
            ):
                continue  # "told X to return the documents": not called home
            if p.xcomp_negated is not None and not any(
                _complement(c) and c.lemma_.lower() in p.xcomp
                and has_child(c, ("neg",)) == p.xcomp_negated
                for c in verb.children
            ):
                continue  # "told not to return": kept out, not called home
            if p.when_negated and not has_child(verb, ("neg",)):
                continue
            if p.subject:
                subj, _ = verb_subject(verb)
                if subj is not None and subj.lower_ in ("they", "it") and verb.dep_ == "advcl":
                    # "crowds marched until they reached X": the pronoun of an adverbial
                    # clause stands for the subject of the verb it hangs on
                    subj = verb_subject(verb.head)[0] or subj
                if subj is None or not set(noun_keys(subj)) & set(p.subject):
                    continue
            if p.other_doer and not (direct_objects(verb) or any(
                    c.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in c.children) for c in verb.children)):
                continue
            key_len = 0
            if p.object:
                if obj_keys is None:
                    heads = self._object_heads
                    obj_keys = {k for o in _object_tokens(verb, passive) if heads.may_match(tokens, o.i)
                                for k in noun_keys(o)}
                matched = obj_keys.intersection(p.object)
                if not matched:
                    continue
                key_len = max(len(k) for k in matched)
            score = (p.specificity, key_len)
            if best is None or score > best:
                best, chosen = score, p
        return chosen


def _asks_dependent(p: Pattern) -> bool:
    """Whether verb pattern ``p`` matches only a verb with a dependent: each of these
    constraints of :meth:`PatternMatching._best_pattern` is met only by a word hanging on
    the verb (a particle, a preposition, a modifier, a complement, a negation, another
    doer) or, for an object, on the verb or on the verb it is a conjunct of (a shared
    passive subject: :func:`_object_tokens`); its word class and subject are not."""
    return bool(p.particle or p.prep or p.modifier or p.xcomp or p.xcomp_negated is not None
                or p.when_negated or p.other_doer or p.object)


def _time_given(verb: Token) -> list[Token]:
    """The infinitive of a span of time given ("gave the consul two days to go": the
    parse hangs "to go" off "days"): the complement the verb asks for."""
    return [c for o in verb.children if o.dep_ in ("dobj", "npadvmod") and (_is_time(o) or o.lemma_.lower() in _TIME_UNITS)
            for c in o.children if c.dep_ in ("relcl", "acl") and _infinitival(c)]


_TIME_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year"})


def _has_prep(verb: Token, wanted: list[str], *, on_object: bool = False) -> bool:
    """Whether the verb carries one of these prepositions (not one naming a time: "called
    on Chile", not "called ... on Wednesday"); "on fire" asks for the preposition with that
    object ("set the factories on fire"). The parse may hang either off the verb's object:
    taken there for "on fire", and for a pattern that names its object ("used air power
    against X"). The children are read in the doc's token table."""
    doc = verb.doc
    tokens = table_of(doc)
    dep, lower, lemma, kids = tokens.dep, tokens.lower, tokens.lemma, tokens.children
    i = verb.i
    objects = [g for o in kids[i] if dep[o] == "dobj" for g in kids[o]]
    if "for" in wanted and any(_for_clause_at(tokens, c) for c in kids[i]):
        return True  # "called for Chile to withdraw": the clause stands for "for Chile's withdrawal"
    for c in [*kids[i], *objects]:
        if dep[c] not in ("prep", "prt", "agent") or _names_a_time(doc[c]):  # agent: "hit by sanctions"
            continue
        for key in wanted:
            word, _, obj = key.partition(" ")
            if lower[c] == word and (tokens.head[c] == i or obj or on_object) and (not obj or any(
                    dep[p] == "pobj" and lemma[p].lower() == obj for p in kids[c])):
                return True
    return False


def _headline_like(sent: Span, text: str) -> bool:
    """A headline: a few words with no closing stop, and not the text's cut-off end
    (``text``: the sentence's text)."""
    text = text.strip()
    cut_off = sent.end == len(sent.doc) and sent.start > 0  # a text's last words, cut short
    return 3 <= len(text.split()) <= HEADLINE_MAX_WORDS and text[-1:] not in ".!?\"”’':;," \
        and not cut_off


def _for_clause(tok: Token) -> bool:
    """An infinitive with its subject after "for" ("for Chile to withdraw")."""
    return _for_clause_at(table_of(tok.doc), tok.i)


def _for_clause_at(tokens: TokenTable, i: int) -> bool:
    """An infinitive with its subject after "for" ("for Chile to withdraw"), token ``i``."""
    dep = tokens.dep
    return dep[i] in ("advcl", "ccomp", "xcomp") and _infinitival_at(tokens, i) and any(
        dep[g] == "mark" and tokens.lower[g] == "for" for g in tokens.children[i])


def _infinitival(tok: Token) -> bool:
    """A verb with an infinitive "to" (read in the doc's token table)."""
    return _infinitival_at(table_of(tok.doc), tok.i)


def _infinitival_at(tokens: TokenTable, i: int) -> bool:
    dep, tag = tokens.dep, tokens.tag
    return any(dep[g] == "aux" and tag[g] == "TO" for g in tokens.children[i])


def _reported(clause: Token) -> bool:
    """A that-clause telling what happened ("told reporters that the plane had left"), not
    what is asked or promised ("told him that he must leave", "said it would leave"): a
    finite past verb, or one after "had"/"has"."""
    return clause.dep_ == "ccomp" and (clause.tag_ == "VBD" or clause.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" for c in clause.children))


def _complement(tok: Token) -> bool:
    """A clause completing its verb: an xcomp or ccomp, or an infinitive the parser hung as
    an adverbial clause ("allowed the consul two days to go")."""
    return tok.dep_ in ("xcomp", "ccomp") or tok.dep_ == "advcl" and _infinitival(tok)
