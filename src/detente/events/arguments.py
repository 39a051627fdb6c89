"""Find who acts and who is acted upon, from the dependency parse and the actor mentions.

The coder asks two questions of a trigger token: which actors are its source
(the subject, the passive agent, a subject inherited from a governing verb)
and which its target (the object, a prepositional object, the subject of a
demanded clause...). Both are answered with Mentions found by char offsets, so
whatever the actor resolver decided (titles, pronouns, metonyms) carries over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Token

from detente.events.context import FROM_ARTICLE
from detente.mentions import MentionIndex as MentionIndex  # the coder's helpers take one
from detente.nlp.tokens import TokenTable, table_of
from detente.records import Mention

# Dependencies that lead from a noun into modifiers that may name its actor
# ("U.S. request", "Serbia's suppression", "Russian officials").
_MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "npadvmod", "nummod"}
# Prepositions whose object may hold the actor of a noun phrase whose head is
# not itself an actor ("leaders of the coalition", "militants loyal to X").
_PP_INTO = {"of", "from", "in", "to", "at", "by", "within", "for", "including"}  # "states including A and B"
# Targets may also sit deeper in the object ("contact with the United States",
# "restrictions against German goods").
_PP_INTO_TARGET = _PP_INTO | {"with", "against", "on", "toward", "towards", "into"}
# Clauses we never search for arguments: they describe, they do not act.
_CLAUSAL = {"relcl", "acl", "ccomp", "advcl", "xcomp", "parataxis", "appos"}
SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}


def _unique(mentions: Iterable[Mention]) -> list[Mention]:
    out: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for m in mentions:
        key = (m.start, m.end)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def conjuncts(tok: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Bosnia and Slovenia")."""
    doc = tok.doc
    return [doc[j] for j in conjuncts_at(table_of(doc), tok.i)]


def conjuncts_at(tokens: TokenTable, i: int) -> list[int]:
    """Token ``i`` and the tokens coordinated with it, as :func:`conjuncts` (``i`` first,
    then ``Token.conjuncts`` in its order), read in the doc's token table: spaCy walks up
    the "conj" links to the first conjunct, then down the "conj" children to its right."""
    dep, head, kids = tokens.dep, tokens.head, tokens.children
    start = i
    while head[start] != start and dep[start] == "conj":
        start = head[start]
    output = [start]
    for word in output:  # grows as it is read: spaCy's queue
        output += [c for c in kids[word] if c > word and dep[c] == "conj"]
    return [i, *(j for j in output if j != i)]


def _listed(tok: Token, index: MentionIndex) -> list[Token]:
    """The token's conjuncts, and states listed with commas that the parser did not
    coordinate: "Israel, Oman agree" (two subjects of one verb), "aid for quake-hit Peru,
    Chile" (a state in apposition to another state names a second one, not the first).
    Read in the doc's token table; Tokens are made for the words kept."""
    doc = tok.doc
    tokens = table_of(doc)
    dep, kids = tokens.dep, tokens.children
    i = tok.i
    out = conjuncts_at(tokens, i)
    label, up = dep[i], tokens.head[i]
    if label in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and up != i:
        out += [c for c in kids[up] if dep[c] == label and c > i and _is_state_name(doc[c], index)]
    if _is_state_name(tok, index):
        for h in list(out):
            out += [c for c in kids[h] if dep[c] == "appos" and _is_state_name(doc[c], index)]
    return [doc[j] for j in dict.fromkeys(out)]


def _is_state_name(tok: Token, index: MentionIndex) -> bool:
    """A state named by itself ("Chile", "Lima"), not an office or group of it."""
    m = index.at(tok)
    return m is not None and m.kind == "actor" and m.sector in (None, "GOV") and m.country is not None \
        and m.country not in ("IGO", "NGO")


