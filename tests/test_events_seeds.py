"""Events on the real seed articles (../shared/corpus/seeds; skipped when absent).

The clear events must be found with the right direction, and the op-ed made of
hopes and appeals must yield next to nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.ingest import ingest_paths
from detente.pipeline import code_pending
from detente.store import Store

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def seed_events(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    db = tmp_path_factory.mktemp("seed-events") / "seeds.duckdb"
    with Store(db) as store:
        ingest_paths([str(seeds_dir)], store)
        code_pending(store)
        rows = store.query(
            "SELECT a.source_path, e.cameo, e.plover, e.rule, e.source, e.target, e.modality "
            "FROM events e JOIN articles a ON a.id = e.article_id"
        )
        sources = store.query("SELECT source_path FROM articles")
    out: dict[str, list[dict]] = {Path(r["source_path"]).name[:3]: [] for r in sources}
    for r in rows:
        r["source"] = {a["country"] for a in json.loads(r["source"])}
        r["target"] = {a["country"] for a in json.loads(r["target"])}
        out[Path(r["source_path"]).name[:3]].append(r)
    return out


def _has(events, plover, source, target=None, cameo=None):
    """``source`` of several parties with no ``target``: a mutual act, one party the
    source and the others its targets ("A and B agreed")."""
    return any(
        e["plover"] == plover
        and (source <= e["source"] or (target is None and source <= e["source"] | e["target"]))
        and (target is None or target <= e["target"])
        and (cameo is None or e["cameo"] == cameo)
        for e in events
    )


def test_2010_blog_meetings_with_russian_officials(seed_events):
    events = seed_events["004"]
    meetings = [e for e in events if e["plover"] == "CONSULT" and "USA" in e["source"] and "RUS" in e["target"]]
    assert len(meetings) >= 2, events  # Shuvalov and Kudrin; Lavrov and Ryabkov
    assert _has(events, "AGREE", {"USA", "RUS"})  # what the two presidents agreed in June


def test_sanctions_and_staff_cuts(seed_events):
    events = seed_events["003"]
    assert _has(events, "SANCTION", {"RUS"}, {"USA"}, cameo="166")  # ordered to cut embassy staff
    assert _has(events, "SANCTION", {"USA"}, {"RUS"}, cameo="163")  # Congress tightened sanctions


def test_interference_accusation_and_peskov_blame(seed_events):
    events = seed_events["003"]
    assert _has(events, "ACCUSE", {"USA"}, {"RUS"})  # Huntsman: the government interfered
    assert _has(events, "ACCUSE", {"RUS"}, {"USA"})  # Peskov blamed the United States


def test_joint_declaration_on_syria(seed_events):
    assert _has(seed_events["001"], "SUPPORT", {"RUS", "USA"}, cameo="057")


def test_op_ed_of_hopes_and_appeals_yields_almost_nothing(seed_events):
    assert len(seed_events["002"]) <= 2, seed_events["002"]
    assert not [e for e in seed_events["002"] if e["modality"] == "demanded"]
