"""Actors on shapes of wire copy beyond the corpus: business, courts, sport, science, obituaries,
disasters and diplomacy (issue #11). Every sentence here is invented."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.briefing.actors.reading import trim
from bot.briefing.models import ActorKind
from tests.test_actors import _by_name, _read

pytestmark = pytest.mark.slow


def test_a_name_the_model_left_untagged_after_a_title_is_a_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        '"Our bakeries are winning with shoppers," Chief Executive Marisol Grange said on a '
        "call with analysts. Grange, who joined in 2019, said the company was in talks.\n\n"
        "Prof Ravi Mendez, a chemist at Tollard University, urged caution.",
    )
    actors = _by_name(index)
    assert actors["Marisol Grange"].kind is ActorKind.PERSON
    assert actors["Marisol Grange"].role == "Chief Executive"
    assert actors["Marisol Grange"].mentions == 2
    assert actors["Ravi Mendez"].kind is ActorKind.PERSON


def test_a_surname_relatives_share_is_the_person_named_first(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Edda Morvath, whose novels about the mining towns made her famous, has died. She was "
        "88.\n\nMorvath's best-known book was translated into 20 languages. Morvath taught "
        "school before she published her first novel.\n\nShe is survived by her son. Her "
        "husband, the painter Tibor Morvath, died in 2009.",
    )
    actors = _by_name(index)
    assert "Morvath" not in actors
    assert actors["Edda Morvath"].mentions >= 3


def test_a_demonym_or_a_capital_taken_for_a_name_is_no_person_or_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Foreign Minister Inga Berzina and her Moldovan counterpart Ion Rusu met on Tuesday. "
        "Berzina said Chisinau had accepted the plan, but Rusu accused Riga of delay.",
    )
    actors = _by_name(index)
    assert "Moldovan" not in actors
    assert "Chisinau" not in actors
    assert "Chisinau" in actors["Moldova"].aliases
    assert actors["Moldova"].kind is ActorKind.COUNTRY


def test_a_name_parsed_as_an_adjective_before_a_product_noun_is_the_product(
    nlp: Language,
) -> None:
    _, index = _read(
        nlp,
        "The company, which makes the popular Carlow Avant hatchback, said the cuts would save "
        "money. Rival Bexley Motors sells the cheaper Bexley Arc sedan.",
    )
    assert set(_by_name(index)) == {"Bexley Motors"}


def test_what_is_left_of_a_things_name_is_the_thing(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Astronomers using the James Webb Space Telescope found water. The observations were "
        "made with Webb's NIRSpec instrument. Webb has been in orbit since 2021.",
    )
    assert "Webb" not in _by_name(index)
    # A person a thing is named after who speaks is still a party.
    _, index = _read(
        nlp,
        "Passengers at Ann Lee International Airport waited for hours. Lee, who founded the "
        "airline, said the delays were unacceptable.",
    )
    assert "Lee" in _by_name(index)


def test_a_storms_capitalised_name_and_its_short_form_are_no_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Typhoon Mara killed at least 12 people as it swept across the north on Monday, "
        "officials said.\n\nThe country is hit by about 20 storms a year. In 2013, Typhoon "
        "Haiyan killed more than 6,000 people.\n\nMara was expected to weaken as it moves "
        "toward the coast on Wednesday, forecaster Ana Ruiz said.",
    )
    assert set(_by_name(index)) == {"Ana Ruiz"}


def test_a_body_in_a_former_title_is_no_party_and_a_bodys_kind_is_its_short_form(
    nlp: Language,
) -> None:
    _, index = _read(
        nlp,
        "The case follows the conviction of former Assembly Speaker Daniel Crowe.",
    )
    assert set(_by_name(index)) == {"Daniel Crowe"}
    _, index = _read(
        nlp,
        "The Dunmore City Council voted 5-2 on Monday to approve the budget.\n\nCouncil member "
        "Joan Whitaker said the fee was needed. Council members Dave Kuhn and Lisa Ortega voted "
        "against the plan.",
    )
    actors = _by_name(index)
    assert "Council" not in actors
    assert "Council" in actors["Dunmore City Council"].aliases


def test_who_gathered_the_figures_is_a_source_not_a_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Net income rose to $312 million in the third quarter, the company said. Analysts "
        "polled by LSEG had expected earnings of $1.48 per share. Figures compiled by Tern Data "
        "showed sales fell.",
    )
    assert not _by_name(index)


def test_a_name_a_thing_is_called_is_the_thing(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The assistant, called Nimbus Copilot Pro, can draft emails, Lumera said. A new company "
        "called Bright Harbour Ventures said it would hire 50 people.",
    )
    assert set(_by_name(index)) == {"Lumera", "Bright Harbour Ventures"}
    _, index = _read(nlp, "A man called Tomas Ferreira was arrested on Monday, police said.")
    assert "Tomas Ferreira" in _by_name(index)


def test_a_building_is_no_party_unless_it_acts(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Prosecutors said the firm won contracts to repair roads and the Kessington Memorial "
        "Library. The locomotive will go to the Dunmore Railway Museum. The Harbour Museum has "
        "returned the paintings to their owners. The Royal Library said it would reopen.",
    )
    actors = _by_name(index)
    assert "Kessington Memorial Library" not in actors
    assert "Dunmore Railway Museum" not in actors
    assert {"Harbour Museum", "Royal Library"} <= set(actors)


def test_a_name_after_a_constellations_noun_is_the_constellation(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The planet orbits a small red star in the constellation Cetus, said Ann Lee of the "
        "Tern Institute.",
    )
    # The model tags "Cetus" a body: only the rule keeps it out, beside the parties named.
    assert set(_by_name(index)) == {"Ann Lee", "Tern Institute"}


def test_a_lone_name_before_someone_it_employs_is_a_team_or_a_company(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Dunmore beat Ashvale 2-1 on Saturday. Dunmore defender Tomas Berg fouled Leon Okafor "
        "in the box. Dunmore manager Steve Harlan praised his side. Dunmore will face Lowmoor "
        "in the final.",
    )
    actors = _by_name(index)
    assert actors["Dunmore"].kind is ActorKind.ORG
    assert actors["Steve Harlan"].kind is ActorKind.PERSON


def test_a_two_word_name_shortened_to_its_last_word_is_a_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Marcus Harlow threw for 312 yards and three touchdowns, and the Denville Stallions "
        "beat the Brockton Condors 38-10 on Sunday. Harlow connected twice with Jaylen Price.",
    )
    assert _by_name(index)["Marcus Harlow"].kind is ActorKind.PERSON


def test_a_films_star_is_a_performer_not_a_thing(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Lead actor Tom Brandt won best actor for his role as a widowed lobsterman.\n\n"
        "The film's star, Brandt, 44, is best known for a television series.",
    )
    assert _by_name(index)["Tom Brandt"].mentions == 2


def test_abbreviated_police_ranks_are_no_part_of_the_name(nlp: Language) -> None:
    _, index = _read(
        nlp,
        'Det Sgt Rachel Moore said: "The families have shown great courage." Cllr Ian Bell '
        "welcomed the verdict.",
    )
    assert {"Rachel Moore", "Ian Bell"} <= set(_by_name(index))


def test_an_abbreviation_may_leave_out_the_remit_after_and(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Cases have risen, the Centers for Disease Control and Prevention said on Friday. "
        "The CDC urged parents to act.",
    )
    actors = _by_name(index)
    assert "CDC" not in actors
    assert "CDC" in actors["Centers for Disease Control and Prevention"].aliases


def test_a_company_word_ends_a_bodys_name_and_a_theatre_is_a_building(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The ceremony, hosted by comedian Sam Reyes at the Dolby Theatre, was broadcast live. "
        "The film was produced by Bluewater Films.",
    )
    actors = _by_name(index)
    assert "Dolby Theatre" not in actors
    assert actors["Bluewater Films"].kind is ActorKind.ORG


def test_a_political_familys_plural_name_that_acts_is_a_group(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Lindqvist, whose Free Democrats had insisted on the debt brake, said the deal showed "
        "the coalition could work. The Greens had pushed for more spending.\n\nThe opposition "
        "Christian Democrats criticised the plan. Many Germans voted for them.",
    )
    actors = _by_name(index)
    for name in ("Free Democrats", "Greens", "Christian Democrats"):
        assert actors[name].kind is ActorKind.GROUP
    assert "Germans" not in actors


def test_a_name_taking_a_is_one_shop_or_product_not_the_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Police Chief Ann Lee said surveillance video from a nearby Walgreens helped identify "
        "the suspect.",
    )
    assert set(_by_name(index)) == {"Ann Lee"}


def test_where_a_person_works_as_something_and_a_hyphened_station_are_no_party(
    nlp: Language,
) -> None:
    _, index = _read(
        nlp,
        "Tanya Brooks was waiting for a bus. Brooks worked as a nursing assistant at Methodist "
        "University Hospital, her sister, Angela Brooks, told WREG-TV.",
    )
    actors = _by_name(index)
    assert "Methodist University Hospital" not in actors
    assert "WREG-TV" not in actors
    assert actors["Tanya Brooks"].mentions == 2


def test_a_word_ending_another_name_is_no_surname_standing_alone(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Solvane Energy signed a deal with the port on Monday. The project has applied for "
        "funding from the U.S. Department of Energy.",
    )
    assert _by_name(index)["Solvane Energy"].kind is ActorKind.ORG


def test_a_description_before_a_bodys_name_is_no_body_of_its_own(nlp: Language) -> None:
    _, index = _read(
        nlp, "The storm made landfall early on Monday, the state weather agency PAGASA said."
    )
    assert set(_by_name(index)) == {"PAGASA"}


def test_no_name_ends_in_a_linking_word(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Ministry of Foreign Affairs of the Republic of Estoria expresses its deep concern "
        "over the escalation of violence in the north.",
    )
    assert "Ministry of Foreign Affairs" in _by_name(index)
    # A surname spelt like a linking word is still the name's end.
    doc = nlp("Veteran lawmaker Orla To said the vote was unfair.")
    assert trim(doc, 2, 4) == (2, 4)
    assert trim(nlp("the Ministry of Finance of"), 0, 5) == (1, 4)


def test_an_untagged_one_word_name_that_speaks_and_recurs_is_a_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The regulator fined the video-sharing platform Clipzy 12 million pounds on Thursday.\n\n"
        'Clipzy said it disagreed with the decision. "We have invested heavily," a spokesperson '
        "said.\n\nClipzy, which was launched in 2020, has about 40 million users.",
    )
    assert _by_name(index)["Clipzy"].kind is ActorKind.ORG


def test_a_management_firm_is_a_body_and_a_city_of_is_a_place(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Activist investor Elliott Management, which owns about 6% of the company, had pushed "
        "for a sale. The pope prayed for the victims of attacks on the city of El Fasher.",
    )
    actors = _by_name(index)
    assert actors["Elliott Management"].kind is ActorKind.ORG
    assert "El Fasher" not in actors


def test_a_restaurant_the_text_names_is_a_place_of_business_not_a_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "In the capital, restaurant owner Lucia Ramos says her customers are mostly young. Her "
        "restaurant, Seoul Kitchen, opened in 2019 with four tables. Chef Enrique Olvera, whose "
        "restaurant Pujol is famous around the world, has called for more support.",
    )
    actors = _by_name(index)
    assert "Seoul Kitchen" not in actors
    assert "Pujol" not in actors
    assert "Lucia Ramos" in actors


def test_a_town_after_to_and_a_publisher_set_beside_its_noun(nlp: Language) -> None:
    _, index = _read(
        nlp,
        '"I have been waiting for three hours," said Claire Dumas, a nurse heading to Lyon.\n\n'
        "Her publisher, Kalligram Press, said she died on Sunday at her home.",
    )
    actors = _by_name(index)
    assert "Lyon" not in actors
    assert actors["Kalligram Press"].kind is ActorKind.ORG


def test_the_outlets_own_journalists_and_the_outlet_are_no_parties(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Mayor Dalia Forsk opened the new harbour bridge on Monday. Vessa Radio's Tomas Lindqvar "
        "has the story, narrated by Petra Olm.\n\nFarmers in the valley lost their crops to the "
        "flood. Orla Venn reports from Kettering Vale.\n\nThe council voted to raise fees. As "
        "Vessa Radio correspondent Ines Marrow reports, the plan divides the town. Watch Jonas "
        "Brede's report from the harbour.",
    )
    actors = _by_name(index)
    for journalist in ("Tomas Lindqvar", "Petra Olm", "Orla Venn", "Ines Marrow", "Jonas Brede"):
        assert journalist not in actors
    assert "Vessa Radio" not in actors
    assert "Dalia Forsk" in actors


def test_a_reporter_at_work_goes_but_one_the_story_is_about_stays(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Hundreds of families waited at the border crossing on Friday. Vessa Radio reporter "
        "Aldo Finch spoke with one mother who had walked for a week.\n\nIn the capital, "
        "reporter Mirela Sand was arrested by police outside the ministry. Her lawyer, Pavel "
        "Dorn, said the arrest was unlawful.",
    )
    actors = _by_name(index)
    assert "Aldo Finch" not in actors
    assert "Mirela Sand" in actors
    assert "Pavel Dorn" in actors


def test_a_platform_the_model_takes_for_a_person_is_no_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Army spokesman Teodor Valk said on Marlo that he had received no reports of fighting. "
        "Earlier on Wednesday, Governor Sela Marrin posted on Marlo a link to the new rules.",
    )
    actors = _by_name(index)
    assert "Marlo" not in actors
    assert {"Teodor Valk", "Sela Marrin"} <= set(actors)


def test_a_surname_with_a_particle_capitalised_alone_is_the_full_names(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "A court issued a warrant on Friday. It gave Justice Secretary Marisa de Lucca ten days "
        "to explain herself. De Lucca maintains the order was legal.",
    )
    actors = _by_name(index)
    assert "De Lucca" not in actors
    assert "De Lucca" in actors["Marisa de Lucca"].aliases


def test_a_name_given_again_without_its_middle_initial_is_one_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The president named Tomas R. Halvard to the appeals court. Tomas Halvard now serves as "
        "a district judge in Vessa County.",
    )
    actors = _by_name(index)
    assert "Tomas Halvard" not in actors
    assert actors["Tomas R. Halvard"].mentions == 2


def test_where_a_nominee_worked_or_studied_is_background(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Governor Ilse Maro nominated Marta Kellin to lead the state health agency. Dr. Kellin was a "
        "senior researcher at the Holm Cancer Institute (HCI) from 1999 to 2004. From 2004 to "
        "2015, Dr. Kellin was at Vardel University, where she taught surgery. Earlier, she was "
        "a partner at Tollan & Reeve. She earned her medical degree from Carro College, where she "
        "served as class president.",
    )
    actors = _by_name(index)
    for background in ("Holm Cancer Institute", "Vardel University", "Tollan & Reeve"):
        assert background not in actors
    assert "Carro College" not in actors
    assert {"Ilse Maro", "Marta Kellin"} <= set(actors)


def test_a_body_named_after_a_thing_it_regulates_is_a_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        'Governor Ilse Maro said the Road and Drug Administration "must move quickly". The '
        "Road and Drug Administration is the state agency that licenses pharmacies.",
    )
    assert "Road and Drug Administration" in _by_name(index)


def test_a_journal_a_post_and_a_bombed_consulate_are_no_parties(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The separate research was published Monday in the British medical journal The Harbour "
        "Review. Governor Ilse Maro named Dr. Marta Kellin to be the Commissioner of Food and "
        "Drugs at the Department of Health. Kellin was Chair of the Department of Radiation "
        "Oncology at Vardel University. Bombings targeted two synagogues, the British Consulate "
        "and a bank in the city in 2003.",
    )
    actors = _by_name(index)
    for thing in (
        "Harbour Review",
        "Commissioner of Food and Drugs",
        "Chair of the Department of Radiation Oncology",
        "British Consulate",
    ):
        assert thing not in actors
    assert {"Ilse Maro", "Marta Kellin"} <= set(actors)
    # A consulate that acts is a party.
    _, index = _read(
        nlp,
        "The Tollan Consulate said on Friday it would stay closed. The consulate is advising "
        "citizens to avoid the area.",
    )
    assert "Tollan Consulate" in _by_name(index)


def test_a_regions_abbreviation_after_a_place_is_no_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Dr. Marta Kellin has been chief executive at the Tollan Cancer Center in Dallas, TX, "
        "since May 2018. Before that, she was an attorney in the Baltimore, MD office of Vardel "
        "& Reeve.",
    )
    assert set(_by_name(index)) == {"Marta Kellin"}


def test_a_bodys_first_word_clipped_is_that_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Intercontinental Grain Board raised its rate on Wednesday. Inter officials said "
        "inflation was falling. The Intercontinental Grain Board will meet again in June.",
    )
    actors = _by_name(index)
    assert "Inter" not in actors
    assert "Inter" in actors["Intercontinental Grain Board"].aliases


def test_works_their_makers_and_a_news_agency_told_a_quote_are_no_parties(nlp: Language) -> None:
    text = (
        "The hit television series Rise of Tern has broken a record for award nominations. "
        "The Screen Guild on Tuesday honored its final season. A police show, Harbour Nine, had "
        "held the record since 1994. The series is based on Ingrid Halvorsen's novels.\n\n"
        'Director Marta Kellin told the Norvik news agency, "We never expected this." The '
        "Norvik report said the studio would close."
    )
    _, index = _read(nlp, text)
    actors = _by_name(index)
    for thing in ("Tern", "Rise of Tern", "Harbour Nine", "Ingrid Halvorsen", "Norvik"):
        assert thing not in actors
    assert {"Screen Guild", "Marta Kellin"} <= set(actors)
    # The model may tag only the end of a work's title: the rest still follows the work's noun.
    _, index = _read(
        nlp,
        "The hit television series Rise of Tern has broken a record. Rise of Tern set new highs "
        "for the network.",
    )
    assert "Tern" not in _by_name(index)


def test_a_countrys_institutions_in_the_plural_are_no_one_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "He was charged in the bombings of the Norwegian embassies in 1998. Tom Malin of the "
        'rights group Harbour Watch defended the verdict: "It shows that Norwegian courts and '
        'Norwegian juries are independent." The Norwegian embassy said it was closed.',
    )
    actors = _by_name(index)
    assert "Norwegian embassies" not in actors
    assert "Norwegian courts" not in actors
    assert "Norwegian embassy" in actors


def test_a_person_named_once_by_the_office_held_then_is_background(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "On Monday, President Ilse Maro signed a decree to rewrite the constitution. The "
        "constitution was last changed in 1999, under the rule of then-president Tomas Halvard. "
        "Earlier, Maro served as a clerk to then-Judge Marta Kellin. Then-minister Ingrid "
        "Halvorsen said the plan was sound.",
    )
    actors = _by_name(index)
    assert "Tomas Halvard" not in actors
    assert "Marta Kellin" not in actors
    assert {"Ilse Maro", "Ingrid Halvorsen"} <= set(actors)
    # A tie to someone then is no office: she may be the story's party.
    _, index = _read(
        nlp,
        "The minister left secret papers at the home of his then-girlfriend Carla Venn, "
        "officials said. The papers were returned on Monday.",
    )
    assert "Carla Venn" in _by_name(index)


def test_a_body_whose_deputy_spokesman_briefs_is_no_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "In a Tuesday briefing, Vessa Watch deputy spokesman Tomas Halvard said there were "
        "reports of fighting near the town. Vessa Watch peacekeepers reported villages burned.",
    )
    assert _by_name(index)["Vessa Watch"].kind is ActorKind.ORG
    # A deputy of a parliament still makes the body a party.
    _, index = _read(
        nlp,
        "Three Vessa Watch deputies voted against the budget on Tuesday, and Vessa Watch said "
        "it would leave the coalition.",
    )
    assert _by_name(index)["Vessa Watch"].kind is ActorKind.GROUP


def test_a_hyphened_full_name_the_model_took_for_a_body_is_the_persons(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Anne-Marie Velka-Doren is director of immunization for the Harbour Health Board. He "
        "says one problem is that the cost of newer vaccines is too high for poor countries. "
        "Dr. Velka-Doren says limited resources also reduce the ability of poor countries to "
        "vaccinate children.",
    )
    actors = _by_name(index)
    assert "Velka-Doren" not in actors
    assert actors["Anne-Marie Velka-Doren"].kind is ActorKind.PERSON
    assert "Velka-Doren" in actors["Anne-Marie Velka-Doren"].aliases


def test_two_surnames_the_model_ran_into_one_body_are_no_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "A man accused of killing Marta Dellamires has appeared in court. Tomas Halvard, a "
        "former driver, gave his name when asked. On Tuesday, the day after the arrest of "
        "Halvard, Dellamires' remains were found in a river.",
    )
    actors = _by_name(index)
    assert "Halvard, Dellamires" not in actors
    assert {"Tomas Halvard", "Marta Dellamires"} <= set(actors)


def test_a_named_wildfire_is_no_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Tolle Fire doubled in size overnight and was a quarter contained on Thursday, "
        "forcing families to leave. Crews also ringed the Marrow Fire, which began last month. "
        "Hundreds of firefighters fought the fires, fire official Maren Voss said.",
    )
    assert set(_by_name(index)) == {"Maren Voss"}


def test_a_platform_a_statement_went_out_on_is_no_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "President Ivo Brandt denounced what officials called a terror attack in a statement "
        "on Marlo. At least ten people were killed.",
    )
    assert set(_by_name(index)) == {"Ivo Brandt"}


def test_a_place_named_by_an_area_noun_or_in_a_list_of_settlements_is_no_party(
    nlp: Language,
) -> None:
    # The name ends in an area's noun and does nothing: the place, not its government.
    _, index = _read(
        nlp,
        "Lightning sparked new fires this week in the thinly settled Vessa Territory, ranger "
        "Maren Tolle said.",
    )
    assert set(_by_name(index)) == {"Maren Tolle"}
    # The second of a list of settlements is a settlement too.
    _, index = _read(
        nlp,
        "Crews on Tuesday held the blaze back from the communities of Orrin Village and Olmsby, "
        "near Lake Tolle in Vessa state.",
    )
    assert "Olmsby" not in _by_name(index)


def test_a_website_cited_for_figures_is_no_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Flames have covered 800 hectares, according to the county's fire map website "
        "Firewatchly.",
    )
    assert "Firewatchly" not in _by_name(index)


def test_an_awards_name_is_the_award_not_a_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Vessa Bay's refugees are allowed to study. The Orrin Merit Scholarship at Tolle "
        "University, for example, is only for students whose parents studied there.",
    )
    assert "Orrin Merit Scholarship" not in _by_name(index)


def test_the_newsrooms_outlet_also_told_something_is_no_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Camps across the region are full, a new survey shows. Ivo Brandt reports for KVRN "
        "from Port Orrin.\n\nAgency spokeswoman Maren Tolle tells KVRN camp staff were "
        "overwhelmed.",
    )
    assert set(_by_name(index)) == {"Maren Tolle"}


def test_a_body_the_named_people_come_from_is_background(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Two students at Vessa's Tolle University, Maren Orrin and Ivo Brandt, think plant "
        "fibre can make sturdier boards. Orrin, a third-year student, says the first board "
        "held up well.",
    )
    assert set(_by_name(index)) == {"Maren Orrin", "Ivo Brandt"}
    _, index = _read(
        nlp,
        "Two researchers at the University of Tolle, Maren Orrin and Ivo Brandt, say the boards "
        "are stronger.",
    )
    assert set(_by_name(index)) == {"Maren Orrin", "Ivo Brandt"}
    # Unnamed people from the body still make it a party.
    _, index = _read(nlp, "Researchers at the Tolle Institute said the boards are stronger.")
    assert "Tolle Institute" in _by_name(index)
