"""Scraped plain text -> article body, reader comments, removals and metadata cues.

The cleaner applies the rules of cleaning_rules.yaml and the line cues of
metadata_cues.yaml in a fixed order (each step needs what the one before
found: the header boundary before the header-only cues, the authors before
the author box at the end):

  1. split into lines; early rewrites (spaces, markdown links)
  2. find the first sentence of the article: above it is the header
  3. metadata cues (byline, date line, "Original url") - read, and mostly dropped
  4. drop_line rules (navigation, player residue, credits, teasers)
  5. truncate rules (trailers such as "Latest Stories")
  6. comments_start rules: reader comments move to ``comments``
  7. drop_tail rules, from the last line up (disclaimers, mission statements, author box)
  7b. split_after rules: a dateline ends a line of its own, after every rule that matches
      whole lines has looked at it (nothing is dropped)
  8. re-join sentences the scraper broke across lines
  9. header structure: the title line, and the header lines that are not sentences

Nothing is dropped silently: every removal is a :class:`Removal` with the id
and reason of its rule, so ``detente show ID --explain`` can list them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from detente.clean.lines import (
    Line,
    caption,
    continues_on_next,
    fragment,
    headline_like,
    running_text,
    same_text,
    sentence_like,
    squashed,
    words,
)
from detente.clean.names import split_authors
from detente.clean.rules import FIELDS, Cue, Rule, RuleSet, default_ruleset
from detente.records import Removal


@dataclass
class Found:
    """A metadata value the text states, and where."""

    rule: str
    field: str
    value: str
    line: int
    text: str


@dataclass
class CleanResult:
    body: str
    comments: list[str] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)

    def authors(self) -> list[str]:
        return [f.value for f in self.found if f.field == "authors"]


class _Run:
    """State of one cleaning pass over one text."""

    def __init__(self, text: str, rules: RuleSet, known_title: str | None):
        self.rules = rules
        self.spec = rules.structure
        self.known_title = known_title
        self.removals: list[Removal] = []
        self.found: list[Found] = []
        self.comments: list[str] = []
        self.lines = self._split(text)
        self.header_end = self._find_header_end()

    # -- helpers ------------------------------------------------------------------------

    def _split(self, text: str) -> list[Line]:
        originals = text.splitlines()
        raws = [r.strip() for r in _rewritten(originals, text, self.rules.of_kind("rewrite", "early"))]
        cooked = _rewritten(raws, "\n".join(raws), self.rules.of_kind("rewrite", "late"))
        lines: list[Line] = []
        block = 0
        for no, (raw, text_) in enumerate(zip(raws, cooked, strict=True), start=1):
            text_ = text_.strip()
            if not text_:
                block += 1
                continue
            lines.append(Line(no=no, raw=raw, text=text_, block=block))
        return lines

    def _remove(self, line: Line, rule_id: str, text: str | None = None) -> None:
        line.removed = True
        line.removed_by = rule_id
        self.removals.append(
            Removal(
                rule_id, self.rules.reason(rule_id), line.text if text is None else text, line.no
            )
        )

    def _kept(self, start: int = 0) -> list[int]:
        return [i for i in range(start, len(self.lines)) if not self.lines[i].removed]

    def _scope(self, scope: str) -> range:
        """The indexes of the lines a rule of this scope reads. The lines and the header's
        end are settled when the run starts, so a step asks once per rule, not per line."""
        end, n = self.header_end, len(self.lines)
        if scope == "header":
            return range(min(end, n))
        if scope == "body":
            return range(end, n)
        if scope == "lead":
            return range(min(end + self.spec.lead_lines, n))
        if scope == "lede":
            return range(end, min(end + self.spec.lead_lines, n))
        return range(n)

    def _find_header_end(self) -> int:
        """Index of the first sentence of the article (lines matched by a rule don't count)."""
        patterns = [r.pattern for r in self.rules.of_kind("drop_line") if r.pattern]
        patterns += [c.pattern for c in self.rules.cues if c.spec.drop]
        long_line = None
        for i, line in enumerate(self.lines):
            if i >= self.spec.header_max_lines:
                return i if long_line is None else min(i, long_line)
            lede = self._lede_after_label(line)
            # raw is text itself when no rewrite changed the line: searched once then
            texts = (line.text,) if line.raw == line.text else (line.text, line.raw)
            if lede is None and any(p.search(t) for p in patterns for t in texts):
                continue
            if self.known_title and same_text(line.text, self.known_title):
                continue
            text = lede or self._with_continuation(i)
            if sentence_like(text, self.spec, first=i == 0):
                return i
            if long_line is None and len(words(text)) >= self.spec.sentence_min_words:
                long_line = i
        # No sentence at all: lines above the first long line are header; with no long
        # line either, the text is all header (chrome, a title, a caption).
        return long_line if long_line is not None else len(self.lines)

    def _lede_after_label(self, line: Line) -> str | None:
        """The text behind a dropped label on the same line ("date 2021-03-04 <lede>"),
        when it is running text or a headline; None otherwise.

        Such a line is where the article starts: the label goes, its text is the first
        sentence, so the lines under it are body, not header.
        """
        for cue in self.rules.cues:
            if not cue.spec.drop or "body" not in cue.pattern.groupindex:
                continue
            m = cue.pattern.search(line.raw if cue.spec.match_on == "raw" else line.text)
            if m and self._keeps_rest((m.group("body") or "").strip()):
                return m.group("body").strip()
        return None

    def _keeps_rest(self, rest: str) -> bool:
        """Text behind a label that is article text (running text or a headline), not
        navigation residue ("date 2021-03-04 Subscribe")."""
        return bool(rest) and (running_text(rest, self.spec) or headline_like(rest, self.spec))

    def _with_continuation(self, i: int) -> str:
        """Line i joined with the lines that continue its sentence (a scraper's line breaks)."""
        text = self.lines[i].text
        j = i + 1
        while j < len(self.lines) and continues_on_next(text, self.lines[j].text):
            text = f"{text} {self.lines[j].text}"
            j += 1
        return text

    # -- steps --------------------------------------------------------------------------

    def apply_cues(self) -> None:
        scoped = [(cue, self._scope(cue.spec.scope)) for cue in self.rules.cues]
        for i, line in enumerate(self.lines):
            if line.removed:
                continue
            for cue, scope in scoped:
                if i in scope and self._apply_cue(cue, i):
                    break

    def _apply_cue(self, cue: Cue, i: int) -> bool:
        line = self.lines[i]
        source = line.raw if cue.spec.match_on == "raw" else line.text
        m = cue.pattern.search(source)
        if not m:
            return False
        values = {k: v for k, v in m.groupdict().items() if k in FIELDS and v}
        values.update(cue.spec.set)
        extra: Line | None = None
        if cue.spec.field not in values and cue.next_line is not None:
            nxt = self._kept(i + 1)
            if nxt:
                m2 = cue.next_line.search(self.lines[nxt[0]].text)
                if m2 and m2.groupdict().get(cue.spec.field):
                    values[cue.spec.field] = m2.group(cue.spec.field)
                    extra = self.lines[nxt[0]]
        if cue.spec.field not in values:
            return False
        found = []
        shown = line.text if extra is None else f"{line.text} {extra.text}"
        for fname, value in values.items():
            if fname == "authors":
                for name in split_authors(value, self.rules):
                    found.append(Found(cue.id, fname, name, line.no, shown))
            else:
                found.append(Found(cue.id, fname, value.strip(), line.no, shown))
        if not any(f.field == cue.spec.field for f in found):
            return False  # e.g. "By Tuesday, ..." names nobody
        self.found.extend(found)
        rest = (m.groupdict().get("body") or "").strip()
        if cue.spec.drop and self._keeps_rest(rest):
            # "date 2022-03-04 Chile has expelled ...", "<headline>published at 10:15 GMT
            # 2 May 2022": the label or stamp goes, the lede or headline stays.
            label = f"{source[: m.start('body')]} {source[m.end('body') :]}".strip()
            self.removals.append(Removal(cue.id, self.rules.reason(cue.id), label, line.no))
            line.text = line.raw = rest
            return True
        if cue.spec.split_after and not cue.spec.drop and cue.spec.match_on == "text":
            _split_at(line, m.end())
        if cue.spec.drop:
            self._remove(line, cue.id)
            if extra is not None:
                self._remove(extra, cue.id)
        return True

    def split_lines(self) -> None:
        """End a line after what a split_after rule matches (a dateline), when article
        text follows on the same line: "CALDER, May 2 (Wire) — The ministers met" is
        parsed as two units, so the dateline is never the subject of the lede."""
        for rule in self.rules.of_kind("split_after"):
            scope = self._scope(rule.spec.scope)
            for i in self._kept():
                line = self.lines[i]
                if "\n" in line.text or i not in scope:
                    continue
                m = rule.pattern.search(line.text)  # type: ignore[union-attr]
                if m:
                    _split_at(line, m.end())

    def drop_lines(self) -> None:
        lines = self.lines
        for rule in self.rules.of_kind("drop_line"):
            if rule.pattern is None:
                continue
            search = rule.pattern.search
            for i in self._scope(rule.spec.scope):
                line = lines[i]
                if not line.removed and search(line.text):
                    self._remove(line, rule.id)
                    if rule.spec.adjacent_fragments:
                        self._drop_adjacent(i)

    def _drop_adjacent(self, i: int) -> None:
        """Drop the captions, tags and teaser headlines glued to a photo credit at line i.

        Fragments go in both directions; a short sentence goes only when it sits
        right under the credit and ends the block (a caption on its own, not the
        start of a paragraph that continues).
        """
        block = self.lines[i].block

        def in_block(j: int) -> bool:
            return 0 <= j < len(self.lines) and self.lines[j].block == block

        for step in (-1, 1):
            j = i + step
            while in_block(j):
                line = self.lines[j]
                if not line.removed:
                    if fragment(line.text, self.spec):
                        self._remove(line, "caption-fragment")
                    elif (
                        step == 1
                        and j == i + 1
                        and not in_block(j + 1)
                        and caption(line.text, self.spec)
                    ):
                        self._remove(line, "caption-fragment")
                        break
                    else:
                        break
                j += step

    def truncate(self) -> None:
        for i in self._kept(self.header_end):
            line = self.lines[i]
            rule = next(
                (r for r in self.rules.of_kind("truncate") if r.pattern.search(line.text)),  # type: ignore[union-attr]
                None,
            )
            if rule is None:
                continue
            if self._paragraph_follows(i):
                # A "Related Articles" box inside the article whose links the scraper lost:
                # the heading goes, the article's text under it stays.
                self._remove(line, rule.id)
                continue
            rest = self._kept(i)
            text = "\n".join(self.lines[j].text for j in rest)
            for j in rest:
                self.lines[j].removed = True
            self.removals.append(Removal(rule.id, rule.spec.reason, text, line.no))
            return

    def _paragraph_follows(self, i: int) -> bool:
        """The next kept line after line i is a paragraph of the article: a sentence longer
        than any headline. A trailer lists headlines (teasers), never such paragraphs."""
        nxt = self._kept(i + 1)
        if not nxt:
            return False
        text = self.lines[nxt[0]].text
        return sentence_like(text, self.spec) and len(words(text)) > self.spec.title_max_words

    def split_comments(self) -> None:
        starts: list[tuple[int, Rule]] = []
        for i in self._kept(max(self.header_end, 1)):
            for rule in self.rules.of_kind("comments_start"):
                if rule.pattern.search(self.lines[i].text):  # type: ignore[union-attr]
                    starts.append((i, rule))
                    break
        if not starts:
            return
        kept = self._kept()
        for n, (i, rule) in enumerate(starts):
            begin = i
            header_lines = 0
            for j in reversed([k for k in kept if self.header_end <= k < i]):
                if header_lines >= rule.spec.max_header_lines or self.lines[j].comment:
                    break
                if rule.header is None or not rule.header.search(self.lines[j].text):
                    break
                begin, header_lines = j, header_lines + 1
            end = starts[n + 1][0] if n + 1 < len(starts) else len(self.lines)
            members = [self.lines[k] for k in kept if begin <= k < end]
            for line in members:
                line.removed = line.comment = True
            text = _assemble([m.text for m in members])
            self.comments.append(text)
            self.removals.append(Removal(rule.id, rule.spec.reason, text, members[0].no))

    def trim_tail(self) -> None:
        authors = [f.value for f in self.found if f.field == "authors"]
        tail_rules = [(r, r.compiled(authors)) for r in self.rules.of_kind("drop_tail")]
        while True:
            kept = self._kept(self.header_end)
            if not kept:
                return
            line = self.lines[kept[-1]]
            for rule, pattern in tail_rules:
                m = pattern.search(line.text) if pattern else None
                if not m or not m.group(0).strip():
                    continue
                values = {k: v for k, v in m.groupdict().items() if k in FIELDS and v}
                values.update(rule.spec.set)
                for fname, value in values.items():
                    self.found.append(Found(rule.id, fname, value.strip(), line.no, m.group(0)))
                rest = (line.text[: m.start()] + line.text[m.end() :]).strip()
                self.removals.append(
                    Removal(rule.id, rule.spec.reason, m.group(0).strip(), line.no)
                )
                if rest:
                    line.text = rest
                else:
                    line.removed = True
                break
            else:
                return

    def join_broken(self) -> None:
        prev: int | None = None
        for i in self._kept():
            line = self.lines[i]
            same_part = prev is not None and (prev < self.header_end) == (i < self.header_end)
            if (
                prev is not None
                and same_part
                and continues_on_next(self.lines[prev].text, line.text)
            ):
                self.lines[prev].text = f"{self.lines[prev].text} {line.text}"
                line.removed = True  # merged, not dropped: no Removal record
                continue
            prev = i

    def _outlet_names(self) -> set[str]:
        """Squashed outlet names the text states elsewhere, and its web domain's name."""
        names = {squashed(f.value) for f in self.found if f.field == "publisher"}
        for f in self.found:
            if f.field == "url":
                host = urlsplit(f.value).hostname or ""
                labels = host.removeprefix("www.").split(".")
                if len(labels) >= 2:
                    names.add(squashed(labels[-2]))
        names.discard("")
        return names | {n.removeprefix("the") for n in names}

    def _is_masthead(self, i: int, names: set[str]) -> bool:
        line = self.lines[i]
        if squashed(line.text) in names or squashed(line.text).removeprefix("the") in names:
            return True
        # The first line of the page, with a menu bar glued under it.
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        first = not any(
            not ln.removed or ln.removed_by != "nav-accessibility" for ln in self.lines[:i]
        )
        return (
            first
            and nxt is not None
            and nxt.block == line.block
            and nxt.removed_by == "nav-menu-bar"
            and len(words(line.text)) <= 6
        )

    def structure(self) -> None:
        header = [i for i in self._kept() if i < self.header_end]
        names = self._outlet_names()
        title_done = False
        title_text: str | None = None
        kept_headlines: list[str] = []
        for i in header:
            line = self.lines[i]
            if not title_done and self._is_masthead(i, names):
                self.found.append(Found("masthead", "publisher", line.text, line.no, line.text))
                self._remove(line, "masthead")
                continue
            if self.known_title and same_text(line.text, self.known_title):
                self._remove(line, "title-repeat")
                title_done = True
                continue
            if not title_done and not self.known_title and headline_like(line.text, self.spec):
                # Kept in the body too: a headline is a sentence that reports events.
                self.found.append(Found("title-line", "title", line.text, line.no, line.text))
                title_done = True
                title_text = line.text
                kept_headlines.append(line.text)
                continue
            if title_done and title_text and same_text(line.text, title_text):
                self._remove(line, "title-repeat")
                continue
            if any(same_text(line.text, t) for t in kept_headlines):
                self._remove(line, "title-repeat")
                continue
            if headline_like(line.text, self.spec) and len(words(line.text)) >= self.spec.dek_min_words:
                kept_headlines.append(line.text)  # a second headline or dek reports events too
                continue
            if not running_text(line.text, self.spec):
                self._remove(line, "header-fragment")

    def result(self) -> CleanResult:
        body = _assemble([self.lines[i].text for i in self._kept()])
        removals = sorted(self.removals, key=lambda r: r.line)
        return CleanResult(body, self.comments, removals, self.found)


def _rewritten(lines: list[str], whole: str, rules: tuple[Rule, ...]) -> list[str]:
    """Each line with the rewrite rules applied in order, as if one line at a time: a line's
    rewrites never depend on another line. A rule whose whole-text test says it matches no
    line (``Rule.may_match`` on ``whole``, the text the lines come from) skips them all."""
    for rule in rules:
        test = rule.may_match
        if test is not None and not test(whole):
            continue
        pattern, replace = rule.pattern, rule.spec.replace
        lines = [pattern.sub(replace, line) for line in lines]  # type: ignore[union-attr]
        whole = "\n".join(lines)
    return lines


def _assemble(texts: list[str]) -> str:
    """Paragraphs separated by a blank line, broken sentences re-joined."""
    paragraphs: list[str] = []
    for text in texts:
        if paragraphs and continues_on_next(paragraphs[-1], text):
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
        else:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def clean_text(
    text: str, *, known_title: str | None = None, rules: RuleSet | None = None
) -> CleanResult:
    """Clean one scraped text.

    ``known_title`` is the title from structured metadata (HTML, a JSONL column):
    a header line repeating it is dropped, and no other line is taken as title.
    """
    run = _Run(text, rules or default_ruleset(), known_title)
    run.apply_cues()
    run.drop_lines()
    run.truncate()
    run.split_comments()
    run.trim_tail()
    run.split_lines()
    run.join_broken()
    run.structure()
    return run.result()


def _split_at(line: Line, end: int) -> None:
    """End the line at ``end`` when text follows (a dateline, a byline glued to the lede)."""
    head, rest = line.text[:end].rstrip(), line.text[end:].lstrip()
    if head and rest:
        line.text = f"{head}\n{rest}"
