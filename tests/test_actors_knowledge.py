"""Actor knowledge files: loading, validation, user overrides and TABARI/PETRARCH import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.actors import ActorResolver, load_defaults, load_knowledge
from detente.actors.knowledge import DATA_DIR, merge_user_yaml, regular_plural
from detente.actors.tabari import parse_actors, parse_agents, parse_date, split_code, tabari_kind
from detente.errors import ConfigError
from detente.nlp import load_nlp


@pytest.fixture(scope="module")
def kb():
    return load_defaults()


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


# ---- built-in data ---------------------------------------------------------------------


def test_builtin_data_covers_the_world(kb):
    assert len(kb.countries) >= 249  # every ISO 3166-1 entity, plus Kosovo
    usa = kb.countries["USA"]
    assert {"U.S.", "US", "America"} <= set(usa.aliases) and "American" in usa.demonyms
    assert {"UK", "Britain", "Great Britain"} <= set(kb.countries["GBR"].aliases)
    assert kb.countries["PRI"].code == "USA"  # dependencies fold into their state (PLOVER)
    for ident in ("kremlin", "white-house", "pentagon", "downing-street", "foggy-bottom"):
        assert ident in kb.metonyms
    for ident in (
        "un",
        "unsc",
        "nato",
        "eu",
        "apec",
        "wto",
        "iaea",
        "opec",
        "african-union",
        "asean",
        "osce",
        "arab-league",
        "who",
        "world-bank",
        "imf",
        "icc",
        "icrc",
        "amnesty",
        "hrw",
        "msf",
        "isis",
        "taliban",
        "hezbollah",
        "hamas",
        "al-qaeda",
    ):
        assert ident in kb.organizations, ident
    assert kb.organizations["taliban"].country == "AFG"


def test_every_people_file_is_loaded(kb):
    files = sorted(DATA_DIR.glob("people_*.yaml"))
    assert any(f.name == "people_core.yaml" for f in files)
    assert "vladimir-putin" in kb.people
    assert len(kb.people) >= 15


def test_roles_are_time_bounded(kb):
    med = kb.people["dmitry-medvedev"]
    assert med.role_at(dt.date(2010, 1, 1)).title == "president"
    assert med.role_at(dt.date(2018, 1, 1)).title == "prime minister"
    hunt = kb.people["jon-huntsman"]
    assert hunt.role_at(dt.date(2010, 1, 1)).to == "CHN"
    assert hunt.role_at(dt.date(2018, 1, 1)).to == "RUS"
    assert hunt.role_at(dt.date(2013, 1, 1)) is None and hunt.default_sector == "ELI"


def test_agents_generate_regular_plurals(kb):
    assert "ministers" in kb.agents["minister"].forms()
    assert regular_plural("embassy") == "embassies"
    assert regular_plural("prime minister") == "prime ministers"
    assert regular_plural("forces") == "forces"


# ---- validation ------------------------------------------------------------------------


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "actors"
    target.mkdir()
    for f in DATA_DIR.iterdir():
        (target / f.name).write_bytes(f.read_bytes())
    return target


def test_unknown_sector_is_a_config_error_naming_the_entry(tmp_path: Path):
    data = _copy_data(tmp_path)
    (data / "metonyms.yaml").write_text(
        "- id: bad-one\n  names: [Somewhere]\n  country: RUS\n  sector: XYZ\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="bad-one.*unknown sector 'XYZ'"):
        load_defaults(data)


def test_group_bloc_must_be_a_known_organization(tmp_path: Path):
    data = _copy_data(tmp_path)
    with (data / "groups.tsv").open("a", encoding="utf-8") as fh:
        fh.write("made-up-region\t\tMadeupian\tregion\tinvented\tno-such-body\n")
    with pytest.raises(ConfigError, match="made-up-region.*no-such-body"):
        load_defaults(data)
    (data / "groups.tsv").write_bytes((DATA_DIR / "groups.tsv").read_bytes())
    assert load_defaults(data).groups["west-africans"].bloc == "ecowas"


def test_duplicate_person_across_files_is_an_error(tmp_path: Path):
    data = _copy_data(tmp_path)
    (data / "people_extra.yaml").write_text(
        "- id: vladimir-putin\n  name: Vladimir Putin\n  country: RUS\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="vladimir-putin"):
        load_defaults(data)


def test_role_ending_before_it_starts_is_an_error(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "people:\n  - id: x-y\n    name: X Y\n    country: RUS\n    roles:\n"
        "      - {sector: GOV, start: 2010-01-01, end: 2009-01-01}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="ending 2009-01-01 before"):
        merge_user_yaml(load_defaults(), bad)


def test_unknown_section_in_a_user_file_is_an_error(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("persons: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown section"):
        merge_user_yaml(load_defaults(), bad)


# ---- user dictionaries -----------------------------------------------------------------


def test_user_file_adds_overrides_and_disables(fixtures_dir: Path, nlp):
    user = fixtures_dir / "actors" / "user_actors.yaml"
    kb = load_knowledge([user])
    assert "ivana-testerova" in kb.people and "greenpeace" not in kb.organizations
    resolver = ActorResolver.default([user])
    text = "Ivana Testerova criticized the Pentagon and the Northern Fishing League."
    ms = {m.text: m for m in resolver.resolve(nlp(text), "u", "2016-05-01")}
    assert ms["Ivana Testerova"].code == "MDAGOV"
    assert ms["the Pentagon"].code == "USAGOV"  # built-in says USAMIL
    assert ms["the Northern Fishing League"].code == "NGONFLAGR"
    later = resolver.resolve(nlp(text), "u", "2021-05-01")
    assert later[0].code == "MDAOPP"
    # the built-in resolver is untouched
    builtin = ActorResolver.default().resolve(nlp(text), "u", "2016-05-01")
    assert [m.code for m in builtin if "Pentagon" in m.text] == ["USAMIL"]


def test_missing_user_file_is_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_knowledge([tmp_path / "nope.yaml"])


# ---- TABARI / PETRARCH -----------------------------------------------------------------


def test_tabari_dates_and_codes():
    assert parse_date("000507", "x") == dt.date(2000, 5, 7)
    assert parse_date("450703", "x") == dt.date(1945, 7, 3)  # 31-99 -> 19YY
    assert parse_date("18970101", "x") == dt.date(1897, 1, 1)
    assert split_code("RUSGOV") == ("RUS", None, "GOV")
    assert split_code("IGOUNO") == ("IGO", "UNO", None)
    assert split_code("IGOUNOMIL") == ("IGO", "UNO", "MIL")
    with pytest.raises(ConfigError):
        parse_date("20101399", "x")


def test_tabari_actors_file(fixtures_dir: Path):
    path = fixtures_dir / "actors" / "sample.actors"
    assert tabari_kind(path) == "actors"
    people, orgs, warnings = parse_actors(path.read_text(), path.name)
    boris = next(p for p in people if p.name == "Boris Kalinkov")
    assert "B. KALINKOV" in boris.aliases
    assert [(r.sector, r.start, r.end) for r in boris.roles] == [
        ("GOV", dt.date(2005, 1, 1), dt.date(2010, 12, 31)),
        ("ELI", dt.date(2011, 1, 1), dt.date(2030, 12, 31)),
    ]
    olga = next(p for p in people if p.name == "Olga Vetrina")
    assert [(r.sector, r.start, r.end) for r in olga.roles] == [
        ("DIP", None, dt.date(2008, 12, 31)),
        ("GOV", dt.date(2009, 1, 1), None),
    ]
    codes = {o.names[0]: (o.country, o.org, o.sector) for o in orgs}
    assert codes["NORTHERN ALLIANCE OF TESTS"] == ("IGO", "TST", None)
    assert codes["ZARBAN GUARD"] == ("MDA", None, "MIL")
    assert warnings == []


def test_tabari_agents_file(fixtures_dir: Path):
    path = fixtures_dir / "actors" / "sample.agents"
    assert tabari_kind(path) == "agents"
    agents, warnings = parse_agents(path.read_text(), path.name)
    forms = {a.id: a.forms() for a in agents}
    assert forms["tabari-harbour-warden"] == ["harbour warden", "harbour wardens"]
    assert forms["tabari-shepherd"] == ["shepherd"]
    assert forms["tabari-lightkeeper"] == ["lightkeeper", "lightkeepers of old"]
    assert set(forms["tabari-toll-person"]) == {
        "tollman",
        "tollmen",
        "tollwoman",
        "tollwomen",
        "tollperson",
    }
    assert "ministries of lighthouses" in forms["tabari-minist-of-lighthouses"]
    assert any("XYZ" in w for w in warnings)


def test_imported_dictionaries_code_text(fixtures_dir: Path, nlp):
    files = [fixtures_dir / "actors" / "sample.actors", fixtures_dir / "actors" / "sample.agents"]
    resolver = ActorResolver.default(files)
    text = "Boris Kalinkov met Moldovan harbour wardens. Olga Vetrina spoke."
    m2008 = {m.text: m.code for m in resolver.resolve(nlp(text), "t", "2008-06-01")}
    m2015 = {m.text: m.code for m in resolver.resolve(nlp(text), "t", "2015-06-01")}
    assert m2008["Boris Kalinkov"] == "MDAGOV" and m2015["Boris Kalinkov"] == "MDAELI"
    assert m2008["Olga Vetrina"] == "MDADIP" and m2015["Olga Vetrina"] == "MDAGOV"
    assert m2008["Moldovan harbour wardens"] == "MDACOP"
    assert any("XYZ" in w for w in resolver.kb.warnings)
