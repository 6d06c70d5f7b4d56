"""Stories, event coreference within them, and the reasons entities are joined.

Hand-built article results (no spaCy): tables of articles → expected stories, events →
expected joins, names → expected entities.
"""

from __future__ import annotations

import doctest
from dataclasses import replace

import pytest

from kgbuild import event_coref, stories
from kgbuild.actors.gazetteer import Gazetteer, read_user_file
from kgbuild.actors.linking import SAME_NAME, STORY_SHORT_NAME, STORY_SURNAME, SURNAME
from kgbuild.event_coref import corefer, kind_of
from kgbuild.merge import merge
from kgbuild.records import (
    Argument,
    Article,
    DocumentResult,
    Entity,
    EntityRef,
    Event,
    EventMention,
    Mention,
    Predicate,
    Span,
    TimeValue,
    Triple,
)
from kgbuild.stories import StoryPolicy, find_stories, story_index


def _ref(key: str, label: str, type_: str) -> EntityRef:
    return EntityRef(key=key, label=label, type=type_)


def _mention(ref: EntityRef) -> Mention:
    return Mention(span=Span(0, len(ref.label), ref.label), entity=ref)


def _arg(ref: EntityRef | None, text: str, role: str) -> Argument:
    span = Span(0, len(text), text)
    return Argument(span=span, head=span, role=role, entity=ref)


def _triple(doc: str, subj: EntityRef, lemma: str, obj: EntityRef | None = None, **kw) -> Triple:
    sentence = kw.pop("sentence", f"{subj.label} {lemma} {obj.label if obj else 'it'}.")
    return Triple(
        doc=doc,
        sentence=Span(0, len(sentence), sentence),
        subject=_arg(subj, subj.label, "subject"),
        predicate=Predicate(span=Span(0, len(lemma), lemma), lemma=lemma, verb=lemma),
        object=_arg(obj, obj.label, "object") if obj else None,
        confidence=0.6,
        **kw,
    )


def _article(
    doc: str,
    date: str | None,
    refs: list[EntityRef],
    triples: tuple[Triple, ...] = (),
    event_mentions: tuple[EventMention, ...] = (),
) -> DocumentResult:
    return DocumentResult(
        article=Article(id=doc, text="", title=doc, date=date),
        mentions=tuple(_mention(r) for r in refs),
        triples=triples,
        event_mentions=event_mentions,
    )


US = _ref("country:US", "United States", "Country")
PADANG = _ref("place:padang", "Padang", "Place")
SUMATRA = _ref("place:sumatra", "Sumatra", "Place")
UNION = _ref("organization:steel union", "Steel Union", "Organization")
ACME = _ref("organization:acme mills", "Acme Mills", "Organization")
SMITH = _ref("person:jo smith", "Jo Smith", "Person")
POLICE = _ref("organization:padang police", "Padang Police", "Organization")


def _entities(*refs: EntityRef) -> list[Entity]:
    return [Entity(key=r.key, label=r.label, type=r.type) for r in refs]


def _stories(results: list[DocumentResult], policy: StoryPolicy | None = None) -> list[set[str]]:
    key_map = {m.entity.key: m.entity.key for r in results for m in r.mentions}
    refs = {m.entity.key: m.entity for r in results for m in r.mentions}
    found = find_stories(
        results, key_map, _entities(*refs.values()), policy or stories.DEFAULT_STORY_POLICY
    )
    return sorted((set(s.articles) for s in found), key=lambda s: sorted(s))


# --------------------------------------------------------------------------- stories


def test_articles_about_one_happening_are_one_story() -> None:
    quake = [PADANG, SUMATRA, PADANG]
    strike = [UNION, ACME, UNION]
    results = [
        _article("q1", "2009-10-01", [*quake, US]),
        _article("q2", "2009-10-02", quake),
        _article("s1", "2009-10-01", [*strike, US]),
        _article("s2", "2009-10-03", strike),
    ]
    assert _stories(results) == [{"q1", "q2"}, {"s1", "s2"}]


def test_the_same_participants_years_apart_are_two_stories() -> None:
    results = [
        _article("a", "2005-03-28", [PADANG, SUMATRA]),
        _article("b", "2009-10-01", [PADANG, SUMATRA]),
    ]
    assert _stories(results) == [{"a"}, {"b"}]


