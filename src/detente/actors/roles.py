"""People's offices: which role a named person holds in a sentence, on a date.

Role titles in the people files are free text ("deputy foreign minister", "CIA director").
They are mapped to role families through the agent words ("foreign minister" ->
foreign_minister, "ambassador" -> diplomat), so "the ambassador" can refer back to
Jon Huntsman and "President Obama" can be matched with Obama's presidency.
"""

from __future__ import annotations

import datetime as dt
import re

from detente.actors.knowledge import NONSTATE, ActorKnowledge, Person, Role


class RoleBook:
    """Role families and role choice for one body of knowledge (titles cached)."""

    def __init__(self, kb: ActorKnowledge):
        self.kb = kb
        self.agent_families = {a.id: ({a.role} if a.role else set()) for a in kb.agents.values()}
        forms = [(form.lower(), a.role) for a in kb.agents.values() if a.role for form in a.words]
        forms.sort(key=lambda f: -len(f[0]))  # the longest title word wins
        self._forms = [(re.compile(rf"\b{re.escape(f)}\b"), role) for f, role in forms]
        self._cache: dict[str, set[str]] = {}
        self._by_last: dict[str, dict[str, Person]] | None = None

    def family(self, role: Role | None) -> set[str]:
        """{'diplomat'} for 'ambassador', {'foreign_minister'} for 'deputy foreign minister'."""
        if role is None:
            return set()
        title = (role.title or "").lower()
        if title not in self._cache:
            self._cache[title] = next(({fam} for rx, fam in self._forms if rx.search(title)), set())
        return self._cache[title]

    def person_role(
        self, person: Person, day: dt.date | None, titles: set[str], elite: bool
    ) -> tuple[str | None, Role | None, bool]:
        """Sector and role of a dictionary person in this sentence, on this date.

        Returns (sector, role, from_dictionary). An office named in the sentence that the
        person held (up to the date) wins over the date, so "President Obama" in a story
        dated by its events is GOV; an office they only held later is not theirs yet, and
        the sentence's title words code them instead (from_dictionary False). "former"
        makes a person without a current office ELI.
        """
        current = person.role_at(day)
        if elite:
            if current is not None and not (self.family(current) & titles):
                return current.sector, current, True
            return "ELI", None, True
        if titles:
            matching = [r for r in person.roles if self.family(r) & titles]
            active = [r for r in matching if day is None or r.active(day)]
            if active:
                return active[-1].sector, active[-1], True
            if current is None or not (self.family(current) & titles):
                past = [r for r in matching if day is None or (r.start or dt.date.min) <= day]
                if past:
                    return past[-1].sector, past[-1], True
                if matching or current is None:
                    return None, None, False
        if current is not None:
            return current.sector, current, True
        return person.default_sector, None, True

    def namesakes(self, surname: str) -> list[Person]:
        """People whose name or an alias ends in ``surname`` ("Castro": Fidel and Raúl Castro,
        Xiomara Castro), built once per body of knowledge."""
        if self._by_last is None:
            self._by_last = {}
            for person in self.kb.people.values():
                for full in {person.name, *person.aliases}:
                    words = full.split()
                    if len(words) > 1:
                        self._by_last.setdefault(words[-1], {})[person.id] = person
        return list(self._by_last.get(surname, {}).values())

    def titled_namesake(self, surname: str, titles: set[str], day: dt.date | None) -> str | None:
        """'President Castro' in 2015: the country of the people of that surname who held an
        office of ``titles`` on ``day`` (at any time in an undated article), when they all
        served one country; none when no one did or several countries' did."""
        if not titles:
            return None
        held = {self.country_of(p, r) for p in self.namesakes(surname) for r in p.roles
                if (day is None or r.active(day)) and self.family(r) & titles}
        return held.pop() if len(held) == 1 else None

    def country_of(self, person: Person, role: Role | None) -> str:
        """The country a person acts for in ``role``: an international organization's
        official acts for it (Stoltenberg as NATO secretary general is IGO, not NOR)."""
        if role is not None and role.org:
            o = self.kb.org_by_name(role.org)
            if o is not None and o.country in NONSTATE:
                return o.country
        return person.country

    def org_of(self, role: Role | None) -> str | None:
        """The organization code of an IGO official's role ('UNO' for org: UN)."""
        if role is None or not role.org:
            return None
        o = self.kb.org_by_name(role.org)
        return o.org if o is not None else role.org[:4].upper()
