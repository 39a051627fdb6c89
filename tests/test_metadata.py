"""Each metadata cue: title, authors, date, publisher, url, language (invented texts)."""

from __future__ import annotations

import pytest

from detente.clean import Hint, clean_text, date_in_url, parse_date, resolve_metadata

BODY = (
    "The foreign ministers of Arland and Borovia met in Calder on Tuesday to discuss a new border treaty.\n\n"
    "Both delegations called the talks constructive and agreed to meet again next month.\n"
)
TITLE = "Arland and Borovia Agree to Resume Border Talks"


def meta(text: str, hints: dict[str, Hint] | None = None):
    cleaned = clean_text(
        text, known_title=str(hints["title"].value) if hints and "title" in hints else None
    )
    return resolve_metadata(cleaned, hints), cleaned


def doc(*header: str, body: str = BODY, tail: str = "") -> str:
    return "\n".join([TITLE, *header, "", body]) + tail


# -- title ------------------------------------------------------------------------------


def test_title_is_the_first_headline_like_line() -> None:
    m, _ = meta(doc())
    assert m.title == TITLE
    assert m.evidence["title"].startswith("title-line")


def test_title_skips_a_tag_line_and_navigation() -> None:
    text = "Breaking News\n\nMara Lind\n\n" + doc()
    m, cleaned = meta(text)
    assert m.title == TITLE
    assert any(r.rule == "header-fragment" and r.text == "Mara Lind" for r in cleaned.removals)


def test_headline_ending_in_a_question_mark_is_a_title() -> None:
    m, _ = meta("Is the Border Treaty Between Arland and Borovia Finally Within Reach?\n\n" + BODY)
    assert m.title == "Is the Border Treaty Between Arland and Borovia Finally Within Reach?"


def test_no_title_when_the_text_starts_with_the_article() -> None:
    m, _ = meta(BODY)
    assert m.title is None


# -- authors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected", "cue"),
    [
        ("By Mara Lind", ["Mara Lind"], "byline-by"),
        ("By [Mara Lind](#) and Teo Brandt", ["Mara Lind", "Teo Brandt"], "byline-by"),
        ("BY MARA LIND", ["Mara Lind"], "byline-by"),
        ("Posted by Mara J. Lind", ["Mara J. Lind"], "byline-posted-by"),
        ("Mara Lind writes:", ["Mara Lind"], "byline-writes"),
        ("Author: Mara Lind", ["Mara Lind"], "byline-label"),
        ("*Mara Lind, Calder Institute for Peace*", ["Mara Lind"], "byline-italic"),
        (
            "By Mara Lind in Calder and Teo Brandt in Vessa",
            ["Mara Lind", "Teo Brandt"],
            "byline-by",
        ),
        ("By Mara Lind, Calder Courier diplomatic correspondent", ["Mara Lind"], "byline-by"),
        (
            "About the Author: Mara Lind serves as director of the Calder Institute.",
            ["Mara Lind"],
            "about-the-author",
        ),
    ],
)
def test_author_cues(line: str, expected: list[str], cue: str) -> None:
    m, cleaned = meta(doc(line))
    assert m.authors == expected
    assert m.evidence["authors"].startswith(cue)
    assert line.split()[0] not in cleaned.body.split()[:1]  # the byline is not body text
    assert all(name not in cleaned.body for name in expected)


def test_by_followed_by_no_name_is_not_a_byline() -> None:
    m, _ = meta(doc("By the end of the week"))
    assert m.authors == []


def test_bio_sentence_in_the_body_names_no_author() -> None:
    m, _ = meta(doc(body=BODY + "\nMara Lind is the new ambassador, officials said on Monday.\n"))
    assert m.authors == []


