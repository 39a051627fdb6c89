"""The resolver's confidences are a named table in data (data/actors/confidences.yaml).

The code reads each value by id, so editing the file changes the mentions; a bad
file is a ConfigError naming the entry; the actor cache is keyed by the file too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from detente import yaml_data
from detente.actors import ActorResolver
from detente.actors.cache import digest
from detente.actors.knowledge import DATA_DIR, Confidences, load_defaults
from detente.errors import ConfigError
from detente.nlp import load_nlp

ACTORS_CODE = Path(__file__).resolve().parents[1] / "src" / "detente" / "actors"


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "actors"
    target.mkdir()
    for f in DATA_DIR.iterdir():
        (target / f.name).write_bytes(f.read_bytes())
    return target


def _set(data: Path, entry_id: str, value: str) -> None:
    path = data / "confidences.yaml"
    text = path.read_text(encoding="utf-8")
    old = f"- id: {entry_id}\n  confidence: "
    at = text.index(old) + len(old)
    end = text.index("\n", at)
    path.write_text(text[:at] + value + text[end:], encoding="utf-8")


def test_every_entry_has_an_id_a_value_and_a_comment() -> None:
    raw = yaml_data.safe_load((DATA_DIR / "confidences.yaml").read_text(encoding="utf-8"))
    assert [e["id"] for e in raw] == list(Confidences.model_fields)  # the file's order is the model's
    assert all(e["comment"].strip() and 0 <= e["confidence"] <= 1 for e in raw)
    table = load_defaults().confidences
    assert {e["id"]: e["confidence"] for e in raw} == table.model_dump()
    assert table.person_full_name == 0.95 and table.context_country == 0.4


def test_the_resolver_reads_the_values_by_name(tmp_path: Path) -> None:
    nlp = load_nlp()
    text = "Vladimir Putin met Russian officials. He said Moscow would respond."

    def confidences(kb) -> dict[str, float]:
        return {m.text: m.confidence for m in ActorResolver(kb).resolve(nlp(text), "a", "2020-01-01")}

    before = confidences(load_defaults())
    assert before["Vladimir Putin"] == 0.95 and before["He"] == 0.65  # previous sentence
    data = _copy_data(tmp_path)
    _set(data, "person_full_name", "0.33")
    _set(data, "pronoun_previous_sentence", "0.22")
    _set(data, "group_one_country", "0.44")
    _set(data, "capital_actor", "0.55")
    after = confidences(load_defaults(data))
    assert after["Vladimir Putin"] == 0.33
    assert after["He"] == 0.22
    assert after["Russian officials"] == 0.44 and after["Moscow"] == 0.55


def test_the_cache_key_covers_the_file(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    key = digest(data)
    _set(data, "demonym", "0.74")
    assert digest(data) != key


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("- id: demonym\n", "- id: demonyms\n"), "unknown id 'demonyms'"),
        (lambda t: t.replace("- id: demonym\n", "- id: modifier\n"), "'modifier' is given twice"),
        (lambda t: t + "- id: role_noun\n  confidence: 0.6\n  comment: again\n", "given twice"),
        (lambda t: t.replace("confidence: 0.95", "confidence: 1.5"), "person_full_name.*confidence"),
        (lambda t: t.replace("confidence: 0.95", "confidence: high"), "person_full_name.*confidence"),
    ],
)
def test_a_bad_table_is_a_config_error_naming_the_entry(tmp_path: Path, change, message) -> None:
    data = _copy_data(tmp_path)
    path = data / "confidences.yaml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_defaults(data)


def test_a_missing_entry_or_comment_is_an_error(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "confidences.yaml"
    entries = yaml_data.safe_load(path.read_text(encoding="utf-8"))
    lines = [f"- {{id: {e['id']}, confidence: {e['confidence']}, comment: x}}"
             for e in entries if e["id"] != "role_noun"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no entry for role_noun"):
        load_defaults(data)
    path.write_text("- {id: role_noun, confidence: 0.6}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="role_noun.*comment"):
        load_defaults(data)


def test_no_bare_confidence_in_the_resolver_code() -> None:
    """Numbers between 0 and 1 in the resolver's code are confidences: they belong in the table."""
    found = []
    for name in ("coding.py", "discourse.py", "author.py", "resolver.py", "phrases.py"):
        tree = ast.parse((ACTORS_CODE / name).read_text(encoding="utf-8"))
        found += [
            f"{name}:{n.lineno} {n.value}"
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, float) and 0 < n.value < 1
        ]
    assert not found, found