def test_an_undated_article_is_placed_by_the_year_it_states() -> None:
    stated = TimeValue(text="in 2005", value="2005", basis="expression")
    t = _triple("c", PADANG, "shake", SUMATRA, time=stated)
    results = [
        _article("a", "2005-03-28", [PADANG, SUMATRA]),
        _article("b", "2009-10-01", [PADANG, SUMATRA]),
        _article("c", None, [PADANG, SUMATRA], (t,)),
    ]
    assert _stories(results) == [{"a", "c"}, {"b"}]


def test_an_entity_most_articles_name_links_none() -> None:
    """With a small cap, "United States" in every article links no two of them."""
    results = [_article(f"d{i}", "2009-10-01", [US, US]) for i in range(4)]
    policy = StoryPolicy(min_df_cap=2, max_df_share=0.0)
    assert _stories(results, policy) == [{"d0"}, {"d1"}, {"d2"}, {"d3"}]


def test_every_article_is_in_exactly_one_story() -> None:
    results = [
        _article("a", "2009-10-01", [PADANG, SUMATRA]),
        _article("b", "2009-10-01", [PADANG, UNION]),
        _article("c", "2009-10-01", [UNION, ACME]),
        _article("d", "2009-10-01", [SMITH]),
    ]
    found = _stories(results)
    assert sorted(d for s in found for d in s) == ["a", "b", "c", "d"]


# --------------------------------------------------------------------------- event coreference


def _event(id_: str, doc: str, predicate: str, subject: str = "", obj: str | None = None, **kw):
    return Event(
        id=id_,
        predicate=predicate,
        event_class=kw.pop("event_class", None),
        subject=subject,
        object=obj,
        sources=(doc,),
        fact=bool(subject),
        verb=kw.pop("verb", predicate.split()[-1]),
        **kw,
    )


JONES = _ref("person:al jones", "Al Jones", "Person")
SMITH_SHORT = _ref("person:smith", "Smith", "Person")
ENTS = {
    e.key: e for e in _entities(PADANG, SUMATRA, SMITH, POLICE, UNION, ACME, JONES, SMITH_SHORT)
}
ONE_STORY = {"a": "s1", "b": "s1"}


@pytest.mark.parametrize(
    ("events", "joined"),
    [
        # one earthquake, two words, two articles of one story
        ([_event("1", "a", "earthquake"), _event("2", "b", "quake", PADANG.key)], 1),
        # a killing and the death it caused are one event of the news
        ([_event("1", "a", "kill", POLICE.key, SMITH.key), _event("2", "b", "die")], 1),
        # two arrests of two named people are two
        (
            [
                _event("1", "a", "arrest", POLICE.key, SMITH.key),
                _event("2", "b", "arrest", POLICE.key, JONES.key),
            ],
            2,
        ),
        # a surname may be the full name: one arrest
        (
            [
                _event("1", "a", "arrest", POLICE.key, SMITH.key),
                _event("2", "b", "arrest", POLICE.key, SMITH_SHORT.key),
            ],
            1,
        ),
        # a concept ("the suspect", "suspicion") conflicts with no named participant
        (
            [
                _event("1", "a", "arrest", POLICE.key, SMITH.key),
                _event("2", "b", "arrest", POLICE.key, "thing:suspect"),
            ],
            1,
        ),
        # two statements are two events
        (
            [
                _event("1", "a", "say", SMITH.key, event_class="MakePublicStatement"),
                _event("2", "b", "say", SMITH.key, event_class="MakePublicStatement"),
            ],
            2,
        ),
        # different stated days never join
        (
            [
                _event("1", "a", "strike", UNION.key, time=TimeValue("Monday", "2009-10-05")),
                _event("2", "b", "strike", UNION.key, time=TimeValue("June 1", "2009-06-01")),
            ],
            2,
        ),
        # a negated report does not join a positive one
        (
            [
                _event("1", "a", "resign", SMITH.key),
                _event("2", "b", "resign", SMITH.key, negated=True),
            ],
            2,
        ),
        # verbs that name no event of their own
        ([_event("1", "a", "have", SMITH.key), _event("2", "b", "have", SMITH.key)], 2),
    ],
)
def test_events_of_one_story(events: list[Event], joined: int) -> None:
    out = corefer(events, ONE_STORY, ENTS)
    assert len(out) == joined
    assert sorted(s for e in out for s in e.sources) == ["a", "b"]