# -- published ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected", "cue"),
    [
        ("March 4, 2019", "2019-03-04", "date-line"),
        ("Published: 4 March 2019 10:45 GMT", "2019-03-04", "date-line"),
        ("Monday, March 4, 2019", "2019-03-04", "date-line"),
        ("Updated 2019-03-04", "2019-03-04", "date-line"),
        ("Published: 2019-03-04T11:20:00+05:30", "2019-03-04", "date-line"),
        ("date 2019-03-04 Register", "2019-03-04", "date-label"),
        ("Posted by Mara Lind on March 4, 2019", "2019-03-04", "byline-posted-by"),
        ("Published: Mon, March 04, 2019", "2019-03-04", "date-line"),
        ("Arland Wire - Monday, March 4, 2019", "2019-03-04", "date-line"),
        ("Mon, Mar 04, 2019 - Page 3", "2019-03-04", "date-line"),
        ("Updated 9:05 a.m. ET, March 4, 2019", "2019-03-04", "date-line"),
        ("Published: Mar 4, 2019 9:05 AM Updated: Mar 4, 2019 11:30 AM", "2019-03-04", "date-line"),
        ("4 March 2019 - 09:05", "2019-03-04", "date-line"),
        ("Submitted on 2019-03-04 09:05:11", "2019-03-04", "date-line"),
        ("This Article is From Mar 04, 2019", "2019-03-04", "date-line"),
    ],
)
def test_date_cues(line: str, expected: str, cue: str) -> None:
    m, cleaned = meta(doc(line))
    assert m.published == expected
    assert m.evidence["published"].startswith(cue)
    assert "2019" not in cleaned.body


def test_a_date_in_a_sentence_is_not_a_date_line() -> None:
    """Twin of the date-line cases: a line that states a date inside running text stays."""
    line = "Talks resumed on Monday, March 4, 2019 - the first round in a year"
    m, cleaned = meta(doc(line))
    assert m.published is None
    assert line in cleaned.body


def test_stamp_glued_to_a_headline() -> None:
    """A live blog's "<headline>published at HH:MM GMT <date>": the stamp is the date, the
    headline (the title) stays without it."""
    headline = "Borovia recalls its envoy from Arland over dam row"
    text = f"{headline}published at 10:15 Greenwich Mean Time 4 March 2019\n\n{BODY}"
    m, cleaned = meta(text)
    assert m.published == "2019-03-04"
    assert m.evidence["published"].startswith("headline-stamp")
    assert m.title == headline
    assert cleaned.body.startswith(headline + "\n\n")
    assert "Greenwich" not in cleaned.body


def test_view_counter_glued_to_a_headline() -> None:
    """"<headline> MM/DD/YYYY HH:MM:SS. Total views N.": date read, counter dropped, the
    headline kept as the title."""
    headline = "Arland expels Borovian consul in Calder"
    text = f"{headline} 03/04/2019 09:05:11. Total views 412. Views today — 7.\n\n{BODY}"
    m, cleaned = meta(text)
    assert m.published == "2019-03-04"
    assert m.evidence["published"].startswith("headline-views")
    assert m.title == headline
    assert "Total views" not in cleaned.body and cleaned.body.startswith(headline + "\n\n")
    # twin: a headline with a number in it but no counter is left whole
    plain = "Arland expels 12 Borovian diplomats in Calder"
    m, cleaned = meta(f"{plain}\n\n{BODY}")
    assert m.title == plain and m.published is None


def test_dateline_with_a_full_date() -> None:
    body = "CALDER, March 4, 2019 — The foreign ministers of Arland and Borovia met on Tuesday.\n"
    m, cleaned = meta(doc(body=body))
    assert m.published == "2019-03-04"
    assert m.evidence["published"].startswith("dateline-date")
    assert cleaned.body.split("\n\n")[1].startswith("CALDER, March 4, 2019 —")  # the dateline stays


def test_date_from_the_url_path() -> None:
    text = doc(
        tail="\nOriginal url:\n\n<https://www.calder-courier.example/2019/03/04/talks-a12>\n"
    )
    m, _ = meta(text)
    assert m.url == "https://www.calder-courier.example/2019/03/04/talks-a12"
    assert m.published == "2019-03-04"
    assert m.evidence["published"].startswith("url-path-date")


