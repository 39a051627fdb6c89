"""The event coder on sentences the team wrote: one test per syntactic phenomenon and per CAMEO root.

These run the real pipeline (spaCy parse, actor resolution, coder), so a change
in any of them that breaks event coding shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import ConfigError
from detente.pipeline import code_text
from sentences import countries as _countries
from sentences import events as _events
from sentences import one as _one
from sentences import types as _types

# -- syntactic phenomena ------------------------------------------------------------------


def test_active_voice_source_and_target():
    e = _one("Russia expelled two American diplomats on Monday.", "SANCTION")
    assert _countries(e.source) == ["RUS"] and _countries(e.target) == ["USA"]
    assert e.cameo.startswith("16") and e.rule == "expel-diplomats"
    assert e.modality == "actual" and not e.negated


def test_passive_voice_swaps_source_and_target():
    e = _one("Sanctions were imposed on Russia by the United States.", "SANCTION")
    assert _countries(e.source) == ["USA"] and _countries(e.target) == ["RUS"]
    assert e.cameo == "163"


def test_negated_cooperation_is_a_rejection():
    e = _one("Iran did not agree to the European proposal on Tuesday.")
    assert e.plover == "REJECT" and e.negated and "negation" in e.aux_modes
    assert _countries(e.source) == ["IRN"]


def test_negated_attack_is_no_event():
    events = _events("Israel did not attack Lebanon last week.")
    assert not [e for e in events if e.plover == "ASSAULT"]


def test_refused_to_is_reject():
    e = _one("Pakistan refused to release the Indian pilot.", "REJECT")
    assert _countries(e.source) == ["PAK"] and _countries(e.target) == ["IND"]


def test_intent_makes_cooperation_an_expressed_intent():
    e = _one("China will send food aid to North Korea.", "AGREE")
    assert e.cameo.startswith("03") and e.modality == "intent" and "future" in e.aux_modes
    assert _countries(e.source) == ["CHN"] and _countries(e.target) == ["PRK"]


def test_intent_makes_hostility_a_threat():
    e = _one("Turkey said it would impose a blockade on Cyprus.", "THREATEN")
    assert e.modality == "intent" and _countries(e.source) == ["TUR"]


def test_hypothetical_is_marked():
    events = _events("If talks fail, Israel could strike Iranian nuclear sites.")
    hyp = [e for e in events if e.cameo_root in ("18", "19")]
    assert hyp and hyp[0].modality == "hypothetical" and "hypothetical" in hyp[0].aux_modes
    # a strike that did not happen keeps its CAMEO code but gets no PLOVER type
    assert hyp[0].plover is None and not [e for e in events if e.plover == "ASSAULT"]


def test_demanded_action_from_urge():
    events = _events("The United Nations urged Israel to withdraw its troops from Lebanon.")
    demanded = [e for e in events if e.modality == "demanded"]
    assert demanded, [(e.cameo, e.modality) for e in events]
    assert _countries(demanded[0].source) == ["ISR"]
    appeal = [e for e in events if e.cameo.startswith("02")]
    assert appeal and appeal[0].plover == "REQUEST"  # an appeal is a PLOVER request
    assert _countries(appeal[0].source) == ["IGO"] and _countries(appeal[0].target) == ["ISR"]


def test_must_clause_is_a_request_by_the_speaker():
    e = _one("Russia said on Thursday that Sudan must hand back the seized helicopter.", "REQUEST")
    assert _countries(e.source) == ["RUS"] and _countries(e.target) == ["SDN"]


def test_compound_reciprocal_actors():
    e = _one("France and Germany signed a trade agreement in Paris.", "SUPPORT")
    # a reciprocal act of a compound subject: the parties take each other as targets
    assert _countries(e.source) == ["FRA"] and _countries(e.target) == ["DEU"]
    assert e.cameo == "057"


def test_reported_speech_codes_embedded_clause_with_speaker():
    e = _one("The Kremlin said that Ukraine attacked a Russian border post.", "ASSAULT")
    assert _countries(e.source) == ["UKR"]
    assert e.speaker is not None and e.speaker.country == "RUS"


def test_reported_interference_is_an_accusation():
    e = _one("U.S. officials said the Russian government had interfered in the vote.", "ACCUSE")
    assert _countries(e.source) == ["USA"] and _countries(e.target) == ["RUS"]


def test_pronoun_source_through_actor_resolution():
    events = _events("Vladimir Putin arrived in Beijing on Tuesday. He met Xi Jinping the next day.")
    meets = [e for e in events if e.rule == "meet"]
    assert meets and _countries(meets[0].source) == ["RUS"] and _countries(meets[0].target) == ["CHN"]


def test_nominal_event_between_actors():
    e = _one("Talks between India and Pakistan resumed in Geneva on Monday.", "CONSULT")
    assert _countries(e.source) == ["IND"] and _countries(e.target) == ["PAK"]  # each other


def test_nominal_event_with_light_verb():
    e = _one("Serbia lodged a sharp official complaint with Albania.", "ACCUSE")
    assert e.cameo == "114" and _countries(e.target) == ["ALB"]


def test_relative_dates_move_the_event_date():
    # 2023-03-09 is a Thursday
    assert _one("Russia expelled two American diplomats on Monday.", "SANCTION").date == "2023-03-06"
    assert _one("Russia expelled two American diplomats on March 3.", "SANCTION").date == "2023-03-03"
    assert _one("Russia expelled two American diplomats.", "SANCTION").date == "2023-03-09"


def test_no_date_without_article_date_unless_explicit():
    assert _one("Russia expelled two American diplomats on Monday.", "SANCTION", date=None).date is None
    full = _one("Russia expelled two American diplomats on March 3, 2023.", "SANCTION", date=None)
    assert full.date == "2023-03-03"


def test_generic_we_is_not_an_actor():
    events = _events("We must build trust and we hope to cooperate on arms control.")
    assert events == []


def test_every_event_is_explainable():
    for e in _events("Russia expelled two American diplomats. China will send food aid to North Korea."):
        assert e.rule and e.sentence and e.start < e.end
        assert e.goldstein is not None and e.quad_class in (1, 2, 3, 4)


# -- one sentence per CAMEO root ----------------------------------------------------------------

ROOTS = [
    ("01", "The Kremlin denied that Russia had meddled in the vote.", None),
    ("02", "Germany urged Russia to return to the negotiating table.", None),
    ("03", "Japan offered to mediate between India and Pakistan.", "AGREE"),
    ("04", "The French president visited China last week.", "CONSULT"),
    ("05", "Brazil praised Argentina for its handling of the crisis.", "SUPPORT"),
    ("06", "Israel shared intelligence with Jordan about the plot.", "COOPERATE"),
    ("07", "The European Union gave Ukraine 50 million euros of humanitarian aid.", "AID"),
    ("08", "Iran released three British sailors on Friday.", "RETREAT"),
    ("09", "Italy opened an investigation into the Egyptian police officers.", "ACCUSE"),
    ("10", "Poland demanded that Russia return the wreckage of the plane.", "REQUEST"),
    ("11", "Japan condemned North Korea for the missile launch.", "ACCUSE"),
    ("12", "Yemen rejected an American request to interview the detainees.", "REJECT"),
    ("13", "Iran threatened to cut off gas supplies to Turkey.", "THREATEN"),
    ("14", "Thousands of Egyptian protesters staged a rally against the government.", "PROTEST"),
    ("15", "Russia deployed troops to the Ukrainian border.", "MOBILIZE"),
    ("16", "Canada recalled its ambassador from Saudi Arabia.", "SANCTION"),
    ("17", "Turkish police arrested twelve Greek activists.", "COERCE"),
    ("18", "Pakistani militants kidnapped four Chinese engineers.", "ASSAULT"),
    ("19", "Israeli tanks shelled positions of Hamas in Gaza.", "ASSAULT"),
    ("20", "Syrian forces used chemical weapons against rebels.", "ASSAULT"),
]


@pytest.mark.parametrize("root,text,plover", ROOTS, ids=[r[0] for r in ROOTS])
def test_every_cameo_root(root, text, plover):
    events = _events(text)
    roots = {e.cameo_root for e in events}
    assert root in roots, f"{text!r} gave {[(e.cameo, e.rule) for e in events]}"
    if plover:
        assert plover in {e.plover for e in events if e.cameo_root == root}


def test_relative_expressions_never_use_todays_clock():
    e = _one("Huntsman said last year that Russia interfered in the election.", "ACCUSE", date=None)
    assert e.date is None


def test_one_list_of_speech_verbs_for_events_and_quotes():
    """A reporting verb of speech_verbs.yaml makes its subject the speaker of a reported
    demand: "X tweeted that Y must ..." is X's request of Y, not Y's deed."""
    from detente.events.coder import EventCoder
    from detente.signals.config import load_speech_config

    assert {v.lemma for v in load_speech_config().verbs} <= EventCoder().speech
    events = _events("Putin tweeted that Ukraine must withdraw its troops from the border.")
    req = [e for e in events if e.plover == "REQUEST"]
    assert req and _countries(req[0].source) == ["RUS"] and _countries(req[0].target) == ["UKR"]
    # twin: no Ukrainian withdrawal is coded as if it happened
    assert not [e for e in events if e.plover == "RETREAT" and e.modality == "actual"]


NEWS_CONSTRUCTIONS = [
    # (sentence, PLOVER type, source countries, target countries) -- written by the team
    ("Japan warned China that it would not tolerate further incursions.", "THREATEN", ["JPN"], ["CHN"]),
    ("Tokyo warned of a firm response if Beijing sent more ships.", "THREATEN", ["JPN"], ["CHN"]),
    ("The Indian foreign minister lashed out at Pakistan over the attack.", "ACCUSE", ["IND"], ["PAK"]),
    ("Canada threw out two Russian diplomats on Tuesday.", "SANCTION", ["CAN"], ["RUS"]),
    ("Germany called off a planned visit to Turkey by its defence minister.", "SANCTION", ["DEU"], ["TUR"]),
    ("Egypt thanked Saudi Arabia for its support.", "SUPPORT", ["EGY"], ["SAU"]),
    ("Iran vowed countermeasures against Britain.", "THREATEN", ["IRN"], ["GBR"]),
    ("Romania will expel ten Moldovan diplomats, the foreign ministry said.", "SANCTION", ["ROU"], ["MDA"]),
    ("Washington urged Moscow to release the journalist.", "REQUEST", ["USA"], ["RUS"]),
    ("Vietnam and China agreed to resume talks.", "AGREE", ["VNM"], ["CHN"]),
    ("Gabon, Chad and Niger cut ties with Mali.", "SANCTION", ["GAB", "NER", "TCD"], ["MLI"]),
    ("South Korea summoned the Japanese ambassador to protest.", "ACCUSE", ["KOR"], ["JPN"]),
    ("Ghana opened a consulate in Togo on Tuesday.", "SUPPORT", ["GHA"], ["TGO"]),
    # an announced mission is opened (the news gold: SUPPORT); announced restored ties are AGREE
    ("Ghana will open a new consulate in Togo next month.", "SUPPORT", ["GHA"], ["TGO"]),
    ("Ghana will restore diplomatic relations with Togo next month.", "AGREE", ["GHA"], ["TGO"]),
    # news style for a plan: an infinitive with its own subject (headlines) or after a bare "is"
    ("Ghana to restore diplomatic ties with Togo", "AGREE", ["GHA"], ["TGO"]),
    ("Ghana is to visit Togo next week.", "AGREE", ["GHA"], ["TGO"]),
    ("Qatar and Bahrain restored diplomatic relations.", "SUPPORT", ["QAT"], ["BHR"]),
    ("Japan announced $20 million in aid for Nepal.", "AID", ["JPN"], ["NPL"]),
    ("Greece demanded an apology from Turkey.", "REQUEST", ["GRC"], ["TUR"]),
    ("Serbia suspended dialogue with Croatia.", "SANCTION", ["SRB"], ["HRV"]),
    ("Turkish jets struck targets in Iraq overnight.", "ASSAULT", ["TUR"], ["IRQ"]),
    ("Angry Bolivian protesters stormed the Chilean consulate in La Paz.", "PROTEST", ["BOL"], ["CHL"]),
    ("Russia will hold naval drills near Finland this week.", "MOBILIZE", ["RUS"], []),
    ("Malaysia deployed coast guard vessels near the disputed reef.", "MOBILIZE", ["MYS"], []),
    ("Norway ruled out any apology to Iceland.", "REJECT", ["NOR"], []),
    ("Armenia issued a warning to Azerbaijan against new incursions.", "THREATEN", ["ARM"], ["AZE"]),
    ("Sweden recalled its ambassador from Hungary.", "SANCTION", ["SWE"], ["HUN"]),
    ("Ecuador and Peru will work together to fight smuggling.", "AGREE", ["ECU"], ["PER"]),
    ("Kazakhstan halted imports from Kyrgyzstan.", "SANCTION", ["KAZ"], ["KGZ"]),
    ("Washington added tariffs on Chinese steel on Monday.", "SANCTION", ["USA"], ["CHN"]),
    ("Peru closed its border with Bolivia.", "COERCE", ["PER"], ["BOL"]),
    ("Indian troops traded fire with Pakistani soldiers across the border.", "ASSAULT", ["IND"], ["PAK"]),
    ("Several rockets were fired from Syria towards Jordan on Friday.", "ASSAULT", ["SYR"], ["JOR"]),
]


def test_a_place_is_not_a_target_of_a_meeting():
    """Twin of the strike in a country: where a meeting happens is no party to it."""
    [e] = [e for e in _events("Israeli ministers met in Haifa on Monday.") if e.plover == "CONSULT"]
    assert e.target == []


@pytest.mark.parametrize(("text", "plover", "source", "target"), NEWS_CONSTRUCTIONS)
def test_news_constructions(text, plover, source, target):
    events = _events(text)
    assert any(
        e.plover == plover and _countries(e.source) == source and set(target) <= set(_countries(e.target))
        for e in events
    ), [(e.plover, _countries(e.source), _countries(e.target), e.rule) for e in events]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # published texts are not released prisoners; vows of countermeasures are not pledges
        ("The Chinese foreign ministry released a statement criticizing Japan.", "RETREAT"),
        ("Iran vowed countermeasures against Britain.", "AGREE"),
        # a state's protest is a complaint, not a street protest
        ("South Korea summoned the Japanese ambassador to protest.", "PROTEST"),
        # an announced expulsion is the act, not a mere threat
        ("Romania will expel ten Moldovan diplomats, the foreign ministry said.", "THREATEN"),
    ],
)
def test_news_senses_that_must_not_appear(text, wrong):
    assert wrong not in _types(text)


def test_street_protest_stays_protest():
    """Twin of the diplomatic protest: people protesting are PROTEST."""
    events = _events("Students in Manila protested against China outside its embassy.")
    assert any(e.plover == "PROTEST" for e in events), [(e.plover, e.rule) for e in events]


def test_pattern_file_typos_name_the_entry(tmp_path):
    from detente.events.patterns import load_patterns

    src = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "event_patterns.yaml"
    text = src.read_text(encoding="utf-8").replace(
        'cameo: "166", target: [dobj, "prep:from"]}', 'cameo: "166", target: [dobj, "prepfrom"]}', 1
    )
    bad = tmp_path / "p.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown target slot 'prepfrom'"):
        load_patterns(bad)
    bad.write_text(src.read_text(encoding="utf-8").replace("pos: ADJ", "pos: ADJECTIVE", 1), encoding="utf-8")
    with pytest.raises(ConfigError, match="be-committed|pos"):
        load_patterns(bad)


def test_target_from_the_article_when_the_sentence_names_none():
    """The other party of the story is the target, marked as inferred, with lower confidence."""
    text = ("Norway and Russia are at odds over fishing rights near Svalbard. "
            "Norway lodged a formal protest on Tuesday.")
    events = _events(text)
    [e] = [e for e in events if e.plover == "ACCUSE"]
    assert _countries(e.source) == ["NOR"] and _countries(e.target) == ["RUS"]
    assert e.rule.endswith("+target:article") and e.confidence < 0.6
    # twin: a target named in the sentence is taken as it is, not inferred
    [named] = [e for e in _events("Norway lodged a formal protest with Russia.") if e.plover == "ACCUSE"]
    assert _countries(named.target) == ["RUS"] and "+target:article" not in named.rule


def test_an_unnamed_subject_is_the_actor_the_article_last_named():
    text = ("Sweden's relations with Turkey have worsened for months. "
            "On Friday it recalled its ambassador from Ankara.")
    events = _events(text)
    [e] = [e for e in events if e.plover == "SANCTION"]
    assert _countries(e.source) == ["SWE"] and _countries(e.target) == ["TUR"]
    assert "+source:article" in e.rule
    # twin: with no actor anywhere, "it" codes nothing
    assert not [e for e in _events("On Friday it recalled its ambassador.") if e.plover == "SANCTION"]


def test_a_plural_we_stands_for_every_coordinated_author():
    """ "The governments of A, B and C declare: We support X": one event, every author a source."""
    text = ("The governments of Uruguay, Chile and Paraguay met in Montevideo on Monday. "
            "We reiterate our recognition of the new transitional leader of Bolivia.")
    [e] = [e for e in _events(text) if e.plover == "SUPPORT"]
    assert _countries(e.source) == ["CHL", "PRY", "URY"] and _countries(e.target) == ["BOL"]
    # twin: a singular "it" stands for one actor only
    text = ("The governments of Uruguay, Chile and Paraguay met in Montevideo on Monday. "
            "It reiterated its recognition of the new transitional leader of Bolivia.")
    [e] = [e for e in _events(text) if e.plover == "SUPPORT"]
    assert len(_countries(e.source)) == 1


def test_diplomacy_is_never_done_to_ones_own_country():
    """ "Norway suspended Norway's part in the accord" after a sentence about Sweden: the
    accord's partner, not Norway, is the one acted on."""
    text = ("Norway and Sweden signed a fisheries accord in 2010. "
            "On Tuesday Norway suspended Norway's participation in the accord.")
    [e] = [e for e in _events(text) if e.plover == "SANCTION"]
    assert _countries(e.source) == ["NOR"] and _countries(e.target) == ["SWE"]
    assert e.rule.endswith("+target:article")
    # twin: force used on one's own country keeps its target
    [e] = [e for e in _events("Russian police arrested Russian protesters in Moscow on Tuesday.")
           if e.plover == "COERCE"]
    assert _countries(e.target) == ["RUS"]


def test_a_headline_is_read_in_the_frame_headlines_are_written_in():
    """Title-case headlines defeat the small parser ("Summons" as a name); a headline with no
    parsed event is read as actors, a pattern verb, actors."""
    [e] = [e for e in _events("Chile Summons Peruvian Envoy Over Border Remarks")
           if e.plover == "ACCUSE"]
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    [e] = [e for e in _events("Laos and Cambodia Sign Declaration on River Management")
           if e.plover == "SUPPORT"]
    assert {a.country for a in e.source + e.target} == {"LAO", "KHM"}
    # twin: a headline whose words after the actor match no pattern codes nothing
    assert not [e for e in _events("Turkey Mourns Victims of Winter Floods in Ankara") if e.plover]


def test_an_unnamed_subject_is_not_the_country_it_acts_on():
    """ "The Foreign Office summoned Iran's envoy" after a sentence about Iran: the office
    is the story's other party (Britain), not Iran."""
    text = ("Iran detained a British cargo ship near Bandar Abbas on Friday. "
            "The Foreign Office summoned Iran's deputy ambassador on Saturday.")
    [e] = [e for e in _events(text) if e.plover == "ACCUSE"]
    assert _countries(e.source) == ["GBR"] and _countries(e.target) == ["IRN"]
    assert "+source:article" in e.rule
    # twin: acting on a third country, the unnamed subject stays the actor last named
    text = ("Iran detained a British cargo ship near Bandar Abbas on Friday. "
            "The ministry summoned Iraq's deputy ambassador on Saturday.")
    [e] = [e for e in _events(text) if e.plover == "ACCUSE"]
    assert _countries(e.source) == ["IRN"] and _countries(e.target) == ["IRQ"]


def test_a_speakers_reproach_is_an_accusation():
    """ "X said Y's move was a provocation": X criticizes Y (rule evaluation)."""
    events = _events("Beijing said the American decision was a blatant provocation.")
    [e] = [e for e in events if e.plover == "ACCUSE"]
    assert _countries(e.source) == ["CHN"] and _countries(e.target) == ["USA"] and e.rule == "evaluation"
    # twins: a negated reproach, and reproach words with no speaker, code nothing
    assert not [e for e in _events("Beijing said the American decision was not a provocation.")
                if e.plover == "ACCUSE"]
    assert not [e for e in _events("The provocation came after weeks of talks between China and America.")
                if e.plover == "ACCUSE"]


def test_calling_a_charge_baseless_rejects_it():
    """ "Russia said the Czech claims were baseless": a rejection of an accusation (REJECT)."""
    [e] = [e for e in _events("Russia said the Czech claims were baseless.") if e.plover]
    assert e.plover == "REJECT" and _countries(e.source) == ["RUS"] and _countries(e.target) == ["CZE"]
    # twin: calling the other's act baseless is still a reproach of it (ACCUSE)
    [e] = [e for e in _events("Russia said the Czech expulsions were baseless.") if e.plover]
    assert e.plover == "ACCUSE"


def test_a_judging_verbs_subject_is_the_judge():
    """ "Sweden's foreign minister called Russia's decision irresponsible": the caller judges."""
    [e] = [e for e in _events("Sweden's foreign minister called Russia's decision irresponsible.")
           if e.plover == "ACCUSE"]
    assert _countries(e.source) == ["SWE"] and _countries(e.target) == ["RUS"]
    # twin: "X's move is irresponsible" names no judge in the sentence: X is judged, never judge
    for e in _events("Russia's decision is irresponsible."):
        assert "RUS" not in _countries(e.source)


def test_a_reproach_with_no_judge_named_is_the_other_partys():
    """A statement's own words ("Japan's move violates ...") judge the one nearest the word;
    the judge is the story's other party, marked as taken from the article."""
    text = ("China and Japan have quarrelled over the islands for a year. "
            "Japan's latest move gravely violates the agreement.")
    [e] = [e for e in _events(text) if e.plover == "ACCUSE"]
    assert _countries(e.source) == ["CHN"] and _countries(e.target) == ["JPN"]
    assert e.rule == "evaluation+source:article" and e.confidence < 0.6
    # twin: the same words with no other party in the story code nothing
    assert not [e for e in _events("Japan's latest move gravely violates the agreement.")
                if e.plover == "ACCUSE"]


def test_an_amounts_in_phrase_is_what_is_given():
    """ "$40 million in emergency assistance to Haiti": the assistance is the object."""
    [e] = [e for e in _events("Canada is providing a further $40 million in emergency "
                              "assistance to Haiti.") if e.plover == "AID"]
    assert _countries(e.source) == ["CAN"] and _countries(e.target) == ["HTI"]
    # twin: an amount of something else is no aid
    assert not [e for e in _events("Canada is providing a further $40 million in legal "
                                   "fees to Haiti.") if e.plover == "AID"]


