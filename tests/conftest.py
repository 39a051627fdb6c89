"""Fixtures shared by all test modules (keep this file small and general)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    """Path of a fresh (not yet created) DuckDB database file."""
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared next to the repository; the test is skipped when it is absent."""
    path = REPO.parent / "shared"
    if not path.is_dir():
        pytest.skip(f"{path} is not present")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """../shared/corpus/seeds; the test is skipped when it is absent."""
    path = shared_dir / "corpus" / "seeds"
    if not path.is_dir() or not any(path.glob("*.txt")):
        pytest.skip(f"{path} is not present")
    return path


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """tests/fixtures (texts written for the tests)."""
    return FIXTURES


@pytest.fixture(scope="session")
def sample_articles(tmp_path_factory: pytest.TempPathFactory) -> list:
    """The sample corpus (examples/corpus) as `detente run` stores it, in id order."""
    from detente.ingest import ingest_paths
    from detente.pipeline import article_from_row
    from detente.store import Store

    db = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    with Store(db) as store:
        ingest_paths([str(REPO / "examples" / "corpus")], store)
        rows = store.article_rows(order="id")
    assert len(rows) >= 40
    return [article_from_row(r) for r in rows]


@pytest.fixture
def parse_ahead_calls(monkeypatch: pytest.MonkeyPatch) -> list:
    """The ParseAhead pools whose code_batches ran during the test, which still runs them."""
    from detente.distributed.pool import ParseAhead

    used: list = []
    original = ParseAhead.code_batches

    def spy(self: ParseAhead, batches: object, coder: object) -> object:
        used.append(self)
        return original(self, batches, coder)

    monkeypatch.setattr(ParseAhead, "code_batches", spy)
    return used
