"""Who is speaking: the subject of a speech verb, turned into a coded actor.

Actor resolution is the actors stage's job; here we only find the token that
names the speaker in the parse and look up the Mention the resolver made for
it. A speaker the resolver did not code is kept with its text and no country.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.nlp.tokens import table_of
from detente.records import ActorRef
from detente.signals._spans import MentionIndex, doc_text, unresolved_actor
from detente.signals.config import SpeechConfig

_SUBJECTS = ("nsubj", "nsubjpass")
# Clauses that share the subject of the verb they hang from:
# "…, adding that …", "smiled and said …", "was quoted as saying …".
_SUBJECT_SHARING = ("advcl", "conj", "xcomp", "pcomp", "acl", "prep")


def is_speech_verb(tok: Token, cfg: SpeechConfig) -> bool:
    """A verb listed in speech_verbs.yaml (with its particle, for phrasal verbs),
    reporting speech that happened (not "will say", "would argue"). Read in the doc's
    token table: it is asked of many words."""
    tokens = table_of(tok.doc)
    i = tok.i
    if tokens.pos[i] != "VERB":
        return False
    verbs = cfg.verb_for(tokens.lemma[i].lower())  # before the children: most verbs are not listed
    if not verbs:
        return False
    dep, lower, children = tokens.dep, tokens.lower, tokens.children[i]
    if any(dep[c] == "aux" and lower[c] in cfg.non_factual_auxiliaries for c in children):
        return False
    for v in verbs:
        if v.particle is None:
            return True
        if any(dep[c] == "prt" and lower[c] == v.particle for c in children):
            return True
    return False


def _own_subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in _SUBJECTS and c.lower_ != "it":
            if c.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head  # "Trump, who indicated that ..." -> Trump
            return c
    return None


def _has_expletive(verb: Token) -> bool:
    return any(
        c.dep_ == "expl" or (c.dep_ in _SUBJECTS and c.lower_ == "it") for c in verb.children
    )


def subject_of(verb: Token, cfg: SpeechConfig | None = None) -> Token | None:
    """The grammatical subject of a speech verb, following shared-subject clauses.

    "Peskov blamed X, asserting that ..." -> Peskov; "Trump, who indicated that ..."
    -> Trump; "X said that ..., adding that ..." -> X even when the parser hangs
    "adding" inside the first complement (the nearest governing speech verb's
    subject). Expletive "it was said" has no speaker.
    """
    own = _own_subject(verb)
    if own is not None:
        return own
    if _has_expletive(verb):
        return None
    if cfg is not None and verb.tag_ == "VBG":
        for anc in verb.ancestors:
            if is_speech_verb(anc, cfg):
                return subject_of(anc, cfg)
    cur = verb
    for _ in range(3):
        if cur.dep_ not in _SUBJECT_SHARING or cur.head.i == cur.i:
            return None
        cur = cur.head
        own = _own_subject(cur)
        if own is not None:
            return own
    return None


def _paragraph(tok: Token) -> tuple[int, int]:
    text = doc_text(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    return start, len(text) if end < 0 else end


def in_verb_paragraph(subj: Token, verb: Token) -> Token | None:
    """The subject as far as it lies in the verb's paragraph.

    A headline without a full stop can be parsed into the next paragraph's
    sentence; then only the part of the subject next to the verb is the speaker
    ("Headline ...\n\nUS Ambassador Jon Huntsman has stated ..." -> Huntsman).
    """
    a, b = _paragraph(verb)
    if a <= subj.idx < b:
        return subj
    inside = [
        t
        for t in subj.subtree
        if a <= t.idx < b and t.i < verb.i and t.pos_ in ("PROPN", "NOUN", "PRON")
    ]
    roots = [t for t in inside if t.head not in inside]
    return roots[-1] if roots else None


def speaker_token(verb: Token, cfg: SpeechConfig) -> Token | None:
    """The token naming who spoke: the verb's subject, within the verb's paragraph."""
    subj = subject_of(verb, cfg)
    return in_verb_paragraph(subj, verb) if subj is not None else None


def noun_phrase(tok: Token) -> tuple[int, int]:
    """Token range of the phrase headed by tok and a named apposition right after it
    ("US Ambassador to Russia Michael McFaul"), without relative clauses."""
    start = tok.left_edge.i
    while start < tok.i and (tok.doc[start].is_punct or tok.doc[start].is_space):
        start += 1
    end = tok.i + 1
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > tok.i:
            end = c.i + 1
            break
    a, b = _paragraph(tok)
    while start < tok.i and tok.doc[start].idx < a:
        start += 1
    return start, end


def speaker_ref(tok: Token, mentions: MentionIndex) -> ActorRef:
    """The actor a speaker token names: its Mention, or its text when unresolved.

    When the head is a title with a named apposition ("the ambassador, Jon
    Huntsman, said") the named person is the speaker.
    """
    head_m = mentions.of(tok)
    if head_m is not None and head_m.name:
        return ActorRef.from_mention(head_m)
    for c in tok.children:
        if c.dep_ == "appos":
            m = mentions.of(c)
            if m is not None and m.name:
                return ActorRef.from_mention(m)
    if head_m is not None:
        return ActorRef.from_mention(head_m)
    start, end = noun_phrase(tok)
    return unresolved_actor(tok.doc[start:end])


def is_unresolved_pronoun(tok: Token, ref: ActorRef, cfg: SpeechConfig) -> bool:
    return ref.country is None and ref.name is None and tok.lower_ in cfg.fallback_pronouns