def test_a_swap_of_persons_is_a_release_a_swap_of_visits_is_not():
    [e] = [e for e in _events("Armenia and Azerbaijan exchanged prisoners on Tuesday.") if e.plover == "RETREAT"]
    assert {a.country for a in e.source + e.target} == {"ARM", "AZE"}
    # twin: an exchange of visits or a published map releases no one
    assert not [e for e in _events("Armenia and Azerbaijan exchanged visits on Tuesday.") if e.plover == "RETREAT"]
    assert not [e for e in _events("Armenia released a new map of its border with Azerbaijan.")
                if e.plover == "RETREAT"]


def test_an_agentless_passive_act_is_the_other_partys():
    """ "The German ambassador was summoned": the one summoned is named, the one who summoned
    is the story's other party (marked as taken from the article)."""
    text = "Russia expelled two German diplomats. The German ambassador was summoned on Monday."
    [e] = [e for e in _events(text) if e.plover == "ACCUSE"]
    assert _countries(e.source) == ["RUS"] and _countries(e.target) == ["DEU"]
    assert e.rule.endswith("+source:article")
    # twin: an agent named in the sentence is the source, not inferred
    [named] = [e for e in _events("The German ambassador was summoned by Poland on Monday.")
               if e.plover == "ACCUSE"]
    assert _countries(named.source) == ["POL"] and "+source:article" not in named.rule


def test_each_article_has_its_own_other_party():
    """The story's pairs are read once per article (Roles._other_party_of): one coder given
    two articles in turn, and the first again, takes each one's other party, not the last's."""
    texts = ["Chile expelled two Peruvian diplomats. The Peruvian ambassador was summoned on Monday.",
             "Bolivia expelled two Paraguayan diplomats. The Paraguayan ambassador was summoned on Monday."]
    sources = []
    for text in (*texts, texts[0]):
        sources += [_countries(coded.source) for coded in _events(text) if coded.plover == "ACCUSE"]
    assert sources == [["CHL"], ["BOL"], ["CHL"]]


def test_background_acts_are_historical_not_news():
    """An act dated well before the article is background: kept, with no PLOVER type."""
    events = code_text("Bolivia severed diplomatic relations with Paraguay in 2016.", "2024-05-02")
    [e] = [e for e in events if e.cameo.startswith("16")]
    assert e.modality == "historical" and e.plover is None and "historical" in e.aux_modes
    # twin: the same act reported on the day is news
    [now] = [e for e in code_text("Bolivia severed diplomatic relations with Paraguay on Tuesday.",
                                  "2024-05-02") if e.cameo.startswith("16")]
    assert now.modality == "actual" and now.plover == "SANCTION"


def test_the_judge_not_the_judged_is_the_source():
    """ "X said Y's decision was illegal": X accuses Y; "X regrets Y's decision": X accuses Y."""
    [e] = [e for e in _events("Chile said Argentina's decision was illegal.") if e.plover == "ACCUSE"]
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["ARG"]
    [r] = [e for e in _events("Spain regrets the Moroccan decision.") if e.plover == "ACCUSE"]
    assert _countries(r.source) == ["ESP"] and _countries(r.target) == ["MAR"]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Chile received a letter from Peru.", "CONSULT"),  # a letter is no visit
        ("The quarrel of Ghana with Togo came to an end last week, officials said.", "CONSULT"),
        ("Armenia said Azerbaijan had committed aggression.", "AGREE"),  # committed, not pledged
        ("Malaysian ships defended the platform against Indonesian vessels.", "SUPPORT"),
    ],
)
def test_generic_verbs_in_other_senses_code_no_event(text, wrong):
    assert wrong not in _types(text)


def test_the_senses_that_stay():
    """Twins: hosting a visitor, a pledge, a verbal defence of a decision."""
    assert "CONSULT" in _types("Egypt hosted the Sudanese president in Cairo.")
    assert "AGREE" in _types("Japan pledged to help Vietnam.")
    assert "SUPPORT" in _types("Germany defended the decision of France.")


def test_soldiers_storming_an_embassy_are_no_riot():
    """Twin of the crowd rule: a state's forces using force is ASSAULT."""
    events = _events("Russian troops stormed the Georgian embassy in Tskhinvali.")
    assert "ASSAULT" in {e.plover for e in events} and "PROTEST" not in {e.plover for e in events}


def test_an_inferred_we_is_not_its_own_target():
    """ "We call on the government of Togo ...", with "we" read from the article: Togo is
    the one urged, so the source cannot be Togo too."""
    text = ("Ghana and Togo disagree over a new map. "
            "'We call on the government of Togo to withdraw the map,' a statement said.")
    requests = [e for e in _events(text) if e.plover == "REQUEST"]
    assert requests
    for e in requests:
        assert not set(_countries(e.source)) & set(_countries(e.target))


def test_a_gerund_after_by_or_after_shares_the_subject():
    """ "Peru responded by expelling ...": the one who responded expels."""
    e = _one("Peru responded on Friday by expelling three Chilean diplomats.", "SANCTION")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_a_gerund_after_of_belongs_to_the_object():
    """Twin: in "accused X of sinking ..." the accuser did not sink anything."""
    events = _events("Peru accused Chile of sinking a fishing boat.")
    assert "ACCUSE" in {e.plover for e in events}
    assert not [e for e in events if e.plover == "ASSAULT" and _countries(e.source) == ["PER"]]


def test_what_is_called_for_has_not_happened():
    """A call for a release is a request, not a release."""
    events = _events("Peru has called for a swift release of the Chilean sailors.")
    assert "REQUEST" in {e.plover for e in events}
    assert "RETREAT" not in {e.plover for e in events}
    # twin: a release reported as done stays an event
    assert "RETREAT" in _types("Peru announced the release of the Chilean sailors.")


def test_a_bare_strike_between_states_is_military():
    events = _events("Russian jets carried out strikes on army bases in Georgia.")
    assert "ASSAULT" in {e.plover for e in events} and "PROTEST" not in {e.plover for e in events}
    # twin: a strike named as labour is a protest
    assert "PROTEST" in _types("Unions in Peru staged a general strike against the government.")


def test_drills_near_a_country_are_a_show_of_force_against_it():
    e = _one("China will hold military drills near Taiwan this week.", "MOBILIZE")
    assert _countries(e.source) == ["CHN"] and _countries(e.target) == ["TWN"]
    # twin: drills with a partner are joint exercises
    j = _one("Peru held military drills with Chile last week.")
    assert j.plover == "COOPERATE"


def test_diplomats_who_must_leave_are_expelled():
    text = "'Ten employees of the Chilean embassy must leave our country within 48 hours,' the Peruvian foreign minister said."
    e = _one(text, "SANCTION")
    assert e.cameo == "166"
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: an army that must leave is asked to, not expelled
    r = _one("The Peruvian foreign minister said the Chilean army must leave the border area.", "REQUEST")
    assert _countries(r.target) == ["CHL"]


def test_a_reproach_giving_an_acts_reason_is_no_criticism_of_its_own():
    events = _events("Peru expelled two Chilean diplomats after the illegal arrest of a Peruvian reporter.")
    assert "SANCTION" in {e.plover for e in events} and "ACCUSE" not in {e.plover for e in events}
    # twins: a judge named inside the reason, and a reproach that stands alone
    judged = _events("Peru expelled two Chilean diplomats after what it called an illegal arrest by Chile.")
    assert {"SANCTION", "ACCUSE"} <= {e.plover for e in judged}
    assert "ACCUSE" in _types("Peru called the arrest by Chile illegal.")


def test_agreeing_to_sanction_is_the_sanction():
    e = _one("The European Union agreed to impose new sanctions on Belarus.", "SANCTION")
    assert _countries(e.source) == ["IGO"] and _countries(e.target) == ["BLR"]
    assert "AGREE" not in _types("The European Union agreed to impose new sanctions on Belarus.")
    # twin: agreeing to cooperate stays an agreement
    assert "AGREE" in _types("Peru agreed to cooperate with Chile on fisheries.")


def test_withdrawing_diplomatic_staff_is_a_recall():
    e = _one("Peru said it would withdraw its defence attaches and embassy staff from Chile.", "SANCTION")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_the_owner_of_what_was_wronged_is_not_the_one_judged():
    text = "Chile fired missiles near the border. This violation of Peru's airspace is unacceptable."
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: the one named as acting is judged
    [j] = [x for x in _events("Peru said the Chilean incursion was unacceptable.") if x.plover == "ACCUSE"]
    assert _countries(j.source) == ["PER"] and _countries(j.target) == ["CHL"]


def test_an_event_noun_dated_last_year_is_background():
    old = _events("Chile's incursion into Peru last year alarmed Bolivia.", date="2023-05-01")
    assert "ASSAULT" not in {e.plover for e in old}
    # twin: undated, it is news
    assert "ASSAULT" in _types("Chile's incursion into Peru alarmed Bolivia.", date="2023-05-01")