def actors_in(
    tok: Token, index: MentionIndex, *, deep: bool = True, depth: int = 0, places: bool = True
) -> list[Mention]:
    """Actors named by the phrase headed by ``tok`` (and its conjuncts).

    ``places=False`` asks for acting subjects: only prepositions that name a
    member or origin are searched, and places are dropped; otherwise (targets)
    a wider set of prepositions is searched.
    """
    pp_into = _PP_INTO if not places else _PP_INTO_TARGET
    found: list[Mention] = []
    for head in _listed(tok, index) if depth <= 1 else [tok]:
        m = index.at(head)
        if m is not None:
            found.append(m)
            # "Senior Hungarian and Romanian officials": coordinated modifiers are
            # separate mentions inside the same phrase.
            for child in head.children:
                if child.dep_ in _MODIFIER_DEPS:
                    for c in conjuncts(child):
                        cm = index.at(c)
                        if cm is not None:
                            found.append(cm)
                # "the foreign ministers of A, B and C": one mention may cover the head
                # and its first country; the others are the country's conjuncts
                if child.dep_ == "prep" and child.lower_ == "of":
                    for p in child.children:
                        if p.dep_ == "pobj" and index.at(p) is m:
                            found.extend(cm for c in conjuncts(p)[1:] if (cm := index.at(c)) is not None)
            continue
        mods = _modifier_mentions(head, index)
        if mods:
            found.extend(mods)
            continue
        if deep and depth < 2:
            agents = _acl_agents(head, index) if depth == 0 else []
            if agents:  # "the raids carried out by Chile on Peru": Chile's raids
                found.extend(agents)
                continue
            preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in pp_into]
            # "the deployment of missiles in Bolivia by Chile": the act's agent comes first
            preps.sort(key=lambda c: c.lower_ != "by")
            for mod in head.children:  # "militants loyal to X", "workers affiliated with X"
                if mod.dep_ in ("amod", "acl") and mod.tag_ in ("JJ", "VBN"):
                    preps += [c for c in mod.children if c.dep_ == "prep"]
            for child in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        inner = actors_in(pobj, index, deep=True, depth=depth + 1, places=places)
                        if child.lower_ == "from" and head.dep_ == "dobj":
                            # "fired rockets from Lebanon": a place what is sent comes from (not
                            # "took control of the pass from Chile": the one it was taken from)
                            inner = [m for m in inner if m.kind != "place"]
                        if inner:
                            found.extend(inner)
                            break
                if found:
                    break
    if not found and depth == 0:
        found.extend(_the_leaders(tok, index))
    found = _unique(found)
    if not places:
        kept = [m for m in found if m.kind != "place"]
        if not kept and found and depth == 0:
            kept = [m for alt in _after_place(tok) for m in actors_in(alt, index, depth=1, places=False)]
        found = kept
    return found


# Plural titles that, with "the" and nothing else, mean the two leaders the story is about.
_PAIR_TITLES = frozenset({"president", "leader"})


def _the_leaders(tok: Token, index: MentionIndex) -> list[Mention]:
    """ "The presidents agreed to ...", after a readout of a call between two of them: the last
    two states the article named before, each marked as taken from the article. Nothing for
    "the presidents of A and B" (named), or with fewer than two states before."""
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in _PAIR_TITLES:
        return []
    kids = [c for c in tok.children if c.dep_ not in ("punct",)]
    if len(kids) != 1 or kids[0].lower_ != "the":
        return []
    out: list[Mention] = []
    for m in reversed([m for m in index.ordered if m.end <= tok.idx]):
        if m.country in ("IGO", "NGO") or any(o.country == m.country for o in out):
            continue
        out.append(replace(m, resolved_by=FROM_ARTICLE))
        if len(out) == 2:
            return out[::-1]
    return []


def _after_place(tok: Token) -> list[Token]:
    """Where the actor is when a place was parsed as the subject ("Lima (AFP) - Peru's
    minister said ...", a dateline): a second subject of the same verb, or the phrase in
    apposition to the place."""
    out = [c for c in tok.children if c.dep_ == "appos"]
    if tok.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and tok.head.i != tok.i:
        out += [c for c in tok.head.children if c.dep_ == tok.dep_ and c.i > tok.i]
    return out


# Participles whose agent is the doer of the noun ("strikes launched by X", "the role played
# by X"); not sponsors ("hostilities fueled by X", "rebels backed by X": X did not fight).
_DOING_VERBS = frozenset({"launch", "carry", "conduct", "stage", "make", "commit", "issue", "impose",
                          "play", "mount", "wage", "fire", "order", "take", "adopt", "announce",
                          "deliver", "draw", "perpetrate", "unleash", "lodge", "file", "sign", "pass",
                          "use", "employ", "cite", "raise", "voice", "express", "level", "put", "offer",
                          "present", "propose", "submit", "table", "deal", "give"})


