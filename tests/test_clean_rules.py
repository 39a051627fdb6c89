"""Every cleaning rule, on a text written for it (invented countries Arland and Borovia)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from detente.clean import clean_text, default_ruleset, load_ruleset
from detente.errors import ConfigError

TITLE = "Arland and Borovia Agree to Resume Border Talks"
S1 = "The foreign ministers of Arland and Borovia met in Calder on Tuesday to discuss a new border treaty."
S2 = "Both delegations called the talks constructive and agreed to meet again next month."
S3 = "Officials said a draft text could be ready before the winter session of parliament."


def article(
    *middle: str, top: tuple[str, ...] = (), head: tuple[str, ...] = (), tail: tuple[str, ...] = ()
) -> str:
    """An invented article with the given lines above the title, under it, inside and after it."""
    lines = [*top, TITLE, *head, "", S1, "", *middle, "", S2, "", S3, *tail]
    return "\n".join(lines) + "\n"


@dataclass
class Case:
    text: str
    removed: list[str] = field(default_factory=list)  # substrings of a Removal of this rule
    body_has: list[str] = field(default_factory=list)
    body_lacks: list[str] = field(default_factory=list)
    comments_has: list[str] = field(default_factory=list)
    found: dict[str, str] = field(default_factory=dict)  # field -> value found by this rule
    known_title: str | None = None
    rule: str | None = None  # the rule whose Removal is expected (default: the case id)


CASES: dict[str, Case] = {
    # -- rewrites ----------------------------------------------------------------------
    "nbsp": Case(
        article(
            "Talks resumed\u00a0in the capital after a pause of\u00a0three years, officials said."
        ),
        body_has=["Talks resumed in the capital after a pause of three years"],
        body_lacks=["\u00a0"],
    ),
    "invisible-chars": Case(
        article("The en\u00advoy arrived\u200b early on Monday morning in the capital city."),
        body_has=["The envoy arrived early on Monday"],
    ),
    "space-runs": Case(
        article("The envoy  arrived \t early on Monday morning in the capital city."),
        body_has=["The envoy arrived early on Monday"],
    ),
    "md-link": Case(
        article(
            "The talks were led by [Mara Lind](#) and [Teo Brandt](https://example.org/t) for both sides."
        ),
        body_has=["led by Mara Lind and Teo Brandt for both sides."],
        body_lacks=["](", "[Mara"],
    ),
    "md-escape": Case(
        article("The draft \\(a short text\\) was shared with both delegations on Monday."),
        body_has=["The draft (a short text) was shared"],
    ),
    "md-autolink": Case(
        article(
            "The joint statement was posted at <https://example.org/statement> on Monday evening."
        ),
        body_has=["posted at https://example.org/statement on Monday"],
    ),
    "md-heading": Case(
        "## " + article().lstrip(),
        found={"title": TITLE},
        rule="title-line",
    ),
    "md-bold": Case(
        article("The treaty is **not** final yet, officials in both capitals said on Monday."),
        body_has=["The treaty is not final yet"],
    ),
    "md-italic": Case(
        article("The treaty is *not* final yet, and the _annex_ is still open, officials said."),
        body_has=["The treaty is not final yet, and the annex is still open"],
    ),
    "md-rule": Case(article("* * *"), removed=["* * *"]),
    "bullet-mark": Case(
        article("- Borovia Says the Crossing Will Reopen in Spring"),
        body_has=["\n\nBorovia Says the Crossing Will Reopen in Spring\n\n"],
        body_lacks=["- Borovia"],
    ),
    # -- datelines: the dateline ends its own line, its text stays --------------------------
    "dateline-caps": Case(
        article("CALDER, May 2 (Arland Wire): Border guards reopened the crossing at dawn."),
        body_has=["CALDER, May 2 (Arland Wire):\nBorder guards reopened the crossing at dawn."],
    ),
    "dateline-name": Case(
        article("Calder, May 2: Border guards reopened the crossing at dawn on Friday."),
        body_has=["Calder, May 2:\nBorder guards reopened the crossing at dawn on Friday."],
    ),
    "dateline-agency-only": Case(
        article("(ARLANDPRESS) - Border guards reopened the crossing at dawn on Friday."),
        body_has=["(ARLANDPRESS) -\nBorder guards reopened the crossing at dawn on Friday."],
    ),
    # -- navigation, player residue, photos, teasers -----------------------------------------
    "nav-accessibility": Case(
        article(top=("Accessibility links", "")), removed=["Accessibility links"]
    ),
    "nav-breaking": Case(article(top=("Breaking News", "")), removed=["Breaking News"]),
    "nav-menu": Case(article("Share"), removed=["Share"]),
    "release-label": Case(
        article(top=("For Immediate Release", "")), removed=["For Immediate Release"]
    ),
    "nav-newsletter": Case(
        article("Sign up for our weekly newsletter on foreign affairs"), removed=["Sign up for our"]
    ),
    "media-please-wait": Case(article("please wait"), removed=["please wait"]),
    "media-no-source": Case(
        article("No media source currently available"), removed=["No media source"]
    ),
    "media-timecodes": Case(article("0:00 0:02:15 0:00"), removed=["0:02:15"]),
    "media-watch-listen": Case(
        article("WATCH: Ministers Meet In Calder After Two Years"), removed=["WATCH: Ministers"]
    ),
    "media-embed": Case(article("Embed"), removed=["Embed"]),
    "photo-credit": Case(
        article("Ministers at the crossing\n© Calder Photo Agency / Jan Novak"),
        removed=["© Calder Photo Agency"],
        body_lacks=["Ministers at the crossing"],
    ),
    "caption-sentence": Case(
        article("© Calder Photo Agency / Jan Novak\nThe old town hall in Calder."),
        removed=["The old town hall in Calder."],
        rule="caption-fragment",
    ),
    "caption-fragment": Case(
        article(
            "Teo Brandt\nPhoto: Calder Photo Agency\nBorovia Sets Trust as Its Main Goal\n"
            "The talks are the first since the crossing was closed two years ago."
        ),
        removed=["Teo Brandt", "Borovia Sets Trust as Its Main Goal"],
        body_has=["The talks are the first since the crossing was closed two years ago."],
    ),
    "image-label": Case(article("  • 16x9 Image"), removed=["16x9 Image"]),
    "teaser-read-more": Case(
        article("READ MORE: Borovia Opens New Consulate in Arland"), removed=["READ MORE"]
    ),
    "teaser-related": Case(
        article("Related article: [Borovia Opens New Consulate \\(Op-ed\\)](#)"),
        removed=["Related article: Borovia Opens New Consulate (Op-ed)"],
    ),
    # -- trailers and comments ------------------------------------------------------------
    "trailer-latest": Case(
        article(
            tail=(
                "",
                "Latest Stories",
                "",
                "Another Headline About Something Else",
                "",
                "A Third Headline About Trade",
            )
        ),
        removed=["Latest Stories", "A Third Headline About Trade"],
        body_lacks=["Another Headline"],
    ),
    "comment-writes": Case(
        article(
            tail=(
                "",
                "",
                "Lisbon, Portugal",
                "March 3, 2011",
                "",
                "Ana in Lisbon writes:",
                "",
                "I hope the talks succeed this time and that the crossing",
                "stays open.",
            )
        ),
        removed=["Ana in Lisbon writes:"],
        body_lacks=["Ana in Lisbon", "Lisbon, Portugal", "March 3, 2011", "I hope the talks"],
        comments_has=[
            "Lisbon, Portugal",
            "March 3, 2011",
            "Ana in Lisbon writes:",
            "I hope the talks succeed this time and that the crossing stays open.",
        ],
    ),
    "comment-header": Case(
        article(tail=("", "Comments (2)", "", "Great article, thanks for the clear report.")),
        body_lacks=["Great article"],
        comments_has=["Great article, thanks for the clear report."],
    ),
    # -- closing credits, disclaimers, author boxes ----------------------------------------
    "detente-sample-disclaimer": Case(
        article(
            tail=(
                "",
                "This is an illustrative sample written for the detente project; "
                "it is not real reporting.",
            )
        ),
        removed=["illustrative sample"],
    ),
    "views-disclaimer": Case(
        article(
            tail=(
                "",
                "The opinions expressed in this column do not necessarily reflect "
                "the policy of The Calder Courier.",
            )
        ),
        removed=["do not necessarily reflect"],
        found={"publisher": "The Calder Courier"},
    ),
    "project-credit": Case(
        article(
            tail=(
                "",
                "*This essay is part of the [Border Futures](#) series produced by Calder "
                "Institute for Peace in partnership with the Arland Forum.*",
            )
        ),
        removed=["This essay is part of the Border Futures series"],
        found={"publisher": "Calder Institute for Peace"},
    ),
    "rferl-mission": Case(
        article(
            tail=(
                "",
                "RFE/RL journalists cover the region in a dozen languages.",
            )
        ),
        removed=["RFE/RL journalists"],
        found={"publisher": "RFE/RL"},
    ),
    "outlet-mission": Case(
        article(tail=("", "Support independent journalism from Calder: donate today.")),
        removed=["Support independent journalism"],
    ),
    "wire-credit": Case(
        article(
            tail=(
                "",
                "Reporting by Mara Lind; Editing by Teo Brandt",
                "With reporting by Calder Wire and Arland Press",
            )
        ),
        removed=["Reporting by Mara Lind", "With reporting by Calder Wire"],
    ),
    "rights-reserved": Case(
        article(tail=("", "Calder Courier 2020. All rights reserved.")),
        removed=["All rights reserved"],
    ),
    "author-box": Case(
        article(
            head=("By Mara Lind",),
            tail=(
                "",
                "Mara Lind is a senior fellow at the Calder Institute. The views expressed "
                "in this article don't necessarily reflect the opinions of the Institute.",
            ),
        ),
        removed=["Mara Lind is a senior fellow"],
        body_lacks=["senior fellow", "views expressed"],
    ),
    "detente-sample-disclaimer-tail": Case(
        article(
            tail=(
                "",
                "Calder Wire is a news agency serving newsrooms in nine countries. This is an "
                "illustrative sample written for the detente project; it is not real reporting.",
            )
        ),
        removed=["This is an illustrative sample"],
        body_lacks=["Calder Wire is a news agency"],  # then outlet-self-description takes the rest
    ),
    "outlet-self-description": Case(
        article(tail=("", "Calder Wire is a news agency serving newsrooms in nine countries.")),
        removed=["Calder Wire is a news agency"],
        found={"publisher": "Calder Wire"},
    ),
    "outlet-tagline": Case(
        article(tail=("", "Borovia Review: independent journalism from the lakes since 2009.")),
        removed=["Borovia Review: independent journalism"],
        found={"publisher": "Borovia Review"},
    ),
    "opinion-disclaimer": Case(
        article(
            tail=(
                "",
                "*Opinions in this section are the author's own and are not those of Calder Forum.*",
            )
        ),
        removed=["Opinions in this section are the author's own"],
        found={"publisher": "Calder Forum"},
    ),
    "nav-menu-bar": Case(
        article("Share this article: Facebook | X | Email", top=("Home > World > Europe", "")),
        removed=["Home > World > Europe", "Facebook | X | Email"],
    ),
    "masthead": Case(
        article(top=("Calder Courier", "Home | World | Business | Opinion", "")),
        removed=["Calder Courier"],
        found={"publisher": "Calder Courier"},
    ),
    # -- structure ---------------------------------------------------------------------------
    # The headline is the title and stays in the body: a headline reports events.
    "title-line": Case(article(), body_has=[TITLE], found={"title": TITLE}),
    "title-repeat": Case(article(), removed=[TITLE], known_title=TITLE),
    "header-fragment": Case(
        article(
            head=(
                "",
                "Tiny standfirst here",
                "",
                "Calder Press Service",
            )
        ),
        removed=["Tiny standfirst here", "Calder Press Service"],
    ),
    "line-join": Case(
        article(
            "The ministers agreed that a new commission would draw up a plan for",
            "",
            "sharing the water of the river before the end of the year.",
        ),
        body_has=["would draw up a plan for sharing the water of the river"],
    ),
}


def test_dek_and_repeated_headline() -> None:
    """A dek of five words or more stays (it reports events); a headline printed twice is one."""
    dek = "Borovia Recalls Its Envoy From Arland Over Dam Dispute"
    result = clean_text(article(head=("", dek, "", TITLE)))
    assert result.body.count(TITLE) == 1
    assert dek in result.body
    assert any(r.rule == "title-repeat" and r.text == TITLE for r in result.removals)


def test_date_label_keeps_the_lede() -> None:
    """ "date 2021-03-04 <lede>": the label is metadata, the lede on the same line is body."""
    lede = "Arland recalled its ambassador from Borovia on Thursday, the foreign ministry said."
    result = clean_text(f"date 2021-03-04 {lede}\n\n{S1}\n\n{S2}\n")
    assert result.body.startswith(lede)
    assert any(f.field == "published" and f.value == "2021-03-04" for f in result.found)
    # twin: a label with only navigation residue behind it leaves nothing in the body
    bare = clean_text(f"date 2021-03-04 Register\n\n{S1}\n\n{S2}\n")
    assert "Register" not in bare.body


def test_every_rule_has_a_case() -> None:
    assert set(default_ruleset().rule_ids()) <= set(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule(rule_id: str) -> None:
    case = CASES[rule_id]
    result = clean_text(case.text, known_title=case.known_title)
    rule = case.rule or rule_id
    for piece in case.removed:
        assert any(r.rule == rule and piece in r.text for r in result.removals), (
            f"{rule} did not remove {piece!r}: {result.removals}"
        )
        assert piece not in result.body
    for piece in case.body_has:
        assert piece in result.body
    for piece in case.body_lacks:
        assert piece not in result.body
    for piece in case.comments_has:
        assert any(piece in c for c in result.comments), result.comments
    for fname, value in case.found.items():
        assert any(
            f.rule in (rule, rule_id) and f.field == fname and f.value == value
            for f in result.found
        ), result.found
    # The article's own sentences always survive.
    for sentence in (S1, S2, S3):
        assert sentence in result.body
    # Every removal names a rule and says why.
    assert all(r.rule and r.reason for r in result.removals)


def test_removal_line_numbers_point_at_the_input() -> None:
    text = article("READ MORE: Borovia Opens New Consulate in Arland")
    result = clean_text(text)
    removal = next(r for r in result.removals if r.rule == "teaser-read-more")
    assert text.splitlines()[removal.line - 1].startswith("READ MORE")


def test_comments_never_reach_the_body_and_keep_their_order() -> None:
    text = article(
        tail=(
            "",
            "Ana in Lisbon writes:",
            "",
            "First comment text here.",
            "",
            "Jon in Oslo writes:",
            "",
            "Second comment text here.",
        )
    )
    result = clean_text(text)
    assert len(result.comments) == 2
    assert "First comment" in result.comments[0] and "Second comment" in result.comments[1]
    assert "comment text" not in result.body


def test_writes_line_above_the_article_is_a_byline_not_a_comment() -> None:
    result = clean_text(article(head=("Mara Lind writes:",)))
    assert result.comments == []
    assert [f.value for f in result.found if f.field == "authors"] == ["Mara Lind"]


def test_a_long_line_ending_in_a_colon_introduces_the_text() -> None:
    """A statement's preamble ("The governments of A, B and C declare the following:") is
    the sentence that says who speaks; a short label ending in a colon is not text."""
    intro = "The governments of Arland, Borovia and Calderia, members of the Calder Group, declare the following:"
    body = clean_text(f"{TITLE}\n\n{intro}\n\n1. {S1}\n\n2. {S2}\n").body
    assert intro in body and S1 in body
    # twin: a short label ending in a colon above the text is dropped as a header fragment
    result = clean_text(f"{TITLE}\n\nKey points:\n\n{S1}\n\n{S2}\n")
    assert "Key points" not in result.body and S1 in result.body


def test_a_text_without_header_keeps_its_first_line() -> None:
    text = f"{S1}\n{S2}\n"
    result = clean_text(text)
    assert result.body == f"{S1}\n\n{S2}"
    assert result.removals == []


def test_bad_rule_file_names_the_rule(tmp_path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text(
        "version: 1\nstructure: {rules: []}\nrules:\n"
        "  - {id: broken-one, kind: drop_line, pattern: '(unclosed', reason: test}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="broken-one"):
        load_ruleset(cleaning_path=bad)


def test_unknown_rule_kind_is_rejected(tmp_path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text(
        "version: 1\nstructure: {rules: []}\nrules:\n"
        "  - {id: odd-one, kind: explode, pattern: 'x', reason: test}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="odd-one"):
        load_ruleset(cleaning_path=bad)


def test_a_dateline_is_not_part_of_the_first_sentence() -> None:
    """ "CALDER (Calder Wire) — The ministers met": the dateline ends its own line, so the
    parser does not read it as the subject of the lede; its text stays in the body."""
    result = clean_text(f"{TITLE}\n\nCALDER (Calder Wire) — {S1}\n\n{S2}\n\n{S3}\n")
    assert f"CALDER (Calder Wire) —\n{S1}" in result.body
    assert any(f.field == "publisher" and f.value == "Calder Wire" for f in result.found)
