"""Material acts (sanctions, coercion, force, protests) on sentences the team wrote: each test
shows a construction the rule coder reads, and its twin, a close sentence read otherwise.

These run the real pipeline (spaCy parse, actor resolution, coder), as tests/test_events_coder.py
does.
"""

from __future__ import annotations

from sentences import countries as _countries
from sentences import events as _events
from sentences import one as _one
from sentences import types as _types


def test_migrants_sent_back_to_a_state_are_deported():
    """'Chile returned 300 migrants to Peru', 'Chilean police pushed back the Peruvian migrants':
    people sent back to a state are deported (COERCE 174, Chile -> Peru), where no event came
    out and 'pushed' was read as pressure on Peru (REQUEST; before coder-219). The twins:
    captured soldiers handed back are released (RETREAT), and 'pushed Peru to act' is still
    pressure."""
    story = "Chile and Peru quarrel over their border. "
    for s in ("Chile returned 300 migrants to Peru on Friday.",
              "Chilean police pushed back the Peruvian migrants at the border.",
              "Chile sent the migrants back to Peru."):
        e = _one(story + s, "COERCE")
        assert e.cameo == "174" and _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"], s
        assert "REQUEST" not in _types(story + s), s
    e = _one(story + "Chile returned the captured Peruvian soldiers to Peru.", "RETREAT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "COERCE" not in _types(story + "Chile returned the captured Peruvian soldiers to Peru.")
    e = _one(story + "Chile pushed Peru to reopen the crossing.", "REQUEST")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_two_states_each_recalling_its_envoy_is_one_event_each_way():
    """'Both states have called home their envoys', 'Peru and Chile expelled each other's
    diplomats': each state does it to the other, so one SANCTION event goes each way; before
    coder-220 one direction came out, and 'both countries' stood for the actor last named
    alone. The twins: an accord of the two is still one mutual event, and one state's recall
    is one event."""
    story = "Peru and Chile quarrel over fishing. "
    for s in ("Both states have recalled their envoys.",
              "Peru and Chile have recalled their envoys.",
              "The two countries expelled each other's diplomats."):
        pairs = {(tuple(_countries(x.source)), tuple(_countries(x.target)))
                 for x in _events(story + s) if x.plover == "SANCTION"}
        assert pairs == {(("PER",), ("CHL",)), (("CHL",), ("PER",))}, s
    agreed = [x for x in _events(story + "Both sides agreed to resume talks.") if x.plover == "AGREE"]
    assert len(agreed) == 1
    recalled = [x for x in _events(story + "Peru recalled its ambassador on Monday.") if x.plover == "SANCTION"]
    assert len(recalled) == 1 and _countries(recalled[0].source) == ["PER"] and _countries(recalled[0].target) == ["CHL"]


def test_a_fight_breaking_out_with_no_one_named_is_the_story_pairs():
    """'Fresh clashes broke out by the old fort': a fight breaking out with no one named
    is between the story's two states (ASSAULT, mutual), where no event came out (before
    coder-221). The twins: fighting that only may break out, or is said to go on, is no event;
    nor is a brawl in a story that names one state only."""
    story = "Peru and Chile quarrel over their border. "
    for s in ("Fresh clashes erupted by the old fort on Monday.", "Heavy fighting broke out along the river."):
        e = _one(story + s, "ASSAULT")
        assert {*_countries(e.source), *_countries(e.target)} == {"PER", "CHL"}, s
    for s in ("Clashes could erupt by the old fort.", "Some clashes went on near the fort."):
        assert "ASSAULT" not in _types(story + s), s
    assert "ASSAULT" not in _types("Peruvian police faced angry fans in Lima. Clashes erupted near the stadium.")


def test_how_an_act_was_done_is_not_a_second_act():
    """'Peru sanctioned Chile by barring Chilean ministers from entering': the bar is how the
    sanction was done, one SANCTION event, where the bar came out as a second act (COERCE;
    before coder-222). The twins: after a verb that is no event ('responded by barring ...')
    the bar is the act, and a bar joined with 'and' is an act of its own."""
    story = "Peru and Chile quarrel over fishing. "
    assert _types(story + "Peru sanctioned Chile by barring Chilean ministers from entering the country.") == {"SANCTION"}
    e = _one(story + "Peru responded by barring Chilean ministers from entering the country.", "COERCE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert _types(story + "Peru sanctioned Chile and barred Chilean ministers from entering the country.") == {
        "SANCTION", "COERCE"}


def test_combat_is_a_fight():
    """'Chilean forces started combat near the river': combat begun is force between the two
    (ASSAULT, Chile -> Peru), where the word named no act (before coder-223). The twins: combat
    troops as a modifier, and the verb 'to combat' smuggling, are no force."""
    story = "Peru and Chile quarrel over their border. "
    e = _one(story + "Lima said Chilean forces started combat near the river.", "ASSAULT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    assert "ASSAULT" not in _types(story + "Chilean combat troops reached the river.")
    assert "ASSAULT" not in _types(story + "Chile vowed to combat drug smuggling across the river.")


def test_a_quarrel_over_an_issue_is_no_fight():
    """'Peru and Chile clashed over trade': a quarrel over an issue is words, not force; the
    verb of fighting read it as ASSAULT (before coder-224). The twins: troops clashing over a
    hill, or with another's soldiers, still fight (ASSAULT)."""
    for s in ("Peru and Chile clashed over trade on Monday.",
              "The Peruvian and Chilean ministers clashed on tariffs at the summit."):
        assert "ASSAULT" not in _types(s), s
    for s in ("Peruvian and Chilean troops clashed over the disputed hill on Monday.",
              "Peruvian troops clashed with Chilean soldiers near the border."):
        e = _one(s, "ASSAULT")
        assert {*_countries(e.source), *_countries(e.target)} == {"PER", "CHL"}, s


def test_a_list_of_acts_after_one_subject_shares_it():
    """'Peru put the pact and other accords with Chile on hold, froze all commerce, shut its
    airspace ...': the parse hangs 'shut' on 'froze' as an unlabelled dependent ("dep"), so it
    and the verbs joined to it had no subject (before coder-225; on news_train a closed
    airspace came out with no one doing it); they share Peru's. The twin: a verb with
    a subject of its own keeps it ('... and Chile suspended all trade': Chile's)."""
    from detente.events.arguments import verb_subject
    from detente.nlp.model import load_nlp

    s = ("Peru on Monday put the fishing pact and other accords with Chile on hold, froze all commerce, "
         "shut its airspace for Chilean carriers and said it would respond.")
    doc = load_nlp()(s)
    listed = [t for t in doc if t.lower_ in ("froze", "shut", "said")]
    assert [t.dep_ for t in listed] == ["conj", "dep", "conj"]  # the parse this test is about
    assert [verb_subject(t)[0].text for t in listed] == ["Peru", "Peru", "Peru"]
    story = "Peru and Chile quarrel over fishing. "
    e = _one(story + s, "COERCE")
    assert e.rule.startswith("close-border") and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    twin = "Peru put the fishing accord with Chile on hold, and Chile suspended all trade with Peru."
    halts = [x for x in _events(story + twin) if x.rule.startswith("halt-imports")]
    assert halts and _countries(halts[0].source) == ["CHL"] and _countries(halts[0].target) == ["PER"]


def test_a_road_opened_to_no_one_named_is_built_not_eased():
    """'The Peruvian minister opened a new road that ends at the pass': a road built is no
    easing of passage for the story's other party (RETREAT 086 came out against Chile, before
    coder-226). The twins: a road reopened to Chilean trucks, and a border crossing reopened,
    still ease passage (Peru -> Chile)."""
    story = "Peru and Chile quarrel over fishing. "
    assert "RETREAT" not in _types(story + "The Peruvian minister opened a new road that ends at the pass.")
    for s in ("Peru reopened the road to Chilean trucks on Monday.", "Peru reopened the border crossing on Monday."):
        e = _one(story + s, "RETREAT")
        assert e.cameo == "086" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"], s


def test_an_act_in_a_time_clause_of_a_future_answer_is_a_condition():
    """'Peru will respond when its ships are attacked by Chile': the attack is the condition of
    an answer not yet given, as after 'if' (it was ASSAULT Chile -> Peru before coder-230); so
    is a threat in such a clause. The twins, the same clauses told in the past, are the acts."""
    assert "ASSAULT" not in _types("Peru will respond when its ships are attacked by Chile.")
    assert "THREATEN" not in _types(
        "Peru said it would not hesitate to act when its fishermen are threatened by Chile.")
    e = _one("Peru responded when its ships were attacked by Chile.", "ASSAULT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]
    e = _one("Peru acted when its fishermen were threatened by Chile.", "THREATEN")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_ending_up_on_a_sanctions_list_ends_no_sanctions():
    """'Two Chilean colonels ended up on a list of EU sanctions': 'end up' is to land
    somewhere, no ending of the sanctions (it was CONCEDE Chile -> EU before coder-231). The
    twin, the EU ending its sanctions on Chile, eases them."""
    assert "CONCEDE" not in _types("Two Chilean colonels ended up on a list of EU sanctions.")
    assert "CONCEDE" not in _types("Two Chilean colonels also ended up on the Union's list of sanctions.")
    e = _one("The EU ended its sanctions on Chile.", "CONCEDE")
    assert _countries(e.source) == ["IGO"] and _countries(e.target) == ["CHL"]


def test_an_act_one_may_be_able_to_do_is_not_done():
    """'Peru might not be able to impose sanctions on Chile', 'Peru might be able to strike
    Chilean bases': the infinitive after 'able' is as the 'be' that carries 'might', a
    possibility (it was SANCTION and ASSAULT Peru -> Chile before coder-233). The twins: what
    Peru was able to do, it did."""
    assert "SANCTION" not in _types("Peru might not be able to impose sanctions on Chile.")
    assert "ASSAULT" not in _types("Peru might be able to strike Chilean bases.")
    e = _one("Peru was able to strike Chilean bases.", "ASSAULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Peru was able to impose sanctions on Chile.", "SANCTION")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_an_act_named_as_what_someone_watches_or_discusses_is_recalled():
    """'Peruvian leaders watched Chile's assault on Bolivia', 'talks would focus on Chile's
    offensive in Bolivia': an act named as what someone looks at or talks about is recalled,
    not reported (it was ASSAULT Chile -> Bolivia before coder-236), as 'since Chile's assault'
    is. The twins: the assault reported as beginning is the act, and a condemnation of it is
    still the criticism."""
    assert "ASSAULT" not in _types("Peruvian leaders watched Chile's assault on Bolivia.")
    assert "ASSAULT" not in _types("Talks would focus on Chile's offensive in Bolivia.")
    assert "SUPPORT" not in _types("Peru has long bristled at Chile's support of Bolivia.")
    e = _one("Chile's assault on Bolivia began on Monday.", "ASSAULT")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["BOL"]
    e = _one("Peru condemned Chile's assault on Bolivia.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
