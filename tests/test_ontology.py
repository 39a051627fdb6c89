"""The CAMEO/PLOVER ontology: the packaged tables, their validation, and `detente ontology`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import detente.cli  # noqa: F401  (registers the commands on the shared app)
from detente import ontology
from detente.cli.app import app
from detente.errors import ConfigError, OntologyError
from detente.ontology import (
    all_codes,
    auxiliary_modes,
    codes_for_plover,
    codes_in_root,
    is_plover_type,
    is_valid,
    load_cameo,
    load_plover,
    lookup,
    map_plover_label,
    plover_contexts,
    plover_description,
    plover_types,
    root_of,
)

DATA = Path(ontology.__file__).parents[1] / "data"
ROOTS = [f"{n:02d}" for n in range(1, 21)]

# -- the packaged CAMEO table -----------------------------------------------------------

# Codes per root, the root row included: CAMEO 1.1b3 plus 1213/1214 (crosswalk/ICEWS).
EXPECTED_PER_ROOT = {
    "01": 11, "02": 28, "03": 29, "04": 8, "05": 9, "06": 6, "07": 7, "08": 26, "09": 6,
    "10": 28, "11": 13, "12": 29, "13": 23, "14": 27, "15": 7, "16": 14, "17": 14,
    "18": 15, "19": 10, "20": 8,
}  # fmt: skip


def test_all_twenty_roots_are_present_with_their_codes():
    assert [c.code for c in all_codes() if c.level == 2] == ROOTS
    counts = {root: len(codes_in_root(root)) for root in ROOTS}
    assert counts == EXPECTED_PER_ROOT
    assert len(all_codes()) == sum(EXPECTED_PER_ROOT.values())


def test_codes_are_in_tree_order_and_every_code_has_its_parent():
    codes = [c.code for c in all_codes()]
    assert codes == sorted(codes)
    known = set(codes)
    for c in all_codes():
        assert c.root == c.code[:2]
        assert c.level == len(c.code)
        assert c.parent is None or c.parent in known


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [
        ("010", 0.0),
        ("016", -2.0),
        ("042", 1.9),
        ("057", 8.0),
        ("0874", 10.0),
        ("111", -2.0),
        ("163", -8.0),
        ("173", -5.0),
        ("1823", -10.0),
        ("190", -10.0),
        ("1663", -7.0),
    ],
)
def test_standard_goldstein_scores(code, goldstein):
    assert lookup(code).goldstein == goldstein


def test_goldstein_scores_stay_on_the_scale():
    assert all(-10.0 <= c.goldstein <= 10.0 for c in all_codes())


@pytest.mark.parametrize(
    ("root", "quad"),
    [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3), ("14", 4), ("20", 4)],
)
def test_quad_class_follows_the_root(root, quad):
    assert {c.quad_class for c in codes_in_root(root)} == {quad}


def test_lookup_returns_the_full_record():
    code = lookup("1663")
    assert code.name == "Expel or withdraw aid agencies"
    assert (code.root, code.level, code.quad_class) == ("16", 4, 4)
    assert (code.plover, code.plover_mode) == ("SANCTION", "expel")
    assert root_of("1663") == "16"


def test_lookup_keeps_leading_zeros_and_pads_a_bare_root_digit():
    assert lookup("010").name == "Make statement"
    assert lookup(" 0211 ").code == "0211"
    assert lookup("1").code == "01"
    assert lookup("10").name == "Demand"  # root 10, not code 010


def test_unknown_code_error_says_what_to_do():
    with pytest.raises(OntologyError) as info:
        lookup("1953")
    message = str(info.value)
    assert "1953" in message and "195" in message and "--root 19" in message
    with pytest.raises(OntologyError, match="01 to 20"):
        lookup("21")
    with pytest.raises(OntologyError, match="leading zero"):
        lookup("abc")
    with pytest.raises(OntologyError, match="text"):
        lookup(10)  # type: ignore[arg-type]  # ambiguous: 10 or 010


def test_is_valid():
    assert is_valid("010") and is_valid("2042") and is_valid("20")
    assert not is_valid("021x") and not is_valid("0999") and not is_valid("21")


# -- the PLOVER mapping ----------------------------------------------------------------


def test_statements_have_no_plover_type_and_appeals_are_requests():
    assert all(c.plover is None for c in codes_in_root("01"))
    # PLOVER's REQUEST covers demands and orders as well as requests: CAMEO 02 appeals are in it
    assert all(c.plover == "REQUEST" for c in codes_in_root("02"))
    assert lookup("0256").plover_mode == "yield" and lookup("026").plover_mode == "meet"
    other = [c for c in all_codes() if c.root != "01"]
    assert all(c.plover for c in other)


@pytest.mark.parametrize(
    ("code", "plover", "mode"),
    [
        ("036", "AGREE", None),
        ("042", "CONSULT", "visit"),
        ("057", "SUPPORT", None),
        ("081", "CONCEDE", None),
        ("084", "RETREAT", None),
        ("0841", "RETREAT", "release"),
        ("0871", "RETREAT", "ceasefire"),
        ("090", "ACCUSE", "investigate"),
        ("094", "ACCUSE", "investigate"),
        ("1041", "REQUEST", "change"),
        ("1121", "ACCUSE", "allege"),
        ("125", "REJECT", "meet"),
        ("1313", "THREATEN", "relations"),
        ("145", "PROTEST", "riot"),
        ("154", "MOBILIZE", "troops"),
        ("166", "SANCTION", "expel"),
        ("173", "COERCE", "arrest"),
        ("1712", "ASSAULT", "destroy"),
        ("175", "ASSAULT", None),
        ("191", "COERCE", "restrict"),
        ("192", "COERCE", "seize"),
        ("193", "ASSAULT", "firearms"),
        ("201", "ASSAULT", None),
        ("2042", "ASSAULT", "unconventional"),
    ],
)
def test_plover_mapping_spot_checks(code, plover, mode):
    found = lookup(code)
    assert (found.plover, found.plover_mode) == (plover, mode)


def test_yield_splits_into_concede_and_retreat():
    for c in codes_in_root("08"):
        if c.level == 2:
            continue
        expected = "RETREAT" if c.code[:3] in {"084", "085", "086", "087"} else "CONCEDE"
        assert c.plover == expected, c.code


def test_violence_roots_map_to_assault_except_blockade_and_occupation():
    for root in ("18", "19", "20"):
        for c in codes_in_root(root):
            expected = "COERCE" if c.code in {"191", "192"} else "ASSAULT"
            assert c.plover == expected, c.code


def test_sanctions_follow_the_manual_not_the_crosswalk_row():
    # Deliberate, documented in cameo.tsv: the manual codes international sanctions as
    # SANCTION 'discontinue' (the 2021 crosswalk row alone says COERCE).
    assert (lookup("163").plover, lookup("163").plover_mode) == ("SANCTION", "discontinue")


def test_modes_and_contexts_are_known_to_plover():
    spec = load_plover()
    for c in all_codes():
        if c.plover_mode:
            assert c.plover_mode in spec.types[c.plover].mode_names, c.code
        assert set(c.contexts) <= set(spec.contexts), c.code


def test_codes_for_plover_type_accepts_2016_labels():
    sanction = {c.code for c in codes_for_plover("SANCTION")}
    assert {"16", "163", "1663"} <= sanction
    assert {c.code for c in codes_for_plover("fight")} == {
        c.code for c in codes_for_plover("ASSAULT")
    }
    assert {"090", "111"} <= {c.code for c in codes_for_plover("investigate")}


# -- PLOVER types ----------------------------------------------------------------------

CURRENT = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip


def test_sixteen_current_plover_types():
    assert plover_types() == CURRENT


@pytest.mark.parametrize(
    ("label", "current"),
    [
        ("DEMAND", "REQUEST"),
        ("Disapprove", "ACCUSE"),
        ("investigate", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        ("sanction", "SANCTION"),
        (" AGREE ", "AGREE"),
    ],
)
def test_map_plover_label(label, current):
    assert map_plover_label(label) == current


def test_unknown_plover_label_lists_the_types():
    with pytest.raises(OntologyError, match="SANCTION"):
        map_plover_label("YELL")


def test_is_plover_type_is_for_current_types_only():
    assert is_plover_type("coerce") and is_plover_type("ASSAULT")
    assert not is_plover_type("FIGHT") and not is_plover_type("nonsense")


def test_descriptions_and_quads():
    spec = load_plover()
    descriptions = {t: plover_description(t) for t in CURRENT}
    assert all(descriptions.values()) and len(set(descriptions.values())) == 16
    assert plover_description("FIGHT") == descriptions["ASSAULT"]
    assert {t for t in CURRENT if spec.types[t].side == "cooperation"} == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"
    }  # fmt: skip
    assert spec.types["SANCTION"].requires_recipient
    assert "discontinue" in spec.types["SANCTION"].mode_names
    assert {"military", "economic", "diplomatic", "cbrn"} <= set(plover_contexts())


def test_auxiliary_modes_come_from_negation_and_modality():
    assert auxiliary_modes(negated=False, modality="actual") == []
    assert auxiliary_modes(negated=True, modality="actual") == ["negation"]
    assert auxiliary_modes(negated=False, modality="intent") == ["future"]
    assert auxiliary_modes(negated=False, modality="hypothetical") == ["hypothetical"]
    assert set(load_plover().auxiliary_mode_descriptions()) >= {
        "negation",
        "future",
        "hypothetical",
    }


# -- validation of edited files ----------------------------------------------------------


def _edited_table(tmp_path: Path, code: str, column: int, value: str) -> tuple[Path, int]:
    """Copy of cameo.tsv with one cell changed; returns the path and the edited line number."""
    lines = (DATA / "cameo.tsv").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        fields = line.split("\t")
        if fields[0] == code:
            fields[column] = value
            lines[i] = "\t".join(fields)
            out = tmp_path / "cameo.tsv"
            out.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return out, i + 1
    raise AssertionError(f"{code} not in the table")


def test_packaged_table_loads_through_the_path_parameter():
    table = load_cameo(DATA / "cameo.tsv")
    assert len(table) == len(all_codes())


@pytest.mark.parametrize(
    ("code", "column", "value", "expected"),
    [
        ("190", 2, "-12.0", "outside [-10, 10]"),
        ("190", 2, "lots", "not a number"),
        ("057", 3, "3", "does not match root 05"),
        ("1663", 4, "EXPULSION", "not a current PLOVER type"),
        ("1663", 5, "deport", "not a SANCTION mode"),
        ("1663", 6, "space", "not a PLOVER context"),
        ("010", 4, "AGREE", "root 01 has no PLOVER type"),
        ("036", 4, "", "plover is empty"),
        ("1663", 0, "16x3", "not 2-4 digits"),
    ],
)
def test_bad_row_is_reported_with_its_line(tmp_path, code, column, value, expected):
    path, line = _edited_table(tmp_path, code, column, value)
    with pytest.raises(ConfigError) as info:
        load_cameo(path)
    message = str(info.value)
    assert f"line {line}:" in message and expected in message
    assert str(path) in message


def test_missing_parent_and_duplicates_are_reported(tmp_path):
    path, line = _edited_table(tmp_path, "1663", 0, "1673")  # 167 does not exist
    with pytest.raises(ConfigError, match=rf"line {line}: code 1673 has no parent code 167"):
        load_cameo(path)
    path, line = _edited_table(tmp_path, "1663", 0, "1662")
    with pytest.raises(
        ConfigError, match=rf"line {line}: code 1662 already defined on line {line - 1}"
    ):
        load_cameo(path)


def test_wrong_field_count_and_missing_file(tmp_path):
    bad = tmp_path / "short.tsv"
    header = "code\tname\tgoldstein\tquad_class\tplover\tplover_mode\tplover_context\tcomment"
    bad.write_text(f"# an invented table\n{header}\n01\tMake public statement\t0.0\n")
    with pytest.raises(ConfigError, match="line 3: 3 tab-separated fields, expected 8"):
        load_cameo(bad)
    with pytest.raises(ConfigError, match="cannot read"):
        load_cameo(tmp_path / "absent.tsv")


def test_bad_plover_yaml_names_the_key(tmp_path):
    text = (DATA / "plover.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "plover.yaml"
    bad.write_text(
        text.replace(
            "quad_class: 4\n    requires_recipient: true",
            "quad_class: 7\n    requires_recipient: true",
            1,
        )
    )
    with pytest.raises(ConfigError, match=r"types\.SANCTION\.quad_class"):
        load_plover(bad)
    bad.write_text(text.replace("new: ASSAULT", "new: BRAWL"))
    with pytest.raises(ConfigError, match="BRAWL"):
        load_plover(bad)
    bad.write_text("types: [unclosed\n")
    with pytest.raises(ConfigError, match="line 2"):
        load_plover(bad)


def test_cameo_table_is_checked_against_the_given_plover_file(tmp_path):
    text = (DATA / "plover.yaml").read_text(encoding="utf-8")
    trimmed = tmp_path / "plover.yaml"
    # Drop the 'expel' mode from SANCTION: rows 166-1663 must now fail.
    trimmed.write_text(
        text.replace(
            "      expel: removed from a group, organization or country (diplomats, observers)\n",
            "",
        )
    )
    with pytest.raises(ConfigError, match="'expel' is not a SANCTION mode"):
        load_cameo(plover=load_plover(trimmed))


# -- the command line ---------------------------------------------------------------------

runner = CliRunner()


def _invoke(*args: str):
    """Run `detente ontology ...`."""
    return runner.invoke(app, ["ontology", *args])


def test_cli_code_table():
    result = _invoke("1663")
    assert result.exit_code == 0, result.output
    assert "Expel or withdraw aid agencies" in result.output
    assert "SANCTION" in result.output and "-7.0" in result.output


def test_cli_code_json_lists_children():
    result = _invoke("166", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["code"] == "166" and data["plover"] == "SANCTION"
    assert [c["code"] for c in data["children"]] == ["1661", "1662", "1663"]


def test_cli_plover_type_lists_its_codes():
    result = _invoke("sanction", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["type"] == "SANCTION" and "discontinue" in data["modes"]
    assert {"163", "1663"} <= {c["code"] for c in data["codes"]}
    legacy = json.loads(_invoke("FIGHT", "--format", "json").stdout)
    assert legacy["type"] == "ASSAULT" and legacy["legacy_label"] == "FIGHT"


def test_cli_root_listing():
    result = _invoke("--root", "17", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["root"] == "17" and len(data["codes"]) == EXPECTED_PER_ROOT["17"]
    assert all(c["code"].startswith("17") for c in data["codes"])
    table = _invoke("--root", "09")
    assert table.exit_code == 0 and "094" in table.output and "investigate" in table.output


def test_cli_errors_exit_2_with_a_message():
    result = _invoke("9999")
    assert result.exit_code == 2
    assert "unknown CAMEO code '9999'" in result.output
    assert _invoke("YELL").exit_code == 2
    assert _invoke().exit_code == 2


def test_cli_help_has_an_example():
    result = _invoke("--help")
    assert result.exit_code == 0
    assert "detente ontology 1663" in result.output
