"""The seed corpus (../shared/corpus/seeds, read at run time; skipped when absent).

Expected values are facts the seed texts state (titles, names, dates,
domains); no seed text is copied here. Bodies are checked for the absence
of the boilerplate the cleaner must drop.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from detente.ingest import ingest_paths
from detente.store import Store

pytestmark = pytest.mark.seeds

EXPECTED = {
    "000": {
        "title_sha256": "4c515e02b907bf6d",
        "authors": ["Jon Huntsman"],
        "published": "2018-01-26",
        "publisher": "The Moscow Times",
        "url_sha256": "853fa3e8dd372620",
    },
    "001": {
        "title_sha256": "611a6fbce6daac1c",
        "authors": [],
        "published": "2017-12-04",
        "publisher": "Sputnik",
        "url": None,
    },
    "002": {
        "title_sha256": "71f06db37952ff44",
        "authors": ["Sergey Oznobishchev"],
        "published": None,
        "publisher": "Carnegie Corporation of New York",
        "url": None,
    },
    "003": {
        "title_sha256": "e5dfd15a0cbb7482",
        "authors": [],
        "published": None,  # the text gives days and months, never the year
        "publisher": "Radio Free Europe/Radio Liberty",
        "url": None,
    },
    "004": {
        "title_sha256": "d154faa4bf22954b",
        "authors": ["William J. Burns"],
        "published": "2010-09-10",
        "publisher": None,  # the text does not name the outlet
        "url": None,
    },
}

# Boilerplate that must not reach any body (short markers, not seed text).
BOILERPLATE = [
    "please wait",
    "No media source",
    "0:00",
    "Accessibility links",
    "Breaking News",
    "©",
    "READ MORE",
    "Related article",
    "](#)",
    "16x9 Image",
    "RFE/RL journalists",
    "do not necessarily reflect",
    "Original url",
    "themoscowtimes.com",
    "This post is part of",
    "writes:",
    "Latest Stories",
    "About the Author",
    "Posted by",
    "date 2017",
    "\u00a0",
    "**",
    "##",
    "WATCH:",
    "With reporting by",
    "Kremlin Press Service",
    "Photo:",
]


@pytest.fixture(scope="module")
def seed_rows(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with Store(db) as store:
        report = ingest_paths([str(seeds_dir)], store)
        rows = store.article_rows()
    assert report.problems == []
    return {Path(r["source_path"]).name[:3]: r for r in rows}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_metadata(seed_rows: dict[str, dict], seed: str) -> None:
    row = dict(seed_rows[seed])
    # Titles and the URL slug are checked by hash so that no seed text is committed to the repository.
    for key in ("title", "url"):
        row[f"{key}_sha256"] = hashlib.sha256((row[key] or "").encode()).hexdigest()[:16]
    for field, expected in EXPECTED[seed].items():
        assert row[field] == expected, (
            f"{seed} {field}: {row[field]!r} (evidence {row['evidence']})"
        )
    assert row["language"] == "en"


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_body_is_free_of_boilerplate(seed_rows: dict[str, dict], seed: str) -> None:
    body = seed_rows[seed]["body"]
    for marker in BOILERPLATE:
        assert marker not in body, f"{seed}: {marker!r} left in the body"
    title = seed_rows[seed]["title"]
    assert body.startswith(title) and body.count(title) == 1  # the headline is a sentence, once
    # Sentences broken across lines by the scraper are joined again.
    assert "\n\nto the " not in body and "\n\ninstance," not in body


def test_seed_bodies_keep_their_first_and_last_sentences(
    seed_rows: dict[str, dict], seeds_dir: Path
) -> None:
    for seed, row in seed_rows.items():
        source = next(seeds_dir.glob(f"{seed}_*.txt")).read_text(encoding="utf-8")
        first = row["body"].split("\n\n")[0]
        last = row["body"].split("\n\n")[-1]
        # Both come from the source text (modulo the spacing and markup the cleaner normalises).
        squash = " ".join(source.replace("\u00a0", " ").split())
        assert " ".join(first.split())[:60] in squash, seed
        assert " ".join(last.split())[-60:] in squash, seed
        assert len(row["body"]) > 1000, seed


def test_state_department_reader_comment_is_in_comments(seed_rows: dict[str, dict]) -> None:
    row = seed_rows["004"]
    [comment] = row["comments"]
    assert comment.startswith("New York, USA")
    assert "Ron in New York writes:" in comment
    paragraphs = comment.split("\n\n")
    # A sentence the scraper broke across lines is whole again.
    assert all(not p[:1].islower() for p in paragraphs)
    assert len(paragraphs) >= 4  # place, date, "... writes:", and the comment itself
    for paragraph in paragraphs:
        assert paragraph not in row["body"]


def test_no_other_seed_has_comments(seed_rows: dict[str, dict]) -> None:
    assert [s for s, r in seed_rows.items() if r["comments"]] == ["004"]
