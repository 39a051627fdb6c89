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
