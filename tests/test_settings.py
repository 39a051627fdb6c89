"""Settings in one place: a commented defaults file, validated, overridden by DETENTE_* variables."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import detente.settings as settings_mod
from detente.errors import ConfigError
from detente.settings import Settings, env_name, load_settings, settings

DEFAULTS = Path(settings_mod.__file__).parent / "data" / "settings.yaml"


def test_every_setting_is_in_the_defaults_file_with_a_comment() -> None:
    lines = DEFAULTS.read_text(encoding="utf-8").splitlines()
    keys = [(i, m[1]) for i, line in enumerate(lines) if (m := re.match(r"^(\w+):", line))]
    assert [k for _, k in keys] == list(Settings.model_fields)
    for i, key in keys:
        assert lines[i - 1].startswith("# "), f"{key} has no comment above it"


def test_the_defaults_are_todays_values_and_the_old_constants_read_them() -> None:
    from detente import pipeline
    from detente.analytics import series
    from detente.ingest.options import IngestOptions

    s = load_settings({})
    assert (s.batch_size, s.ingest_batch_size, s.bootstrap_resamples) == (25, 200, 200)
    assert (s.max_bytes, s.fetch_timeout) == (10 * 1024 * 1024, 20.0)
    assert settings().batch_size == pipeline.BATCH_SIZE
    assert settings().bootstrap_resamples == series.N_BOOT
    options = IngestOptions()
    assert (options.batch_size, options.max_bytes, options.timeout) == (
        settings().ingest_batch_size, settings().max_bytes, settings().fetch_timeout)


def _defaults_in_use() -> dict[str, object]:
    """Every default that a setting stands for, as the library and the CLI use it now."""
    import inspect

    import typer.main

    from detente import pipeline
    from detente.analytics import series
    from detente.cli import app
    from detente.distributed import UnitSettings, run_dask
    from detente.ingest import IngestOptions
    from detente.web import api
    from detente.web import app as web_app
    from detente.web.serve import serve_threads

    flags = {}
    for command in typer.main.get_command(app).commands.values():
        for param in command.params:
            for opt in getattr(param, "opts", []):
                flags[f"{command.name} {opt}"] = param.default
    options = IngestOptions()
    return {
        "code_pending(batch_size)": inspect.signature(pipeline.code_pending)
        .parameters["batch_size"].default,
        "run --batch-size": flags["run --batch-size"],
        "run_dask(batch_size)": inspect.signature(run_dask).parameters["batch_size"].default,
        "UnitSettings.batch_size": UnitSettings("out").batch_size,
        "IngestOptions.batch_size": options.batch_size,
        "ingest --batch-size": flags["ingest --batch-size"],
        "IngestOptions.max_bytes": options.max_bytes,
        "ingest --max-bytes": flags["ingest --max-bytes"],
        "IngestOptions.timeout": options.timeout,
        "ingest --timeout": flags["ingest --timeout"],
        "series.N_BOOT": series.N_BOOT,
        "dyad_series(n_boot)": inspect.signature(series.dyad_series).parameters["n_boot"].default,
        "/api/.../series n_boot": inspect.signature(api.series).parameters["n_boot"].default,
        "serve threads": serve_threads(),
        "serve allowed hosts": ",".join(web_app._env_hosts()) or None,
        "API answer cap": web_app._env_limit(),
    }


# which setting each default stands for
SETTING_OF = {
    "code_pending(batch_size)": "batch_size", "run --batch-size": "batch_size",
    "run_dask(batch_size)": "batch_size", "UnitSettings.batch_size": "batch_size",
    "IngestOptions.batch_size": "ingest_batch_size", "ingest --batch-size": "ingest_batch_size",
    "IngestOptions.max_bytes": "max_bytes", "ingest --max-bytes": "max_bytes",
    "IngestOptions.timeout": "fetch_timeout", "ingest --timeout": "fetch_timeout",
    "series.N_BOOT": "bootstrap_resamples", "dyad_series(n_boot)": "bootstrap_resamples",
    "/api/.../series n_boot": "bootstrap_resamples",
    "serve threads": "serve_threads", "serve allowed hosts": "allowed_hosts",
    "API answer cap": "max_response_bytes",
}


def test_every_default_a_setting_stands_for_reads_it() -> None:
    """No bare number for a setting in the modules and flags: each reads settings()."""
    in_use = _defaults_in_use()
    assert set(in_use) == set(SETTING_OF)
    wrong = {k: (v, getattr(settings(), SETTING_OF[k])) for k, v in in_use.items()
             if v != getattr(settings(), SETTING_OF[k])}
    assert not wrong, f"(default, setting): {wrong}"


def test_the_environment_overrides_the_defaults() -> None:
    s = load_settings({"DETENTE_BATCH_SIZE": "50", "DETENTE_BOOTSTRAP_RESAMPLES": " 400 "})
    assert (s.batch_size, s.ingest_batch_size, s.bootstrap_resamples) == (50, 200, 400)
    s = load_settings({"DETENTE_MAX_BYTES": "1000", "DETENTE_FETCH_TIMEOUT": "2.5"})
    assert (s.max_bytes, s.fetch_timeout) == (1000, 2.5)
    assert load_settings({"DETENTE_BATCH_SIZE": ""}).batch_size == 25  # empty: not set
    assert env_name("ingest_batch_size") == "DETENTE_INGEST_BATCH_SIZE"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DETENTE_BATCH_SIZE", "many"), ("DETENTE_BATCH_SIZE", "0"),
     ("DETENTE_BOOTSTRAP_RESAMPLES", "5"), ("DETENTE_INGEST_BATCH_SIZE", "-1"),
     ("DETENTE_MAX_BYTES", "0"), ("DETENTE_FETCH_TIMEOUT", "0"), ("DETENTE_FETCH_TIMEOUT", "soon")],
)
def test_a_wrong_value_names_the_setting_and_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings({variable: value})
    assert variable.removeprefix("DETENTE_").lower() in str(err.value)
    assert variable in str(err.value)


def test_a_wrong_defaults_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    good = settings_mod._defaults()
    monkeypatch.setattr(settings_mod, "_defaults", lambda: {**good, "batch_sise": 3})
    with pytest.raises(ConfigError, match="batch_sise"):
        load_settings({})
    monkeypatch.setattr(settings_mod, "_defaults", lambda: {"batch_size": 25})
    with pytest.raises(ConfigError, match="settings.yaml"):
        load_settings({})


def test_a_process_started_with_the_variables_uses_them_everywhere() -> None:
    code = (
        "import json, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from test_settings import _defaults_in_use\n"
        "print(json.dumps(_defaults_in_use()))\n"
    )
    env = {**os.environ, "DETENTE_BATCH_SIZE": "7", "DETENTE_INGEST_BATCH_SIZE": "70",
           "DETENTE_BOOTSTRAP_RESAMPLES": "99", "DETENTE_MAX_BYTES": "4096",
           "DETENTE_FETCH_TIMEOUT": "3.5", "DETENTE_SERVE_THREADS": "3",
           "DETENTE_ALLOWED_HOSTS": "desk.example", "DETENTE_MAX_RESPONSE_BYTES": "65536"}
    out = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent)], env=env,
                         capture_output=True, text=True, check=True, timeout=120)
    want = {"batch_size": 7, "ingest_batch_size": 70, "bootstrap_resamples": 99,
            "max_bytes": 4096, "fetch_timeout": 3.5, "serve_threads": 3,
            "allowed_hosts": "desk.example", "max_response_bytes": 65536}
    assert json.loads(out.stdout) == {k: want[SETTING_OF[k]] for k in SETTING_OF}
