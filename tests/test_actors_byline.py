"""The byline's person (ActorResolver.author): coded for the article's date when the
dictionary names them, and resolved once per name when it does not (the date cannot
change a name it has no word of)."""

from __future__ import annotations

import pytest

from detente.actors import ActorResolver
from detente.errors import InputError


@pytest.fixture()
def resolver() -> ActorResolver:
    """A resolver of its own: the byline caches start empty."""
    cached = ActorResolver.default()
    return ActorResolver(cached.kb)


def _count_resolves(resolver: ActorResolver, monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    dates: list[str | None] = []
    resolve = resolver._resolve

    def spy(doc, article_id, article_date):  # type: ignore[no-untyped-def]
        dates.append(article_date)
        return resolve(doc, article_id, article_date)

    monkeypatch.setattr(resolver, "_resolve", spy)
    return dates


def test_a_known_bylines_office_follows_the_date(resolver: ActorResolver) -> None:
    # an ambassador in 2010, between offices in 1998 (people_core.yaml)
    assert resolver.author("Jon Huntsman", "2010-06-01").code == "USADIP"
    assert resolver.author("Jon Huntsman", "1998-06-01").code == "USAELI"
    assert resolver.author("Jon Huntsman", "2010-06-02").code == "USADIP"


def test_an_unknown_byline_is_resolved_once_for_every_date(
    resolver: ActorResolver, monkeypatch: pytest.MonkeyPatch
) -> None:
    dates = _count_resolves(resolver, monkeypatch)
    assert resolver.author("Elena Marsh", "2020-01-01") is None
    assert resolver.author("Elena Marsh", "2021-03-04") is None
    assert resolver.author("Elena Marsh", None) is None
    assert dates == ["2020-01-01"]
    # a name the dictionary knows is read again on each new date
    resolver.author("Jon Huntsman", "2010-06-01")
    resolver.author("Jon Huntsman", "1998-06-01")
    assert dates[1:] == ["2010-06-01", "1998-06-01"]


def test_a_bad_date_is_refused_even_for_a_cached_byline(resolver: ActorResolver) -> None:
    assert resolver.author("Elena Marsh", "2020-01-01") is None
    with pytest.raises(InputError):
        resolver.author("Elena Marsh", "the first of May")