def _acl_agents(head: Token, index: MentionIndex) -> list[Mention]:
    """Actors of a noun given by the agent of its participle ("the raids carried out by
    Chile", "a plan drawn up by Peru"): whoever did it, never the one it was done to."""
    for mod in head.children:
        if mod.dep_ == "acl" and mod.tag_ == "VBN" and mod.lemma_.lower() in _DOING_VERBS:
            agent = passive_agent(mod)
            if agent is not None:
                found = actors_in(agent, index, deep=False, depth=1, places=False)
                if found:
                    return found
    return []


_DYAD_NOUNS = frozenset({"relation", "relationship", "tie", "border", "boundary", "rift", "row", "dispute",
                         "tension", "standoff", "stand-off", "feud", "spat"})


def _modifier_mentions(head: Token, index: MentionIndex, depth: int = 0) -> list[Mention]:
    """Actors among a noun's modifiers, following compound chains
    ("a Security Council resolution", "the U.S. aid program")."""
    found: list[Mention] = []
    for child in head.children:
        if child.dep_ not in _MODIFIER_DEPS:
            continue
        for c in conjuncts(child):
            m = index.at(c)
            if m is not None:
                # A city in modifier position ("the Geneva process") names no actor;
                # a country does ("a US-led war").
                # "US-UK strikes": the hyphen's first country hangs off the second (not in
                # "Kenya-Somalia relations", a dyad: its two are the relation's sides)
                if head.lemma_.lower() not in _DYAD_NOUNS:
                    found.extend(p for g in c.children if g.dep_ in _MODIFIER_DEPS and g.i < c.i
                                 and any(h.tag_ == "HYPH" for h in g.doc[g.i + 1 : c.i])
                                 and (p := index.at(g)) is not None and p.kind != "place")
                if m.kind != "place" or m.actor_id == m.country:
                    found.append(m)
            elif c.dep_ == "compound" and depth < 2:
                found.extend(_modifier_mentions(c, index, depth + 1))
    return found


# Prepositions whose gerund shares the subject of the verb they hang on ("responded by
# expelling", "after meeting"); not "of"/"for" ("accused X of violating": X violates).
_SAME_SUBJECT_PREPS = frozenset({"by", "after", "before", "upon", "in", "through", "while", "without"})


def verb_subject(verb: Token) -> tuple[Token | None, bool]:
    """The grammatical subject of a verb and whether the verb is passive.

    Verbs without a subject of their own inherit one from the verb that governs
    them ("offered to hand over", "donated and delivered", "opened fire to disperse").
    Read in the doc's token table (_subject_at), where each child and head was a Token.
    """
    doc = verb.doc
    subj, passive = _subject_at(table_of(doc), verb.i)
    return (doc[subj] if subj is not None else None), passive