@pytest.mark.parametrize("line", ["March 4", "Monday", "yesterday", "4 March", "2019"])
def test_incomplete_dates_are_never_completed_from_today(line: str) -> None:
    m, _ = meta(doc(line))
    assert m.published is None
    assert "published" not in m.evidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January 26, 2018", "2018-01-26"),
        ("2018-01-26T09:00:00Z", "2018-01-26"),
        ("26 Jan. 2018", "2018-01-26"),
        ("Jan 26", None),
        ("last Tuesday", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_url_without_a_complete_date_gives_none() -> None:
    assert date_in_url("https://example.org/2019/03/story") is None
    assert date_in_url("https://example.org/2019/03/04/story") == "2019-03-04"


# -- publisher ------------------------------------------------------------------------------


def test_publisher_from_a_known_domain() -> None:
    text = doc(tail="\nOriginal url: https://www.themoscowtimes.com/2019/03/04/talks-a12\n")
    m, _ = meta(text)
    assert m.publisher == "The Moscow Times"
    assert m.evidence["publisher"].startswith("url-domain")


def test_unknown_domain_is_kept_as_the_domain() -> None:
    m, _ = meta(doc(tail="\nOriginal url: https://news.example.org/x/talks\n"))
    assert m.publisher == "example.org"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "CALDER (Arland Press) — The foreign ministers met on Tuesday in the old town hall.\n",
            "Arland Press",
        ),
        (
            "CALDER (AP) — The foreign ministers met on Tuesday in the old town hall.\n",
            "Associated Press",
        ),
        (
            "NEW CALDER, March 4 (Reuters) - The foreign ministers met on Tuesday in the town hall.\n",
            "Reuters",
        ),
    ],
)
def test_publisher_from_a_dateline(body: str, expected: str) -> None:
    m, cleaned = meta(doc(body=body))
    assert m.publisher == expected
    assert m.evidence["publisher"].startswith("dateline-agency")
    assert m.published is None  # "March 4" has no year
    assert "(" in cleaned.body  # the dateline is kept


def test_publisher_from_a_closing_credit() -> None:
    tail = (
        "\nThe views expressed in this commentary do not necessarily reflect the views "
        "of The Calder Courier.\n"
    )
    m, cleaned = meta(doc(tail=tail))
    assert m.publisher == "The Calder Courier"
    assert m.evidence["publisher"].startswith("views-disclaimer")
    assert "views expressed" not in cleaned.body


def test_publisher_alias_is_named_readably() -> None:
    tail = "\nRFE/RL journalists cover the region in a dozen languages.\n"
    m, _ = meta(doc(tail=tail))
    assert m.publisher == "Radio Free Europe/Radio Liberty"


def test_domain_beats_closing_credit() -> None:
    tail = (
        "\nThe views expressed in this commentary do not necessarily reflect the views "
        "of Another Paper.\n\nOriginal url: https://www.themoscowtimes.com/a/b\n"
    )
    m, _ = meta(doc(tail=tail))
    assert m.publisher == "The Moscow Times"


# -- url ------------------------------------------------------------------------------------


def test_original_url_on_the_same_line() -> None:
    m, cleaned = meta(doc(tail="\nOriginal url: <https://example.org/story-1>\n"))
    assert m.url == "https://example.org/story-1"
    assert m.evidence["url"].startswith("original-url")
    assert "Original url" not in cleaned.body and "example.org" not in cleaned.body


def test_original_url_on_the_next_line() -> None:
    m, cleaned = meta(doc(tail="\nOriginal url:\n\n<https://example.org/story-2>"))
    assert m.url == "https://example.org/story-2"
    assert "example.org" not in cleaned.body


# -- language -----------------------------------------------------------------------------


def test_language_is_identified() -> None:
    m, _ = meta(doc())
    assert m.language == "en"
    assert m.evidence["language"].startswith("language-id")


def test_language_of_a_german_text() -> None:
    body = (
        "Die Außenminister von Arland und Borovia trafen sich am Dienstag in Calder, um über "
        "einen neuen Grenzvertrag zu sprechen. Beide Delegationen nannten die Gespräche konstruktiv.\n"
    )
    m, _ = meta(body)
    assert m.language == "de"