@pytest.mark.parametrize(
    ("events", "joined"),
    [
        # no named participant in common: two stories, two earthquakes
        ([_event("1", "a", "earthquake"), _event("2", "b", "quake", PADANG.key)], 2),
        # a named actor in common is not enough: the police arrest many
        (
            [
                _event("1", "a", "arrest", POLICE.key, "thing:man"),
                _event("2", "b", "arrest", POLICE.key, "thing:suspect"),
            ],
            2,
        ),
        # the arrest of one named man, told by two stories: one event
        (
            [
                _event("1", "a", "arrest", POLICE.key, SMITH.key),
                _event("2", "b", "detain", "", SMITH.key),
            ],
            1,
        ),
    ],
)
def test_events_of_two_stories(events: list[Event], joined: int) -> None:
    assert len(corefer(events, {"a": "s1", "b": "s2"}, ENTS)) == joined


def test_across_stories_the_reports_that_share_most_join_first() -> None:
    """Jo Smith fired by Acme (story 1) and by the union (story 2): the report of story 3 that
    names the union's post joins story 2, not the first story that names Smith."""
    post = "thing:coach of the steel union"
    events = [
        _event("1", "a", "fire", ACME.key, SMITH.key),
        _event("2", "b", "fire", UNION.key, SMITH.key),
        _event("3", "b", "be fired as", SMITH.key, post, subject_role="patient", verb="fire"),
        _event("4", "c", "be fired as", SMITH.key, post, subject_role="patient", verb="fire"),
    ]
    out = corefer(events, {"a": "s1", "b": "s2", "c": "s3"}, ENTS)
    assert sorted(e.sources for e in out) == [("a",), ("b", "c")]


def test_an_undated_report_joins_the_one_dated_event_that_names_its_participant() -> None:
    """Jo Smith fell on the 13th, Bo Smith on the 14th: an undated fall of Jo Smith is the
    first; an undated fall of "Smith" fits both and joins neither."""
    bo = _ref("person:bo smith", "Bo Smith", "Person")
    ents = {**ENTS, bo.key: _entities(bo)[0]}

    def fall(id_: str, who: str, day: str | None = None) -> Event:
        time = TimeValue(day, day, basis="expression") if day else None
        return _event(id_, "a", "fall", who, subject_role="patient", time=time)

    events = [
        fall("1", SMITH.key, "2013-09-13"),
        fall("2", bo.key, "2013-09-14"),
        fall("3", SMITH.key),
        fall("4", SMITH_SHORT.key),
    ]
    out = corefer(events, ONE_STORY, ents, new_id=lambda ids: "+".join(ids))
    assert sorted(e.id for e in out) == ["1+3", "2", "4"]


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        # a story about the Academy Awards that mentions the Golden Globes once
        (["academy awards", "academy awards", "golden globes"], {"1", "2", "c"}),
        # two ceremonies named as often: "the ceremony" may be either
        (["academy awards", "golden globes"], {"c"}),
    ],
)
def test_a_common_noun_stands_for_the_named_event_its_story_is_about(names, joined) -> None:
    events = [_event(str(i), "ab"[i % 2], n, verb=n) for i, n in enumerate(names, 1)]
    events.append(_event("c", "b", "ceremony"))
    out = corefer(events, ONE_STORY, ENTS, new_id=lambda ids: "+".join(ids))
    (ceremony,) = [e for e in out if "c" in e.id.split("+")]
    assert set(ceremony.id.split("+")) == joined


def _statement(id_: str, doc: str, who: str, content: str) -> Event:
    return _event(id_, doc, "say", who, event_class="MakePublicStatement", content=content)


QUOTE = "the driver was swaying and unsteady on his feet"


