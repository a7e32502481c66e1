"""Actors: people, organisations, countries and groups with aliases, roles and salience.

Mentions come from the NER spans (people, organisations), from places that act (countries, capitals
and seats of government standing for a government: see places.py / metonymy.py), from demonyms
beside an acting noun ("Russian airstrikes"), from institutions a country owns ("the Russian defence
ministry", "the US-led coalition") and from acronyms ("[ISSG]", "IS" for "Islamic State"). They
merge into actors: a surname joins the one full name it ends, an acronym the name it abbreviates, a
lone name that opens one organisation's name that organisation, a body's name without the
country in front ("the Water Directorate") the whole name, every name of a country its canonical
name, what a body's "X of Y" name is of that body, one name read as two kinds one actor, and a
surname misspelt by a letter or two its person. Definite descriptions refer back: "the union"
to the body whose name ends so, a bare "the company" to the body last acting in an earlier sentence,
"the inspector" to the person last named with that title. Personal pronouns refer to the most recent
person subject in the same or the previous sentence (or the one before a quotation), skipping a
person whose gender, told by a title or an earlier pronoun, rules the pronoun out.

The work is split by job: `mentions` reads the spans that name actors, `merge` joins the names
of one actor, `references` maps descriptions and pronouns to the actor they refer back to, and
`build` turns the drafts into ranked actors; `reading` holds the state they share.
"""

from __future__ import annotations

from bot.briefing.actors import groups, mentions, merge, non_actors, references
from bot.briefing.actors.build import ActorIndex, build_actors, genders, slug
from bot.briefing.actors.reading import Reading
from bot.briefing.parsed import ParsedArticle
from bot.briefing.places import PlaceIndex

__all__ = ["ActorIndex", "find_actors", "slug"]


def find_actors(parsed: ParsedArticle, places: PlaceIndex) -> ActorIndex:
    """Every actor the article names, merged across mentions and ranked by salience."""
    reading = Reading(parsed, places)
    # The order matters: each step reads only tokens no earlier step claimed.
    mentions.read_institutions(reading)
    mentions.read_acting_places(reading)
    mentions.read_demonyms(reading)
    people = mentions.read_people(reading)
    mentions.claim_people(reading, people, merge.canonical_names(people))
    mentions.read_surnames(reading)
    acronyms = mentions.read_organisations(reading)
    mentions.read_untagged_speakers(reading)
    merge.read_acronyms(reading, acronyms)
    merge.merge_abbreviated(reading, acronyms)
    merge.read_repeats(reading)
    merge.merge_short_forms(reading)
    merge.merge_country_prefixed(reading)
    merge.merge_of_names(reading)
    merge.merge_reworded(reading)
    mentions.read_named_bodies(reading)
    mentions.read_member_bodies(reading)
    mentions.read_unnamed_institutions(reading)
    mentions.read_party_plurals(reading)
    mentions.classify_groups(reading)
    merge.merge_same_names(reading)
    merge.merge_misspelt_surnames(reading)
    mentions.read_employers(reading)
    mentions.read_administrations(reading)
    non_actors.drop_non_parties(reading)
    groups.read_groups(reading)
    references.read_org_descriptions(reading)
    references.read_role_descriptions(reading)
    references.read_descriptions(reading)
    references.read_epithets(reading)
    references.read_pronouns(reading)
    actors, token_actor, actor_ids = build_actors(reading)
    return ActorIndex(actors=actors, token_actor=token_actor, genders=genders(reading, actor_ids))
