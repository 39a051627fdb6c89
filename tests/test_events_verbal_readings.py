"""Verbal event types (CONSULT, SUPPORT, REJECT, REQUEST, THREATEN ...) on sentences the team
wrote: readings that came out wrong before, each with its twin, the close sentence whose
event must still come out.
"""

from __future__ import annotations

from sentences import countries as _countries
from sentences import events as _events
from sentences import one as _one
from sentences import types as _types


def test_speaking_to_reporters_consults_no_one():
    """'Peru's foreign minister talked to journalists in Santiago': a word to the press is
    a statement, not talks with the state where it is said (it was CONSULT Peru -> Chile before
    coder-189). The twin, the minister speaking with Chile's president, consults."""
    assert "CONSULT" not in _types("Peru's foreign minister talked to journalists in Santiago on Monday.")
    e = _one("Peru's foreign minister spoke with Chile's president in Santiago on Monday.", "CONSULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_backing_out_of_a_deal_backs_no_one():
    """'Peru said Chile backed out of the fishing accord': walking away from a deal supports no
    one; 'back' read as endorse made it SUPPORT Chile -> Peru (before coder-190). The twin,
    Peru backing Chile's bid for a council seat, is still support."""
    assert "SUPPORT" not in _types("Peru said Chile backed out of the fishing accord.")
    assert "SUPPORT" not in _types("Chile backed out of the fishing accord with Peru.")
    e = _one("Peru backed Chile's bid for a seat on the council.", "SUPPORT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_an_act_avoided_is_not_done():
    """'The Peruvian embassy advised its citizens to avoid travelling to Chile': the trip is what
    they keep from, no visit (it was CONSULT Peru -> Chile before coder-191); nor is a move a
    state avoided. The twins, the trip made and the troops sent, are still events."""
    assert "CONSULT" not in _types("The Peruvian embassy advised its citizens to avoid travelling to Chile.")
    assert "MOBILIZE" not in _types("Chile avoided sending troops to the border with Peru.")
    e = _one("The Peruvian foreign minister travelled to Chile on Monday.", "CONSULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Chile sent troops to the border with Peru.", "MOBILIZE")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_a_directive_issued_to_a_state_demands():
    """'the UN sent a binding directive to Peru to halt ...': an order named as a noun and
    addressed to a state is a demand (REQUEST 10, UN -> Peru); before coder-192 nothing was
    coded. The twin, a directive to no one named, demands nothing."""
    e = _one("Last week the United Nations sent a binding directive to Peru to halt new building on the islet.", "REQUEST")
    assert _countries(e.source) == ["IGO"] and _countries(e.target) == ["PER"] and e.cameo == "100"
    e = _one("The UN court handed Peru an injunction that bars new building on the islet.", "REQUEST")
    assert _countries(e.source) == ["IGO"] and _countries(e.target) == ["PER"] and e.cameo == "100"
    assert "REQUEST" not in _types("The Peruvian ministry issued a directive on school hours to teachers.")


def test_calling_charges_baseless_summons_no_one():
    """'Lima called the charges baseless': 'charge' stood for a chargé d'affaires in the
    summoning pattern, so dismissing an accusation came out as an envoy summoned (ACCUSE 114,
    before coder-193); it is Peru rejecting Chile's charge (REJECT). The twin, the chargé
    d'affaires called in, is still summoned (ACCUSE 114, Chile -> Peru)."""
    story = "Chile accused Peru of spying on its navy. "
    second = [ev for ev in _events(story + "Lima called the charges baseless.") if ev.sentence_index == 1]
    assert "ACCUSE" not in {ev.plover for ev in second}
    e = _one(story + "Lima called the charges baseless.", "REJECT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Chile called in Peru's charge d'affaires on Monday.", "ACCUSE")
    assert e.cameo == "114" and _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_the_act_a_question_asks_about_is_not_coded():
    """'The Peruvian minister asked why Chile sent troops to the border': the question was
    already no request; the troop move it asks about came out as news (MOBILIZE Chile -> Peru,
    before coder-194). The twin, the move reported, is still coded."""
    assert "MOBILIZE" not in _types("The Peruvian minister asked why Chile sent troops to the border.")
    e = _one("Chile sent troops to the border with Peru, the Peruvian minister said.", "MOBILIZE")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_an_act_named_as_a_habit_is_background():
    """'Frequent Peruvian warnings to Chile went unheeded for years': warnings told as a habit
    are the story's background, as 'has repeatedly warned' is (it was THREATEN Peru -> Chile
    before coder-195). The twin, one warning issued on Monday, is news."""
    assert "THREATEN" not in _types("Frequent Peruvian warnings to Chile went unheeded for years.")
    e = _one("A stern Peruvian warning to Chile was issued on Monday.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_having_no_contacts_is_no_event():
    """'Peru does not have any contacts with Chile': a state of no contact is no refused
    meeting (it was REJECT 125 Peru -> Chile before coder-196), and 'has no contacts' no meeting
    (it was CONSULT). The twins: talks had are a meeting, talks not held a refusal."""
    assert not _types("Peru does not have any contacts with Chile.") & {"REJECT", "CONSULT"}
    assert not _types("Peru has no contacts with Chile.") & {"REJECT", "CONSULT"}
    e = _one("Peru had talks with Chile on Monday.", "CONSULT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "REJECT" in _types("Peru did not hold talks with Chile.")


def test_relations_raised_are_upgraded():
    """'Peru raised its relations with Chile to ambassador level': an upgrade of ties (SUPPORT
    050, as restored ties); before coder-197 only 'upgrade' was read so. The twin, concerns
    raised about the relations, restores nothing."""
    e = _one("Peru raised its relations with Chile to ambassador level.", "SUPPORT")
    assert e.cameo == "050" and _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "SUPPORT" not in _types("Peru raised concerns about its relations with Chile.")


def test_a_reported_charge_absorbs_its_clause():
    """'Peru charged that Chile had reneged on the fishing accord': the clause is what Peru
    accuses Chile of, as in 'accused Chile of reneging'; before coder-204 the clause was coded
    on its own as well (REJECT Chile -> Peru). The twin, the reneging told as news, is REJECT."""
    e = _one("Peru charged that Chile had reneged on the fishing accord.", "ACCUSE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    assert "REJECT" not in _types("Peru charged that Chile had reneged on the fishing accord.")
    e = _one("Chile reneged on the fishing accord with Peru.", "REJECT")
    assert _countries(e.source) == ["CHL"]


def test_a_warning_about_a_hypothetical_act_is_not_addressed_to_its_victim():
    """'Peru warned that any attack against Bolivia would be answered': Bolivia would suffer
    the attack, the warning is for whoever would make it, and the sentence does not name him;
    before coder-205 it was THREATEN Peru -> Bolivia. The twins: the one warned named as object,
    and the state an act is said to come from, are the targets."""
    assert "THREATEN" not in _types("Peru warned that any attack against Bolivia would be answered.")
    e = _one("Peru warned Chile that any attack against Bolivia would be answered.", "THREATEN")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Peru warned that any Chilean attack against Bolivia would be answered.", "THREATEN")
    assert _countries(e.target) == ["CHL"]


def test_the_victims_of_a_hypothetical_act_are_found_once_per_clause(monkeypatch):
    """With no target found, the coder asks again whether the clause's subject is a
    hypothetical act with a victim: the answer _targets found is kept, not looked for twice.
    The outcome is the same: no THREATEN for the unnamed one warned, the twin still coded."""
    from detente.events.roles import Roles

    looked = []
    original = Roles._hypothetical_victims

    def counting(self, subj, index, memo=None):
        if memo is None or subj.i not in memo:
            looked.append(subj.i)
        return original(self, subj, index, memo)

    monkeypatch.setattr(Roles, "_hypothetical_victims", counting)
    assert "THREATEN" not in _types("Peru warned that any attack against Bolivia would be answered.")
    assert looked and len(looked) == len(set(looked)), looked
    looked.clear()
    e = _one("Peru warned Chile that any attack against Bolivia would be answered.", "THREATEN")
    assert _countries(e.target) == ["CHL"]


def test_refusing_a_hostile_act_rebuffs_whoever_wants_it_not_its_victim():
    """'Peru refused to apply the sanctions against Bolivia', after the EU imposed them: Bolivia
    is spared, and the refusal rebuffs the EU that wants the sanctions applied (it was REJECT
    Peru -> Bolivia before coder-232: the refused act's target). The twins: a refused meeting,
    recognition or answer to a demand still rebuffs the state it names."""
    story = "The EU imposed sanctions on Bolivia on Monday. "
    e = _one(story + "Peru refused to apply the sanctions against Bolivia.", "REJECT")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["IGO"]
    e = _one(story + "Peru refused to impose sanctions on Bolivia.", "REJECT")
    assert _countries(e.target) == ["IGO"]
    e = _one(story + "Peru refused to meet Bolivia's foreign minister.", "REJECT")
    assert _countries(e.target) == ["BOL"]
    e = _one("Peru refused to recognize Kosovo.", "REJECT")
    assert _countries(e.target) == ["XKX"]
    e = _one(story + "Peru refused to reply to the demands of Bolivia.", "REJECT")
    assert _countries(e.target) == ["BOL"]


def test_an_act_said_to_be_uncertain_is_not_announced():
    """'It is far from clear that Peru would win the backing of Chile', 'it is not certain that Chile
    will sign the fishing accord with Peru': a that-clause said to be uncertain is a hypothesis,
    as after 'whether' (they were AGREE before coder-234). The twins: a clause said to be clear,
    and the signing announced plainly, are announced acts."""
    assert "AGREE" not in _types("It is far from clear that Peru would win the backing of Chile.")
    assert "AGREE" not in _types("It is not certain that Chile will sign the fishing accord with Peru.")
    assert "SANCTION" not in _types("It is unlikely that Peru will impose sanctions on Chile.")
    # another copula of the same kind (uncertain_copulas), and its twin said to be clear
    assert "SANCTION" not in _types("It remains unclear that Peru will impose sanctions on Chile.")
    assert "SANCTION" in _types("It remains clear that Peru will impose sanctions on Chile.")
    e = _one("It is clear that Peru will impose sanctions on Chile.", "SANCTION")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Chile will sign the fishing accord with Peru.", "AGREE")
    assert _countries(e.source) == ["CHL"] and _countries(e.target) == ["PER"]


def test_readiness_for_anything_at_all_announces_nothing():
    """'Peru is ready for any eventuality', '... adding that Peru stands ready for every contingency':
    readiness that names no act, only things of any kind, is a vague statement the news
    conventions do not code (it was AGREE Peru -> Chile before coder-235). The twins: readiness
    for talks with Chile, or to talk, is an announced intention."""
    assert "AGREE" not in _types("Peru is ready for any eventuality in its quarrel with Chile.")
    assert "AGREE" not in _types(
        "Peruvian tanks shelled two Chilean posts, the army said, adding that Peru stands ready for every contingency.")
    e = _one("Peru is ready for talks with Chile.", "AGREE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]
    e = _one("Peru is ready to talk with Chile at any time.", "AGREE")
    assert _countries(e.source) == ["PER"] and _countries(e.target) == ["CHL"]


def test_a_when_clause_dates_the_verb_it_hangs_on():
    """'Peru refused to be part of the talks when Chile opened them in 2019', told in 2023:
    the year of the 'when' clause is the refusal's too, so the refusal is background (it was
    REJECT Peru -> Chile before coder-237, as if it were news). The twins: with 'on Monday' the
    refusal is news, dated that Monday."""
    coded = _events("Peru refused to be part of the talks when they were opened by Chile in 2019.")
    assert "REJECT" not in {e.plover for e in coded}
    assert any(e.cameo == "120" and e.modality == "historical" for e in coded)
    e = _one("Peru refused to be part of the talks when they were opened by Chile on Monday.", "REJECT")
    assert _countries(e.source) == ["PER"] and e.date == "2023-03-06"
