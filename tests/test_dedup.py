"""Identity and duplicates: content-hash ids, exact duplicates stored once, near-duplicates
marked with duplicate_of (within a run and across runs), idempotent re-ingest."""

from __future__ import annotations

from pathlib import Path

from detente.clean import NearDuplicateIndex, signature
from detente.ingest import ingest_paths
from detente.records import article_id_for
from detente.store import Store

WIRE = [
    "CALDER (Calder Wire) — The foreign ministers of Arland and Borovia agreed on Thursday to reopen "
    "talks on the disputed river border, the first such meeting in nearly three years.",
    "The two ministers met for four hours in the old town hall of Calder and said afterwards that "
    "their experts would draft a plan for joint patrols on the river before the end of the summer.",
    "Arland's minister said the meeting had been frank and useful, while her Borovian counterpart "
    "spoke of a new chapter in relations between the two neighbours after years of tension.",
    "The river border has been disputed since a flood moved the main channel several hundred metres "
    "to the east, leaving a dozen villages unsure which country they belong to.",
    "Both governments have come under pressure from farmers on the river banks, who say the "
    "uncertainty keeps them from selling land or getting loans for new equipment.",
]
OTHER = [
    "Borovia's central bank raised its main interest rate by half a point on Tuesday, citing rising "
    "food prices and a weaker currency after a poor harvest in the eastern provinces.",
    "The bank's governor said further increases could follow if inflation did not slow by the autumn, "
    "and warned that the budget deficit was growing faster than planned.",
    "Economists in Calder said the decision had been expected and would do little to slow prices "
    "in the short term, since most of the rise came from imported fuel.",
]


def story(title: str, paragraphs: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def table_counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return {
            t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]
            for t in ("articles", "article_sources", "removals", "article_minhash")
        }


def test_id_is_the_hash_of_the_normalized_body(tmp_path: Path, tmp_db: Path) -> None:
    path = write(tmp_path, "a.txt", story("Arland and Borovia Reopen River Talks", WIRE))
    with Store(tmp_db) as store:
        report = ingest_paths([str(path)], store)
        [row] = store.article_rows()
    assert report.article_ids == [row["id"]] == [article_id_for(row["body"], row["title"])]


def test_exact_duplicates_are_stored_once_with_every_source(tmp_path: Path, tmp_db: Path) -> None:
    text = story("Arland and Borovia Reopen River Talks", WIRE)
    a = write(tmp_path, "a.txt", text)
    # Same body, other wrapping and other chrome: still the same article.
    b = write(tmp_path, "b.txt", "Breaking News\n\n" + text.replace(" talks on", "  talks\n\non"))
    with Store(tmp_db) as store:
        report = ingest_paths([str(a), str(b)], store)
        sources = store.query("SELECT source_path FROM article_sources ORDER BY source_path")
    assert (report.inserted, report.already_present, report.near_duplicates) == (1, 1, 0)
    assert [s["source_path"] for s in sources] == [str(a), str(b)]
    assert table_counts(tmp_db)["articles"] == 1


def test_near_duplicate_in_the_same_run(tmp_path: Path, tmp_db: Path) -> None:
    original = write(tmp_path, "1.txt", story("Arland and Borovia Reopen River Talks", WIRE))
    edited = WIRE[:-1] + [WIRE[-1].replace("new equipment", "new tractors and seed")]
    edited[0] = edited[0].replace("on Thursday", "on Thursday evening")
    copy = write(tmp_path, "2.txt", story("Neighbours Agree to Talk About the River Again", edited))
    unrelated = write(tmp_path, "3.txt", story("Borovia Raises Interest Rate", OTHER))
    with Store(tmp_db) as store:
        report = ingest_paths([str(original), str(copy), str(unrelated)], store)
        rows = {r["source_path"]: r for r in store.article_rows()}
    assert report.inserted == 3 and report.near_duplicates == 1
    assert rows[str(original)]["duplicate_of"] is None
    assert rows[str(copy)]["duplicate_of"] == rows[str(original)]["id"]
    assert rows[str(unrelated)]["duplicate_of"] is None