def _subject_at(tokens: TokenTable, i: int) -> tuple[int | None, bool]:
    """verb_subject of token ``i``, as token indexes."""
    dep, kids = tokens.dep, tokens.children
    children = kids[i]
    # a participle with a "by" agent is passive though its auxiliary is left out (a headline's
    # "Peru hit by sanctions", read with the subject as nsubj)
    passive = any(dep[c] in PASSIVE_SUBJECT_DEPS or dep[c] == "auxpass" for c in children) or (
        tokens.tag[i] == "VBN" and any(dep[c] == "agent" for c in children))
    for c in children:
        if dep[c] in SUBJECT_DEPS and dep[c] != "expl":
            return c, passive
        if dep[c] in PASSIVE_SUBJECT_DEPS:
            return c, True
    for aux in (c for c in children if dep[c] in ("aux", "auxpass")):
        for c in kids[aux]:  # the parse may hang the subject off the auxiliary ("X's move was ...")
            if dep[c] in SUBJECT_DEPS and dep[c] != "expl":
                return c, passive
    heads = tokens.head
    head = heads[i]
    if dep[i] == "relcl" and tokens.pos[head] in ("NOUN", "PROPN", "PRON"):
        return head, passive
    if (dep[i] == "pcomp" and tokens.lower[head] in _SAME_SUBJECT_PREPS
            and tokens.pos[heads[head]] in ("VERB", "AUX")):
        head = heads[head]  # "responded by expelling ...": the one who responded expels
    if misattached_conj_at(tokens, i):
        head = _finite_governor_at(tokens, head)
    # "X put the pact on ice, froze commerce, shut its airspace ...": the parse may hang a
    # finite verb of such a list on the one before as "dep"; it shares that verb's subject
    listed = (dep[i] == "dep" and head < i and tokens.tag[i] in ("VBD", "VBZ", "VBP")
              and tokens.pos[head] == "VERB" and tokens.lower[i - 1] == ",")
    if (dep[i] in ("xcomp", "conj", "advcl", "acomp", "pcomp") or listed) and head != i:
        subj, _ = _subject_at(tokens, head)
        if dep[i] == "advcl" and _bare_participle_at(tokens, i):
            # "the rebels, backed by Kigali, seized the town", "two guards, killed in the
            # raid": the one the participle is said of undergoes it
            passive = True
        if (subj is None and dep[i] == "conj" and dep[head] == "ccomp"
                and any(dep[c] == "expl" for c in kids[head])):
            # "X said there was no excuse for it and called on Y to ...": the parse joins the
            # second verb to the existential clause, which has no one to lend; the speaker acts
            subj, _ = _subject_at(tokens, heads[head])
        return subj, passive
    # "X said the move was illegal, demanded that ... and ...": a list of verbs after one
    # subject, the first reporting a clause. The parse may make the first verb the clausal
    # complement of the next, or the next a second complement of the first; either way the
    # later verb has no subject of its own, and the first verb's subject acts in both.
    lists = [c for c in children if dep[c] == "ccomp" and c < i] if dep[i] == "ROOT" else []
    if dep[i] == "ccomp" and head < i and any(
            dep[c] == "ccomp" and c < i for c in kids[head] if c != i):
        lists = [head]
    for c in lists:
        if any(dep[g] == "ccomp" and g < i for g in kids[c] if g != i) and any(
                tokens.lower[t] == "," for t in range(c, i)):
            subj, sub_passive = _subject_at(tokens, c)
            if subj is not None and subj < c and not sub_passive:
                return subj, passive
    return None, passive


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def misattached_conj_at(tokens: TokenTable, i: int) -> bool:
    """ "X defended his decision to tell the jet to land and accused Y of ...": token ``i``, a
    verb in the past or present tense, is not coordinated with its head, an infinitive (a bare
    verb with "to"), whatever the parse says; it is the second verb of the clause the
    infinitive hangs in (its subject is that clause's). Read in the doc's token table, as its
    callers (verb_subject, the coder's object spans) walk many tokens of one doc."""
    if tokens.dep[i] != "conj" or tokens.tag[i] not in _FINITE_TAGS:
        return False
    head = tokens.head[i]
    dep, lower = tokens.dep, tokens.lower
    return tokens.tag[head] == "VB" and any(dep[c] == "aux" and lower[c] == "to" for c in tokens.children[head])


def _finite_governor_at(tokens: TokenTable, verb: int) -> int:
    """The nearest verb above token ``verb`` in the past or present tense (``verb`` if none)."""
    heads, tags = tokens.head, tokens.tag
    node = verb
    while heads[node] != node:
        node = heads[node]
        if tags[node] in _FINITE_TAGS:
            return node
    return verb


RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})


def relative_antecedent(tok: Token) -> Token:
    """The noun a relative pronoun stands for when its clause reports an act done to it by a
    named doer ("a sailor, who was captured by X's troops": the sailor), else the token itself.
    A present passive tells a state of things ("land that is occupied by X"), and one with no
    doer named leaves the act's doer to a guess; both keep the pronoun (no actor)."""
    verb = tok.head
    if (tok.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "nsubjpass" and verb.dep_ == "relcl"
            and verb.head.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == "agent" for c in verb.children)
            and any(c.dep_ == "auxpass" and (c.tag_ == "VBD" or c.lower_ == "been") for c in verb.children)):
        return verb.head
    return tok


