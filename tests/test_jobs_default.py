"""`detente run` without --jobs uses the machine: the ``jobs`` setting, "auto" being the
cores the process may run on, at most AUTO_JOBS_MAX (issue 16)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import detente.pipeline as pipeline
from detente.cli import app
from detente.errors import ConfigError
from detente.ingest import ingest_paths
from detente.settings import load_settings, settings
from detente.store import Store


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    settings.cache_clear()  # read again with this test's environment
    yield
    settings.cache_clear()  # and again after it, with the environment restored


def _with_setting(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("DETENTE_JOBS", raising=False)
    else:
        monkeypatch.setenv("DETENTE_JOBS", value)
    settings.cache_clear()


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="no CPU affinity here")
@pytest.mark.parametrize(("cores", "jobs"), [(1, 1), (2, 2), (3, 3), (4, 4), (16, 4)])
def test_auto_is_the_cores_this_process_may_use_at_most_four(
    monkeypatch: pytest.MonkeyPatch, cores: int, jobs: int
) -> None:
    _with_setting(monkeypatch, None)
    assert load_settings({}).jobs == "auto"  # the shipped default
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)))
    assert pipeline.default_jobs() == jobs
    plan = pipeline.default_jobs_plan()  # what `run` reads: the jobs and their share
    assert (plan.jobs, plan.articles_per_job) == (jobs, pipeline.AUTO_ARTICLES_PER_JOB)


def test_a_number_in_the_setting_is_taken_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_setting(monkeypatch, "3")
    assert pipeline.default_jobs() == 3
    assert pipeline.default_jobs_plan() == (3, 0)  # no share: all three start
    with pytest.raises(ConfigError, match="DETENTE_JOBS"):
        load_settings({"DETENTE_JOBS": "0"})
    with pytest.raises(ConfigError, match="DETENTE_JOBS"):
        load_settings({"DETENTE_JOBS": "all"})


def _spy(seen: list[tuple[int, int]]) -> Any:
    """code_pending, noting the jobs and the articles per job it is handed."""
    original = pipeline.code_pending

    def spy(store: Any, **kw: Any) -> Any:
        seen.append((kw["jobs"], kw["articles_per_job"]))
        return original(store, **kw)

    return spy


def _corpus(root: Path) -> Path:
    root.mkdir()
    for i, (a, b) in enumerate([("Chile", "Peru"), ("Peru", "Bolivia"), ("Bolivia", "Chile")]):
        (root / f"story{i}.txt").write_text(
            f"{a} recalls its ambassador\n\n{a} recalled its ambassador from {b} on Monday "
            f"after a dispute over fishing rights. The foreign minister of {a} said the talks "
            f"with {b} had failed.\n",
            encoding="utf-8",
        )
    return root


@pytest.mark.parametrize(("setting", "options", "expected"), [
    ("2", [], (2, 0)),  # a number: as --jobs
    ("auto", [], (2, pipeline.AUTO_ARTICLES_PER_JOB)),  # on two cores, below
    ("auto", ["--jobs", "1"], (1, 0)),
])
def test_run_without_jobs_uses_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, options: list[str],
    expected: tuple[int, int],
) -> None:
    _with_setting(monkeypatch, setting)
    if hasattr(os, "sched_getaffinity"):
        monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    else:
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
    seen: list[tuple[int, int]] = []
    monkeypatch.setattr(pipeline, "code_pending", _spy(seen))
    db = tmp_path / "db.duckdb"
    result = CliRunner().invoke(app, ["run", str(_corpus(tmp_path / "in")), "--db", str(db),
                                      "--quiet", *options])
    assert result.exit_code == 0, result.output
    assert seen == [expected]
    with Store(db, read_only=True) as store:  # and the run coded what it read
        assert store.count("articles") == 3
        assert store.count("events") >= 3


def test_extra_patterns_keep_the_default_within_one_coding_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_setting(monkeypatch, "8")  # beyond PARSE_AHEAD_JOBS every worker would code
    seen: list[tuple[int, int]] = []
    monkeypatch.setattr(pipeline, "code_pending", _spy(seen))
    patterns = tmp_path / "team.yaml"
    patterns.write_text("verbs:\n- id: team-rebuke\n  lemma: [rebuke]\n  cameo: '111'\n"
                        "  comment: a team-written verb\n", encoding="utf-8")
    db = tmp_path / "db.duckdb"
    result = CliRunner().invoke(app, ["run", str(_corpus(tmp_path / "in")), "--db", str(db),
                                      "--quiet", "--patterns", str(patterns)])
    assert result.exit_code == 0, result.output
    assert seen == [(pipeline.PARSE_AHEAD_JOBS, 0)]
    # twin: asked for by name, more jobs than that are refused as before
    result = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--db", str(db), "--quiet",
                                      "--patterns", str(patterns), "--jobs", "4"])
    assert result.exit_code != 0 and "--patterns" in result.output


def _stored(tmp_path: Path, n: int) -> Store:
    store = Store(tmp_path / "db.duckdb")
    folder = _corpus(tmp_path / "in")
    for i in range(3, n):  # more stories, written as the first three are
        (folder / f"story{i}.txt").write_text(
            f"Chile protests\n\nChile protested to Peru on day {i} over a border post.\n",
            encoding="utf-8")
    ingest_paths([str(folder)], store, progress=False)
    return store


@pytest.mark.parametrize(("per_job", "parse_ahead"), [(100, False), (3, True)])
def test_processes_are_used_only_with_enough_articles_each(
    tmp_path: Path, parse_ahead_calls: list[Any], per_job: int, parse_ahead: bool
) -> None:
    store = _stored(tmp_path, 6)
    try:
        report = pipeline.code_pending(store, jobs=2, batch_size=2, articles_per_job=per_job)
    finally:
        store.close()
    assert report.coded == 6 and not report.failures
    assert bool(parse_ahead_calls) is parse_ahead  # 6 articles: 2 processes at 3 a job, 1 at 100