@pytest.mark.parametrize(
    ("second", "joined"),
    [
        # two articles quoting one statement of one speaker: one event
        (_statement("2", "b", SMITH.key, "The driver was unsteady on his feet, swaying"), 1),
        # the same speaker saying something else: two statements
        (_statement("2", "b", SMITH.key, "the union will strike on Monday"), 2),
        # another speaker saying the same: two statements
        (_statement("2", "b", JONES.key, QUOTE), 2),
        # a speaker that is neither named nor a common noun of its article: two statements
        (_statement("2", "b", "thing:officer", QUOTE), 2),
        # "the police" of two articles saying the same: one statement
        (_statement("2", "b", "group:b/police", QUOTE), 1),
        # "the police" saying something else: two statements
        (_statement("2", "b", "group:b/police", "the union will strike on Monday"), 2),
    ],
)
def test_reports_of_one_statement_join(second: Event, joined: int) -> None:
    first = _statement("1", "a", SMITH.key, QUOTE)
    if second.subject in ("thing:officer", "group:b/police"):
        first = replace(first, subject=second.subject.replace("b/", "a/"))
    assert len(corefer([first, second], ONE_STORY, ENTS)) == joined


def test_a_joint_event_keeps_the_named_actor_and_every_report() -> None:
    events = [
        _event("1", "a", "kill", POLICE.key, SMITH.key, confidence=0.5),
        _event("2", "b", "die", confidence=0.5),
    ]
    (ev,) = corefer(events, ONE_STORY, ENTS, new_id=lambda ids: "+".join(ids))
    assert (ev.id, ev.subject, ev.object, ev.fact) == ("1+2", POLICE.key, SMITH.key, True)
    assert ev.sources == ("a", "b") and ev.confidence == 0.75


@pytest.mark.parametrize(
    ("predicate", "kind"),
    [
        ("kill", "group:kill"),
        ("die", "group:kill"),
        ("shoot", "group:shoot"),  # a shooting may wound: not the killing
        ("murder", "group:murder"),  # the crime a court names
        ("be arrest", "group:arrest"),
        ("have", None),
    ],
)
def test_kind_of(predicate: str, kind: str | None) -> None:
    verb = predicate.split()[-1]
    assert kind_of(_event("1", "a", predicate, SMITH.key, verb=verb)) == kind


@pytest.mark.parametrize(
    ("predicate", "kind"), [("take into custody", "group:arrest"), ("take into account", None)]
)
def test_kind_of_a_phrase_of_a_verb_that_names_no_event(predicate: str, kind: str | None) -> None:
    assert kind_of(_event("1", "a", predicate, SMITH.key, verb="take")) == kind


def test_kind_of_a_verb_and_its_object() -> None:
    """ "opened fire" is a shooting; "opened the door" is not."""
    fire = _event("1", "a", "open", SMITH.key, "thing:fire", verb="open")
    door = _event("2", "a", "open", SMITH.key, "thing:door", verb="open")
    assert (kind_of(fire), kind_of(door)) == ("group:shoot", "stem:open")


def test_merge_joins_an_event_word_with_the_report_of_its_story() -> None:
    """ "The earthquake" in one article, "An earthquake shook Padang" in the next: one event."""
    word = EventMention(
        span=Span(4, 14, "earthquake"),
        lemma="earthquake",
        sentence=Span(0, 30, "The earthquake killed dozens."),
    )
    shook = _triple("b", PADANG, "earthquake", SUMATRA)
    results = [
        _article("a", "2009-10-01", [PADANG, SUMATRA, PADANG], event_mentions=(word,)),
        _article("b", "2009-10-01", [PADANG, SUMATRA, PADANG], (shook,)),
    ]
    kg = merge(results)
    (story,) = [s for s in kg.stories if len(s.articles) > 1]
    assert story.articles == ("a", "b")
    quakes = [e for e in kg.events if e.verb == "earthquake" or e.predicate == "earthquake"]
    assert len(quakes) == 1 and quakes[0].sources == ("a", "b")
    assert sorted(evd.partial for evd in quakes[0].evidence) == [False, True]


# --------------------------------------------------------------------------- entity linking


