"""The cleaner keeps every news sentence, wherever the scraper left it (invented texts).

Each case has a twin: the boilerplate of the same shape still goes. The countries
(Arland, Borovia) and places (Calder) are made up.
"""

from __future__ import annotations

from detente.clean import clean_text

TITLE = "Borovia Closes Its Border Crossing With Arland"
S1 = "Borovia closed its main border crossing with Arland on Monday, citing security concerns."
S2 = "Arland's foreign ministry summoned the Borovian ambassador to protest the closure."
S3 = "Officials in Calder said trucks were already queuing for several kilometres."
# A lede the scraper cut before its full stop: longer than any headline, no stop.
CUT_LEDE = (
    "Borovia on Monday closed its main border crossing with Arland, a day after the two "
    "governments traded accusations over a dam on the river that marks their frontier and "
    "the Arland foreign minister warned that the"
)


def rules_of(result) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in result.removals:
        out.setdefault(r.rule, []).append(r.text)
    return out


def test_a_date_label_keeps_a_lede_cut_before_its_stop() -> None:
    result = clean_text(f"date 2021-03-04 {CUT_LEDE}\n\n{S2}\n\n{S3}\n")
    assert result.body.startswith(CUT_LEDE + "\n\n")
    assert rules_of(result)["date-label"] == ["date 2021-03-04"]
    # twin: navigation residue behind the label still goes with it
    bare = clean_text(f"date 2021-03-04 Register Login\n\n{S2}\n\n{S3}\n")
    assert "Register" not in bare.body and bare.body.startswith(S2)


def test_a_date_label_with_a_lede_is_where_the_article_starts() -> None:
    """The lines under "date ... <lede>" are body: a short subheading there is article
    text, not a header fragment."""
    result = clean_text(f"{TITLE}\n\ndate 2021-03-04 {S1}\n\nWhat comes next\n\n{S2}\n\n{S3}\n")
    assert result.body.startswith(f"{TITLE}\n\n{S1}\n\n")
    assert "\n\nWhat comes next\n\n" in result.body
    # twin: with the label alone on its line, a short line above the lede is a header fragment
    result = clean_text(f"{TITLE}\n\ndate 2021-03-04\n\nWhat comes next\n\n{S1}\n\n{S2}\n")
    assert "What comes next" not in result.body
    assert result.body.startswith(f"{TITLE}\n\n{S1}")
    assert any(r.rule == "header-fragment" and r.text == "What comes next" for r in result.removals)


def test_bullet_points_under_the_headline_stay_without_their_bullets() -> None:
    text = (
        f"{TITLE}\n"
        "- Arland says the closure breaks the transit treaty signed by both governments\n"
        "• Hundreds of trucks are stuck on the Calder road\n\n"
        f"{S1}\n\n{S2}\n"
    )
    result = clean_text(text)
    assert "\n\nArland says the closure breaks the transit treaty signed by both governments\n\n" in result.body
    assert "\n\nHundreds of trucks are stuck on the Calder road\n\n" in result.body
    assert "- Arland" not in result.body and "•" not in result.body
    # twin: a bulleted menu entry above the article is still a header fragment
    menu = clean_text(f"{TITLE}\n- World\n\n{S1}\n\n{S2}\n")
    assert "World" not in menu.body
    assert any(r.rule == "header-fragment" and "World" in r.text for r in menu.removals)


def test_a_lower_case_bullet_is_not_joined_to_the_line_above() -> None:
    """A list of notes in lower case: each stays a line of its own (not a broken sentence)."""
    text = f"{S1}\n- talks on the dam to resume next week\n- trucks rerouted through Calder\n\n{S2}\n"
    body = clean_text(text).body
    assert "- talks on the dam to resume next week" in body
    assert "security concerns. talks" not in body and "next week trucks" not in body


def test_a_long_caption_above_the_article_stays_a_short_credit_goes() -> None:
    caption = (
        "Border guards stand at the closed crossing near Calder on Monday, March 1, 2021, a day "
        "after Borovia accused Arland of diverting the river. Arland denies the charge. "
        "CALDER PHOTO AGENCY"
    )
    result = clean_text(f"{TITLE}\n\n{caption}\n\nCalder Photo Agency\n\n{S1}\n\n{S2}\n")
    assert caption in result.body
    # twin: the short credit line without a stop is a header fragment
    assert "\n\nCalder Photo Agency\n\n" not in result.body
    assert any(r.rule == "header-fragment" and r.text == "Calder Photo Agency" for r in result.removals)


def test_a_related_box_inside_the_article_drops_its_heading_only() -> None:
    paragraph = (
        '"We will not accept a closed border," the Arland foreign minister told reporters in '
        "Calder on Tuesday, adding that his government had asked Borovia to reopen the crossing "
        "within a week and had called in the Borovian ambassador for the second time."
    )
    result = clean_text(f"{TITLE}\n\n{S1}\n\nRelated Articles\n\n{paragraph}\n\n{S3}\n")
    assert paragraph in result.body and S3 in result.body
    assert "Related Articles" not in result.body
    assert [r.text for r in result.removals if r.rule == "trailer-latest"] == ["Related Articles"]
    # twin: a heading over a list of headlines is a trailer: it and the list go
    trailer = clean_text(
        f"{TITLE}\n\n{S1}\n\n{S2}\n\nRelated Articles\n\nArland Names New Envoy\n\nTrade Fair Opens in Calder\n"
    )
    assert S2 in trailer.body and "Arland Names New Envoy" not in trailer.body


def test_datelines_end_their_own_line() -> None:
    for dateline in ("CALDER:", "CALDER, Borovia -", "CALDER/ARLANDIA, March 4 (Arland Wire) -",
                     "CALDER, March 4. /ARLANDPRESS/.", "Calder, March 4 (Arland Wire) --",
                     "March 4, 2021 (ARLANDPRESS)—"):
        body = clean_text(f"{TITLE}\n\n{dateline} {S1}\n\n{S2}\n").body
        assert f"{dateline}\n{S1}" in body, dateline


def test_text_that_only_looks_like_a_dateline_stays_on_its_line() -> None:
    """Twins of the dateline cases: a hyphenated pair of capitals, a name with a colon but
    no day or agency, and a dateline shape below the lede are left alone."""
    for line in (
        "US-ARLAND talks on the dam resumed in Calder on Monday after a pause of a year.",
        "Calder: the border town where trucks have been queuing for two days now.",
    ):
        body = clean_text(f"{TITLE}\n\n{line}\n\n{S2}\n").body
        assert line in body, line
    late = "CALDER: Traders said the queue had grown overnight to several kilometres."
    body = clean_text(f"{TITLE}\n\n{S1}\n\n{S2}\n\n{S3}\n\n{S1}\n\n{late}\n").body
    assert late in body


def test_skip_links_and_release_labels_are_not_the_title() -> None:
    text = (
        "Skip to: Content\nSkip to: Site Navigation\nGo to home page\n\nFor Immediate Release\n\n"
        f"{TITLE}\n\n{S1}\n\n{S2}\n"
    )
    result = clean_text(text)
    assert [f.value for f in result.found if f.field == "title"] == [TITLE]
    for label in ("Skip to", "Go to home page", "For Immediate Release"):
        assert label not in result.body
    # twin: a headline that merely starts with the same words is the title and stays
    headline = "Press Release From Calder Angers Arland"
    kept = clean_text(f"{headline}\n\n{S1}\n\n{S2}\n")
    assert [f.value for f in kept.found if f.field == "title"] == [headline]
    assert kept.body.startswith(headline)