def test_near_duplicate_across_runs(tmp_path: Path, tmp_db: Path) -> None:
    original = write(
        tmp_path / "run1", "1.txt", story("Arland and Borovia Reopen River Talks", WIRE)
    )
    trimmed = write(
        tmp_path / "run2",
        "2.txt",
        story("Arland, Borovia to Talk", WIRE[:4] + [WIRE[4].replace("loans", "credit")]),
    )
    with Store(tmp_db) as store:
        ingest_paths([str(original)], store)
    with Store(tmp_db) as store:  # a new process would reopen the file the same way
        report = ingest_paths([str(trimmed)], store)
        rows = {r["source_path"]: r for r in store.article_rows()}
    assert report.near_duplicates == 1
    assert rows[str(trimmed)]["duplicate_of"] == rows[str(original)]["id"]


def test_chain_of_near_duplicates_points_to_the_first(tmp_path: Path, tmp_db: Path) -> None:
    first = write(tmp_path, "1.txt", story("Talks Reopen", WIRE))
    second = write(
        tmp_path, "2.txt", story("Talks Reopen", WIRE[:-1] + [WIRE[-1] + " Talks go on."])
    )
    third = write(
        tmp_path, "3.txt", story("Talks Reopen", WIRE[:-1] + [WIRE[-1] + " Talks went on."])
    )
    with Store(tmp_db) as store:
        ingest_paths([str(first), str(second), str(third)], store)
        rows = {r["source_path"]: r for r in store.article_rows()}
    root = rows[str(first)]["id"]
    assert rows[str(second)]["duplicate_of"] == root
    assert rows[str(third)]["duplicate_of"] == root


def test_reingesting_the_same_files_changes_nothing(tmp_path: Path, tmp_db: Path) -> None:
    write(tmp_path / "c", "1.txt", story("Arland and Borovia Reopen River Talks", WIRE))
    write(tmp_path / "c", "2.txt", story("Borovia Raises Interest Rate", OTHER))
    write(tmp_path / "c", "3.txt", story("Neighbours Talk Again", WIRE[:4]))
    with Store(tmp_db) as store:
        first = ingest_paths([str(tmp_path / "c")], store)
        before = store.article_rows()
    counts = table_counts(tmp_db)
    with Store(tmp_db) as store:
        second = ingest_paths([str(tmp_path / "c")], store)
        after = store.article_rows()
    assert first.inserted == 3 and second.inserted == 0 and second.already_present == 3
    assert second.near_duplicates == 0
    assert table_counts(tmp_db) == counts
    strip = [{k: v for k, v in r.items() if k != "ingested_at"} for r in before]
    assert strip == [{k: v for k, v in r.items() if k != "ingested_at"} for r in after]
    assert [r["ingested_at"] for r in before] == [r["ingested_at"] for r in after]


def test_index_confirms_candidates_by_similarity() -> None:
    index = NearDuplicateIndex(threshold=0.8)
    index.add("a", signature(" ".join(WIRE)))
    assert index.original_of(signature(" ".join(WIRE[:4]) + " " + WIRE[4][:-10])) == "a"
    assert index.original_of(signature(" ".join(OTHER))) is None
    assert index.original_of(signature(" ".join(WIRE[:2]))) is None  # too little in common


def test_shingles_are_every_run_of_words_joined() -> None:
    """shingles builds its n-grams by zipping shifted token lists: the same set as one
    slice and join per position, for any size, and the whole text when it is shorter."""
    import re

    from detente.clean.duplicates import shingles

    texts = [*WIRE, *OTHER, "Zoë  met ÅSA in Malmö; they TALKED.", "Lima.", "two words", "", "  "]
    for text in texts:
        words = re.findall(r"\w+", text.casefold())
        for size in (1, 2, 3, 5):
            if len(words) <= size:
                want = {" ".join(words).encode("utf-8")} if words else set()
            else:
                want = {" ".join(words[i : i + size]).encode("utf-8")
                        for i in range(len(words) - size + 1)}
            assert shingles(text, size) == want, (text, size)
    assert b"zo\xc3\xab met \xc3\xa5sa" in shingles(texts[-5], 3)
