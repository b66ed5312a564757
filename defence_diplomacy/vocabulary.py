"""Codes and labels the book uses in more than one place, each defined once.

Chart modules, explorers, tests and the maintainers' derivation script
(``scripts/derive_tables.py``) import them from here.
"""

#: The four national models Drab compares, as ISO 3166-1 alpha-3 codes, in the order the book treats them.
FOUR_MODELS = ("USA", "GBR", "FRA", "ESP")

#: The last year the book's story covers.
BOOK_ENDS = 2025

#: The parts of the book in reading order, as the tables' ``part`` columns name them.
BOOK_PARTS = ("history", "theory", "national-models", "wider-world", "azerbaijan", "practice")

#: ATOP obligation types, strongest first, and how the book says them: an alliance is
#: coloured by the strongest obligation its member took on.
OBLIGATIONS = {
    "defence": "defence",
    "offence": "offence",
    "neutrality": "neutrality",
    "non_aggression": "non-aggression",
    "consultation": "consultation",
}

#: The last year of ATOP 5.1: a membership with no exit year was still in force then.
ATOP_LAST_YEAR = 2018

#: The last year of the Multinational Military Exercises data set (version 7).
MME_LAST_YEAR = 2010

#: How a count with a qualifier is written: bounds stay bounds.
QUALIFIER_WORDS = {"exact": "{:,}", "at_least": "more than {:,}", "at_most": "up to {:,}", "approximately": "about {:,}"}

#: What the attaché table's ``measure`` codes count, as the charts and explorers say it.
ATTACHE_MEASURES = {
    "military_representatives": "military representatives abroad",
    "host_countries": "countries with a US representative",
    "general_officer_posts": "general-officer attaché posts",
    "defence_attaches": "defence attachés",
    "ncos": "non-commissioned officers",
    "civilian_staff": "civilian staff",
}

#: The book's shared categories for the national lists' instruments (``category`` in the
#: national_instruments table), in the order the matrix breaks ties.
INSTRUMENT_CATEGORIES = {
    "high_level_visits": "high-level visits",
    "visits": "visits (unspecified)",
    "attaches_and_representatives": "attachés and representatives",
    "education_and_training": "education and training",
    "exercises": "exercises",
    "cooperation_agreements": "cooperation agreements",
    "arms_transfers_and_industry": "arms transfers and industry",
    "military_assistance": "military assistance",
    "capacity_building": "capacity building",
    "security_sector_reform": "security sector reform",
    "peacekeeping": "peacekeeping",
    "arms_control": "arms control",
    "strategic_dialogue": "strategic dialogue",
    "ship_and_aircraft_visits": "ship, aircraft and unit visits",
    "conferences_and_seminars": "conferences and seminars",
    "personnel_exchange": "personnel exchange",
    "civil_military_cooperation": "civil-military cooperation",
    "deterrence_and_operations": "deterrence and operations",
    "conflict_prevention": "conflict prevention",
    "crisis_response": "crisis response",
    "stabilisation": "stabilisation",
}