def test_railing_against_is_criticism():
    e = _one("Peru railed against Chile's new border fence on Monday.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_a_governments_protest_is_a_complaint():
    e = _one("The Peruvian foreign ministry expressed its strong protest over Chile's new border fence.")
    assert e.plover == "ACCUSE" and e.cameo == "114"
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: people protesting demonstrate
    crowd = _events("Thousands of Peruvians held a protest outside the Chilean embassy in Lima.")
    assert "PROTEST" in {x.plover for x in crowd}


def test_a_charge_daffaires_can_be_summoned():
    text = "Peru and Chile are at odds. The Chilean charge d'affaires was summoned to the ministry on Monday."
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"] and e.cameo == "114"


def test_we_in_a_joint_declaration_is_every_author():
    text = ("The governments of Peru, Chile and Ecuador declare the following:\n\n"
            "1. We support the talks between the parties.\n\n"
            "2. Bolivia must respect the ceasefire.\n\n"
            "3. We call on Bolivia to release the detained fishermen.")
    [e] = [x for x in _events(text) if x.plover == "REQUEST" and x.rule.startswith("call-on")]
    assert _countries(e.source) == ["CHL", "ECU", "PER"] and _countries(e.target) == ["BOL"]
    # twin: agreeing together is not agreeing with each other
    agreed = _events("The governments of Peru and Chile declare the following:\n\n"
                     "1. We agree to recognize the new government of Bolivia.")
    [a] = [x for x in agreed if x.plover == "AGREE"]
    assert _countries(a.source) == ["CHL", "PER"] and _countries(a.target) == ["BOL"]


def test_we_after_a_group_that_is_no_statements_author():
    """Twin: "Peru and Chile traded fire" names no authors; a later unattributed "we" is
    the actor last named, as before."""
    text = ("Peru and Chile traded fire on the border. Ecuador urged calm. "
            "'We call on Chile to pull back its troops,' the statement said.")
    [e] = [x for x in _events(text) if x.plover == "REQUEST" and x.rule.startswith("call-on")]
    assert "PER" not in _countries(e.source)


def test_given_hours_to_leave_is_an_expulsion():
    e = _one("Peru gave the Chilean envoy three days to quit the country.", "SANCTION")
    assert e.cameo == "166" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # the passive, with the story's other party as the one who expels
    p = _one("Peru and Chile are at odds. The Chilean diplomats were given three days to quit the country.", "SANCTION")
    assert _countries(p.source) == ["PER"] and _countries(p.target) == ["CHL"]


def test_a_request_of_no_one_named_is_not_coded():
    """ "urged all parties to ...": whom it asks is no actor, so it is not taken from the
    article either (the story's other party was not asked)."""
    text = "Peru and Chile clashed at the border. Brazil urged all parties to stop the fighting."
    assert not [e for e in _events(text) if e.plover == "REQUEST"]
    # twins: a named addressee, and a word for a state that refers back to one
    named = _one("Peru and Chile clashed at the border. Brazil urged Chile to stop the fighting.", "REQUEST")
    assert _countries(named.source) == ["BRA"] and _countries(named.target) == ["CHL"]
    neighbour = _one("Peru and Chile clashed at the border. Peru asked the neighbouring state to end the fighting.",
                     "REQUEST")
    assert _countries(neighbour.source) == ["PER"] and _countries(neighbour.target) == ["CHL"]


def test_what_one_tells_another_to_do_has_not_happened():
    events = _events("Peru told Chile to withdraw its troops from the border immediately.")
    assert "REQUEST" in {e.plover for e in events}
    assert "RETREAT" not in {e.plover for e in events}
    # twin: a withdrawal reported as done
    assert "RETREAT" in _types("Chile withdrew its troops from the border with Peru.")


def test_prompted_to_and_a_list_after_including():
    """ "prompted X to ...": X acts; "states including A and B": A and B, each."""
    e = _one("The border clash prompted Peru to close its border with Chile.", "COERCE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    text = ("Chile's remarks prompted several states including Peru and Bolivia to summon "
            "the Chilean ambassadors in their capitals.")
    [s] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(s.source) == ["BOL", "PER"] and _countries(s.target) == ["CHL"]


def test_an_envoys_host_is_an_actor_of_its_own():
    e = _one("Peru recalled its ambassadors to Chile and Bolivia on Friday.", "SANCTION")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["BOL", "CHL"]
    assert "target:article" not in e.rule


def test_refusing_to_accept_a_ruling_or_claims_is_a_rejection():
    events = _events("Peru and Chile disagree. Peru will not accept any ruling of the border commission.")
    assert "REJECT" in {e.plover for e in events}
    passive = _events("Peru and Chile disagree. Those demands were not accepted by Peru, the minister said.")
    [r] = [e for e in passive if e.plover == "REJECT"]
    assert _countries(r.source) == ["PER"] and _countries(r.target) == ["CHL"]
    # twin: accepting a ruling is no rejection
    assert "REJECT" not in _types("Peru accepted the ruling of the border commission.")


def test_honorific_and_surname_is_the_person_named_before():
    """ "Mr Kiir" (no full stop after Mr) is the Salva Kiir named before, not someone else's name."""
    text = "President Salva Kiir spoke in Juba. Later Mr Kiir blamed the UN for bias."
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["SSD"]
    # twin: the full stop form was already read this way
    assert "ACCUSE" in _types("Later Mr. Kiir blamed the UN for bias.")


def test_a_named_envoy_is_acted_on_by_title():
    e = _one("Peru summoned Chilean Ambassador Jorge Ramos over the border incident.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert e.rule == "summon-envoy"
    # twin: a named person with no envoy's title is not summoned as an envoy
    assert "ACCUSE" not in _types("Peru welcomed Chilean writer Jorge Ramos on Monday.")


def test_recalling_a_charge_daffaires():
    e = _one("Peru chose on Monday to recall its chargé d'affaires in Santiago.", "SANCTION")
    assert e.rule == "recall-envoy" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_tariffs_on_a_countrys_goods_are_a_sanction():
    e = _one("Peru announced tariff hikes on $2 billion of Chilean imports.", "SANCTION")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert e.cameo == "163"


def test_an_unnamed_statement_making_demands_is_the_articles_other_party():
    text = ("Chile protested to Peru on Monday. \"Peru must apologise for the arrests,\" "
            "the statement said.")
    [r] = [e for e in _events(text) if e.plover == "REQUEST"]
    assert _countries(r.source) == ["CHL"] and _countries(r.target) == ["PER"]
    assert "+source:article" in r.rule or r.source[0].resolved_by == "article"


def test_announced_countermeasures_and_responses_are_threats():
    text = "Peru expelled two Chilean diplomats. Chile is ready to take reciprocal measures."
    [t] = [e for e in _events(text) if e.plover == "THREATEN"]
    assert t.rule == "take-countermeasures+target:article"  # the other party, marked as inferred
    assert _countries(t.source) == ["CHL"] and _countries(t.target) == ["PER"]
    text = "Peru expelled two Chilean diplomats. Chile is going to give a fitting reply, its minister said."
    assert "THREATEN" in _types(text)
    # twin: measures to protect one's own citizens are no threat
    calm = "Peru expelled two Chilean diplomats. Chile will take measures to protect its citizens."
    # "ready to" a hostile act announces that act (a threat), it is no commitment to cooperate
    ready = _events("Peru expelled two Chilean diplomats. Chile is ready to take reciprocal measures.")
    assert "THREATEN" in {e.plover for e in ready} and "AGREE" not in {e.plover for e in ready}
    assert "AGREE" in _types("Chile is ready to hold talks with Peru.")
    assert "THREATEN" not in _types(calm)


def test_whoever_is_to_pay_or_bear_the_consequences_is_threatened():
    text = "Chile accused Peru of spying. Lima is going to pay dearly, the Chilean minister said."
    [t] = [e for e in _events(text) if e.plover == "THREATEN"]
    assert t.rule == "pay-dearly" and _countries(t.source) == ["CHL"] and _countries(t.target) == ["PER"]
    text = "Every consequence would then be borne by Peru, the Chilean foreign minister said."
    [t] = [e for e in _events(text) if e.plover == "THREATEN"]
    assert _countries(t.source) == ["CHL"] and _countries(t.target) == ["PER"]
    # twin: a price paid, with no one saying so, is no threat
    assert "THREATEN" not in _types("Peru paid a heavy price for the war.")


def test_working_together_needs_together_or_a_goal():
    """A verb pattern's `modifier` is checked: 'work together', or work towards closer ties."""
    assert "work-together" in {x.rule for x in _events("Peru and Chile worked together on border security.")}
    assert "work-to-promote" in {x.rule for x in _events("Peru and Chile will work to strengthen their ties.")}
    # twin: plain 'work' is no cooperation
    assert not [x for x in _events("Peru said its diplomats worked in Chile.") if x.rule.startswith("work")]


def test_whether_covers_every_conjunct():
    """ "whether X will stay ... or be annexed by Y": the annexation did not happen."""
    text = "Whether the islands will stay with Peru or be annexed by Chile is unclear."
    assert not [e for e in _events(text) if e.plover and e.cameo.startswith("19")]
    # twin: an annexation reported as done
    assert [e for e in _events("The islands were annexed by Chile in May.") if e.cameo.startswith("19")]


def test_a_question_put_is_no_request():
    text = "Peru and Chile quarrel. Asked about the border, the Peruvian spokesman said nothing had changed."
    assert "REQUEST" not in _types(text)
    text = "Peru and Chile quarrel. When asked whether Lima would retaliate, the Peruvian minister smiled."
    assert "REQUEST" not in _types(text)
    # twin: asking another state to act is a request
    assert "REQUEST" in _types("Peru asked Chile to reopen the border.")


def test_a_question_reported_is_no_request():
    """ "'What has Lima to gain?' the minister asked", "asked why Lima had ...": the question put
    (a quoted question, or a clause opened by a question word), nothing asked of anyone."""
    text = "Peru and Chile quarrel. “What has Lima to gain from this?” the Chilean minister asked."
    assert "REQUEST" not in _types(text)
    assert "REQUEST" not in _types("Peru and Chile quarrel. The Chilean minister asked Peru what it would do next.")
    # twin: a question before it, but Peru is asked to act: a request
    e = _one("“Why now?” the Chilean minister asked Peru to explain the troop movements.", "REQUEST")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    e = _one("The Chilean minister asked Lima to explain why it had sent troops.", "REQUEST")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_an_envoy_appointed_by_role():
    """ "appointed X as ambassador to Y": the role is what the pattern checks, Y the target."""
    e = _one("Peruvian President Ana Ruiz appointed Jorge Castillo, a former minister, "
             "as ambassador to Santiago.", "SUPPORT")
    assert e.rule == "appoint-envoy" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: appointed to a post at home, no other state
    assert "SUPPORT" not in _types(
        "Peruvian President Ana Ruiz appointed Jorge Castillo as minister of health.")


def test_force_and_obstruction_at_sea():
    e = _one("Six Peruvian ships obstructed the Chilean coast guard vessel on Monday.", "COERCE")
    assert e.rule == "obstruct-vessels" and _countries(e.target) == ["CHL"]
    e = _one("Peruvian boats collided with Chilean vessels in three incidents.", "ASSAULT")
    assert e.rule == "collide-with" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("The Peruvian air force conducted an air operation on rebel camps in Chile.", "ASSAULT")
    assert e.rule.startswith("n-military-operation")
    # twin: ships that sail together obstruct nothing
    assert not [x for x in _events("Six Peruvian ships escorted the Chilean coast guard vessel.")
                if x.plover in ("COERCE", "ASSAULT")]


def test_an_agentless_act_reported_by_a_state_is_that_states():
    text = "Peru and Chile quarrel. Lima said the border crossing will be closed to traffic on Monday."
    [e] = [x for x in _events(text) if x.cameo.startswith(("17", "13"))]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: force reported by its victim is not the victim's act
    text = "Peru and Chile quarrel. Lima said ten soldiers had been killed near the border."
    assert not [x for x in _events(text) if _countries(x.source) == ["PER"] and x.plover == "ASSAULT"]


def test_a_hostile_act_in_force_now_is_no_threat():
    """ "shuts with immediate effect": decided, coded as the act (not a threat)."""
    text = "Peru and Chile quarrel. Peru announced that its border would be shut with immediate effect."
    plovers = _types(text)
    assert "COERCE" in plovers and "THREATEN" not in plovers
    # twin: the same act announced for later is a threat
    text = "Peru and Chile quarrel. Peru announced that its border would be shut next month."
    assert "THREATEN" in _types(text)


def test_talking_to_the_press_is_no_consultation():
    text = "Peru and Chile quarrel. Speaking to reporters on Friday, the Peruvian minister praised the army."
    assert "CONSULT" not in _types(text)
    # twin: talking to the other state is
    text = "Peru and Chile quarrel. The Peruvian minister spoke with Chile's foreign minister on Friday."
    assert "CONSULT" in _types(text)
    # a reciprocal subject needs no named addressee, and "on Thursday" names no one
    text = "Peru's president and Chile's president will meet at the airport on Thursday."
    assert "CONSULT" in _types(text) or "AGREE" in _types(text)


def test_a_date_is_not_the_preposition_a_pattern_needs():
    """ "called ... on Wednesday": 'call on' needs someone called on, not a day."""
    text = "On Wednesday, Lima called the Chilean decision a grave escalation."
    assert "REQUEST" not in _types(text)
    # twin: calling on a state is a request
    assert "REQUEST" in _types("On Wednesday, Lima called on Chile to reopen the border.")


def test_what_a_speaker_names_is_judged_not_reported():
    """ "called X's decision to close ... an escalation": the closure is not coded again."""
    text = ("On Wednesday, Peru had called the Chilean decision to close its consulate in Lima "
            "an unprecedented escalation.")
    assert not [e for e in _events(text) if e.plover in ("SANCTION", "REQUEST")]
    # twin: the closure reported as such
    assert "SANCTION" in _types("Chile decided to close its consulate in Lima.")


def test_undertaking_strikes_is_no_pledge():
    text = "Peru and Chile quarrel. This morning Peru undertook a series of strikes on rebel camps in Chile."
    assert "AGREE" not in _types(text)
    # twin: undertaking to do something is a pledge
    assert "AGREE" in _types("Peru undertook to respect the border with Chile.")


def test_readiness_to_respond_by_force_is_a_threat():
    text = "Chile shelled a Peruvian post. Peru is prepared to respond if Chile persists in its attacks."
    plovers = _types(text)
    assert "THREATEN" in plovers and "AGREE" not in plovers
    # twin: readiness to talk is a commitment to cooperate
    assert "AGREE" in _types("Peru is ready to hold talks with Chile.")


def test_agreeing_to_ban_airlines_or_to_draft_sanctions_is_the_sanction():
    plovers = _types("The European Union agreed to ban Chilean airlines from its airspace.")
    assert "SANCTION" in plovers and "AGREE" not in plovers
    plovers = _types("The European Union agreed on Monday to draft new sanctions against Chile.")
    assert "SANCTION" in plovers and "AGREE" not in plovers
    # twin: agreeing to talks is an agreement
    assert "AGREE" in _types("The European Union agreed to hold talks with Chile.")


def test_violating_international_law_is_a_reproach_not_a_rejection():
    text = "Peru and Chile quarrel. The Chilean actions flagrantly violate international law."
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "REJECT" not in _types(text)
    # twin: defying a court's ruling is a rejection
    assert "REJECT" in _types("Chile defied the ruling of the court on the border with Peru.")
    assert "REJECT" in _types("Chile violated the arms embargo on Peru.")
    # and breaching networks is a cyber attack, breaching law is not
    assert "COERCE" in _types("Chilean hackers breached the networks of the Peruvian ministry.")


def test_denying_entry_is_coercion():
    e = _one("Peru denied entry to Chilean military planes on Sunday.", "COERCE")
    assert e.cameo == "172" and _countries(e.target) == ["CHL"]
    # twin: a refused request stays a rejection
    assert "REJECT" in _types("Peru refused Chile's request for a meeting.")


def test_withdrawing_from_a_treaty_is_read_through_from():
    text = "Peru said it is not withdrawing yet from its treaty with Chile."
    assert "REJECT" not in _types(text)
    # twin: withdrawing from the treaty is the act
    assert "SANCTION" in _types("Peru withdrew from the treaty with Chile.")


def test_a_statements_content_is_coded_for_whoever_issued_it():
    """ "put out a note renewing its protest / demanding ...": the statement's content
    is an event of the issuer; a statement merely released is not a release."""
    text = "Chile detained a Peruvian captain. The Peruvian ministry put out a note renewing its firm protest."
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    text = "Peru issued a statement demanding the withdrawal of Chilean troops from the border."
    assert "REQUEST" in _types(text)
    # twin: "a statement released on Saturday" releases no one
    text = "Chile and Peru quarrel. \"Peru will answer any insult,\" the minister wrote in a note released on Sunday."
    assert "RETREAT" not in _types(text)


def test_a_curly_apostrophe_names_the_same_envoy():
    e = _one("Peru summoned the Chilean charge d\u2019affaires on Monday.", "ACCUSE")
    assert e.rule == "summon-envoy" and _countries(e.target) == ["CHL"]
    # and the English spelling of the office
    e = _one("Peru summoned the Chilean Charge d'Affairs on Monday.", "ACCUSE")
    assert e.rule == "summon-envoy"


def test_aid_after_a_disaster_goes_to_every_place_it_struck():
    text = "Peru and Chile quarrel. Brazil announced an emergency package for relief after the floods in Peru and Bolivia."
    [e] = [x for x in _events(text) if x.plover == "AID"]
    assert _countries(e.source) == ["BRA"] and _countries(e.target) == ["BOL", "PER"]
    e = _one("On Sunday Brazil sent two rescue teams to Peru.", "AID")
    assert _countries(e.target) == ["PER"]
    # twin: aid announced with no place and no other party has no target to invent
    assert not [x for x in _events("Brazil announced an emergency package for relief.") if x.target]


def test_ending_a_war_is_an_agreement():
    e = _one("Peru and Chile announced plans to end hostilities along their border.", "AGREE")
    assert e.rule == "end-war"
    # twin: ending talks is no peace
    assert "end-war" not in {x.rule for x in _events("Peru and Chile ended their talks on Friday.")}


def test_a_habit_is_background():
    assert "ACCUSE" not in _types("Peru has repeatedly accused Chile of spying.")
    # twin: the accusation as news
    assert "ACCUSE" in _types("Peru accused Chile of spying on Monday.")


def test_what_an_order_asks_for_has_not_happened():
    text = "Peru and Chile quarrel. Chile's president gave Peru an order to withdraw from the border."
    assert "RETREAT" not in _types(text)
    # twin: the withdrawal done
    assert "RETREAT" in _types("Peru and Chile quarrel. Peru withdrew its troops from the border.")


def test_a_light_verb_the_parser_mislemmatizes():
    """spaCy lemmatizes "stages" as "stag": the light verb is still found ("stage")."""
    e = _one("Peru stages a withdrawal from Chile.", "RETREAT")
    assert e.rule == "n-withdrawal" and _countries(e.target) == ["CHL"]
    # twin: a withdrawal named in passing, with no verb that stages it, is no event
    assert "RETREAT" not in _types("The withdrawal was the topic of the Peruvian debate.")


def test_acts_done_to_each_other():
    e = _one("Peru and Chile named new envoys to each other's capital cities.", "SUPPORT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: without "each other" a compound subject of a one-sided act names no target
    assert not [x for x in _events("Peru and Chile have released two prisoners.") if x.target]


def test_two_states_as_subject_of_a_cooperative_act_act_on_each_other():
    e = _one("Lima and Santiago have voiced their readiness to rebuild military ties.", "AGREE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: one state's willingness names no partner in the sentence
    assert not [x for x in _events("Lima has voiced its readiness to rebuild military ties.") if x.target]


def test_they_after_a_call_are_its_parties_and_a_topic_is_no_party():
    text = ("The Peruvian president held a joint call with Chile's president and Brazil's president, "
            "where they agreed to work on a common plan for the region.")
    [a] = [e for e in _events(text) if e.plover == "AGREE"]
    assert _countries(a.source) == ["PER"] and _countries(a.target) == ["BRA", "CHL"]
    # twin: what is discussed is a topic, not a party
    text = "Peru discussed the Chilean announcement with Brazil."
    [c] = [e for e in _events(text) if e.plover == "CONSULT"]
    assert _countries(c.target) == ["BRA"]
    assert "CONSULT" in _types("Peru consulted Brazil on Monday.")


def test_condemning_the_attack_aims_at_who_attacked():
    text = "Chile shelled a Peruvian border post on Monday. Brazil condemned the attack."
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.target) == ["CHL"] and e.rule.endswith("+target:event")
    # twin: with no attack reported before, the attack names no one
    assert not [x for x in _events("Brazil condemned the attack.") if x.target]


def test_opposing_or_doubting_another_states_act():
    e = _one("Peru is firmly opposed to Chile's deployment of missiles.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "ACCUSE" in _types("Peru vehemently opposes Chile's new missile deployment.")
    e = _one("Peru has cast doubt on Chile's claim about the border.", "REJECT")
    assert _countries(e.target) == ["CHL"]
    # twin: opposing an act whose author the sentence does not name codes nothing
    assert "ACCUSE" not in _types("Peru and Chile quarrel. Peru opposes sending a peace force.")


def test_coming_under_fire_names_the_one_attacked():
    text = "Chile and Peru quarrel. Two Peruvian patrol boats came under fire near the border."
    [e] = [x for x in _events(text) if x.plover == "ASSAULT"]
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert e.rule.startswith("come-under-fire")
    # twin: coming under criticism is no attack
    text = "Chile and Peru quarrel. Two Peruvian ministers came under criticism at home."
    assert "ASSAULT" not in _types(text)


def test_declining_to_comment_or_asking_ones_parliament_is_no_event():
    text = "Peru and Chile quarrel. The Peruvian ministry declined to comment on Chile's appeal."
    assert "REJECT" not in _types(text)
    text = "Peru and Chile quarrel. The Peruvian president plans to ask the congress to back a state of emergency."
    assert "REQUEST" not in _types(text)
    # twins: declining another's offer is a rejection; asking the other state is a request
    assert "REJECT" in _types("Peru declined Chile's offer of talks.")
    assert "REQUEST" in _types("Peru asked Chile to approve the border plan.")


def test_allowing_needs_someone_named_and_aid_can_be_authorized():
    text = "Peru and Chile quarrel. Peru says it would never allow anybody to cross its borders."
    assert "REJECT" not in _types(text)
    # twin: allowing a named state is a concession
    assert "CONCEDE" in _types("Peru allowed Chile to use its port.")
    text = "Brazil intends to authorize $5 million in Emergency Relief Funds after the floods in Peru."
    [a] = [e for e in _events(text) if e.cameo.startswith(("07", "03"))]
    assert _countries(a.target) == ["PER"]


def test_an_act_recalled_as_a_setting_is_no_news():
    text = "In the wake of Chile's invasion of Peru, Brazil held a summit on regional security."
    assert "ASSAULT" not in _types(text)
    # twin: the invasion reported as news
    assert "ASSAULT" in _types("Chile's invasion of Peru began on Monday.")


def test_a_reproach_with_neither_judge_nor_judged_named_is_not_coded():
    text = "Peru and Chile quarrel. The statement said the decision was irresponsible."
    assert "ACCUSE" not in _types(text)
    # twin: both named
    [e] = [x for x in _events("Peru and Chile quarrel. Peru said Chile's decision was irresponsible.")
           if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_a_warning_that_judges_is_a_reproach_one_that_foretells_is_a_threat():
    text = "Peru warned that Chile was heading down a reckless road."
    plovers = _types(text)
    assert "ACCUSE" in plovers and "THREATEN" not in plovers
    # twin: a warning of what would follow is a threat
    text = "Peru warned that any aggressive act by Chile would have serious consequences."
    assert "THREATEN" in _types(text)


def test_a_question_judges_no_one():
    text = "Peru and Chile quarrel. Would Chile's move not be a dangerous provocation?"
    assert "ACCUSE" not in _types(text)
    # twin: the same reproach stated
    text = "Peru and Chile quarrel. Chile's move would be a dangerous provocation."
    assert "ACCUSE" in _types(text)


def test_shifting_the_blame_is_a_charge():
    e = _one("Peru tried to shift the blame onto Chile for the clashes.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: shifting troops onto the border is no charge
    assert "ACCUSE" not in _types("Peru shifted two brigades onto the Chilean border.")


def test_an_accord_put_on_hold_is_suspended():
    e = _one("Peru put its border accord with Chile on hold.", "SANCTION")
    assert e.rule.startswith("put-on-hold") and _countries(e.target) == ["CHL"]
    # twin: putting an accord to a vote suspends nothing
    assert "SANCTION" not in _types("Peru put its border accord with Chile to a vote.")


def test_a_hope_for_another_states_act_is_an_appeal():
    text = "Peru and Chile quarrel. Lima said it hoped that Santiago will reopen the border crossing."
    [e] = [x for x in _events(text) if x.plover == "REQUEST"]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: hoping to do something oneself asks nothing of anyone
    text = "Peru and Chile quarrel. Lima said it hoped to reopen the border crossing soon."
    assert "REQUEST" not in _types(text)


def test_a_communique_carries_what_it_says():
    text = "Peru released a communiqué warning Chile that any incursion would be answered by force."
    [e] = [x for x in _events(text) if x.plover == "THREATEN"]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: a communiqué about nothing hostile
    assert "THREATEN" not in _types("Peru released a communiqué on trade with Chile.")


def test_cutting_another_states_mission_reduces_relations():
    e = _one("Peru reduces the number of Chilean diplomats in Lima to ten.", "SANCTION")
    assert e.rule == "reduce-mission" and _countries(e.target) == ["CHL"]
    # twin: cutting tariffs on Chilean goods reduces no mission
    assert "reduce-mission" not in {x.rule for x in _events("Peru reduced the number of tariffs on Chilean goods.")}


def test_an_unnamed_crowd_is_the_civilians_of_where_it_gathers():
    text = "Anti-Peruvian protesters set several shops on fire in Santiago on Sunday."
    [e] = [x for x in _events(text) if x.plover == "PROTEST"]
    assert e.cameo == "145" and e.rule == "set-on-fire"
    assert [(a.code, a.resolved_by) for a in e.source] == [("CHLCVL", "place_of_crowd")]
    assert "CHL" not in _countries(e.target)  # the place they gather is not what they act on
    # twin: a crowd with no place named anywhere is no one
    assert "PROTEST" not in _types("Protesters set several shops on fire on Sunday.")


def test_a_crowd_rallying_against_a_state_demonstrates_a_state_opposes():
    e = _one("Thousands of protesters rallied against Chile in Lima.", "PROTEST")
    assert e.cameo == "141" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: a government rallying others against a state opposes it (ACCUSE)
    e = _one("Peru rallied its neighbours against Chile.", "ACCUSE")
    assert e.cameo == "113" and _countries(e.source) == ["PER"]


def test_reacting_strongly_or_objecting_is_criticism():
    e = _one("Peru reacted strongly to the new map released by Chile.", "ACCUSE")
    assert e.rule.startswith("react-strongly") and _countries(e.target) == ["CHL"]
    e = _one("Peru objected to Chile's decision.", "ACCUSE")
    assert e.rule == "object-to" and _countries(e.target) == ["CHL"]
    # twins: a mere reaction, or an object of study, criticizes no one
    assert "ACCUSE" not in _types("Peru reacted to the new map released by Chile.")
    assert "ACCUSE" not in _types("Peru studied the object of Chile's decision.")


def test_an_act_said_to_damage_relations_is_blamed():
    text = "Peru's foreign ministry said Chile's move was severely damaging bilateral relations."
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert e.rule == "damage-relations"
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: improving relations blames no one
    text = "Peru's foreign ministry said Chile's move was greatly improving bilateral relations."
    assert "ACCUSE" not in _types(text)


def test_stopping_financial_support_and_using_air_power():
    e = _one("Peru halted its financial support to Bolivia.", "SANCTION")
    assert e.rule == "cut-aid" and _countries(e.target) == ["BOL"]
    e = _one("Peru employed artillery against army posts in Chile.", "ASSAULT")
    assert e.rule == "use-weapons-against" and _countries(e.target) == ["CHL"]
    # twins: giving support, and guns put to civil use, are no sanction or force
    assert "SANCTION" not in _types("Peru increased its financial support to Bolivia.")
    assert "ASSAULT" not in _types("Peru employed artillery to clear a landslide near Chile.")


def test_the_agent_of_a_nominal_act_is_the_one_criticized():
    e = _one("Peru strongly opposes the deployment of missiles in Bolivia by Chile.", "ACCUSE")
    assert _countries(e.target) == ["CHL"]
    # twin: with no agent named, the act's place is what the phrase names
    e = _one("Peru strongly opposes the deployment of missiles in Bolivia.", "ACCUSE")
    assert _countries(e.target) == ["BOL"]


def test_new_words_of_reproach_judge_another_state():
    e = _one("Bolivia said the incursion by Chilean troops was unprovoked.", "ACCUSE")
    assert _countries(e.source) == ["BOL"] and _countries(e.target) == ["CHL"]
    # twin: the word negated judges no one
    text = "Bolivia said the incursion by Chilean troops was not unprovoked."
    assert "ACCUSE" not in _types(text)


def test_we_in_a_joint_declaration_are_its_authors():
    text = ("The governments of Peru and Bolivia declare the following: "
            "1. We observe that the talks were manipulated by the Chilean government.")
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["BOL", "PER"] and _countries(e.target) == ["CHL"]
    # twin: with no declaration before it, "we" is no one named
    text = "We observe that the talks were manipulated by the Chilean government."
    assert "ACCUSE" not in _types(text)


def test_receiving_a_visitor_by_office_is_hosting():
    text = "The Chilean ambassador was received in Lima by Peru's deputy foreign minister on Sunday."
    e = _one(text, "CONSULT")
    assert e.rule == "receive-visitor" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: receiving a letter hosts no one
    assert "CONSULT" not in _types("Peru received a long letter from Chile on Sunday.")


def test_the_ministers_of_a_list_of_states_are_each_of_them():
    e = _one("The foreign ministers of Peru, Chile and Bolivia signed a trade accord in Lima.", "SUPPORT")
    assert _countries([*e.source, *e.target]) == ["BOL", "CHL", "PER"]
    # twin: the minister of one state is that state alone
    e = _one("The foreign minister of Peru signed a trade accord with Chile in Lima.", "SUPPORT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_hours_given_to_leave_expel():
    e = _one("Peru gave the Chilean envoy two days to depart.", "SANCTION")
    assert e.rule == "ask-to-leave" and _countries(e.target) == ["CHL"]
    # twin: a thing given to read expels no one
    assert "SANCTION" not in _types("Peru gave the Chilean envoy a book to read.")


def test_a_leaders_arrival_in_another_country_is_a_visit():
    e = _one("Peruvian President Pedro Castillo arrived in Santiago on Sunday.", "CONSULT")
    assert e.rule == "arrive-visit" and _countries(e.target) == ["CHL"]
    # twin: arriving home visits no one, and no visit is taken from the article
    text = "Peru and Chile quarrel. The Peruvian president landed in Lima after the summit."
    assert "arrive-visit" not in {x.rule.split("+")[0] for x in _events(text)}


def test_a_compound_party_holding_talks_meets_itself_not_the_topic():
    e = _one("Peru and Chile held talks about a joint answer to Bolivia's move.", "CONSULT")
    assert _countries([*e.source, *e.target]) == ["CHL", "PER"]
    # twin: talks held with a partner have the partner as target
    e = _one("Peru and Chile held talks with Bolivia.", "CONSULT")
    assert _countries(e.target) == ["BOL"]


def test_being_in_talks_with_a_state_consults_it():
    e = _one("Peru is in talks with Chile.", "CONSULT")
    assert e.rule == "n-talks" and _countries(e.target) == ["CHL"]
    # twin: being in a mood consults no one
    assert "CONSULT" not in _types("Peru is in a difficult mood over Chile.")


def test_the_island_is_the_place_last_named():
    text = "The Chilean minister landed in Bolivia. Peru said its army will hold drills all around the island."
    [e] = [x for x in _events(text) if x.plover == "MOBILIZE"]
    assert _countries(e.target) == ["BOL"]
    # twin: with no place named before, the island is no one's
    text = "Peru said its army will hold drills all around the island."
    assert all("BOL" not in _countries(x.target) for x in _events(text))


def test_one_of_its_units_is_the_speakers():
    e = _one("The Peruvian navy reported that two of its drones hit a Chilean radar site.", "ASSAULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: drones of no one named are no one's
    assert "ASSAULT" not in _types("Two of the drones hit a Chilean radar site.")


def test_a_battle_between_two_sides_is_mutual():
    e = _one("A bloody battle broke out on Monday between the Peruvian army and Chilean troops.", "ASSAULT")
    assert e.rule.startswith("n-clash") and _countries([*e.source, *e.target]) == ["CHL", "PER"]
    e = _one("A bloody battle broke out on Monday between the Peruvian army and Peruvian rebels.", "ASSAULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["PER"]
    # twin: a battle of words erupts between no armies
    assert "ASSAULT" not in _types("A bloody row broke out between Peruvian scholars.")


def test_control_wrested_from_a_state_is_force():
    e = _one("Peruvian soldiers wrested control of the mountain pass from Chile.", "ASSAULT")
    assert e.rule == "wrest-control" and e.cameo == "192" and _countries(e.target) == ["CHL"]
    assert "take-control" in {x.rule.split("+")[0] for x in _events("Peru took control of the border town.")}
    # twin: a new government taking control of a ministry fights no one
    assert "ASSAULT" not in _types("Peru's new government took control of the ministry.")


def test_a_reproach_in_a_condition_judges_no_one_yet():
    text = "Peru is prepared to step up its defences if Chile persists in its violations of the border."
    assert "evaluation" not in {x.rule.split("+")[0] for x in _events(text)}
    # twin: the same violations stated as done
    text = "Peru said Chile persists in its violations of the border."
    assert "evaluation" in {x.rule.split("+")[0] for x in _events(text)}


def test_an_envoy_recalled_in_the_passive_is_his_states_act():
    text = "Peru and Chile quarrel. The Peruvian ambassador was recalled to Lima for consultations."
    [e] = [x for x in _events(text) if x.plover == "SANCTION"]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: an envoy named by no country is recalled by the state that reports it
    text = "Peru and Chile quarrel. Lima said the ambassador has been recalled for consultations."
    [e] = [x for x in _events(text) if x.plover == "SANCTION"]
    assert _countries(e.source) == ["PER"]


def test_quoted_words_are_their_attributed_speakers():
    text = ('"The decision to close the border together with units of the army of Chile was reckless. '
            'We will answer," the Peruvian minister said.')
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert [a.resolved_by for a in e.source] == ["quote_attribution"]
    # twin: the same words without quotation marks are the reporter's, judging no one
    text = ("The decision to close the border together with units of the army of Chile was reckless. "
            "We will answer, the Peruvian minister said.")
    assert "ACCUSE" not in _types(text)


def test_sanctions_announced_as_nouns():
    e = _one("Peru ordered the closure of the Chilean consulate in Arequipa.", "SANCTION")
    assert e.rule == "n-close-mission" and _countries(e.target) == ["CHL"]
    e = _one("Peru announced the recall of its ambassador from Chile.", "SANCTION")
    assert e.rule == "n-recall-envoy" and _countries(e.target) == ["CHL"]
    e = _one("Peru announced the suspension of flights to Chile.", "SANCTION")
    assert e.rule == "n-halt-trade" and _countries(e.target) == ["CHL"]
    # twins: closing a factory or recalling a vote is no sanction
    assert "SANCTION" not in _types("Peru ordered the closure of a Chilean factory in Arequipa.")
    assert "SANCTION" not in _types("Peru announced the recall of its vote on the Chilean bill.")


def test_cooperation_announced_as_nouns():
    e = _one("Peru and Chile announced the restoration of diplomatic ties.", "SUPPORT")
    assert e.rule == "n-restore-ties" and _countries([*e.source, *e.target]) == ["CHL", "PER"]
    e = _one("Peru welcomed the normalization of relations with Chile.", "SUPPORT")
    assert e.rule == "welcome-praise"
    # twin: the restoration of an old church cooperates with no one
    assert "SUPPORT" not in _types("Peru and Chile announced the restoration of an old church.")


def test_failing_ones_commitments_is_blamed_by_the_speaker():
    e = _one("Peru's president said Chile failed to honour its commitments under the accord.", "ACCUSE")
    assert e.rule == "fail-commitments"
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: failing to qualify for a tournament blames no one
    assert "ACCUSE" not in _types("Chile failed to qualify for the tournament, Peru said.")


def test_a_duty_not_done_is_blamed_by_whoever_reports_it():
    # coder-208: "failed to address / to appear" blames the one who failed (fail-duty), and a
    # clause joined with its own subject stays an act of its own
    text = "Bolivia's ministry said Peru had failed to address the attacks on its consulate and that it would recall its consul from Lima."
    e = _one(text, "ACCUSE")
    assert e.rule == "fail-duty" and _countries(e.source) == ["BOL"] and _countries(e.target) == ["PER"]
    assert "SANCTION" in _types(text)
    e = _one("Called in on Monday, the Chilean envoy failed to appear before the ministry, the Peruvian statement said.", "ACCUSE")
    assert e.rule.startswith("fail-duty") and _countries(e.target) == ["CHL"]
    # twin: a narrator's "failed to stop" blames no one
    assert "ACCUSE" not in _types("Peruvian border guards failed to stop the Chilean smugglers at the river.")


def test_a_note_handed_to_an_envoy_is_not_his():
    # coder-209: "was handed a note denouncing X" is the note's author's criticism (the
    # passive's agent, else the story's other party), not the envoy's
    text = "Peru condemned the raid. On Monday the Chilean ambassador was handed a stern note condemning the incursion."
    e = [x for x in _events(text) if x.plover == "ACCUSE" and x.sentence_index == 1][0]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: a note he hands over is his own
    e = _one("On Monday the Chilean ambassador handed Peru a stern note condemning the incursion.", "ACCUSE")
    assert _countries(e.source) == ["CHL"]

def test_being_against_an_act_opposes_it_unless_acts_of_any_kind():
    # coder-210: "X is against it" opposes the act reported (be-against, target from the
    # story); "against every sort of raid", "against any slights" judge no one's act
    text = "Chile imposed new tariffs on Peruvian copper. Peru was firmly against it."
    e = [x for x in _events(text) if x.plover == "ACCUSE"][0]
    assert e.rule.startswith("be-against") and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twins: acts of any kind
    assert "ACCUSE" not in _types("Chile imposed new tariffs on Peruvian copper. Peru is against every sort of violence at sea.")
    assert "ACCUSE" not in _types("Peru will react sharply against any insults to its navy, the minister said.")
    e = _one("Peru reacted sharply against the Chilean insults to its navy.", "ACCUSE")
    assert _countries(e.target) == ["CHL"]

def test_a_reproach_in_what_is_rejected_is_the_rejection():
    # coder-211: the reproach word in a rejection's object is what is rejected (REJECT), no
    # criticism of its own
    types = _types("Peru firmly rejected Chile's meddling in the river dispute with Bolivia.")
    assert "REJECT" in types and "ACCUSE" not in types
    # twin: said apart from the rejection, it criticizes
    e = _one("Peru rejected the proposal and said Chile's meddling in the river dispute was illegal.", "ACCUSE")
    assert e.rule == "evaluation" and _countries(e.target) == ["CHL"]

def test_a_concern_about_nothing_judges_no_one():
    # coder-212: "concern" judges only with what it is about or whose it is
    text = "Chile closed four Peruvian banks on Monday, citing tax-compliance concerns."
    assert "ACCUSE" not in _types(text)
    # twins: a concern over an act, and a state's concerns
    e = _one("Peru expressed deep concern over the Chilean decision to close four banks.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "ACCUSE" in _types("Chile closed four Peruvian banks. Peru said Chile ignored Peru's concerns.")

def test_a_reproach_given_as_the_reason_of_a_response_is_not_coded_again():
    # coder-213: "in reply to the hostile raid", "in retaliation for X's violations": the
    # act's reason (reason_nouns), no criticism of its own, also for an act named by a noun
    text = "Peru's navy carried out attacks on a Chilean ship in reply to the hostile raid on Peruvian ports, the spokesman said."
    assert _types(text) == {"ASSAULT"}
    assert _types("Peru struck Chilean posts in retaliation for Chile's violations of the border.") == {"ASSAULT"}
    # twin: said apart from the response, the reproach judges
    e = _one("Peru's navy carried out attacks on a Chilean ship, and the spokesman said Chile's aggression against Peruvian territory was unprovoked.", "ACCUSE")
    assert e.rule == "evaluation" and _countries(e.target) == ["CHL"]

def test_an_act_judged_again_with_no_one_named_repeats_the_last_judgement():
    # coder-214: "this decision ... is irresponsible" in a sentence naming no actor judges the
    # act the article last judged, by the same judge (marked implicit)
    judged = "Peru said Chile's decision to close the border was reckless. Talks were held in the capital. "
    again = "Yet this decision, I repeat, is deeply unwise and very irresponsible."
    e = [x for x in _events(judged + again) if x.sentence_index == 2 and x.plover == "ACCUSE"][0]
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"] and "+source:article" in e.rule
    # twin: with nothing judged before, no one is judged
    assert "ACCUSE" not in _types("Talks were held in the capital. " + again)

def test_coercive_measures_reproach():
    # coder-215: "coercive" is a word of reproach, as "coercion" is
    e = _one("Peru's president wrote to Chile's leader that border disputes cannot be settled by coercive measures.", "ACCUSE")
    assert e.rule == "evaluation" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: coercive measures of any kind judge no one
    assert "ACCUSE" not in _types("Peru's president wrote to Chile's leader that any coercive measures would fail.")

def test_provoking_a_crisis_judges_no_one_a_provocation_does():
    # coder-216: the verb "provoke" (to cause) is no word of reproach
    text = "The arrival of 6,000 migrants on Peruvian soil provoked a deep political quarrel between Peru and Chile, the Peruvian minister said."
    assert "ACCUSE" not in _types(text)
    # twin: calling it a provocation judges
    e = _one("The arrival of 6,000 migrants on Peruvian soil was a provocation by Chile, the Peruvian minister said.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]

def test_any_such_act_said_to_be_unfriendly_judges_no_one():
    # coder-217: a word of reproach said of "any ..." judges what might happen, no act
    assert "ACCUSE" not in _types("Peru holds that any show of support for the Chilean rebels is unfriendly.")
    # twin: said of Chile's gesture, it judges Chile
    e = _one("Peru holds that Chile's show of support for the rebels is unfriendly.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]

def test_condemning_terrorism_with_no_doer_named_judges_no_state():
    # coder-218: criticism of an act named as terrorism, its doer unnamed (terror_words), blames
    # neither the state where it happened nor the story's other party
    story = "Chile and Peru have quarrelled over fishing for months. "
    assert "ACCUSE" not in _types(story + "Chile strongly condemned the terrorist bombing of its consulate in Lima.")
    assert "ACCUSE" not in _types(story + "A terror attack on diplomats is intolerable and unacceptable, the Chilean president said.")
    # twin: a terrorist attack whose doer is named judges that doer
    e = _one(story + "Chile strongly condemned Peru's terrorist bombing of its consulate in Lima.", "ACCUSE")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]

def test_a_joint_statement_speaks_for_all_its_parties():
    text = "The Peruvian president said she regrets the Chilean withdrawal from the accord in a joint declaration with Bolivia."
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["BOL", "PER"] and _countries(e.target) == ["CHL"]
    # twin: a statement of her own speaks for Peru alone
    text = "The Peruvian president said she regrets the Chilean withdrawal from the accord in a statement on Monday."
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["PER"]


def test_requirements_made_of_another_state_are_demands():
    e = _one("The Peruvian ministry made specific requirements of Chile on the closing of its consulate.", "REQUEST")
    assert e.rule == "n-demand" and _countries(e.target) == ["CHL"]
    # twin: the requirements of a tender ask no state
    assert "REQUEST" not in _types("The requirements of the tender were published in Lima.")


def test_the_first_act_since_a_year_is_news():
    e = _one("On Monday the Peruvian president made her first visit to Chile since 2012.", "CONSULT", date="2024-03-01")
    assert e.modality == "actual"
    # twin: an act dated in an earlier year is background
    assert not [x for x in _events("Peru severed relations with Chile in 2019.", date="2024-03-01") if x.plover]


def test_an_undated_article_is_as_recent_as_the_newest_year_it_names():
    text = "Peru and Chile met on 4 May 2024 for talks. Peru signed a water treaty with Chile in 1960."
    events = _events(text, date=None)
    assert "SUPPORT" not in {x.plover for x in events}  # the 1960 treaty is background
    # twin: with no later year named, a year is no reason to call an act background
    events = _events("Peru signed a water treaty with Chile in 1960.", date=None)
    assert "SUPPORT" in {x.plover for x in events}


def test_one_organisation_acting_on_another_is_not_acting_on_itself():
    text = ("Peru and Chile quarrel. The European Union urged the UN's International Civil Aviation "
            "Organization to investigate the incident.")
    e = _one(text, "REQUEST")
    assert [a.code for a in e.target] == ["IGOUNO"] and [a.code for a in e.source] == ["IGOEEC"]
    # twin: a state urging itself is no target of its own diplomacy (its other party is taken)
    e = _one("Peru and Chile quarrel. Lima urged Peru to investigate the incident.", "REQUEST")
    assert _countries(e.target) == ["CHL"]


def test_units_sent_across_the_border_are_force():
    e = _one("Peru and Chile quarrel. On Friday, Lima sent two tank columns across the border.", "ASSAULT")
    assert e.rule.startswith("send-across-border") and _countries(e.target) == ["CHL"]
    # twin: troops sent to the border are a build-up
    e = _one("Peru sent troops to the border with Chile.", "MOBILIZE")
    assert "ASSAULT" not in _types("Peru sent troops to the border with Chile.")


def test_the_nearest_verb_that_judges_names_the_judge():
    text = "Tensions rose after Peru announced it would move troops to the border, a move Chile has described as provocative."
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    # twin: with no judging verb of its own, the words are the reporting state's
    text = "Chile said Peru would move troops to the border, which is provocative."
    [e] = [x for x in _events(text) if x.plover == "ACCUSE"]
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_an_act_after_it_is_adjective_for_x_to_is_judged_not_reported():
    events = _events("It would be unlawful for Chile to detain the Peruvian fishermen.")
    assert "COERCE" not in {x.plover for x in events}
    # twin: the detention reported
    e = _one("Chile detained the Peruvian fishermen on Monday.", "COERCE")
    assert _countries(e.source) == ["CHL"]


def test_an_act_declared_an_act_of_war_is_a_threat():
    e = _one("Peru and Chile quarrel. Peru said it would regard a blockade of its ports as an act of war.",
             "THREATEN")
    assert e.rule.startswith("act-of-war") and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: historians weighing an old raid threaten no one
    assert "THREATEN" not in _types("Historians consider the raid an act of war by Chile.")


def test_barring_another_states_officials_coerces_it():
    e = _one("Chilean authorities banned two Peruvian ministers from campaigning for the referendum.", "COERCE")
    assert e.rule == "bar-from" and _countries(e.target) == ["PER"]
    # twin: banning smoking bars no state's people
    assert "COERCE" not in _types("Chile banned smoking in bars from Monday.")


def test_welcoming_ties_praises_them_welcoming_a_visitor_hosts():
    e = _one("Peru's president said he welcomed the restored ties to Chile.", "SUPPORT")
    assert e.rule == "welcome-praise" and _countries(e.target) == ["CHL"]
    # twin: welcoming a visitor hosts him
    e = _one("Peru welcomed the Chilean president in Lima.", "CONSULT")
    assert e.rule == "host"


def test_vowing_to_attack_is_a_threat_not_a_pledge():
    e = _one("Peru vowed to attack any Chilean ship that enters its waters.", "THREATEN")
    assert e.rule.startswith("vow-to-retaliate")
    assert "AGREE" not in _types("Peru vowed to attack any Chilean ship that enters its waters.")
    # twin: vowing to cooperate is a pledge
    assert "AGREE" in _types("Peru vowed to cooperate with Chile on border security.")


def test_refusing_to_accept_or_honour_is_a_rejection():
    e = _one("Peru and Chile quarrel. Peru will never accept any pressure from Chile.", "REJECT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Peru and Chile quarrel. The vote was rigged, so Peru will not honour it.", "REJECT")
    assert _countries(e.source) == ["PER"]
    # twin: accepting Chile's offer agrees to it
    assert "AGREE" in _types("Peru and Chile quarrel. Peru accepted the offer from Chile.")


def test_workers_or_students_rioting_are_a_crowd():
    text = "Peruvian shops in Santiago were looted. Students attacked several Peruvian offices in Chile on Tuesday."
    [e] = [x for x in _events(text) if x.plover == "PROTEST"]
    assert e.cameo == "145" and [a.code for a in e.source] == ["CHLCVL"]
    # twin: named soldiers attacking offices are no crowd
    text = "Peruvian shops in Santiago were looted. Chilean soldiers attacked Peruvian offices on Tuesday."
    assert "PROTEST" not in _types(text)


def test_aid_announced_for_states_goes_to_them():
    text = "The new funding adds to the 85 million dollars in US assistance announced for Peru and Bolivia."
    e = _one(text, "AID")
    assert _countries(e.source) == ["USA"] and _countries(e.target) == ["BOL", "PER"]
    # twin: welcoming sanctions imposed on a state praises them, it hosts no one
    events = _events("Peru welcomed the sanctions imposed on Chile by the EU.")
    assert "CONSULT" not in {x.plover for x in events} and "SUPPORT" in {x.plover for x in events}


def test_a_place_force_comes_from_is_not_its_target():
    e = _one("Peru and Chile quarrel. Chilean rebels fired rockets from Bolivia towards Peru.", "ASSAULT")
    assert _countries(e.target) == ["PER"]
    # twin: rockets fired at targets in a country are aimed at it
    e = _one("Peru fired rockets at targets in Bolivia.", "ASSAULT")
    assert _countries(e.target) == ["BOL"]


def test_taking_to_the_streets_is_a_demonstration():
    e = _one("Thousands of students took to the streets in Lima against Chile.", "PROTEST")
    assert e.cameo == "141" and [a.code for a in e.source] == ["PERCVL"] and _countries(e.target) == ["CHL"]
    # twin: taking a street map to Lima demonstrates nothing
    assert "PROTEST" not in _types("The Chilean envoy took a street map to Lima.")


def test_an_announced_release_is_a_concession():
    e = _one("Peru said it will release the two Chilean fishermen tomorrow.", "CONCEDE")
    assert e.cameo == "0841" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert e.modality == "intent"
    # twin: the release done is a retreat
    e = _one("Peru released the two Chilean fishermen on Friday.", "RETREAT")
    assert e.cameo == "0841" and e.modality == "actual"
    # and other announced yields stay the codebook's intent to yield (AGREE 035)
    assert "AGREE" in _types("Peru will return the Chilean helicopters it seized.")


def test_what_a_statement_reports_is_coded():
    text = "The minister said in a communique that the order was given to recall the two Peruvian ambassadors to Chile."
    e = _one(text, "SANCTION")
    assert e.cameo == "161" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: what a demand asks for is not done
    events = _events("Peru repeated its demand that Chile recall its ambassador to Lima.")
    assert "SANCTION" not in {x.plover for x in events} and "REQUEST" in {x.plover for x in events}


def test_a_meeting_with_no_one_named_is_no_event():
    events = _events("Chile and Peru quarrel over fishing. The Peruvian president held a meeting in Lima on Monday.")
    assert "CONSULT" not in {x.plover for x in events}
    # twin: a meeting with someone named is one
    text = "Chile and Peru quarrel over fishing. The Peruvian president met the Chilean foreign minister in Lima on Monday."
    e = _one(text, "CONSULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_speaking_in_a_call_or_a_joint_conference_takes_part_in_it():
    text = "During a phone call with the Chilean foreign minister, the Peruvian president noted the progress."
    e = _one(text, "CONSULT")
    assert e.cameo == "041" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("The Peruvian president told a joint press conference with the Chilean envoy that talks would go on.",
             "CONSULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: a call with reporters meets no one
    events = _events("Chile and Peru quarrel. In a call with reporters, the Peruvian president said Chile lied.")
    assert "CONSULT" not in {x.plover for x in events}


def test_a_protest_note_handed_in_the_passive_targets_the_one_handed_it():
    e = _one("Chile and Peru quarrel. The Chilean ambassador was handed a formal protest note on Monday.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("The Chilean ambassador was given a stern warning by Peru.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: in the active voice, the one handing the note protests
    e = _one("Chile and Peru quarrel. The Chilean ambassador handed a formal protest note to Peru on Monday.", "ACCUSE")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_declaring_a_diplomat_persona_non_grata_is_an_expulsion():
    # the small parser reads "persona non grata" as the object with the diplomat in it
    for text, source, target in (("Peru declared the Chilean consul persona non grata on Monday.", "PER", "CHL"),
                                 ("Chile declared a Peruvian diplomat persona non grata.", "CHL", "PER")):
        e = _one(text, "SANCTION")
        assert e.cameo == "166" and _countries(e.source) == [source] and _countries(e.target) == [target]
    # twin: declaring a state of emergency expels no one
    assert "SANCTION" not in _types("Peru declared a state of emergency on Monday.")


def test_a_diplomat_ordered_to_leave_is_expelled_one_ordered_to_talk_is_not():
    e = _one("Peru ordered two Chilean diplomats to leave the country.", "SANCTION")
    assert e.cameo == "166" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: ordered to explain himself, an envoy is not expelled
    events = _events("Chile and Peru quarrel. The Chilean envoy was ordered to explain the seizure at the ministry.")
    assert "SANCTION" not in {x.plover for x in events}


def test_hostilities_are_fighting_hostility_is_a_reproach():
    events = _events("The Peruvian and Chilean presidents announced a plan to end hostilities on Monday.")
    assert "ACCUSE" not in {x.plover for x in events} and "AGREE" in {x.plover for x in events}
    assert "ASSAULT" in _types("Hostilities between Peru and Chile resumed on Monday.")
    # twin: hostility in the singular is an attitude, judged, not a fight
    events = _events("The Peruvian minister said Chile's hostility toward Lima was growing.")
    assert "ASSAULT" not in {x.plover for x in events}
    e = _one("The Peruvian minister said Chile's hostility toward Lima was growing.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_persons_captured_or_taken_into_custody_are_detained():
    e = _one("Peruvian soldiers took the Chilean pilot into custody on Monday.", "COERCE")
    assert e.cameo == "173" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("The Chilean pilot was captured by Peruvian troops.", "COERCE")
    assert e.cameo == "173" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twin: taking part in talks detains no one
    assert "COERCE" not in _types("Peru took part in the talks with Chile.")


def test_an_arrest_of_no_one_named_is_no_event():
    text = "Chile and Peru quarrel over fishing. Police in Lima said on Monday that they had detained a suspect."
    assert "COERCE" not in _types(text)
    # twin: an arrest of named nationals is one
    e = _one("Chile and Peru quarrel over fishing. Peruvian police detained two Chilean fishermen on Monday.", "COERCE")
    assert e.cameo == "173" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_an_answer_promised_if_another_acts_threatens_it():
    e = _one("Peru said it would retaliate if Chile expanded its drills.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"] and e.rule == "retaliate-if"
    # twin: an answer given to a request threatens no one
    assert "THREATEN" not in _types("Peru responded to the request from Chile on Monday.")


def test_ordering_an_envoys_departure_expels_him():
    e = _one("Peru ordered the departure of Chile's ambassador within 48 hours.", "SANCTION")
    assert e.cameo == "166" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twins: demanding it is a demand; a departure delayed by fog is no event
    assert "SANCTION" not in _types("Peru demanded the departure of the Chilean ambassador.")
    assert not [x for x in _events("The departure of the Chilean ambassador was delayed by fog.") if x.plover]


def test_citing_another_states_failure_blames_it():
    e = _one("Peru's foreign minister cited a lack of cooperation from Chile in the inquiry.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"] and e.rule == "cite-failure"
    # twin: citing a report blames no one
    assert "ACCUSE" not in _types("Peru cited a report by Chile's central bank on the economy.")


def test_a_letter_of_protest_submitted_and_a_state_held_responsible_are_accusations():
    e = _one("Chile and Peru quarrel. Peru submitted its letter of protest against Chile to the UN.", "ACCUSE")
    assert e.cameo == "114" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Peru said Chile is responsible for the crisis.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    # twins: a minister responsible for trade, and a plan submitted, blame no one
    assert "ACCUSE" not in _types("The Peruvian minister responsible for trade met Chilean officials.")
    assert "ACCUSE" not in _types("Peru submitted a plan for talks with Chile to the UN.")


def test_a_planned_act_in_news_style_is_announced_and_its_twin_done_is_the_act():
    """'Ghana to restore ties' (a headline) is a plan; 'Ghana restored ties' is the act."""
    planned = _one("Ghana to restore diplomatic ties with Togo", "AGREE")
    assert planned.modality == "intent"
    done = _one("Ghana restored diplomatic ties with Togo.", "SUPPORT")
    assert done.modality == "actual"


def test_an_infinitive_judged_or_conditional_is_not_a_plan():
    """'for X to ...' after a judgement, and 'if X were to ...', announce nothing."""
    assert "AGREE" not in _types("It would be a mistake for Ghana to visit Togo.")
    assert "AGREE" not in _types("Relations would improve if Ghana were to meet Togo's president.")
    assert "AGREE" in _types("Ghana's president is to meet Togo's president.")


def test_a_reproach_of_any_such_act_judges_no_act():
    """'any unfriendly step', 'any provocation or aggressive act': what might happen, no reproach;
    the twin, the same words on acts done, is one."""
    assert "ACCUSE" not in _types("Ghana hopes Togo avoids any unfriendly moves in future.")
    assert "ACCUSE" not in _types("Ghana warned that any provocation or aggressive act by Togo would be answered.")
    e = _one("Ghana said the unfriendly moves Togo made had soured the mood.", "ACCUSE")
    assert e.rule == "evaluation" and _countries(e.source) == ["GHA"] and _countries(e.target) == ["TGO"]


def test_a_decision_judged_or_answered_is_an_act_already_told():
    """'regrets X's decision to expel ...': the expulsion is told already, not coded again
    (and never with the judge as its source); the twin, a decision announced, is the act."""
    assert "SANCTION" not in _types("Ghana regrets Togo's decision to expel two Ghanaian diplomats.")
    assert "RETREAT" not in _types("Ghana regrets Togo decision to withdraw troops from the border")
    e = _one("Togo announced its decision to expel two Ghanaian diplomats.", "SANCTION")
    assert _countries(e.source) == ["TGO"] and _countries(e.target) == ["GHA"]
    e = _one("Togo took a decision on Monday to expel two Ghanaian diplomats.", "SANCTION")
    assert _countries(e.source) == ["TGO"]


def test_a_participle_before_the_judged_noun_is_no_predicate():
    """In 'has fallen back on a self-seeking, reckless and invented account' the participle
    modifies the noun: the subject of 'fallen' is the one judged, the quotation's speaker the
    judge (the twin below, without the participle, was already read so)."""
    said = " Ghana's foreign minister said this on Monday."
    e = _one("\u201cTogo has fallen back on a self-seeking, reckless and invented account.\u201d" + said, "ACCUSE")
    assert _countries(e.source) == ["GHA"] and _countries(e.target) == ["TGO"]
    e = _one("\u201cTogo has fallen back on a reckless account.\u201d" + said, "ACCUSE")
    assert _countries(e.source) == ["GHA"] and _countries(e.target) == ["TGO"]


def test_an_act_named_with_its_actor_and_reported_by_a_light_verb_takes_the_story_target():
    """'voiced Accra's protest': reported, so coded, against the other party of the story;
    the twin, the same noun phrase named in passing, codes nothing."""
    told = "Togo expelled two Ghanaian diplomats on Monday. "
    e = _one(told + "In response, Ghana's foreign minister voiced Accra's protest.", "ACCUSE")
    assert _countries(e.source) == ["GHA"] and _countries(e.target) == ["TGO"]
    assert "ACCUSE" not in _types(told + "Accra's protest led the evening news.")


def test_a_call_on_every_nation_asks_no_state_in_particular():
    """'We urge all nations to ...': no one is asked (no guess of the story's other party);
    the twin names the one asked."""
    told = "Ghana closed its border with Togo. "
    assert "REQUEST" not in _types(told + "Accra urged all nations to act against such conduct.")
    e = _one(told + "Ghana called on Togo to act against such conduct.", "REQUEST")
    assert _countries(e.target) == ["TGO"]


def test_a_condition_on_the_verb_governing_an_answer_names_whom_it_threatens():
    """'would be forced to react if Chile ...': the condition hangs on 'forced', not on the
    answer; the twin, an answer forced by no one's act, threatens no one."""
    e = _one("Peru would be forced to react if Chile moved its warships north.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"] and e.rule == "retaliate-if"
    assert "THREATEN" not in _types("Peru was forced to react to the flood with new funds.")


def test_wanting_another_state_to_act_demands_it():
    """'Lima wants Chile's envoy to leave': a demand of Chile; wanting to say something, or
    one's own people to do something, asks no one."""
    e = _one("Lima also wants Chile's ambassador to leave.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"] and e.rule == "want-to"
    assert "REQUEST" not in _types("Peru wants its farmers to sell more potatoes abroad.")
    e = _one("The Peruvian minister said: we want to stress that Chile should respect the treaty.", "REQUEST")
    assert e.rule != "want-to" and _countries(e.target) == ["CHL"]


def test_a_reproach_of_this_act_judges_the_previous_sentence_s_doer():
    """'This act is dangerous' with no one named: the act is the previous sentence's, done
    by its subject; the judge is the story's other party. The twin, with no act referred
    to ('this season'), judges no one."""
    told = "Chile moved a drilling platform into waters claimed by Peru. "
    e = _one(told + "This very dangerous act threatens peace in the region.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "ACCUSE" not in _types(told + "This season is very dangerous for fishing boats.")


def test_a_verb_joined_to_an_existential_clause_is_the_speaker_s():
    """'X said there was no excuse for it and called on Y to ...': the parse joins 'called'
    to 'was', which has no subject to lend; the speaker calls. The twin names the caller."""
    e = _one("Peru said there was no excuse for the raid and called on Chile to free the crew.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Peru said the raid was wrong and Lima called on Chile to free the crew.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_a_month_in_a_headline_date_is_no_verb():
    """'..., 8 March 2023' closing a headline: 'March' is the month, not a march; the twin,
    a headline whose verb is 'march', is a demonstration."""
    assert "PROTEST" not in _types("Note for the press on the latest events with Chile, 8 March 2023")
    assert "PROTEST" in _types("Peruvian Students March On Chilean Embassy")


def test_a_reproach_word_describing_migrants_judges_no_one():
    """'illegal migrants' names people and how they came (reproach_described); the twin,
    'illegal' said of another state's act, is a reproach."""
    text = "Peru will tax all goods from Chile until the illegal migrants stop arriving, the president said."
    assert "ACCUSE" not in _types(text)
    e = _one("Peru will tax all goods from Chile until Chile's illegal blockade stops, the president said.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_hit_with_tariffs_is_a_sanction_not_force():
    """'hit Chile's goods with tariffs' is a trade measure (hit-with-sanctions); the twin,
    hit with shells, is force."""
    e = _one("Peru hits Chilean goods with new tariffs.", "SANCTION")
    assert e.cameo == "163" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "ASSAULT" not in _types("Peru hits Chilean goods with new tariffs.")
    e = _one("Peru hit the Chilean outpost with artillery shells on Monday.", "ASSAULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_a_headline_participle_with_by_is_passive():
    """'Chile attacked by Peruvian troops': the actors after 'by' act on those before; hit
    'by sanctions', with no one named after 'by', no act of Chile's is told. The twin, an
    active headline, keeps its order."""
    e = _one("Chile attacked by Peruvian troops near the border", "ASSAULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert not [x for x in _events("Chile hit by sanctions while the neighbours close borders") if x.plover]
    e = _one("Chile Attacks Peruvian Troops Near The Border", "ASSAULT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_an_appeal_to_a_body_that_judges_disputes_complains_of_a_state():
    """Taken to the WTO, an appeal or complaint accuses the state complained of (115), not
    the body; the twin, an appeal to a state, asks that state."""
    e = _one("Chile appealed to the WTO against Peru's copper tariffs.", "ACCUSE")
    assert e.cameo == "115" and _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    e = _one("Chile filed a complaint with the WTO over Peru's copper tariffs.", "ACCUSE")
    assert e.cameo == "115" and _countries(e.target) == ["PER"]
    e = _one("Peru raised tariffs on Chilean copper. Santiago lodges an appeal with the "
             "World Trade Organisation.", "ACCUSE")
    assert e.cameo == "115" and _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    e = _one("Chile appealed to Peru to release the fishermen.", "REQUEST")
    assert _countries(e.target) == ["PER"]


def test_an_appeal_noun_is_coded_only_with_its_addressee_named():
    """'launched an appeal for calm' asks no one named (n-appeal is named_target); the twin
    names the one appealed to."""
    assert not [e for e in _events("Peru raised tariffs on Chilean copper. Chile launched an appeal for calm.")
                if e.rule.startswith("n-appeal")]
    e = _one("Peru raised tariffs on Chilean copper. Chile launched an appeal to Peru's president.", "REQUEST")
    assert e.rule.startswith("n-appeal") and _countries(e.target) == ["PER"]


def test_a_headline_s_listed_targets_are_all_its_targets():
    """'aid for flood-hit Peru, Bolivia': every actor listed with the first target is one;
    the twin, an actor after the act's own words ('..., Bolivia Says'), is not."""
    e = _one("Chile announces $20 mn in aid for flood-hit Peru, Bolivia", "AID")
    assert _countries(e.target) == ["BOL", "PER"]
    e = _one("Peru Sanctions Chile Over Border Row, Bolivia Says", "SANCTION")
    assert _countries(e.target) == ["CHL"]


def test_an_act_between_the_two_sides_is_the_story_s_pair():
    """'a clash between both sides' with no one named: the pair the article speaks of;
    the twin, between two villages, names no party of the story."""
    told = "Peru accused Chile of moving troops to the border. "
    e = _one(told + "A clash between both sides began a week ago.", "ASSAULT")
    assert _countries(e.source + e.target) == ["CHL", "PER"]
    assert "ASSAULT" not in _types(told + "A clash between two villages began a week ago.")


def test_a_country_read_as_a_place_acts_in_its_relative_clause():
    """'pressure from Chile, which froze talks with Lima': the country after 'from' is read
    as a place, but the relative clause tells its act; a city there is no state (twin)."""
    e = _one("The crew was freed after strong pressure from Chile, which froze high-level talks with Lima.",
             "SANCTION")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "SANCTION" not in _types("The crew was freed after pressure from Valparaiso, which froze talks with Lima.")


def test_declaring_diplomats_persona_non_grata_expels_them():
    """The parse reads 'declared two diplomats persona non grata' as a small clause, or 'as
    persona non grata' as a clause of its own: still an expulsion of the diplomats; the
    twin, declared what the speaker thinks, is none."""
    for text in ("Peru declared two Chilean diplomats persona non grata.",
                 "Peru was declaring the Chilean defence and naval attaches in Lima as persona non grata."):
        e = _one(text, "SANCTION")
        assert e.cameo == "166" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "SANCTION" not in _types("Peru declared that Chilean diplomats are welcome in Lima.")


def test_an_act_in_a_time_clause_shares_its_verb_s_year():
    """'ties broke in 2015, after Lima refused ...': the refusal is as old as the break
    (background); the twin, without the old year, is news."""
    text = "Peru and Chile cut their ties in 2015, after Peru refused to recognize Chile's claim."
    assert "REJECT" not in _types(text)
    e = _one("Peru and Chile cut their ties this week, after Peru refused to recognize Chile's claim.", "REJECT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_what_a_speaker_says_his_own_state_must_do_asks_no_one():
    """'the Peruvian minister said Peru had to act': no demand of another state; the twin,
    said of Chile, is a demand of Chile."""
    told = "Chile seized a Peruvian trawler on Monday. "
    assert "REQUEST" not in _types(told + "The Peruvian minister said Peru had to react to the seizure.")
    e = _one(told + "The Peruvian minister said Chile had to release the trawler.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_last_year_is_background_in_an_undated_text_too():
    """'last year', 'two years ago' are background whatever the article's date (here none);
    the twin, dated 'on Monday', is news."""
    for when in ("last year", "two years ago"):
        assert "ASSAULT" not in _types(f"Chile's incursion into Peru {when} alarmed Bolivia.", date=None)
    assert "ASSAULT" in _types("Chile's incursion into Peru on Monday alarmed Bolivia.", date=None)


def test_a_denied_act_is_not_coded_as_done():
    """'Lima denied that its troops shelled Chilean villages': by the speaker's word the
    shelling did not happen; the twin, reported without denial, is an attack."""
    assert "ASSAULT" not in _types("Peru denied that its troops shelled Chilean villages.")
    assert "ASSAULT" not in _types("Peru denied shelling Chilean villages.")
    e = _one("Peru said that its troops shelled Chilean villages.", "ASSAULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_a_vow_to_defend_itself_acts_on_no_one():
    """'vowed to guard its borders' is resolve, not a pledge to anyone (vow-to-defend,
    no PLOVER type); the twin, a vow to strike back, threatens."""
    told = "Chile accused Peru of shelling its villages. "
    assert not [e for e in _events(told + "Peru vowed to defend its coast and people.") if e.plover and e.source
                and _countries(e.source) == ["PER"]]
    e = _one(told + "Peru vowed to retaliate against Chile.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_agreeing_to_strong_measures_of_one_s_own_is_no_sanction():
    """'Lima agreed to tough steps against migration' is an agreement (agree); the
    twin, agreed sanctions on another, is a sanction (agree-sanctions)."""
    told = "Chile threatened Peru with tariffs over migration. "
    assert "SANCTION" not in _types(told + "Peru agreed to strong new measures against the smuggling of migrants.")
    e = _one(told + "The EU agreed new sanctions on Peru.", "SANCTION")
    assert _countries(e.target) == ["PER"]


def test_a_demand_that_every_state_act_asks_no_state_in_particular():
    """'We ask that every nation honour our borders' asks every state (no guess of the
    story's other party); the twin names the one asked."""
    told = "Chile expelled two Peruvian diplomats. "
    assert "REQUEST" not in _types(told + "Peru demanded that all countries respect its borders.")
    e = _one(told + "Peru demanded that Chile respect its borders.", "REQUEST")
    assert _countries(e.target) == ["CHL"]


def test_what_a_state_can_do_is_a_possibility_but_cannot_is_a_refusal():
    """'Chile can expel the envoy at any time' tells no expulsion; 'cannot accept' refuses
    (REJECT); the twin, done, is an expulsion."""
    assert "SANCTION" not in _types("Chile can expel the Peruvian envoy at any time.")
    assert "REJECT" in _types("Peru cannot accept Chile's proposal.")
    assert "SANCTION" in _types("Chile expelled the Peruvian envoy on Monday.")


def test_an_act_told_as_the_story_s_past_is_background():
    """'so far has not recognised', 'has in recent years expelled': the story's past, not
    its news; the twin, told as news, is coded."""
    assert "REJECT" not in _types("Peru so far has refused to recognize the Chilean government.")
    assert "SANCTION" not in _types("Peru has in recent years expelled several Chilean diplomats.")
    assert "REJECT" in _types("Peru refused on Monday to recognize the Chilean government.")


def test_failing_together_to_reach_a_deal_rejects_nothing():
    """'Peru and Chile failed to strike a deal' tells no refusal; the twin, one refusing
    the other, is a rejection."""
    assert "REJECT" not in _types("Peru and Chile failed to strike a deal in talks on Monday.")
    e = _one("Peru refused to reach an agreement with Chile.", "REJECT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_the_reason_given_on_an_object_is_an_act_of_its_own():
    """'summoned Chile's ambassador over Chile's criticism of Peru': the criticism is coded
    too (Chile accuses Peru); the twin, with no act in the reason, codes the summons only."""
    events = _events("Peru summoned Chile's ambassador over Chile's criticism of Peru.")
    assert {(e.plover, tuple(_countries(e.source)), tuple(_countries(e.target))) for e in events} == {
        ("ACCUSE", ("PER",), ("CHL",)), ("ACCUSE", ("CHL",), ("PER",))}
    assert len(_events("Peru summoned Chile's ambassador over the weekend's events.")) == 1


def test_serious_consequences_of_an_act_threaten_its_doer():
    """'any further raid by Chile would have serious consequences' threatens Chile; said of
    'this violation of Peru's airspace', Peru (wronged) warns Chile. The twin, consequences
    of a flood, threatens no one."""
    e = _one("Chile fired missiles into Peru. Peru said any further raid by Chile would have serious "
             "consequences.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Chile fired missiles into Peru. This violation of Peru's airspace is unacceptable and could "
             "have grave consequences.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "THREATEN" not in _types("Chile fired missiles into Peru. The flood in Lima will have serious "
                                    "consequences for farmers.")


def test_an_envoy_kept_home_reduces_relations():
    """'Chile's envoy to Peru will not take up the post / will not be going': relations
    reduced (SANCTION, matched only negated); the twin, an envoy who goes, is none."""
    told = "Peru passed a law on Chilean claims. "
    e = _one(told + "Chile's newly named ambassador to Peru will not be going, the ministry said.", "SANCTION")
    assert e.cameo == "161" and _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "SANCTION" not in _types(told + "Chile's newly named ambassador to Peru will be going next week.")


def test_an_arrest_warrant_and_revoked_visas_coerce():
    """An arrest warrant for a named foreign official (173) and revoked visas, a ban on entry
    (172), are coercion; the twins, a warrant with no one named and visas granted, are not."""
    e = _one("Peru issued an arrest warrant for a Chilean general.", "COERCE")
    assert e.cameo == "173" and _countries(e.target) == ["CHL"]
    e = _one("Peru revoked the visas of Chilean officials.", "COERCE")
    assert e.cameo == "172" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "COERCE" not in _types("Peru issued an arrest warrant on Monday.")
    assert "COERCE" not in _types("Peru granted visas to Chilean officials.")


def test_not_hesitating_to_strike_threatens_it():
    """'will not hesitate to strike' announces the strike (a threat), it does not report it;
    the twin, the strike done, is an attack."""
    e = _one("Peru will not hesitate to strike Chilean ships that enter its waters.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "ASSAULT" not in _types("Peru will not hesitate to strike Chilean ships that enter its waters.")
    assert "ASSAULT" in _types("Peru struck Chilean ships that entered its waters.")


def test_a_bare_participle_is_said_of_whom_it_befalls():
    """'mourners carried the coffins of two farmers, killed in a raid': the participle is a
    reduced passive, so the mourners did not kill; the twin, an active verb sharing its
    subject, still makes the soldiers the killers."""
    assert "ASSAULT" not in _types("Chilean mourners carried the coffins of two farmers, killed in a raid "
                                   "near the border.")
    e = _one("Peruvian soldiers crossed the border, killed two Chilean farmers and withdrew.", "ASSAULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_met_with_a_reaction_is_no_meeting():
    """'the recall was met with anger': a reception, not a meeting; the twin, an
    envoy met by a minister, is one."""
    told = "Chile recalled its ambassador from Peru. "
    assert "CONSULT" not in _types(told + "The recall was met with a stern reply from Lima.")
    e = _one(told + "The Chilean envoy was met by Peru's foreign minister at the airport.", "CONSULT")
    assert {*_countries(e.source), *_countries(e.target)} == {"PER", "CHL"}


def test_withdrawn_consent_reduces_relations():
    """'withdrew its consent for the Chilean consulate' reduces relations (161, SANCTION), no
    troop withdrawal; the twin, troops withdrawn, is still a retreat."""
    e = _one("Peru withdrew its consent for the new Chilean consulate.", "SANCTION")
    assert e.cameo == "161" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "RETREAT" not in _types("Peru withdrew its consent for the new Chilean consulate.")
    assert "RETREAT" in _types("Peru withdrew its troops from Chile.")


def test_an_order_put_first_is_a_demand_of_the_addressee():
    """'Pull back your troops, Peru tells Chile': a demand of Chile (REQUEST), not a
    withdrawal; the twin, an order given with 'to', is the same demand."""
    e = _one("Pull back your troops, Peru tells Chile", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "RETREAT" not in _types("Pull back your troops, Peru tells Chile")
    e = _one("Peru told Chile to pull back its troops.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_a_said_clause_hung_off_a_noun_is_still_said():
    """'told journalists at a briefing that Chile's government must ...': the parse makes the
    clause relative to 'briefing', but 'that' opens it and it has a subject: a demand of
    Chile; the twin, a true relative clause, demands nothing."""
    e = _one("A Peruvian minister told journalists at a briefing that Chile's government must free the "
             "two fishermen.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "REQUEST" not in _types("A Peruvian minister told journalists about a briefing that lasted an hour.")


def test_recommending_asks():
    """'recommended that Chile sign a treaty' and 'recommend X to remain' ask (REQUEST); the
    twin, a recommendation to no state, asks no one."""
    e = _one("Peru also recommended that Chile sign a new border treaty.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "REQUEST" not in _types("The panel recommended more funding for schools.")


def test_done_at_the_request_of_a_state():
    """'paused its operations at the request of Chile' / 'at Chile's request': Chile asked Peru
    (REQUEST); the twin, at the request of no state, is no request."""
    for s in ("Peru paused its operations at the request of Chile.", "Peru paused its operations at Chile's request."):
        e = _one(s, "REQUEST")
        assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "REQUEST" not in _types("Peru paused its operations at the request of farmers.")


def test_warned_to_act_is_a_demand():
    """'warned Chile to undo the damage': what one is warned to do is asked of it (REQUEST,
    the news conventions); the twin, a warning of consequences, stays a threat."""
    e = _one("Peru also warned Chile to undo the damage.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "THREATEN" not in _types("Peru also warned Chile to undo the damage.")
    e = _one("Peru warned Chile of serious consequences.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_both_of_a_pair_that_acted_are_judged():
    """'deplored French-German raids', 'the raids carried out by France and Germany': both
    states are judged, not the first or last named; the twin, one state's raids, judges
    that one."""
    for s in ("Peru deplored French-German raids on Chile.",
              "Peru's spokesman deplored the raids carried out by France and Germany on Chile."):
        e = _one(s, "ACCUSE")
        assert _countries(e.source) == ["PER"] and sorted(_countries(e.target)) == ["DEU", "FRA"]
    e = _one("Peru deplored German raids on Chile.", "ACCUSE")
    assert _countries(e.target) == ["DEU"]


def test_a_reproach_of_force_judges_who_used_it():
    """'condemned the attacks on Bolivia' names the victim: the one judged is who attacked;
    and a state condemned for strikes ('condemns Chilean strikes') is the one a later 'the
    attacks' refers to. The twin, a reproach naming the attacker, keeps it."""
    e = _one("Chilean jets bombed Bolivia on Friday. Peru condemned the attacks on Bolivia.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    events = [e for e in code_text("Peru condemns Chilean strikes against Bolivia. Argentina described the "
                                   "attacks as a serious violation of international law.", "2024-05-01")
              if e.plover == "ACCUSE" and _countries(e.source) == ["ARG"]]
    assert len(events) == 1 and _countries(events[0].target) == ["CHL"]
    e = _one("Chilean jets bombed Bolivia on Friday. Peru condemned Argentina's attacks on Bolivia.", "ACCUSE")
    assert _countries(e.target) == ["ARG"]


def test_a_past_date_on_what_was_asked_dates_the_asking():
    """'asked Peru to cut its staff last month': the cut has not happened, so the date is the
    asking's (background); 'earlier this month' is background too. The twin, asked on
    Monday, is news."""
    [ask] = [e for e in code_text("Chile's foreign ministry asked Peru to cut its embassy staff last month.",
                                  "2015-07-25") if e.rule.startswith("ask")]
    assert ask.modality == "historical" and ask.plover is None
    [recall] = code_text("Earlier this month, Chile recalled its ambassador from Peru.", "2015-07-25")
    assert recall.modality == "historical" and recall.plover is None
    e = _one("Chile's foreign ministry asked Peru on Monday to cut its embassy staff.", "REQUEST", "2015-07-25")
    assert _countries(e.target) == ["PER"]


def test_a_participle_shares_its_verb_s_date():
    """'Chile in May enforced duties on Peruvian barley, stopping a trade ...': the stopping is
    May's too (background in July); the twin, dated this week, is news."""
    text = "Amid sour relations, Chile in {} enforced heavy duties on Peruvian barley, stopping a trade worth millions."
    events = code_text(text.format("May"), "2015-07-25")
    assert events and all(e.plover is None for e in events)
    assert "SANCTION" in [e.plover for e in code_text(text.format("the past week"), "2015-07-25")]


def test_warned_over_an_act_is_a_reproach():
    """'warned Chile over its naval drills' reproaches what Chile did (ACCUSE, the news
    conventions); the twin, a warning of consequences, stays a threat."""
    e = _one("Peru warned Chile over its naval drills off the coast.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "THREATEN" not in _types("Peru warned Chile over its naval drills off the coast.")
    assert "THREATEN" in _types("Peru warned Chile of serious consequences.")


def test_tit_for_tat_measures_announced_threaten():
    """'will take tit-for-tat measures against Chile' (a hyphenated modifier, split by the
    tokenizer, is looked up whole) and '"tit-for-tat steps will be adopted," Peru's ministry
    said' (the speaker's side announces them) threaten; the twin, measures for schools, not."""
    e = _one("Peru will take tit-for-tat measures against Chile.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Chile expelled two Peruvian diplomats on Monday. \"Tit-for-tat steps will be adopted soon,\" "
             "Peru's foreign ministry said.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "THREATEN" not in _types("Peru will take new measures to improve its schools.")


def test_a_many_sided_meeting_is_held_with_the_story_s_party():
    """'Peru, Chile, Ecuador and Bolivia held talks' in a story on Bolivia: each of the others
    meets Bolivia (sources PER, CHL, ECU; target BOL), not Peru the other three; the twin, two
    parties, is the first meeting the second."""
    text = ("Bolivia asked for access to the sea. Peru, Chile, Ecuador and Bolivia held talks in Lima on "
            "Tuesday. Bolivia welcomed the outcome.")
    [e] = [e for e in code_text(text, "2024-05-01") if e.plover == "CONSULT"]
    assert sorted(_countries(e.source)) == ["CHL", "ECU", "PER"] and _countries(e.target) == ["BOL"]
    e = _one("Peru and Chile held talks in Lima on Tuesday.", "CONSULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_challenged_to_act_is_a_demand():
    """'challenged Chile to prove its claims' asks it (REQUEST) and the act challenged to is not
    done; the twin, a ruling challenged, asks no one."""
    e = _one("Peru challenged Chile to prove its claims.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "REQUEST" not in _types("Peru challenged the ruling in court.")


def test_greeting_a_visitor_is_a_meeting():
    """'greeted Chile's president at the airport': a host meets a visitor (CONSULT); the twin,
    a decision greeted, meets no one."""
    e = _one("Peru's president greeted Chile's president at the airport.", "CONSULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "CONSULT" not in _types("Peru's president greeted the decision with relief.")


def test_the_first_time_characterises_and_is_not_news():
    """'That marked the first time Peru had expelled a consul from a European state' tells of
    an act reported elsewhere (not coded); the twin, the recall reported, is coded."""
    told = "Chile expelled two Peruvian diplomats on Monday. "
    assert [e.rule for e in code_text(told + "That marked the first time Peru had expelled a consul from a "
                                      "European state.", "2024-05-01") if e.plover] == ["expel-diplomats"]
    rules = [e.rule for e in code_text(told + "Peru recalled its ambassador from Chile on Tuesday.", "2024-05-01")
             if e.plover == "SANCTION"]
    assert any(r.startswith("recall-envoy") for r in rules)


def test_the_items_of_a_joint_statement_speak_for_its_authors():
    """'The governments of Peru and Bolivia: 1. Express their solidarity with ...; 2. Denounce
    the sanctions imposed by Chile ...': each bare verb of the list is the authors' act; the
    twin, the same verb in a sentence of its own, needs a subject."""
    text = ("The governments of Peru and Bolivia released a joint communique on Monday. It reads:\n\n"
            "\"The governments of Peru and Bolivia:\n\n"
            "  1. Express their brotherly solidarity to Ecuador;\n"
            "  2. Denounce the sanctions imposed by Chile on Ecuador;\n")
    support = [e for e in code_text(text, "2024-05-01") if e.plover == "SUPPORT"]
    assert support and sorted(_countries(support[0].source)) == ["BOL", "PER"]
    assert _countries(support[0].target) == ["ECU"]
    accuse = [e for e in code_text(text, "2024-05-01") if e.plover == "ACCUSE" and _countries(e.target) == ["CHL"]]
    assert accuse and sorted(_countries(accuse[0].source)) == ["BOL", "PER"]
    assert "SUPPORT" not in _types("Peru and Bolivia met in Lima on Monday. Express your support for the "
                                   "people of Ecuador, the poster said.")


def test_the_bloc_is_the_organisation_last_named():
    """'the bloc', 'these regional organizations': the organisation(s) the article last named,
    as target ('condemned the sanctions of these regional organizations') and as subject ('the
    bloc imposed sanctions'); the twin, with no organisation named before, names no one."""
    e = _one("Ecowas met in Abuja on Sunday. Peru condemned the stubbornness of these regional "
             "organizations.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["IGO"]
    e = _one("Peru asked the EU for help. On Monday the bloc imposed sanctions on Chile.", "SANCTION")
    assert _countries(e.source) == ["IGO"] and _countries(e.target) == ["CHL"]
    assert "SANCTION" not in _types("Peru asked Brazil for help. On Monday the bloc imposed sanctions on Chile.")


def test_signing_a_law_of_one_s_own_is_no_agreement():
    """'signed the new code on Friday' with no partner named is a state's own act (no SUPPORT
    from the article's other party); the twins, a partner named or a compound subject
    signing, are agreements."""
    assert "SUPPORT" not in _types("Chile protested Peru's new fishing law. Peru's president signed the new code "
                                   "on Friday.")
    e = _one("Peru signed with Chile on Monday.", "SUPPORT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Peru's foreign minister and Chile's foreign minister signed the instrument on Monday.", "SUPPORT")
    assert {*_countries(e.source), *_countries(e.target)} == {"PER", "CHL"}


def test_defending_one_s_own_decision_supports_no_one():
    """'defended his decision to close the border' supports no other state (no SUPPORT of the
    article's other party); the twin, another's decision defended, supports it."""
    assert "SUPPORT" not in _types("Chile protested the closure. Peru's president defended his decision to "
                                   "shut the crossing.")
    e = _one("Peru defended Chile's decision to shut the crossing.", "SUPPORT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_backing_down_is_no_backing():
    """'Peru backed down' yields (CONCEDE), and a warning to back down is a demand, not the act
    (nor support); the twin, 'backed Chile's bid', supports Chile."""
    assert "SUPPORT" not in _types("Peru backed down on Monday.")
    assert "CONCEDE" in _types("Peru backed down on Monday.")
    assert not {"SUPPORT", "CONCEDE"} & set(_types("Repeated Peruvian warnings to Chile to back down went "
                                                   "unheeded."))
    e = _one("Peru backed Chile's bid.", "SUPPORT")
    assert _countries(e.target) == ["CHL"]


def test_for_x_to_act_is_asked_for_or_spoken_of():
    """'called for Chile to withdraw its troops' asks Chile (REQUEST), and the withdrawal is not
    done; 'it is time for Chile to withdraw' speaks of it. The twin, the withdrawal
    reported, is a retreat."""
    e = _one("Peru called for Chile to withdraw its troops.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "RETREAT" not in _types("Peru called for Chile to withdraw its troops.")
    assert "RETREAT" not in _types("It is time for Chile to withdraw its troops, Peru said.")
    assert "RETREAT" in _types("Chile withdrew its troops from Peru.")


def test_frozen_assets_and_seized_boats():
    """'froze the assets of three Chilean firms' is a financial sanction; 'seized a Peruvian
    fishing boat' a seizure of property (COERCE). The twin, assets bought, is neither."""
    e = _one("Peru froze the assets of three Chilean firms.", "SANCTION")
    assert e.cameo == "163" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Chile's navy seized a Peruvian fishing boat.", "COERCE")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert not {"SANCTION", "COERCE"} & set(_types("Peru bought the assets of three Chilean firms."))


def test_a_denied_charge_is_no_reproach():
    """'Chile denied violating Peru's airspace' accuses no one (the word of reproach is in the
    charge denied); the twin, Peru saying so, accuses Chile."""
    assert "ACCUSE" not in _types("Chile denied violating Peru's airspace.")
    assert "ACCUSE" not in _types("Chile denied any involvement in the illegal raid.")
    e = _one("Peru said Chile violated its airspace.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_more_common_constructions():
    """Team-written probes of common news sentences: diplomats 'expelled from Peru' were
    expelled by Peru; 'told his Chilean counterpart that the incursions must stop' asks
    Chile; 'returned the captured soldiers to Chile' releases them. Twins: 'told reporters
    that ...' asks no one; 'returned to the talks' releases no one."""
    e = _one("Three Chilean diplomats were expelled from Peru on Tuesday.", "SANCTION")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Peru's foreign minister told his Chilean counterpart that the incursions must stop.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "REQUEST" not in _types("Peru told reporters that the incursions must stop.")
    e = _one("Peru returned the captured soldiers to Chile.", "RETREAT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "RETREAT" not in _types("Peru returned to the talks with Chile.")


def test_taken_to_court_is_a_legal_complaint():
    """'took Peru to the ICJ' is a legal complaint against Peru
    (115, ACCUSE); the twin, an ambassador taken to dinner, is none."""
    e = _one("Chile took Peru to the ICJ on Monday.", "ACCUSE")
    assert e.cameo == "115" and _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "ACCUSE" not in _types("Chile took Peru's ambassador to dinner.")


def test_headline_forms_from_the_probe():
    """Team-written headline probes: 'Peru calls for talks with Chile' asks for talks (not a
    called-off visit: that needs 'off'); 'Peru, Chile leaders meet in Lima' is a meeting of
    both; 'Peru, Chile trade barbs' is a mutual reproach. Twins: 'called off the talks'
    reduces relations; goods traded are no reproach."""
    e = _one("Peru calls for talks with Chile", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "SANCTION" not in _types("Peru calls for talks with Chile")
    assert "SANCTION" in _types("Peru called off the talks with Chile.")
    e = _one("Peru, Chile leaders meet in Lima", "CONSULT")
    assert {*_countries(e.source), *_countries(e.target)} == {"PER", "CHL"}
    e = _one("Peru and Chile traded accusations over the incident.", "ACCUSE")
    assert {*_countries(e.source), *_countries(e.target)} == {"PER", "CHL"}
    assert "ACCUSE" not in _types("Peru and Chile traded goods worth $2 billion.")


def test_condemnation_drawn_from_a_state():
    """'Chile's missile test drew condemnation from Peru': Peru condemns Chile (the one who
    drew it); the twin, a request drawn from no state, is nothing."""
    e = _one("The Chilean missile test drew condemnation from Peru.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "ACCUSE" not in _types("The Chilean missile test drew condemnation from scientists.")


def test_a_decade_or_century_ago_is_background():
    """'fought a war in the 19th century', 'cut ties in the 1990s': background, not news; the
    twin, ties cut on Monday, is news."""
    for s in ("Peru and Chile fought a war in the 19th century.", "Peru and Chile cut ties in the 1990s."):
        events = code_text(s, "2024-05-01")
        assert events and all(e.plover is None and e.modality == "historical" for e in events)
    assert "SANCTION" in _types("Peru cut ties with Chile on Monday.", "2024-05-01")


def test_a_blocked_bid_and_withdrawn_staff():
    """'blocked Peru's bid to join the bloc' rejects Peru's bid (REJECT); 'closed its embassy in
    Chile and withdrew its staff' recalls the staff (SANCTION), not a military retreat. Twins:
    a road blocked rejects no one; troops withdrawn retreat."""
    e = _one("Chile blocked Peru's bid to join the trade bloc.", "REJECT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "REJECT" not in _types("Chilean police blocked the road to the port.")
    assert "RETREAT" not in _types("Peru closed its embassy in Chile and withdrew its staff.")
    assert "RETREAT" in _types("Peru withdrew its troops from Chile.")


def test_answered_with_an_act():
    """'retaliated with artillery fire on Chilean positions': the fire is Peru's act (answering
    verbs take their 'with' as a light verb takes its object); the twin, talks held with a
    partner, stays a meeting."""
    e = _one("Peru retaliated with artillery fire on Chilean positions.", "ASSAULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Peru held talks with Chile.", "CONSULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_a_rocket_fired_from_a_state():
    """'A rocket fired from Chile hit a Peruvian town': force from Chile (ASSAULT CHL -> PER);
    the twin, a rocket with no origin named, has no one to fire it."""
    e = _one("A rocket fired from Chile hit a Peruvian town.", "ASSAULT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "ASSAULT" not in _types("A stray rocket hit a Peruvian town.")


def test_who_expresses_concern_is_the_one_who_judges():
    e = _one("Norway expressed concern about the missile tests carried out by Iran.", "ACCUSE")
    assert _countries(e.source) == ["NOR"] and _countries(e.target) == ["IRN"]


def test_a_concern_predicated_of_an_act_still_judges_its_doer():
    # the twin: the subject of "is a concern" is judged, the speaker judges
    e = _one("Iran's missile tests are a grave concern, Norway said.", "ACCUSE")
    assert _countries(e.source) == ["NOR"] and _countries(e.target) == ["IRN"]


def test_a_measure_on_a_state_with_no_doer_named():
    """'The new tariffs on Peruvian goods take effect': a sanction noun that names only the state
    it falls on is imposed by the story's other party; twins: tariffs stepped up with no one
    stepping them up, and force on a state with no one named, are not coded."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    e = _one(story + "The new 25% tariffs on Peruvian goods take effect on Monday.", "SANCTION")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "SANCTION" not in _types(story + "It would only serve as cover for stepping up tariffs on Peruvian goods.")
    assert "ASSAULT" not in _types(story + "An attack on a Peruvian border post killed two guards.")


def test_a_sanction_eased_or_paused_is_a_concession():
    """'paused the tariffs on Peruvian wine', 'lifted the sanctions on Peru': easing a sanction is
    CONCEDE under the news conventions; the twin, tariffs imposed, stays a sanction."""
    for s in ("Chile paused the tariffs on Peruvian wine on Monday.", "Chile lifted the sanctions on Peru."):
        e = _one(s, "CONCEDE")
        assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
        assert "SANCTION" not in _types(s)
    assert _types("Chile imposed tariffs on Peruvian wine.") == {"SANCTION"}


def test_a_crowd_at_a_states_mission_demonstrates_against_it():
    """'Hundreds of protesters swarmed the Peruvian embassy', 'a demonstration outside the Peruvian
    embassy': a crowd at a state's mission, with no place named, is of the country hosting it (the
    story's other party) and demonstrates against the mission's state. Twins: a crowd at no
    mission, and people who are no crowd, code nothing."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    for s in ("Hundreds of protesters swarmed the Peruvian embassy on Monday.",
              "A demonstration outside the Peruvian embassy drew hundreds on Monday."):
        e = _one(story + s, "PROTEST")
        assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "PROTEST" not in _types(story + "Hundreds of protesters gathered at the university on Monday.")
    assert "PROTEST" not in _types(story + "Hundreds of tourists swarmed the Peruvian embassy on Monday.")


def test_weapons_and_craft_with_no_state_named():
    """'Two gunboats boarded and seized three Peruvian trawlers': craft with no state named,
    used against a state named, are the story's other party's (as an agentless passive); the
    twins, a rocket that strikes no state named and boats that use no force, code nothing."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    e = _one(story + "Two gunboats boarded and seized three Peruvian trawlers on Sunday.", "COERCE")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    e = _one(story + "One of the jets fired missiles at a Peruvian radar station, the army said.", "ASSAULT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert not _types(story + "A stray rocket hit a house near the coast on Sunday.") & {"ASSAULT", "COERCE"}
    assert not _types(story + "Two fishing boats fired flares near the coast on Sunday.") & {"ASSAULT", "COERCE"}


def test_repression_with_no_target_named_is_domestic():
    """'Chile declared martial law', 'Chilean police dispersed a demonstration in the capital': with
    no one named, martial law, curfews, bans and dispersed demonstrations fall on the actor's own
    country, not on the story's other party; the twin, a border closed with no one named, still
    takes the other party, and a demonstration of Peruvians named keeps Peru."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    for s in ("Chile declared martial law on Sunday.", "Chilean police dispersed a demonstration in the capital on Sunday."):
        e = _one(story + s, "COERCE")
        assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["CHL"]
    e = _one(story + "Chile closed its border on Sunday.", "COERCE")
    assert _countries(e.target) == ["PER"]
    e = _one(story + "Chilean police dispersed a demonstration by Peruvian workers on Sunday.", "COERCE")
    assert _countries(e.target) == ["PER"]


def test_backing_anothers_strikes_is_military_cooperation():
    """'Bolivia and Ecuador also supported the strikes': backing strikes takes part in them
    (COOPERATE) with whoever the article last reported striking, each backer on its own (not
    one another); 'backed Chile's strikes' names the doer. The twin, a proposal supported, is
    no cooperation."""
    story = "Chile and Peru have quarrelled over fishing for months. Chilean jets struck rebel camps in Peru on Monday. "
    e = _one(story + "Bolivia and Ecuador also supported the strikes, the president said.", "COOPERATE")
    assert _countries(e.source) == ["BOL", "ECU"] and _countries(e.target) == ["CHL"]
    e = _one(story + "Bolivia backed Chile's strikes on the camps.", "COOPERATE")
    assert _countries(e.source) == ["BOL"] and _countries(e.target) == ["CHL"]
    assert "COOPERATE" not in _types(story + "Bolivia supported the proposal.")


def test_a_reported_cannot_is_a_refusal():
    """'Chile said it could not accept Peruvian inspections': a 'cannot' reported in the past is a
    refusal told as done (REJECT, actual); the twin, 'could accept' said of a proposal, stays a
    possibility (no event type)."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    e = _one(story + "Chile said it could not accept Peruvian inspections.", "REJECT")
    assert e.modality == "actual" and _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    events = [e for e in _events(story + "Chile could accept the Peruvian proposal, officials said.") if e.cameo == "030"]
    assert events and all(e.plover is None and e.modality == "hypothetical" for e in events)


def test_a_sanction_announced_on_a_condition_is_a_threat():
    """'Chile will cut ties with Peru if the boats return': an announced sanction with a condition
    on it threatens (THREATEN); the twin, a sanction announced with no condition, is the act
    (SANCTION, announced)."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    for s in ("Chile will cut ties with Peru if the boats return.",
              "Chile will impose tariffs on Peruvian goods unless Peru stops the boats."):
        assert _types(story + s) == {"THREATEN"}
        e = _one(story + s, "THREATEN")
        assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert _types(story + "Chile will expel ten Peruvian diplomats.") == {"SANCTION"}


def test_troops_ordered_to_withdraw_are_no_expulsion():
    """'Peru ordered its troops to withdraw from the border' orders forces back, no expulsion
    (no SANCTION); the twin, a consulate ordered closed, is one."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    assert "SANCTION" not in _types(story + "Peru ordered its troops to withdraw from the border.")
    e = _one(story + "Chile ordered Peru to close its consulate in Arica.", "SANCTION")
    assert e.cameo == "166" and _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_an_infinitive_under_an_order_is_asked_for():
    """'will not order the troops to withdraw' (the parse makes the troops the infinitive's own
    subject): what is ordered is asked for, not announced (no event type); the twin, 'will
    withdraw its soldiers', is announced."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    events = _events(story + "The president said that he will not order the troops to withdraw from the border.")
    assert events and all(e.plover is None for e in events)
    assert _types(story + "Chile will withdraw its soldiers from the border zone.") == {"AGREE"}


def test_a_charge_dismissed_in_a_clause_about_it_is_rejected():
    """'..., a charge that Santiago has called baseless': the word of reproach sits in a clause
    about a charge, so it rejects the charge (REJECT), not a reproach of another (ACCUSE); the
    twin, a move described as unfriendly, is a reproach."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    s = "Peru says Chilean divers cut the undersea cable in March, a charge that Santiago has called baseless."
    e = _one(story + s, "REJECT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "ACCUSE" not in _types(story + s)
    e = _one(story + "Peru closed the border crossing on Monday, a move that Santiago described as unfriendly.", "ACCUSE")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_a_dissident_held_with_no_one_named_is_held_by_his_own_state():
    """'Peruvian dissident journalist X was arrested': a journalist or opposition figure held in
    an agentless passive is held by his own state, not the story's other party; the twin,
    another state's fishermen detained, keeps the other party as the one who holds them."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    e = _one(story + "Peruvian dissident journalist Juan Perez was arrested on Sunday.", "COERCE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["PER"]
    e = _one(story + "Two Chilean fishermen were detained on Sunday.", "COERCE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_an_increase_of_duties_is_a_tariff():
    """'announced an increase of duties on Peruvian wine': the increase of a duty or tariff is a
    trade sanction (SANCTION) on the goods' country; the twin, an increase of exports, is none."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    e = _one(story + "Chile announced an increase of duties on Peruvian wine.", "SANCTION")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "SANCTION" not in _types(story + "Chile announced an increase of exports to Peru.")


def test_entry_not_permitted_is_a_ban():
    """'Peruvian trawlers are not permitted to enter Chilean ports', 'will not allow Peruvian planes
    to land': a ban on entry or travel (COERCE), announced or done, not a refused request
    (REJECT); the twin, inspectors allowed to visit, is access granted."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    for s in ("From Monday, Peruvian trawlers are not permitted to enter Chilean ports.",
              "Chile will not allow Peruvian planes to land at its airports."):
        assert _types(story + s) == {"COERCE"}
        e = _one(story + s, "COERCE")
        assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "COERCE" not in _types(story + "Chile allowed Peruvian inspectors to visit the port.")


def test_no_justification_is_a_reproach():
    """'Peru said the Chilean navy's actions had no justification': a reproach of Chile
    (ACCUSE); the twin, a justification granted, judges no one."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    e = _one(story + "Peru said the Chilean navy's actions had no justification.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "ACCUSE" not in _types(story + "Peru said the Chilean navy's actions had a clear justification.")


def test_abhorrent_and_counterproductive_reproach():
    """'Peru said Chile's seizure of the trawlers was abhorrent', 'Lima said Chilean quotas would be
    counterproductive': reproaches of Chile (ACCUSE); the twin, the seizure called lawful,
    judges no one."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    for s in ("Peru said Chile's seizure of the trawlers was abhorrent.",
              "Lima said Chilean quotas would be counterproductive."):
        e = _one(story + s, "ACCUSE")
        assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "ACCUSE" not in _types(story + "Peru said Chile's seizure of the trawlers was lawful.")


def test_it_in_a_hope_refers_to_the_state_named_before_it():
    """'"We regret the Chilean government's move and trust it will think again"': the 'it' the
    hope is about is the state named before it in the sentence, who is appealed to (REQUEST);
    the twin, a hope about the weather, appeals to no one."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    s = '"We regret the Chilean government\'s move and trust it will think again," the Peruvian minister said.'
    e = _one(story + s, "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "REQUEST" not in _types(story + '"We trust it will rain soon," the Peruvian minister said.')


def test_military_posts_destroyed_are_force():
    """'Colombian artillery destroyed an Ecuadorian army outpost', 'Quito said twelve
    Colombian border posts were destroyed overnight': force on another's forces (ASSAULT);
    the twin, homes destroyed, stays a damage of property and is no assault."""
    story = "Ecuador and Colombia share a long frontier in the Andes. "
    e = _one(story + "Colombian artillery destroyed an Ecuadorian army outpost on Sunday.", "ASSAULT")
    assert _countries(e.source) == ["COL"] and _countries(e.target) == ["ECU"]
    e = _one(story + "Quito said twelve Colombian border posts were destroyed overnight.", "ASSAULT")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["COL"]
    assert "ASSAULT" not in _types(story + "Quito said twelve Colombian homes were destroyed overnight.")


def test_not_doing_enough_blames():
    """'Quito said Bogota is not doing enough to curb arms trafficking': the speaker blames the
    one who falls short (ACCUSE); the twin, having done enough, blames no one."""
    story = "Ecuador and Colombia share a long frontier in the Andes. "
    e = _one(story + "Quito said Bogota is not doing enough to curb arms trafficking.", "ACCUSE")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["COL"]
    assert "ACCUSE" not in _types(story + "Quito said Bogota has done enough to curb arms trafficking.")


def test_on_the_offensive_judges_no_one():
    """'Quito said the talks would dwell on Colombia's offensive in the south': the noun after
    'on' names a military push, no reproach (no ACCUSE); the twin, remarks called offensive,
    is still Ecuador's reproach of Colombia."""
    story = "Ecuador and Colombia share a long frontier in the Andes. "
    assert "ACCUSE" not in _types(story + "Quito said the talks would dwell on Colombia's offensive in the south.")
    e = _one(story + "Quito said the Colombian minister's remarks were offensive.", "ACCUSE")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["COL"]


def test_reproach_of_an_act_named_through_what_it_acts_on():
    """'The reduction of Colombia's consular presence in Quito is unjustified': the one judged is
    five edges from the word, through the act and what it acts on; with no judge named,
    Colombia's other party reproaches it (ACCUSE). The twin, one step farther, stays the
    reporter's word."""
    story = "Ecuador and Colombia share a long frontier in the Andes. "
    e = _one(story + "The reduction of Colombia's consular presence in Quito is unjustified.", "ACCUSE")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["COL"]
    far = "The reduction of the size of Colombia's consular presence in Quito is unjustified."
    assert "ACCUSE" not in _types(story + far)


def test_involvement_charged_by_a_speaker_blames():
    """'Quito said its police had found proof of the involvement of Colombian agents in the
    bombing': a named speaker charging another with involvement blames it (ACCUSE); the twin,
    a country seeking the involvement of another with no one charging anyone, is no reproach."""
    story = "Ecuador and Colombia share a long frontier in the Andes. "
    s = "Quito said its police had found proof of the involvement of Colombian agents in the bombing."
    e = _one(story + s, "ACCUSE")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["COL"]
    assert "ACCUSE" not in _types(story + "Ecuador sought the involvement of Colombian experts in the search.")


def test_a_dangerous_situation_judges_no_one():
    """'Ecuadorian officials said it was a dangerous situation for Colombian fishermen': a word of
    reproach on 'situation' describes a state of affairs, no one's act (no ACCUSE); the twin, a
    dangerous Colombian manoeuvre, is still Ecuador's reproach of Colombia."""
    story = "Ecuador and Colombia share a long frontier in the Andes. "
    s = "Ecuadorian officials said it was a dangerous situation for Colombian fishermen."
    assert "ACCUSE" not in _types(story + s)
    e = _one(story + "Ecuadorian officials said it was a dangerous Colombian manoeuvre.", "ACCUSE")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["COL"]


def test_a_reproached_act_aimed_at_a_state_does_not_judge_it():
    """'Ecuador said the hostile acts against Peru were ordered by Chile': Peru, named after
    'against', suffered the acts; the one judged is Chile (ACCUSE ECU -> CHL), where the
    nearer Peru was. The twin, 'the hostile acts of Peru', judges Peru."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    e = _one(story + "Ecuador said the hostile acts against Peru were ordered by Chile.", "ACCUSE")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["CHL"]
    e = _one(story + "Ecuador said the hostile acts of Peru were ordered by Chile.", "ACCUSE")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["PER"]


def test_evidence_charged_by_a_speaker_blames():
    """'Quito said there was evidence that Colombian officers had armed the rebels' (or 'clear
    indications'): a named speaker's charge blames the one charged (ACCUSE); the twin, 'no
    evidence', charges no one."""
    story = "Ecuador and Colombia share a long frontier in the Andes. "
    for s in ("Quito said there was evidence that Colombian officers had armed the rebels.",
              "Quito said there were clear indications that Colombian officers had armed the rebels."):
        e = _one(story + s, "ACCUSE")
        assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["COL"]
    s = "Quito said there was no evidence that Colombian officers had armed the rebels."
    assert "ACCUSE" not in _types(story + s)


def test_a_warning_about_acts_done_judges_them():
    """'Quito warned that Colombia's reckless raids will only fuel more violence': the raids,
    named with a word of reproach before the clause's future verb, are done; the warning judges
    them (ACCUSE), it threatens nothing. The twin, 'any reckless raid ... would be a grave
    mistake', warns of what may come (THREATEN), no reproach."""
    story = "Ecuador and Colombia share a long frontier in the Andes. "
    done = story + "Quito warned that Colombia's reckless raids will only fuel more violence."
    e = _one(done, "ACCUSE")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["COL"]
    assert "THREATEN" not in _types(done)
    may = story + "Quito warned that any reckless raid by Colombia would be a grave mistake."
    e = _one(may, "THREATEN")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["COL"]
    assert "ACCUSE" not in _types(may)


def test_a_request_of_unnamed_addressees_is_not_one_of_the_state_it_is_about():
    """'Peru urged fishing companies to avoid Chilean waters': whom Peru asks no actor names, and
    Chile, named in what is asked, is not asked (no REQUEST); the twin, Chilean companies urged,
    asks Chile's (REQUEST PER -> CHL)."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    assert "REQUEST" not in _types(story + "Peru urged fishing companies to avoid Chilean waters.")
    e = _one(story + "Peru urged Chilean fishing companies to avoid the area.", "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_forces_deployed_in_the_passive_are_their_states_act():
    """'Danish engineering troops were sent to Lithuania': a state deploys its own forces, so
    the passive's subject is the one who acts (MOBILIZE, Denmark), not the story's other party
    of the place they went to (Belarus, before coder-149). The twin sends diplomats: no show of
    force at all."""
    story = "Lithuania and Belarus are at odds over migrants crossing their frontier. "
    e = _one(story + "Danish engineering troops were sent to Lithuania on Friday.", "MOBILIZE")
    assert _countries(e.source) == ["DNK"] and _countries(e.target) == ["LTU"]
    assert "MOBILIZE" not in _types(story + "Danish diplomats were sent to Lithuania on Friday.")


def test_a_sanctions_list_unveiled_or_published_is_a_sanction():
    """'London published a new sanctions list naming three Iranian generals': putting out the
    list imposes the sanctions (SANCTION), where publishing a list was only a statement before
    coder-150. The twin publishes a plain list: a statement, no sanction."""
    story = "Britain and Iran are at odds over a detained tanker. "
    e = _one(story + "London published a new sanctions list naming three Iranian generals.", "SANCTION")
    assert _countries(e.source) == ["GBR"] and _countries(e.target) == ["IRN"]
    assert "SANCTION" not in _types(story + "London published a new list naming three Iranian generals.")


def test_states_helping_an_act_of_force_cooperate_with_its_doer():
    """'Peruvian forces, with support from Bolivia and Brazil, conducted strikes ...': the
    helpers take part in the strikes (COOPERATE, military cooperation) with Peru, as backing
    another's strikes does; nothing was coded for them before coder-151. The twin gives the
    same help to talks: no act of force, no cooperation."""
    story = "Colombia and Peru dispute a rebel haven. "
    text = story + "Peruvian forces, with support from Bolivia and Brazil, conducted strikes against rebel bases in Colombia."
    e = _one(text, "COOPERATE")
    assert sorted(_countries(e.source)) == ["BOL", "BRA"] and _countries(e.target) == ["PER"]
    assert "ASSAULT" in _types(text)
    twin = story + "Peruvian diplomats, with support from Bolivia and Brazil, held talks with Colombia."
    assert "COOPERATE" not in _types(twin)


def test_a_state_together_with_the_doer_of_force_is_a_doer_too():
    """'Peruvian troops, together with Ecuadorian units, attacked ...': Ecuador attacks as
    well (ASSAULT from both; only Peru before coder-152). The twin's partner names no state:
    Peru alone."""
    story = "Colombia and Peru dispute a rebel haven. "
    e = _one(story + "Peruvian troops, together with Ecuadorian units, attacked rebel camps in Colombia.", "ASSAULT")
    assert sorted(_countries(e.source)) == ["ECU", "PER"] and _countries(e.target) == ["COL"]
    e = _one(story + "Peruvian troops, together with police units, attacked rebel camps in Colombia.", "ASSAULT")
    assert _countries(e.source) == ["PER"]


def test_force_that_another_act_answers_is_coded_on_the_one_answering():
    """'Peruvian jets struck Chilean border posts after a Chilean rocket attack': the attack
    the strikes answer is reported too (ASSAULT Chile -> Peru, the one answering), where a
    force noun with its doer and no target was taken as named in passing (before coder-153).
    The twin names the same attack as a topic of talks: no attack coded."""
    story = "Peru and Chile are at odds over a border. "
    text = story + "Peruvian jets struck Chilean border posts after a Chilean rocket attack."
    chilean = [x for x in _events(text) if x.plover == "ASSAULT" and _countries(x.source) == ["CHL"]]
    assert len(chilean) == 1 and _countries(chilean[0].target) == ["PER"]
    twin = story + "Peruvian and Bolivian ministers discussed the Chilean rocket attack."
    assert "ASSAULT" not in _types(twin)


def test_force_helpers_must_name_a_pattern_that_exists(tmp_path):
    """force_helpers.pattern is checked on load (E200_PATTERN_REF_UNKNOWN), not when the first
    helped strike is coded; the shipped file loads."""
    from detente.events.patterns import load_patterns

    src = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "event_patterns.yaml"
    text = src.read_text(encoding="utf-8")
    assert load_patterns(src).by_id("back-force").cameo == "062"
    bad = tmp_path / "p.yaml"
    bad.write_text(text.replace("  pattern: back-force\n", "  pattern: back-forces\n", 1), encoding="utf-8")
    with pytest.raises(ConfigError, match="force_helpers.pattern 'back-forces'"):
        load_patterns(bad)


def test_a_topic_or_a_place_judges_no_one():
    """'a dispute concerning Colombia's border' names a topic and 'the island lies at the
    meeting point ...' a place: 'concerning' as a preposition and 'lie' with a preposition
    of place are no reproach (no ACCUSE). The twins, 'it is concerning that Colombia ...' and
    'Colombia lied about the raid', are still Ecuador's reproach of Colombia."""
    story = "Ecuador and Colombia share a long frontier in the Andes. "
    assert "ACCUSE" not in _types(story + "The deal will settle a long dispute concerning Colombia's border.")
    assert "ACCUSE" not in _types(story + "The island lies at the meeting point of the two borders.")
    e = _one(story + "Quito said it is concerning that Colombia sent troops to the border.", "ACCUSE")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["COL"]
    e = _one(story + "Quito said the Colombian minister lied about the raid.", "ACCUSE")
    assert _countries(e.source) == ["ECU"] and _countries(e.target) == ["COL"]


def test_an_envoy_told_to_come_home_is_recalled():
    """'The minister instructed the Peruvian ambassador in Santiago to return to Lima': an envoy
    called home is recalled (SANCTION 161, Peru -> Chile, the story's other party), where the
    instruction was read as no event (before coder-156). The twin asks the same envoy to return
    papers: an errand, no recall."""
    story = "Peru and Chile are at odds over a border. "
    text = story + "The Peruvian foreign minister instructed the Peruvian ambassador in Santiago to return to Lima at once."
    recalls = [x for x in _events(text) if x.plover == "SANCTION"]
    assert len(recalls) == 1 and recalls[0].cameo == "161"
    assert _countries(recalls[0].source) == ["PER"] and _countries(recalls[0].target) == ["CHL"]
    twin = story + "The Peruvian foreign minister instructed the Peruvian ambassador in Santiago to return the signed papers."
    assert "SANCTION" not in _types(twin)


def test_a_finite_verb_after_an_infinitive_is_the_clause_verb():
    """'Peru defended its decision to close the border and accused Ecuador of ...': the parse
    joins 'accused' to the infinitive 'close', inside the decision; a verb in the past tense is
    not coordinated with an infinitive, so it is Peru's own accusation (ACCUSE Peru -> Ecuador),
    where nothing was coded before coder-157. The twin keeps the infinitive ('and accuse'): part
    of the decision defended, no accusation made."""
    e = _one("Peru defended its decision to close the border and accused Ecuador of smuggling arms.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["ECU"]
    assert "ACCUSE" not in _types("Peru defended its decision to close the border and accuse Ecuador of smuggling arms.")


def test_those_who_defend_against_a_reproached_act_suffer_it():
    """'the Yemeni fighters were only guarding their towns against a foreign aggression': those
    who guard, defend or fight against the act judged suffered it and are not the ones judged; with no
    doer named, the Lebanese speaker judges the story's other party (ACCUSE Lebanon -> Saudi
    Arabia), where the fighters were taken for the aggressor before coder-158. The twin has the
    fighters commit the aggression: they are the ones judged."""
    story = "Lebanon and Saudi Arabia are at odds over Yemen. "
    e = _one(story + "The Lebanese minister said the Yemeni fighters were only guarding their towns against a foreign aggression.", "ACCUSE")
    assert _countries(e.source) == ["LBN"] and _countries(e.target) == ["SAU"]
    e = _one(story + "The Lebanese minister said the Yemeni fighters had committed an aggression.", "ACCUSE")
    assert _countries(e.source) == ["LBN"] and _countries(e.target) == ["YEM"]


def test_sharing_ones_concerns_judges():
    """'Peru has shared its deep concern over rebel camps inside Ecuador': the one who
    shares or conveys its concern judges, as one who expresses it (ACCUSE Peru -> Ecuador),
    where Peru was taken for the one judged, by Ecuador, before coder-159. The twin shares maps,
    no concern: no ACCUSE."""
    story = "Peru and Ecuador are at odds. "
    e = _one(story + "Peru has shared its deep concern over rebel camps inside Ecuador.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["ECU"]
    assert "ACCUSE" not in _types(story + "Peru has shared its maps of the rebel camps with Ecuador.")


def test_sorry_for_anothers_act_reproaches_it():
    """'Peru said it was sorry for Chile's decision to close the border': regret for another's
    act is a mild reproach (ACCUSE Peru -> Chile), where 'sorry' judged no one before coder-160.
    The twin is sorry for its own mistake (apology_words with own_possessives): an apology,
    no ACCUSE."""
    story = "Peru and Chile are at odds. "
    e = _one(story + "Peru said it was sorry for Chile's decision to close the border.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "ACCUSE" not in _types(story + "The Peruvian minister said: We are truly sorry for our mistake.")
    assert "ACCUSE" not in _types(story + "The Peruvian minister said: We regret our error.")


def test_blame_laid_on_a_cause_accuses_no_one():
    """'Peru blamed the attack by the gunman, who was armed with a rifle, on personal motives':
    blame laid on a cause (blame_causes) accuses no one, and no one is taken from the story (an
    ACCUSE of Chile before coder-161). The twin lays it on Chile: ACCUSE Peru -> Chile."""
    story = "Peru and Chile are at odds. "
    assert "ACCUSE" not in _types(story + "Peru blamed the attack by the gunman, who was armed with a rifle, on personal motives.")
    assert "ACCUSE" not in _types(story + "Peru blamed the crash on bad weather.")
    e = _one(story + "Peru blamed the attack by the gunman on Chile.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_force_another_state_is_said_to_plan_is_a_charge():
    """'Peru says there are reports that Chile is planning to strike Peruvian cities': force
    a speaker says another state plans is the speaker's charge (ACCUSE 112 Peru -> Chile), where
    it was read as Chile's threat before coder-162. The twin has Chile say it plans the attack
    itself: a threat by Chile (THREATEN), no ACCUSE."""
    story = "Peru and Chile are at odds. "
    e = _one(story + "Peru says there are reports that Chile is planning to strike Peruvian cities.", "ACCUSE")
    assert e.cameo == "112" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "THREATEN" not in _types(story + "Peru says there are reports that Chile is planning to strike Peruvian cities.")
    twin = story + "Chile said it was planning to strike Peruvian border posts."
    e = _one(twin, "THREATEN")
    assert _countries(e.source) == ["CHL"]
    assert "ACCUSE" not in _types(twin)


def test_not_keeping_to_commitments_is_blamed():
    """'Peru said Chile does not abide by the border accord': not abiding by or complying
    with what was agreed is blamed by the one who says so (ACCUSE Peru -> Chile), as failing to
    honour it was; nothing was coded before coder-163. The twins: abiding by them praises no
    one and blames no one, and a state refusing to abide by a ruling itself blames no one."""
    story = "Peru and Chile are at odds. "
    e = _one(story + "Peru said Chile does not abide by the border accord.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "ACCUSE" not in _types(story + "Peru said Chile abides by the border accord.")
    assert "ACCUSE" not in _types(story + "Peru said it will not abide by the ruling.")
def test_communicating_or_making_contact_with_a_state_consults_it():
    """'is communicating with Mogadishu', 'made contact with his Somali counterpart', 'the two
    presidents shook hands': consulting a named partner (CONSULT 040), where the first two were
    read as no event (before coder-164). The twins: breaking off contact is a cut in relations
    (SANCTION, no CONSULT), and communicating a decision to reporters names no partner."""
    story = "Kenya and Somalia are at odds over the border. "
    for text in (story + "The Kenyan president is communicating with Mogadishu about the tensions.",
                 story + "The Kenyan foreign minister made contact with his Somali counterpart on Friday.",
                 story + "The Kenyan and Somali presidents shook hands at the border post."):
        e = _one(text, "CONSULT")
        assert {_countries(e.source)[0], _countries(e.target)[0]} == {"KEN", "SOM"}
    twin = story + "The Kenyan foreign minister broke off contact with his Somali counterpart on Friday."
    assert _types(twin) == {"SANCTION"}
    assert "CONSULT" not in _types(story + "The Kenyan president is communicating the decision to reporters.")


def test_a_noun_coordinated_with_a_light_verbs_object_is_its_object_too():
    """'conveyed Beijing's firm position and clear demands on the road to the Indian envoy': the
    demands are conveyed as the position is, a demand of China on India (REQUEST 100), where the
    second noun of the pair was read as hanging on no verb (before coder-165). The twin
    coordinates maps with the position: nothing asked, no REQUEST."""
    story = "India and China are at odds over a border road. "
    e = _one(story + "The Chinese foreign minister conveyed Beijing's firm position and clear demands"
             " on the road to the Indian envoy.", "REQUEST")
    assert _countries(e.source) == ["CHN"] and _countries(e.target) == ["IND"]
    twin = story + "The Chinese foreign minister conveyed Beijing's firm position and detailed maps of the road to the Indian envoy."
    assert "REQUEST" not in _types(twin)


def test_a_vow_to_act_against_a_state_is_no_pledge_to_cooperate():
    """'vowed to take resolute countermeasures against Lithuania', 'vowed to impose sanctions on
    Lithuania': the hostile act vowed is coded on its own verb (a threat, a sanction announced),
    where the vow was read as a pledge to cooperate (AGREE) before coder-166. The twin vows to
    work with Lithuania: still a pledge (AGREE)."""
    story = "China and Lithuania are at odds over a trade office. "
    types = _types(story + "China vowed to take resolute countermeasures against Lithuania.")
    assert "THREATEN" in types and "AGREE" not in types
    types = _types(story + "China vowed to impose sanctions on Lithuania.")
    assert "SANCTION" in types and "AGREE" not in types
    e = _one(story + "China pledged to work with Lithuania.", "AGREE")
    assert _countries(e.source) == ["CHN"] and _countries(e.target) == ["LTU"]


def test_a_verb_listed_after_a_report_shares_its_subject():
    """'Peru said the Chilean move was "unlawful," demanded that the platform be removed': the
    parse makes 'demanded' a second clause of 'said' (or 'said' a clause of 'demanded'), with no
    subject of its own, so the demand had no one making it (no event before coder-167); it is
    Peru's (REQUEST, Peru -> Chile, the story's other party). The twin, with no reporting verb
    before the comma, lends no subject: no demand is coded."""
    story = "Peru and Chile are at odds over a gas platform. "
    e = _one(story + 'Peru said the Chilean move was "unlawful," demanded that the platform be removed.', "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    twin = story + 'The Chilean move was "unlawful," demanded that the platform be removed.'
    assert "REQUEST" not in _types(twin)


def test_what_another_would_be_forced_to_do_is_demanded():
    """'said Chile would be forced to apologise to Peru': a passive of obligation with a modal
    obliges Chile as 'Chile must apologise' does, Peru's demand (REQUEST 102), where the
    apology was coded as made (SUPPORT) before coder-168. Twins: 'was forced to apologise'
    tells an apology made (SUPPORT, no REQUEST), and Peru 'would be compelled to retaliate if ...'
    is its own threat, still coded (THREATEN)."""
    story = "Peru and Chile are at odds over a fishing ban. "
    text = story + "The Peruvian foreign minister said Chile would be forced to apologise to Peru for the ban."
    e = _one(text, "REQUEST")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "SUPPORT" not in _types(text)
    told = _types(story + "The Peruvian foreign minister said Chile was forced to apologise to Peru for the ban.")
    assert "SUPPORT" in told and "REQUEST" not in told
    own = story + "The Peruvian foreign minister said Peru would be compelled to retaliate if Chile seized more boats."
    e = _one(own, "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_an_infinitive_under_a_possible_act_is_not_done():
    """'said Chile could decide to expel the Peruvian ambassador', 'Chile might be forced to
    recall its ambassador': the infinitive shares the possibility of the verb it completes and
    is not coded as done (before coder-169 only infinitives without 'to' took it: both were
    SANCTION). The twins, 'decided to expel' and 'was forced to recall', are SANCTION."""
    story = "Peru and Chile are at odds over a fishing ban. "
    assert "SANCTION" not in _types(story + "The Peruvian minister said Chile could decide to expel the Peruvian ambassador.")
    assert "SANCTION" not in _types(story + "Chile might be forced to recall its ambassador from Lima.")
    e = _one(story + "The Peruvian minister said Chile decided to expel the Peruvian ambassador.", "SANCTION")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    e = _one(story + "Chile was forced to recall its ambassador from Lima.", "SANCTION")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_backing_away_yields_and_backing_a_state_supports_it():
    """'China backed away from its claims on the reef': yielding (CONCEDE 080), where the parse
    reads 'away' as an adverb, not a particle, and the verb was taken for backing someone
    (SUPPORT) before coder-170. Twins: 'Japan backed the Philippine claim' and the headline
    'Peru, Bolivia back Chile amid ...' (no adverb of retreat after the verb) still support."""
    story = "China and the Philippines are at odds over a reef. "
    types = _types(story + "China backed away from its claims on the reef.")
    assert "CONCEDE" in types and "SUPPORT" not in types
    e = _one(story + "Japan backed the Philippine claim on the reef.", "SUPPORT")
    assert _countries(e.source) == ["JPN"] and _countries(e.target) == ["PHL"]
    e = _one("Peru, Bolivia back Chile amid Argentine threat", "SUPPORT")
    assert _countries(e.source) == ["BOL", "PER"] and _countries(e.target) == ["CHL"]


def test_where_a_meeting_is_held_is_not_whom_it_meets():
    """'held a meeting in Mogadishu on the situation in Somalia': the venue of a meeting, and a
    place its topic names, are not its partner (no CONSULT with Somalia), where either was taken
    as the target before coder-171. Twins: a meeting 'with his Somali counterpart in Nairobi'
    meets Somalia, and a visit 'to Mogadishu' visits its host (CONSULT)."""
    story = "Kenya and Somalia are at odds over the border. "
    assert "CONSULT" not in _types(story + "The Kenyan foreign minister held a meeting in Mogadishu on the situation in Somalia.")
    e = _one(story + "The Kenyan foreign minister held a meeting with his Somali counterpart in Nairobi.", "CONSULT")
    assert _countries(e.source) == ["KEN"] and _countries(e.target) == ["SOM"]
    e = _one(story + "The Kenyan president made a visit to Mogadishu.", "CONSULT")
    assert _countries(e.source) == ["KEN"] and _countries(e.target) == ["SOM"]


def test_two_parties_agree_with_each_other_not_with_the_broker_of_their_deal():
    """'Peru and Ecuador have reached a landmark US mediated accord': two states as the subject of
    a reciprocal act named by its object agree with each other (AGREE Peru <-> Ecuador); the
    state the object names is its broker, taken as both parties' partner before coder-172. The
    twin names the partner after 'with': 'signed an agreement with Brazil' is with Brazil."""
    story = "Peru and Ecuador are at odds over a border. "
    e = _one(story + "Peru and Ecuador have reached a landmark US mediated accord on the border.", "AGREE")
    assert {_countries(e.source)[0], _countries(e.target)[0]} == {"PER", "ECU"}
    assert "USA" not in _countries(e.target)
    e = _one(story + "Peru and Ecuador signed an agreement with Brazil on the border.", "SUPPORT")
    assert _countries(e.target) == ["BRA"]


def test_an_aim_stated_beside_an_act_is_its_purpose():
    """'named new envoys in Lima and Santiago on Monday, seeking to normalise their relations':
    the participle of seeking states the appointments' purpose, no announced act of its own (no
    AGREE beside the SUPPORT), where it was coded as an intent to restore ties before
    coder-173. The twin states the aim alone: 'Chile and Peru seek to normalise their
    relations' is an intent (AGREE)."""
    story = "Chile and Peru are at odds over a fishing ban. "
    types = _types(story + "Chile and Peru named new envoys in Lima and Santiago on Monday, seeking to normalise their relations.")
    assert "SUPPORT" in types and "AGREE" not in types
    e = _one(story + "Chile and Peru seek to normalise their relations.", "AGREE")
    assert {_countries(e.source)[0], _countries(e.target)[0]} == {"CHL", "PER"}


def test_what_efforts_strive_for_is_not_done():
    """"Chile's efforts to restore ties with Peru have stalled": the infinitive of a noun of
    striving is what is sought, not done (no SUPPORT), where it was coded as ties restored
    before coder-174. The twin, 'Chile restored ties with Peru', is SUPPORT."""
    story = "Chile and Peru are at odds over a fishing ban. "
    assert "SUPPORT" not in _types(story + "Chile's efforts to restore ties with Peru have stalled.")
    e = _one(story + "Chile restored ties with Peru.", "SUPPORT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_a_states_refusal_to_accept_something_rejects_it():
    """'New tariffs followed Chile's refusal to accept Peruvian fishing boats': the infinitive of a
    refusal is refused (accepting, negated: REJECT) and done by the refusal's possessor (Chile ->
    Peru); before coder-175 the infinitive had no actor here, and where it had one it was coded
    as accepted (AGREE). The twin tells the refusal as the reason of Peru's recall ('over Chile's
    refusal to ...'): the recall is coded (SANCTION), the reason is not Peru's act (no REJECT,
    no AGREE)."""
    story = "Peru and Chile are at odds over a fishing ban. "
    e = _one(story + "New tariffs followed Chile's refusal to accept Peruvian fishing boats.", "REJECT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    types = _types(story + "Peru recalled its envoy over Chile's refusal to accept Peruvian fishing boats.")
    assert "SANCTION" in types and not types & {"REJECT", "AGREE"}
def test_an_envoy_ordered_not_to_return_is_kept_out_by_the_host():
    """'Chile's ambassador to Peru was ordered not to return': the host keeps another state's
    envoy out (SANCTION 166, Peru -> Chile), where it was read as Chile calling its own envoy
    home, with source and target swapped (before coder-176). The twin, told to come back
    home, is still Chile's recall (161, Chile -> Peru)."""
    story = "Peru and Chile are at odds over a border. "
    e = _one(story + "Chile's ambassador to Peru, who flew out of Lima on Monday, was ordered not to return.", "SANCTION")
    assert e.cameo == "166"
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one(story + "Peru said Chile's ambassador was told not to return.", "SANCTION")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    twin = _one(story + "Chile's ambassador to Peru was told to come back home.", "SANCTION")
    assert twin.cameo == "161"
    assert _countries(twin.source) == ["CHL"] and _countries(twin.target) == ["PER"]


def test_a_relative_clause_passive_with_its_doer_acts_on_its_noun():
    """'a Chilean sailor, who was captured by Peruvian troops on Monday': the relative pronoun
    stands for the sailor, so the capture is Peru's detention of a Chilean (COERCE 173), where
    the pronoun resolved to no one and no event came out (before coder-177). The twins name
    no doer ('who was captured on Monday') or tell a state of things in the present ('hills
    which are held by Chilean troops'): no event."""
    story = "Peru and Chile are at odds over a border. "
    e = _one(story + "Lima said a Chilean sailor, who was captured by Peruvian troops on Monday, is in good health.", "COERCE")
    assert e.cameo == "173"
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "COERCE" not in _types(story + "Lima said a Chilean sailor, who was captured on Monday, is in good health.")
    assert "COERCE" not in _types(story + "Lima said the hills, which are held by Chilean troops, are disputed.")


def test_a_crowd_that_breaks_into_a_mission_or_reaches_it_in_a_clause_of_time():
    """'Protesters broke into the Peruvian embassy' and 'the marchers walked on until they
    reached the Peruvian embassy': a crowd getting into a state's mission, or reaching it in an
    adverbial clause whose 'they' is the crowd of the clause it hangs on, demonstrates against
    that state (PROTEST 141, Chile -> Peru), where neither came out (before coder-178). Twins:
    'they' in a clause hung on a minister is no crowd, and a crowd breaking into a museum
    reaches no mission: no PROTEST."""
    story = "Chile and Peru have quarrelled over fishing for months. "
    for s in ("Protesters broke into the Peruvian embassy on Monday.",
              "Hundreds of protesters climbed over the walls of the Peruvian embassy.",
              "Crowds of protesters walked on until they reached the Peruvian embassy."):
        e = _one(story + s, "PROTEST")
        assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "PROTEST" not in _types(story + "The minister waited until they reached the Peruvian embassy.")
    assert "PROTEST" not in _types(story + "Protesters broke into the national museum on Monday.")


def test_a_deadline_to_leave_expels_or_deports():
    """'Chilean diplomats have two days to leave, the foreign ministry said': a span of time to
    leave set on another state's diplomats expels them (SANCTION 166, Peru -> Chile), and set on
    its nationals deports them (COERCE 174), where neither came out, and the nationals, read as
    wronged, came out as the doers (before coder-179). Twins: a span of time with no departure
    ('have two days to reply') and 'have to leave' with no deadline are no expulsion."""
    story = "Chile and Peru are in a dispute over fishing. "
    e = _one(story + "Chilean diplomats have two days to leave, Peru's foreign ministry said.", "SANCTION")
    assert e.cameo == "166"
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one(story + "Chilean nationals in Peru have a week to quit Peruvian soil, the interior office said.", "COERCE")
    assert e.cameo == "174"
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    twin = story + "Chilean diplomats have two days to reply, Peru's foreign ministry said."
    assert not {"SANCTION", "COERCE"} & _types(twin)
    assert "166" not in {x.cameo for x in _events(story + "Chilean diplomats have to leave soon, a Chilean official said.")}


def test_a_count_of_unnamed_states_is_not_the_actor_last_named():
    """'Three nations recalled their envoys from Chile' and 'several countries ...': a count or
    a quantifier on a word for states tells of states the sentence leaves unnamed; they were
    read as the actor the article last named (Peru), or as the envoys' state (before
    coder-180). No event now. The twins, 'the two countries' and 'the ministry', still refer
    back to the story's actors."""
    story = "Peru and Chile are in a dispute over fishing. "
    for s in ("Three nations recalled their envoys from Chile on Monday.",
              "Several countries recalled their envoys from Chile on Monday."):
        assert "SANCTION" not in _types(story + s)
    e = _one(story + "The ministry recalled its envoy from Chile on Monday.", "SANCTION")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one(story + "The two countries recalled their envoys on Monday.", "SANCTION")
    assert set(_countries(e.source)) | set(_countries(e.target)) == {"PER", "CHL"}


def test_a_habit_told_at_times_or_in_the_past_on_the_auxiliary_is_background():
    """'Chile has at times closed its border with Peru': the story's background, no COERCE
    (before coder-181 it came out as news); and 'in the past' is found when the parse hangs it
    off the auxiliary ('had in the past shut ...', as it does on some sentences: the parse
    is given here). The twins, the closure on Monday and the phrase on no verb of the act,
    are news."""
    from spacy.tokens import Doc

    from detente.events.coder import EventCoder
    from detente.nlp.model import load_nlp

    story = "Peru and Chile are in a dispute over fishing. "
    assert "COERCE" not in _types(story + "Chile has at times closed its border with Peru.")
    e = _one(story + "Chile closed its border with Peru on Monday.", "COERCE")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    words = ["Chile", "had", "in", "the", "past", "shut", "Tacna", "."]
    tags = ["NNP", "VBD", "IN", "DT", "NN", "VBN", "NNP", "."]
    deps = ["nsubj", "aux", "prep", "det", "pobj", "ROOT", "dobj", "punct"]
    coder = EventCoder()
    doc = Doc(load_nlp().vocab, words=words, heads=[5, 5, 1, 4, 2, 5, 5, 5], deps=deps, tags=tags,
              sent_starts=[True] + [False] * 7)
    assert coder._historical(doc[5], doc[:], None, None)
    words[2:5] = ["on", "that", "day"]
    doc = Doc(load_nlp().vocab, words=words, heads=[5, 5, 1, 4, 2, 5, 5, 5], deps=deps, tags=tags,
              sent_starts=[True] + [False] * 7)
    assert not coder._historical(doc[5], doc[:], None, None)


def test_a_that_clause_telling_what_happened_is_no_order():
    """'A Peruvian official told reporters that the Chilean envoy had left Lima': the clause
    reports a departure (a finite past verb), it asks for none; it was read as an order to
    leave, an expulsion (before coder-182). Twins: 'asked that the Chilean envoy leave Lima'
    and 'told the Chilean envoy to leave Lima' still expel him (SANCTION 166, Peru -> Chile)."""
    story = "Peru and Chile are in a dispute over fishing. "
    for s in ("A Peruvian official told reporters that the Chilean envoy had left Lima on Monday.",
              "A Peruvian official told reporters that the Chilean envoy left Lima on Monday."):
        assert "SANCTION" not in _types(story + s)
    for s in ("Peru asked that the Chilean envoy leave Lima.", "Peru told the Chilean envoy to leave Lima."):
        e = _one(story + s, "SANCTION")
        assert e.cameo == "166" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_tear_gas_is_crowd_control_not_a_weapon_of_mass_destruction():
    """'Peruvian police used tear gas against Chilean fans': violent repression (CAMEO 175),
    where 'gas' made it the use of a weapon of mass destruction (204, before coder-183); with
    no one named it is used on ('to push back the crowd'), no force is coded against the
    story's other party. The twin, poison gas used on Chilean troops, is still 204."""
    story = "Peru and Chile are in a dispute over fishing. "
    e = _one(story + "Peruvian police used tear gas against Chilean fans.", "ASSAULT")
    assert e.cameo == "175" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "204" not in {x.cameo for x in _events(story + "The Peruvian side used tear gas to disperse the crowd.")}
    assert "ASSAULT" not in _types(story + "The Peruvian side used tear gas to disperse the crowd.")
    e = _one(story + "Peru used poison gas against Chilean troops.", "ASSAULT")
    assert e.cameo == "204"


def test_a_bare_test_is_no_show_of_force():
    """'China conducted calibration tests of its new runways near Vietnam': a test that is no
    weapons test shows no force (before coder-184 any 'test' was a show of force, MOBILIZE
    150). The twin, missile tests near Vietnam, still is (China -> Vietnam)."""
    story = "China and Vietnam are in a dispute over islands. "
    assert "MOBILIZE" not in _types(story + "China conducted calibration tests of its new runways near Vietnam.")
    e = _one(story + "China conducted missile tests near Vietnam.", "MOBILIZE")
    assert e.cameo == "150" and _countries(e.source) == ["CHN"] and _countries(e.target) == ["VNM"]


def test_a_headline_verb_does_not_take_the_object_of_an_infinitive_after_it():
    """'Peru announces deal with Chile to avoid tariffs': the tariffs are what the deal
    avoids, not what Peru announces; read in the headline frame they made a sanction (before
    coder-185). The twins: 'Peru announces tariffs on Chile to protect farmers' is still a
    sanction, and a verb asking for a complement reads on ('Peru threatens to impose ...')."""
    assert "SANCTION" not in _types("Peru announces deal with Chile to avoid tariffs")
    e = _one("Peru announces tariffs on Chile to protect farmers", "SANCTION")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Peru threatens to impose tariffs on Chile", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_a_hostile_act_named_as_ended_is_not_done():
    """'Russia ended its occupation of the Georgian town' and 'an easing of the Russian embargo
    on Georgian wine': the occupation and the embargo are ended or eased, not done; each came
    out as the act itself (COERCE, SANCTION; before coder-186). The twins, the occupation
    begun and the embargo imposed, are still the acts (Russia -> Georgia)."""
    story = "Russia and Georgia are at war. "
    assert "COERCE" not in _types(story + "Russia ended its occupation of the Georgian town on Friday.", date="2008-08-20")
    assert "SANCTION" not in _types(story + "The deal includes an easing of the Russian embargo on Georgian wine.",
                                    date="2008-08-20")
    e = _one(story + "Russia began its occupation of the Georgian town on Friday.", "COERCE", date="2008-08-20")
    assert _countries(e.source) == ["RUS"] and _countries(e.target) == ["GEO"]
    e = _one(story + "Russia imposed an embargo on Georgian wine.", "SANCTION", date="2008-08-20")
    assert _countries(e.source) == ["RUS"] and _countries(e.target) == ["GEO"]


def test_aussie_is_australian():
    """'Aussies take their row with China to the WTO': the informal demonym of headlines names
    Australia (ACCUSE 115, Australia -> China), where it named no one and no event came out
    (before coder-187). The twin, Austrians, names Austria."""
    e = _one("Aussies take their row with China over wine tariffs to the WTO", "ACCUSE", date="2020-12-01")
    assert _countries(e.source) == ["AUS"] and _countries(e.target) == ["CHN"]
    e = _one("Austrian ministers condemned China's tariffs on wine.", "ACCUSE", date="2020-12-01")
    assert _countries(e.source) == ["AUT"] and _countries(e.target) == ["CHN"]


def test_a_reaction_drawn_by_a_move_judges_whoever_made_it():
    """'Mexico changed its steel rules, a move that drew a stern warning from the White House': the
    noun summing up the act ('a move', 'in a shift that ...') names no one, so the one who did
    the act it sums up is the one warned (USA -> MEX, THREATEN), and a seat of government
    after 'from' speaks for its government; before coder-188 nothing was coded. The twins:
    praise drawn by the same move is no reproach or threat, and a warning from a town names
    no speaker."""
    story = "Washington and Mexico City quarrel over steel. "
    e = _one(story + "Mexico changed its steel rules, a move that drew a stern warning from the White House.", "THREATEN")
    assert _countries(e.source) == ["USA"] and _countries(e.target) == ["MEX"]
    e = _one(story + "Mexico changed its steel rules in a shift that drew sharp criticism from Washington.", "ACCUSE")
    assert _countries(e.source) == ["USA"] and _countries(e.target) == ["MEX"]
    assert not _types(story + "Mexico changed its steel rules, a move that drew praise from the White House.") & {
        "THREATEN", "ACCUSE"}
    assert "THREATEN" not in _types(story + "Mexico changed its steel rules, a move that drew a stern warning from Dallas.")


def test_default_root_lists_are_checked_on_load(tmp_path):
    """A CAMEO root written "4" for "04" in a defaults list would match no event: it is an
    error on load. The shipped file loads and its demand codes refine a demanded meeting."""
    from detente.events.patterns import load_patterns

    src = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "event_patterns.yaml"
    text = src.read_text(encoding="utf-8")
    book = load_patterns(src)
    assert book.source.defaults.venue_roots == ["04"] and book.source.defaults.demand_codes["04"] == "106"
    bad = tmp_path / "p.yaml"
    bad.write_text(text.replace('venue_roots: ["04"]', 'venue_roots: ["4"]', 1), encoding="utf-8")
    with pytest.raises(ConfigError, match="venue_roots"):
        load_patterns(bad)
    bad.write_text(text.replace('"04": "106"', '"04": "042"', 1), encoding="utf-8")
    with pytest.raises(ConfigError, match="demand_codes"):
        load_patterns(bad)


def test_a_reproach_in_what_is_rejected_is_the_rejections_content(tmp_path):
    """defaults.rejecting_roots (root 12, checked on load like the other root lists): a word
    of reproach in the object of a rejection ("rejected Chile's meddling") is what is
    rejected, one REJECT event and no ACCUSE of its own. The twin: the same object after a
    verb of criticism is an ACCUSE."""
    from detente.events.patterns import load_patterns

    src = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "event_patterns.yaml"
    text = src.read_text(encoding="utf-8")
    assert load_patterns(src).source.defaults.rejecting_roots == ["12"]
    bad = tmp_path / "p.yaml"
    bad.write_text(text.replace('rejecting_roots: ["12"]', 'rejecting_roots: ["120"]', 1), encoding="utf-8")
    with pytest.raises(ConfigError, match="rejecting_roots"):
        load_patterns(bad)
    story = "Peru and Chile argue over the border. "
    rejected = _events(story + "Peru rejected Chile's meddling in its elections.")
    assert [(e.plover, e.cameo) for e in rejected] == [("REJECT", "120")]
    assert _countries(rejected[0].source) == ["PER"] and _countries(rejected[0].target) == ["CHL"]
    e = _one(story + "Peru denounced Chile's meddling in its elections.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_a_meeting_place_is_not_whom_it_meets_but_a_visit_place_hosts():
    """'held talks in Lima' meets no Peruvian, while 'made a visit to Lima' visits Peru:
    the venue roots and host place codes of the pattern file's defaults."""
    talks = [e for e in _events("Chile held talks in Lima on Monday.") if e.plover == "CONSULT"]
    assert talks and all("PER" not in _countries(e.target) for e in talks)
    visit = _one("Chile made a visit to Lima.", "CONSULT")
    assert visit.cameo == "042" and _countries(visit.target) == ["PER"]


def test_an_attack_by_a_news_outlet_is_in_print():
    """'In an editorial, the paper mounted an attack on South Korea': an outlet (JRN) as the
    sole doer of force attacks in print, so it criticises (ACCUSE 111, China -> South Korea);
    before coder-189 it came out as force (ASSAULT). The twin, the same attack mounted by the
    army, is still force."""
    story = "The Global Times criticised Seoul on Monday. "
    text = story + "In an editorial, the paper mounted a fierce attack on South Korea."
    assert "ASSAULT" not in _types(text, date="2017-09-08")
    e = _one(text, "ACCUSE", date="2017-09-08")
    assert e.cameo == "111" and _countries(e.source) == ["CHN"] and _countries(e.target) == ["KOR"]
    e = _one(story + "The Chinese army mounted a fierce attack on South Korea.", "ASSAULT", date="2017-09-08")
    assert _countries(e.source) == ["CHN"] and _countries(e.target) == ["KOR"]


def test_the_story_s_other_party_counts_an_organisation_named_beside_a_state_half():
    """'The Kremlin warned of countermeasures', with no one named, threatens the story's other
    party. Russia was named with NATO in three sentences and with Finland in two: the alliance
    Finland joined came out as the one threatened (IGO) before coder-190. An organisation named
    beside a state now counts half (Russia -> Finland). The twin names Finland only once: NATO,
    named three times with Russia, stays the other party."""
    opening = "Finland joined NATO on Tuesday, angering Russia. Russia has long opposed NATO's growth. "
    end = "Russia said NATO was a threat. The Kremlin warned of countermeasures."
    e = _one(opening + "Russia shares a long border with Finland. " + end, "THREATEN", date="2023-04-05")
    assert _countries(e.source) == ["RUS"] and _countries(e.target) == ["FIN"]
    e = _one(opening + end, "THREATEN", date="2023-04-05")
    assert _countries(e.source) == ["RUS"] and _countries(e.target) == ["IGO"]


def test_a_bare_korea_is_the_republic_of_korea():
    """'Beijing urged Korea to halt the deployment': a bare 'Korea' is the Republic of Korea's
    own short name; it named no one and no event came out before coder-191 (REQUEST, China
    -> South Korea). The twin names the North, which stays the DPRK."""
    e = _one("Beijing urged Korea to halt the deployment of the missile shield.", "REQUEST", date="2017-09-08")
    assert _countries(e.source) == ["CHN"] and _countries(e.target) == ["KOR"]
    e = _one("Beijing urged North Korea to halt the deployment of the missile shield.", "REQUEST", date="2017-09-08")
    assert _countries(e.source) == ["CHN"] and _countries(e.target) == ["PRK"]


def test_the_story_s_other_party_named_as_a_pair_throughout_is_both():
    """'He warned that the reckless raids would only fuel instability', with no one named,
    judges the story's other party. Syria was named with Britain and France together in every
    sentence naming either: before coder-192 only the first of the pair was judged (Syria ->
    Britain); both are now (Syria -> Britain, France). The twin names Britain once more without
    France: Britain alone is the other party."""
    end = ("Syrian Foreign Minister Walid Muallem condemned the strikes by Britain and France. "
           "He warned that the reckless raids would only fuel instability.")
    opening = "Britain and France struck targets in Syria on Friday. "
    e = [x for x in _events(opening + "Damascus accused Britain and France of aggression. " + end, date="2018-04-14")
         if x.trigger == "warned"][0]
    assert e.plover == "ACCUSE" and _countries(e.source) == ["SYR"] and _countries(e.target) == ["FRA", "GBR"]
    e = [x for x in _events(opening + "Damascus accused Britain of aggression. " + end, date="2018-04-14")
         if x.trigger == "warned"][0]
    assert e.plover == "ACCUSE" and _countries(e.source) == ["SYR"] and _countries(e.target) == ["GBR"]


def test_a_reproached_act_located_in_a_state_judges_that_state():
    """'Chile voiced alarm over the crackdown in Peru': the place that locates the act the
    reproach is about is the state judged (ACCUSE, Chile -> Peru); before coder-193 the
    reproach had no target, or one named further off in the sentence. The twin puts Peru on
    the speaker ('Speaking in Peru, ...'): no one is judged there."""
    e = _one("Chile voiced alarm over the crackdown in Peru.", "ACCUSE", date="2023-08-10")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    e = _one("Speaking in Peru, Chile's foreign minister voiced alarm over the crackdown.", "ACCUSE",
             date="2023-08-10")
    assert _countries(e.source) == ["CHL"] and "PER" not in _countries(e.target)
