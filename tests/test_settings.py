"""Settings in one place: a commented defaults file, validated, overridden by DETENTE_* variables."""

from __future__ import annotations

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
    assert settings().batch_size == pipeline.BATCH_SIZE
    assert settings().bootstrap_resamples == series.N_BOOT
    assert IngestOptions().batch_size == settings().ingest_batch_size


def test_the_environment_overrides_the_defaults() -> None:
    s = load_settings({"DETENTE_BATCH_SIZE": "50", "DETENTE_BOOTSTRAP_RESAMPLES": " 400 "})
    assert (s.batch_size, s.ingest_batch_size, s.bootstrap_resamples) == (50, 200, 400)
    assert load_settings({"DETENTE_BATCH_SIZE": ""}).batch_size == 25  # empty: not set
    assert env_name("ingest_batch_size") == "DETENTE_INGEST_BATCH_SIZE"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DETENTE_BATCH_SIZE", "many"), ("DETENTE_BATCH_SIZE", "0"),
     ("DETENTE_BOOTSTRAP_RESAMPLES", "5"), ("DETENTE_INGEST_BATCH_SIZE", "-1")],
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
        "from detente import pipeline\n"
        "from detente.analytics import series\n"
        "from detente.ingest import IngestOptions\n"
        "print(pipeline.BATCH_SIZE, IngestOptions().batch_size, series.N_BOOT)\n"
    )
    env = {**os.environ, "DETENTE_BATCH_SIZE": "7", "DETENTE_INGEST_BATCH_SIZE": "70",
           "DETENTE_BOOTSTRAP_RESAMPLES": "99"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.split() == ["7", "70", "99"]