def test_merge_keeps_the_event_words_of_one_event_and_leaves_a_lone_word_out() -> None:
    """ "The earthquake" in one article, "the quake" in the next, "a ceremony" once: one
    partial event (no fact), and no node for the ceremony."""
    quake = EventMention(
        span=Span(4, 14, "earthquake"),
        lemma="earthquake",
        sentence=Span(0, 30, "The earthquake killed dozens."),
    )
    again = EventMention(
        span=Span(4, 9, "quake"), lemma="quake", sentence=Span(0, 20, "The quake hit.")
    )
    ceremony = EventMention(
        span=Span(20, 28, "ceremony"),
        lemma="ceremony",
        sentence=Span(0, 30, "They held a ceremony."),
    )
    results = [
        _article("a", "2009-10-01", [PADANG, SUMATRA, PADANG], event_mentions=(quake, ceremony)),
        _article("b", "2009-10-01", [PADANG, SUMATRA, PADANG], event_mentions=(again,)),
    ]
    kg = merge(results)
    (event,) = kg.events
    assert (event.sources, event.fact, len(event.evidence)) == (("a", "b"), False, 2)


def _person(key: str, label: str) -> EntityRef:
    return _ref(key, label, "Person")


def _said(doc: str, who: EntityRef, date: str, *others: EntityRef) -> DocumentResult:
    t = _triple(doc, who, "resign")
    return _article(doc, date, [who, *others], (t,))


def _entity(kg, key: str) -> Entity:
    (e,) = [e for e in kg.entities if e.key == key]
    return e


def test_a_surname_joins_the_one_full_name_and_says_why() -> None:
    kg = merge(
        [
            _said("a", _person("person:jo smith", "Jo Smith"), "2009-10-01"),
            _said("b", _person("person:smith", "Smith"), "2010-05-01"),
        ]
    )
    e = _entity(kg, "person:jo smith")
    assert [m.split(":", 1)[0] for m in e.merged] == ["Smith (person"]
    assert e.merged[0].endswith(SURNAME)


def test_a_surname_years_away_from_the_full_name_stays_apart() -> None:
    kg = merge(
        [
            _said("a", _person("person:jo smith", "Jo Smith"), "2009-10-01"),
            _said("b", _person("person:smith", "Smith"), "2013-05-01"),  # another Smith, maybe
        ]
    )
    keys = {e.key for e in kg.entities}
    assert {"person:jo smith", "person:smith"} <= keys
    assert _entity(kg, "person:jo smith").merged == ()


def test_a_surname_two_people_share_is_joined_within_its_story_only() -> None:
    jo, al = _person("person:jo smith", "Jo Smith"), _person("person:al smith", "Al Smith")
    bare = _person("person:smith", "Smith")
    kg = merge(
        [
            _said("a", jo, "2009-10-01", PADANG, SUMATRA, PADANG),
            _said("b", bare, "2009-10-02", PADANG, SUMATRA, PADANG),
            _said("c", al, "2012-01-01", UNION, ACME),
        ]
    )
    keys = {e.key for e in kg.entities}
    assert "person:smith" not in keys and {"person:jo smith", "person:al smith"} <= keys
    assert _entity(kg, "person:jo smith").merged[0].endswith(STORY_SURNAME)
    assert _entity(kg, "person:al smith").merged == ()


def test_a_short_name_two_people_share_joins_the_fuller_name_of_its_story() -> None:
    w, hw = (
        _person("person:george w bush", "George W. Bush"),
        _person("person:george h w bush", "George H. W. Bush"),
    )
    short = _person("person:george bush", "George Bush")
    kg = merge(
        [
            _said("a", w, "2005-10-01", PADANG, SUMATRA, PADANG),
            _said("b", short, "2005-10-02", PADANG, SUMATRA, PADANG),
            _said("c", hw, "1991-01-01", UNION, ACME),
        ]
    )
    keys = {e.key for e in kg.entities}
    assert "person:george bush" not in keys
    assert _entity(kg, "person:george w bush").merged[0].endswith(STORY_SHORT_NAME)
    assert _entity(kg, "person:george h w bush").merged == ()


def test_a_person_key_without_words_is_left_as_it_is() -> None:
    kg = merge(
        [
            _said("a", _person("person:", "“"), "2005-10-01", PADANG),
            _said("b", _person("person:jo smith", "Jo Smith"), "2005-10-02", PADANG),
        ]
    )
    assert "person:jo smith" in {e.key for e in kg.entities}