def _bare_participle_at(tokens: TokenTable, i: int) -> bool:
    """Token ``i`` is a past participle standing alone (no auxiliary, subject or object of its
    own): a reduced passive ("killed in the raid"), not a verb in the past tense."""
    dep = tokens.dep
    return tokens.tag[i] == "VBN" and not any(
        dep[c] in ("aux", "auxpass", "dobj", "obj", "nsubj", "nsubjpass", "dative")
        for c in tokens.children[i])


def passive_agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def prep_objects(tok: Token, preps: Iterable[str], *, through_objects: bool = False) -> list[Token]:
    """Objects of the given prepositions on ``tok`` (and, if asked, on its direct objects:
    "imposed sanctions on X", "gave aid to X")."""
    wanted = set(preps)
    out = []
    holders = [tok]
    if through_objects:
        holders += [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        holders += [cc for h in list(holders[1:]) for cc in h.conjuncts]
    for h in holders:
        out.extend(_preps_of(h, wanted))
    return out


def _preps_of(tok: Token, wanted: set[str]) -> list[Token]:
    """The objects of the wanted prepositions on ``tok``, read in the doc's token table."""
    doc = tok.doc
    tokens = table_of(doc)
    dep, lower, kids = tokens.dep, tokens.lower, tokens.children
    out = []
    for c in kids[tok.i]:
        if dep[c] in ("prep", "dative") and lower[c] in wanted:
            out.extend(doc[p] for p in kids[c] if dep[p] == "pobj")
        if dep[c] == "prt":  # "hand over to X": the prep may hang off the particle
            for cc in kids[c]:
                if dep[cc] == "prep" and lower[cc] in wanted:
                    out.extend(doc[p] for p in kids[cc] if dep[p] == "pobj")
    return out


def direct_objects(verb: Token) -> list[Token]:
    """The verb's direct objects, its children read in the doc's token table."""
    doc = verb.doc
    tokens = table_of(doc)
    dep = tokens.dep
    return [doc[c] for c in tokens.children[verb.i] if dep[c] in ("dobj", "obj")]


def datives(verb: Token) -> list[Token]:
    """The verb's indirect objects (not a preposition labelled dative), read in the table."""
    doc = verb.doc
    tokens = table_of(doc)
    dep, pos = tokens.dep, tokens.pos
    return [doc[c] for c in tokens.children[verb.i] if dep[c] in ("dative", "iobj") and pos[c] != "ADP"]


def clause_subject(verb: Token, deps: Iterable[str] = ("ccomp",)) -> list[Token]:
    """Subjects of complement clauses ("demanded that the US cancel ...")."""
    wanted = set(deps)
    out = []
    for c in verb.children:
        if c.dep_ in wanted:
            subj, _ = verb_subject(c)
            if subj is not None and subj.head.i == c.i:
                out.append(subj)
    return out


def opens_sentence(tok: Token) -> bool:
    """Nothing but punctuation or a list marker before ``tok`` in its sentence ("2. Denounce
    ...", "\u201cStop the drills, ...")."""
    return all(t.is_punct or t.is_space or t.tag_ == "LS" for t in tok.doc[tok.sent.start : tok.i])


def has_child(tok: Token, deps: Iterable[str], lemmas: Iterable[str] | None = None) -> bool:
    """Whether a child of ``tok`` has one of the labels (and, if given, one of the lemmas,
    lower-cased), read in the doc's token table."""
    deps = set(deps)
    lemmas = set(lemmas) if lemmas is not None else None
    tokens = table_of(tok.doc)
    dep, lemma = tokens.dep, tokens.lemma
    return any(
        dep[c] in deps and (lemmas is None or lemma[c].lower() in lemmas) for c in tokens.children[tok.i]
    )


def governing_verb(noun: Token, max_hops: int = 4) -> tuple[Token | None, str]:
    """Walk up from a noun to the verb it is an argument of, and how it hangs there."""
    tok = noun
    path = []
    for _ in range(max_hops):
        if tok.dep_ in _CLAUSAL or tok.head.i == tok.i:
            return None, ""
        path.append(tok.dep_)
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok, path[0]
    return None, ""