def test_language_is_read_from_the_opening_of_the_body() -> None:
    """Only the first max_chars (metadata_cues.yaml) are read: a long German body with an
    English appendix past that point is German."""
    german = (
        "Die Außenminister von Arland und Borovia trafen sich am Dienstag in Calder, um über "
        "einen neuen Grenzvertrag zu sprechen. Beide Delegationen nannten die Gespräche "
        "konstruktiv und wollen sich im Herbst erneut treffen.\n\n"
    )
    english = (
        "The foreign ministers of Arland and Borovia met in Calder on Tuesday to discuss a new "
        "border treaty, and both delegations called the talks constructive.\n\n"
    )
    m, _ = meta(german * 5 + english * 40)
    assert m.language == "de"


def test_language_of_a_very_short_text_stays_unknown() -> None:
    m, _ = meta("Talks resumed today.\n")
    assert m.language is None


# -- structured hints -----------------------------------------------------------------------


def test_hints_win_and_say_where_they_come_from() -> None:
    hints = {
        "title": Hint("A Title From Metadata", "<meta og:title>"),
        "authors": Hint("Pia Holm; Jon Vale", "<meta author>"),
        "published": Hint("2020-05-06T10:00:00Z", "<meta article:published_time>"),
        "publisher": Hint("sputniknews.com", "trafilatura sitename"),
    }
    m, _ = meta(doc("By Mara Lind", "March 4, 2019"), hints)
    assert m.title == "A Title From Metadata"
    assert m.authors == ["Pia Holm", "Jon Vale"]
    assert m.published == "2020-05-06"
    assert m.publisher == "Sputnik"  # a domain given as site name is named readably
    assert m.evidence["published"] == "metadata: <meta article:published_time>"


def test_bad_hint_falls_back_to_the_text() -> None:
    m, _ = meta(doc("March 4, 2019"), {"published": Hint("not a date", "CSV column 'date'")})
    assert m.published == "2019-03-04"
    assert m.evidence["published"].startswith("date-line")


def test_authors_from_a_wire_credit_at_the_end() -> None:
    tail = "\n(Reporting by Mara Lind in Calder and Teo Brandt; Editing by Pia Holm)\n"
    m, cleaned = meta(doc(tail=tail))
    assert m.authors == ["Mara Lind", "Teo Brandt"]
    assert m.evidence["authors"].startswith("wire-credit")
    assert "Reporting by" not in cleaned.body


def test_title_ending_with_an_initialism() -> None:
    m, cleaned = meta("Borovia frees two prisoners in exchange with U.S.\n\n" + BODY)
    assert m.title == "Borovia frees two prisoners in exchange with U.S."
    assert cleaned.body.startswith(m.title + "\n\nThe foreign ministers")


def test_known_title_ending_with_an_initialism_is_not_the_first_sentence() -> None:
    title = "Borovia frees two prisoners in exchange with U.S."
    text = f"{title}\nA dek line without a full stop\nBy Mara Lind\n{BODY}"
    m, cleaned = meta(text, {"title": Hint(title, "<meta og:title>")})
    assert m.authors == ["Mara Lind"]
    assert cleaned.body.startswith("A dek line without a full stop\n\nThe foreign ministers")


def test_masthead_matching_the_domain_names_the_publisher() -> None:
    text = "Global Calder Wire\n\nBreaking News\n\n" + doc(
        tail="\nOriginal url: https://www.globalcalderwire.example/2019/03/04/x\n"
    )
    m, cleaned = meta(text)
    assert m.publisher == "Global Calder Wire"
    assert m.evidence["publisher"].startswith("masthead")
    assert m.title == TITLE


def test_outlet_self_description_beats_the_wire_dateline() -> None:
    body = "CALDER (Calder Wire) — The foreign ministers met on Tuesday in the old town hall.\n"
    tail = "\nOpen Lakes Radio is a listener-supported broadcaster.\n"
    m, _ = meta(doc(body=body, tail=tail))
    assert m.publisher == "Open Lakes Radio"