def test_one_name_of_several_types_is_one_entity() -> None:
    kg = merge(
        [
            _said("a", _ref("organization:acme", "Acme", "Organization"), "2009-10-01"),
            _said("b", _ref("organization:acme", "Acme", "Organization"), "2009-10-01"),
            _said("c", _ref("person:acme", "Acme", "Person"), "2010-01-01"),
        ]
    )
    e = _entity(kg, "organization:acme")
    assert len(e.merged) == 1 and e.merged[0].endswith(SAME_NAME)


def test_a_common_noun_never_joins_a_name() -> None:
    kg = merge(
        [
            _said("a", _ref("person:bill", "Bill", "Person"), "2009-10-01"),
            _said("b", _ref("thing:bill", "bill", "Thing"), "2009-10-01"),
        ]
    )
    assert _entity(kg, "person:bill").merged == ()


def test_a_user_file_forbids_a_merge(tmp_path) -> None:
    f = tmp_path / "gaz.tsv"
    f.write_text("Jo Smith\tPerson\t\t\t\tSmith\n", encoding="utf-8")
    (entry,) = read_user_file(f)
    assert entry.distinct == ("Smith",)
    results = [
        _said("a", _person("person:jo smith", "Jo Smith"), "2009-10-01"),
        _said("b", _person("person:smith", "Smith"), "2010-05-01"),
    ]
    keys = {e.key for e in merge(results, gazetteer=f).entities}
    assert {"person:jo smith", "person:smith"} <= keys


def test_distinct_pairs_compare_person_keys() -> None:
    g = Gazetteer(distinct={frozenset({"george w bush", "george h w bush"})})
    assert g.forbidden("person:george h w bush", "person:george w bush")
    assert not g.forbidden("person:george w bush", "person:bush")


@pytest.mark.parametrize("module", [stories, event_coref])
def test_doctests(module) -> None:
    assert doctest.testmod(module).failed == 0


def test_story_index() -> None:
    results = [_article("a", "2009-10-01", [PADANG]), _article("b", "2009-10-01", [PADANG])]
    found = find_stories(results, {PADANG.key: PADANG.key}, _entities(PADANG))
    assert story_index(found) == {"a": found[0].id, "b": found[0].id}


@pytest.mark.parametrize(
    ("a", "b", "two"),
    [
        (
            ("country:IN", "India", "Country"),
            ("organization:indian navy", "Indian Navy", "Organization"),
            False,
        ),
        (
            ("country:IN", "India", "Country"),
            ("organization:french navy", "French Navy", "Organization"),
            True,
        ),
        (
            ("person:jo smith", "Jo Smith", "Person"),
            ("person:al jones", "Al Jones", "Person"),
            True,
        ),
    ],
)
def test_named_participants_that_differ(a, b, two: bool) -> None:
    """A country's adjective is a word of its name: the Indian Navy may be India's."""
    ents = {e.key: e for e in (Entity(*a), Entity(*b))}
    assert event_coref.different(a[0], b[0], ents) is two


def test_a_joined_event_takes_its_time_and_place_from_its_facts():
    from kgbuild.event_coref import combine
    from kgbuild.records import TimeValue

    fact = _event(
        "1", "a", "trade", SMITH.key, time=TimeValue("", "2008-12-11", None, "reporting-date")
    )
    word = _event(
        "2", "a", "trade", time=TimeValue("2001", "2001", None, "expression"), place=PADANG.key
    )
    joined = combine([fact, word], "j")
    assert joined.time is not None and joined.time.value == "2008-12-11"
    assert joined.place is None


def test_a_report_at_second_hand_joins_the_plain_report():
    # "allegedly killed" and "killed": one happening told two ways; a plan is not
    events = [
        _event("1", "a", "kill", POLICE.key, SMITH.key),
        _event("2", "b", "kill", POLICE.key, SMITH.key, modality="allegedly"),
        _event("3", "b", "kill", POLICE.key, SMITH.key, modality="plan to"),
    ]
    out = corefer(events, ONE_STORY, ENTS)
    assert sorted(len(e.sources) for e in out) == [1, 2]
