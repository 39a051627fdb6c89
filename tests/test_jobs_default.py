"""`detente run` without --jobs uses the machine: the ``jobs`` setting, "auto" being the
cores the process may run on, at most AUTO_JOBS_MAX (issue 16)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import detente.pipeline as pipeline
from detente.cli import app
from detente.errors import ConfigError
from detente.settings import load_settings
from detente.store import Store


def _with_setting(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    environ = {} if value is None else {"DETENTE_JOBS": value}
    monkeypatch.setattr("detente.settings.settings", lambda: load_settings(environ))


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="no CPU affinity here")
@pytest.mark.parametrize(("cores", "jobs"), [(1, 1), (2, 2), (3, 3), (4, 4), (16, 4)])
def test_auto_is_the_cores_this_process_may_use_at_most_four(
    monkeypatch: pytest.MonkeyPatch, cores: int, jobs: int
) -> None:
    _with_setting(monkeypatch, None)
    assert load_settings({}).jobs == "auto"  # the shipped default
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)))
    assert pipeline.default_jobs() == jobs


def test_a_number_in_the_setting_is_taken_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_setting(monkeypatch, "3")
    assert pipeline.default_jobs() == 3
    with pytest.raises(ConfigError, match="DETENTE_JOBS"):
        load_settings({"DETENTE_JOBS": "0"})
    with pytest.raises(ConfigError, match="DETENTE_JOBS"):
        load_settings({"DETENTE_JOBS": "all"})


def _spy(seen: list[int]) -> Any:
    """code_pending, noting the jobs it is handed."""
    original = pipeline.code_pending

    def spy(store: Any, **kw: Any) -> Any:
        seen.append(kw["jobs"])
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


@pytest.mark.parametrize(("options", "expected"), [([], 2), (["--jobs", "1"], 1)])
def test_run_without_jobs_uses_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str], expected: int
) -> None:
    _with_setting(monkeypatch, "2")
    seen: list[int] = []
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
    seen: list[int] = []
    monkeypatch.setattr(pipeline, "code_pending", _spy(seen))
    patterns = tmp_path / "team.yaml"
    patterns.write_text("verbs:\n- id: team-rebuke\n  lemma: [rebuke]\n  cameo: '111'\n"
                        "  comment: a team-written verb\n", encoding="utf-8")
    db = tmp_path / "db.duckdb"
    result = CliRunner().invoke(app, ["run", str(_corpus(tmp_path / "in")), "--db", str(db),
                                      "--quiet", "--patterns", str(patterns)])
    assert result.exit_code == 0, result.output
    assert seen == [pipeline.PARSE_AHEAD_JOBS]
    # twin: asked for by name, more jobs than that are refused as before
    result = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--db", str(db), "--quiet",
                                      "--patterns", str(patterns), "--jobs", "4"])
    assert result.exit_code != 0 and "--patterns" in result.output
