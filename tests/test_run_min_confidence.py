"""`detente run --min-confidence`: events under the bar are not stored; the rest are."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from detente.cli import app
from detente.store import Store

STORY = ("Germany Expels Russian Diplomats\n\nGermany expelled two Russian diplomats on Friday, "
         "the foreign ministry in Berlin said. Russia condemned the decision.\n")


def _events(tmp_path: Path, name: str, *options: str) -> list[dict]:
    src = tmp_path / "story.txt"
    src.write_text(STORY, encoding="utf-8")
    db = tmp_path / f"{name}.duckdb"
    res = CliRunner().invoke(app, ["run", str(src), "--db", str(db), "-q", *options])
    assert res.exit_code == 0, res.output
    with Store(db, read_only=True) as store:
        return store.query("SELECT plover, confidence FROM events")


def test_min_confidence_keeps_only_confident_events(tmp_path: Path) -> None:
    every = _events(tmp_path, "all")
    assert every and any(e["plover"] == "SANCTION" for e in every)
    bar = sorted(e["confidence"] for e in every)[len(every) // 2]
    kept = _events(tmp_path, "kept", "--min-confidence", str(bar))
    assert kept and all(e["confidence"] >= bar for e in kept)
    assert len(kept) < len(every) or min(e["confidence"] for e in every) >= bar
    assert _events(tmp_path, "none", "--min-confidence", "1.0") == []  # no rule is that sure
