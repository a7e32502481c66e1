"""General English word lists the place and actor rules read (lemmas, lower case)."""

from __future__ import annotations

# Verbs that introduce speech or a stated position: their subject is a speaker.
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "add", "announce", "state", "claim", "insist", "warn", "urge", "emphasise",
        "emphasize", "stress", "note", "explain", "argue", "accuse", "condemn", "deny", "confirm",
        "write", "ask", "reply", "respond", "comment", "declare", "suggest", "echo", "praise",
        "criticise", "criticize", "call", "demand", "propose", "reject", "welcome", "vow",
        "pledge", "promise", "threaten", "acknowledge", "admit", "tweet", "predict", "reiterate",
        "lash", "blame", "dismiss", "describe", "maintain", "contend", "recall", "signal",
        "thank", "back", "oppose", "support", "endorse", "summon", "caution", "brief",
    }
)  # fmt: skip

# Titles and offices that name a person's role when placed before the name.
TITLE_WORDS = frozenset(
    {
        "president", "vice", "prime", "minister", "secretary", "spokesman", "spokeswoman",
        "spokesperson", "chancellor", "king", "queen", "prince", "princess", "senator", "sen.",
        "rep.", "representative", "congressman", "congresswoman", "governor", "gov.", "mayor",
        "general", "gen.", "colonel", "col.", "major", "captain", "capt.", "lieutenant", "admiral",
        "commander", "chief", "director", "chairman", "chairwoman", "chair", "ceo", "cfo", "coo",
        "cto", "founder", "co-founder", "head", "leader", "envoy", "ambassador", "diplomat",
        "judge", "justice", "attorney", "lawyer", "professor", "prof.", "dr", "dr.", "mr", "mr.",
        "mrs", "mrs.", "ms", "ms.", "sir", "dame", "lord", "lady", "pope", "cardinal", "bishop",
        "archbishop", "rabbi", "imam", "sheikh", "ayatollah", "emir", "sultan", "coach",
        "manager", "striker", "midfielder", "defender", "goalkeeper", "player",
        "analyst", "economist", "official", "officer", "executive", "boss", "investor",
        "researcher", "scientist", "doctor", "nurse", "surgeon", "physician", "epidemiologist",
        "author", "editor", "correspondent", "reporter", "journalist", "advisor", "adviser",
        "aide", "deputy", "undersecretary", "commissioner", "inspector", "superintendent",
        "sergeant", "premier", "speaker", "whip", "delegate", "negotiator", "mediator",
        "strategist", "partner", "owner", "chairperson", "treasurer", "presenter",
        "champion", "veteran", "activist", "campaigner", "spokesmen", "militant", "prosecutor",
        "forward", "winger", "solicitor", "barrister", "administrator", "mp", "councillor",
        "councilor", "legislator", "lawmaker",
        # Offices of counties, courts, colleges and churches, as local and wire copy writes
        # them before a name ("County Sheriff Ann Lee") or states them ("she is dean of ...").
        "sheriff", "marshal", "coroner", "magistrate", "ombudsman", "auditor", "comptroller",
        "dean", "provost", "rector", "chaplain", "pastor", "priest", "warden", "curator",
        "trustee", "consul", "expert",
    }
)  # fmt: skip

# Plural names of political families, which the model tags as nationalities: a closed class.
CAMP_PLURALS = frozenset(
    {
        "democrats", "republicans", "greens", "conservatives", "liberals", "socialists",
        "communists", "tories", "nationalists", "unionists", "loyalists", "federalists",
        "social-democrats", "maoists", "islamists", "royalists", "monarchists",
    }
)  # fmt: skip

# Honorifics dropped from a person's name ("President Obama" is "Obama").
HONORIFICS = frozenset(
    {
        "mr", "mr.", "mister", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof.", "sir",
        "dame", "president", "senator", "sen.", "rep.", "gov.", "governor", "general", "gen.",
        "col.", "capt.", "lt.", "king", "queen", "prince", "princess", "pope", "minister",
        "secretary", "judge", "mayor", "chancellor", "premier", "sheikh", "ayatollah", "emir",
        "lord", "lady", "coach",
    }
)  # fmt: skip

# Nouns for people or bodies acting for a country: a country modifying one of them acts
# ("US officials", "Russian airstrikes", "Russia's offer"). Its people are not its government:
# "a US citizen", "Russian voters" name a nationality.
AGENT_NOUNS = frozenset(
    {
        "official", "officials", "minister", "ministers", "government", "president", "force",
        "troops", "troop", "military", "army", "navy", "airstrike", "strike", "bombing", "plan",
        "strategy", "policy", "proposal", "offer", "administration", "leader", "leadership",
        "diplomat", "envoy", "ambassador", "delegation", "spokesman", "spokeswoman", "public",
        "ally", "partner", "intelligence", "authority", "regime", "coalition", "campaign",
        "offensive", "demand", "position", "decision", "support", "stance", "response",
        "negotiator", "pilot", "soldier", "jet", "warplane", "aircraft", "backing", "role",
        "involvement", "intervention", "effort", "initiative", "sanction", "threat", "pressure",
        "counterpart", "aid", "team", "company", "firm", "bank", "court", "parliament",
        "lawmaker", "legislator", "senator", "supporter",
        "state", "country", "nation", "member", "participant", "power", "side", "party",
        "agency", "ministry", "department", "investor", "regulator", "authorities", "police",
    }
)  # fmt: skip

# Institutions that, with a country named beside them, are organisations of that country
# ("the Russian defence ministry", "Syria's government", "the US-led coalition").
INSTITUTION_NOUNS = frozenset(
    {
        "ministry", "government", "military", "army", "navy", "regime", "administration",
        "parliament", "department", "police", "coalition", "embassy", "cabinet", "court",
        "senate", "congress", "presidency", "agency", "council", "command", "judiciary",
        "legislature", "office", "service", "treasury", "bank", "opposition", "junta",
    }
)  # fmt: skip

# Nouns that make what a place name modifies geographic rather than an act of its government
# ("Syria's north", "the Aleppo province").
GEO_NOUNS = frozenset(
    {
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
        "border", "borders", "capital", "city", "town", "village", "province", "region",
        "district", "governorate", "county", "state", "coast", "territory", "airspace", "soil",
        "outskirts", "countryside", "area", "suburb", "neighbourhood", "neighborhood", "port",
        "island", "valley", "desert", "mountain", "river", "sea", "heartland",
        "frontier", "enclave", "municipality", "prefecture", "oblast", "department", "canton",
        "battle", "front", "streets", "street", "centre", "center", "population", "residents",
        "resident", "economy", "weather", "map",
    }
)  # fmt: skip

# Nouns for the people of a place: "residents of X", "villagers in X", "rescuers from X" place
# X wherever it stands, whatever the model labels it.
INHABITANT_NOUNS = frozenset(
    {
        "resident", "inhabitant", "villager", "townspeople", "townsfolk", "citizen", "people",
        "population", "local", "native", "voter", "household", "farmer", "shopkeeper",
        "witness", "survivor", "rescuer", "evacuee", "worshipper", "commuter",
    }
)  # fmt: skip
# Local officers named by where they serve: "officials in X", "police in X" ("officials of X"
# and "officials from X" may as well be an organisation's).
LOCAL_OFFICER_NOUNS = frozenset({"official", "authority", "police", "officer", "mayor"})

# Nouns naming a kind of place: "the provinces of A, B and C", "Homs province".
PLACE_NOUNS = frozenset(
    {
        "province", "city", "town", "village", "region", "district", "governorate", "county",
        "state", "capital", "suburb", "neighbourhood", "neighborhood", "area", "outskirts",
        "port", "island", "municipality", "prefecture", "oblast", "canton", "country", "nation",
        "countryside", "territory", "enclave", "stronghold", "strongholds", "base",
    }
)  # fmt: skip

# Verbs whose object is a place visited or struck, not a party addressed.
MOTION_VERBS = frozenset(
    {
        "visit", "enter", "leave", "reach", "bomb", "invade", "hit", "strike", "tour", "cross",
        "flee", "travel", "attack", "shell", "occupy", "capture", "seize", "retake", "recapture",
        "liberate", "besiege", "surround", "control", "hold", "return", "move", "fly", "land",
        "arrive", "evacuate", "rule", "govern", "divide", "split", "defend", "target",
    }
)  # fmt: skip

# Words in or after an organisation's name that make it a group rather than an organisation: an
# armed or militant group, or a political party or camp (GOLD.md counts parties as groups).
GROUP_HEAD_NOUNS = frozenset(
    {
        "group", "groups", "militant", "militants", "militia", "militias", "rebel", "rebels",
        "fighter", "fighters", "insurgent", "insurgents", "jihadist", "jihadists", "extremist",
        "extremists", "terrorist", "terrorists", "faction", "factions", "guerrilla", "guerrillas",
        "party", "camp",
    }
)  # fmt: skip
GROUP_NAME_WORDS = frozenset(
    {
        "Brigade", "Brigades", "Front", "Militia", "Battalion", "Battalions", "Mujahideen",
        "Jihad", "Liberation", "Resistance", "Rebels", "Taliban", "Legion", "Guards", "Emirate",
        "Caliphate", "Martyrs", "Party",
    }
)  # fmt: skip

# Nouns that a person's name modifies ("the Obama administration"): a sign of a person, not a
# place called the same.
PERSON_OWNED_NOUNS = frozenset(
    {
        "administration", "government", "campaign", "presidency", "era", "doctrine", "camp",
        "aide", "aides", "cabinet", "team", "family", "foundation", "years", "policy", "speech",
        "wife", "husband", "son", "daughter", "spokesman", "spokeswoman", "office", "tenure",
        "legacy", "victory", "defeat", "goal", "goals", "coach", "agent",
    }
)  # fmt: skip

# Function words left out of an acronym ("International Syria Support Group" is "ISSG").
ACRONYM_SKIP = frozenset({"the", "of", "and", "for", "on", "in", "&", "de", "la", "du", "des"})

PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
PRONOUN_GENDERS = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
# Titles written before a name that tell which pronoun refers to the person.
GENDERED_TITLES = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f",
    "queen": "f", "princess": "f", "spokeswoman": "f", "chairwoman": "f",
    "congresswoman": "f", "spokesman": "m", "chairman": "m", "congressman": "m",
}  # fmt: skip

# Titles written short before a name, and the nouns by which the text may later call their holder
# ("Sen. Ada Lind ... the senator said").
TITLE_ABBREVIATIONS = {
    "sen.": ("senator",), "gov.": ("governor",), "rep.": ("congressman", "congresswoman",
    "representative", "lawmaker"), "atty.": ("attorney",), "supt.": ("superintendent",),
    "insp.": ("inspector",), "det.": ("detective",), "amb.": ("ambassador",),
    "gen.": ("general",), "lt.": ("lieutenant",), "col.": ("colonel",), "maj.": ("major",),
    "capt.": ("captain",), "sgt.": ("sergeant",), "adm.": ("admiral",), "cmdr.": ("commander",),
}  # fmt: skip

# Nouns for bodies, not people: a name set beside one of them is an organisation, even when the
# model tags it as a person ("the conciliation service Acas").
ORG_NOUNS = frozenset(
    {
        "service", "company", "firm", "agency", "organisation", "organization", "union", "body",
        "charity", "board", "authority", "regulator", "institute", "university", "bank", "party",
        "council", "committee", "maker", "manufacturer", "operator", "carrier", "retailer",
        "airline", "broadcaster", "network", "club", "fund", "ministry", "department", "watchdog",
        "newspaper", "outlet", "group", "startup", "supplier", "insurer", "lender", "producer",
        "developer", "provider", "chain", "brand", "foundation", "association", "federation",
        "alliance", "coalition", "league", "court", "tribunal", "commission", "hospital",
        "school", "college", "laboratory", "lab", "centre", "center", "office", "corporation",
        "enterprise", "conglomerate", "utility",
    }
)  # fmt: skip

# Nouns that describe a body by what it does, whatever kind of body it is: an agency, a
# commission or an executive may each be "the regulator".
FUNCTION_BODIES = frozenset(
    {"regulator", "watchdog", "body", "organisation", "organization", "authority", "group"}
)

# Institutions that are the government itself: "Syria's government" is Syria.
GOVERNMENT_NOUNS = frozenset({"government", "regime", "administration", "leadership"})

# Words that make a name an organisation's, whatever the model tags it ("Leeds United").
ORG_NAME_WORDS = frozenset(
    {
        "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Ltd", "Ltd.", "LLC", "plc", "PLC", "Group",
        "Holdings", "Bank", "FC", "United", "City", "Athletic", "Rovers", "Wanderers", "Party",
        "Union", "Institute", "University", "Association", "Council", "Committee", "Ministry",
        "Agency", "Foundation", "Airlines", "Airways", "Motors", "Company", "Co.", "Partners",
        "Technologies", "Systems", "Services", "Organization", "Organisation", "Commission",
        "Department", "Authority", "Board", "Club", "Society", "Federation", "League", "Trust",
        "Fund", "Network", "News", "Times", "Post", "Press", "Media", "Pharmaceuticals", "Labs",
        "Pharma", "Films", "Pictures", "Studios", "Records", "Ventures", "Brands", "Foods",
        "Securities", "Insurance", "Logistics", "Industries", "Enterprises", "Investments",
        "Energy", "Capital", "Resources", "Mining", "Management", "Associates", "Advisors",
        "Advisers", "Consulting",
    }
)  # fmt: skip

# Offices only a body or a country has a holder of: a body's name never ends in one, though a
# post's does ("the Harbour Board Chair"), and what follows "chair of" is a body ("the chair of
# Vessa Trust"). A body may end in "Executive", "Leader" or "Reporter", so those are not here.
OFFICE_NOUNS = frozenset(
    {
        "chair", "chairman", "chairwoman", "chairperson", "president", "director",
        "secretary", "treasurer", "advisor", "adviser", "consultant", "commissioner",
        "spokesman", "spokeswoman", "spokesperson", "trustee", "officer", "administrator",
        "minister", "ceo", "cfo", "coo", "cto", "dean", "provost", "ombudsman", "comptroller",
    }
)  # fmt: skip

# Unnamed spokespeople of a country: "US officials said" is a group that speaks for it.
OFFICIAL_NOUNS = frozenset({"official", "diplomat"})

# Courtesy titles: part of how a name is written, never a role by themselves. "Prof." written
# short is one; "Professor" written out is an academic post, like a rank written out.
COURTESY_TITLES = frozenset(
    {
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.",
        "sir", "dame", "mister",
    }
)  # fmt: skip

# Military ranks: a rank is how a soldier is addressed, a post only when nothing says more.
# Written short ("Gen.", "Maj. Gen.") a rank is a courtesy title and never a role by itself;
# written out ("Colonel Ada Lind, commander of the brigade,") it gives way to the post the text
# states beside the name.
RANK_ABBREVIATIONS = frozenset(
    {
        "gen.", "lt.", "col.", "maj.", "capt.", "sgt.", "cpl.", "pvt.", "adm.", "cmdr.",
        "cdr.", "brig.", "lt.-col.", "lt.-gen.", "maj.-gen.",
    }
)  # fmt: skip
MILITARY_RANKS = RANK_ABBREVIATIONS | frozenset(
    {
        "general", "lieutenant", "colonel", "major", "captain", "sergeant", "corporal",
        "private", "admiral", "commander", "brigadier", "marshal", "field", "rear", "vice",
        "lieutenant-colonel", "lieutenant-general", "major-general", "air", "chief",
    }
)  # fmt: skip

# Acts a capital performs as its government ("Washington has tempered its calls"); a capital
# that only "will face" or "beat" someone is more likely a club or the city itself.
POLICY_VERBS = frozenset(
    {
        "temper", "reject", "accept", "approve", "impose", "lift", "seek", "want", "refuse",
        "agree", "sign", "send", "deploy", "recall", "expel", "sanction", "ban", "suspend",
        "offer", "insist", "push", "press", "pressure", "recognise", "recognize", "retaliate",
        "respond", "react", "veto", "negotiate", "mediate", "host", "invite", "share",
        "cooperate", "provide", "supply", "arm", "fund", "intervene", "withdraw", "announce",
        "plan", "decide", "consider", "hope", "fear", "believe", "view", "see", "regard",
    }
)  # fmt: skip

# Common nouns for those who can say something, besides titles and bodies: "the residents said".
SPEAKER_NOUNS = (
    TITLE_WORDS
    | ORG_NOUNS
    | frozenset(
        {
            "people", "person", "worker", "resident", "member", "expert", "critic", "voter",
            "citizen", "parent", "patient", "victim", "family", "witness", "student", "teacher",
            "farmer", "driver", "customer", "user", "fan", "supporter", "opponent", "source",
            "government", "administration", "authority", "police", "team", "side", "crowd",
        }
    )
)  # fmt: skip

# Common nouns for a body or its remit that, capitalised alone ("the Court", "the State",
# "Education"), refer to a body named elsewhere or to none: never a name by themselves. Bodies
# whose one word is their name ("Parliament", "Congress", "the Senate") are not listed.
GENERIC_BODY_WORDS = frozenset(
    {
        "court", "tribunal", "government", "administration", "regime", "state", "ministry",
        "department", "agency", "office", "bureau", "authority", "company", "firm", "group",
        "organisation", "organization", "crown", "education", "health", "defence", "defense",
        "interior", "justice", "finance", "commerce", "energy", "transport", "environment",
        "digital", "foreign", "affairs", "home", "shadow",
    }
)  # fmt: skip

# Vehicles, craft and the instruments they carry, each a thing with a name of its own ("the
# Silver Star ferry", "its spectrograph, Lantern,").
_CRAFT_NOUNS = frozenset(
    {
        "shuttle", "spacecraft", "rocket", "ship", "vessel", "ferry", "submarine", "aircraft",
        "airliner", "jet", "train", "truck", "helicopter", "rover", "lander", "orbiter",
        "capsule", "drone", "plane", "freighter", "airship", "boat", "yacht", "tanker",
        "satellite", "telescope", "robot", "instrument", "spectrograph", "spectrometer", "camera",
    }
)  # fmt: skip

# Words that name a made or natural thing, not a party: a name holding one is a road, a
# building, a landmark, a vehicle, a product, a system or a programme ("Elm Street", "the Silver
# Star ferry", "the Orbis Navigation System"), never an actor unless it speaks; a storm is named
# like a person ("hurricane Dorinda").
THING_NOUNS = _CRAFT_NOUNS | frozenset(
    {
        "road", "street", "avenue", "lane", "highway", "motorway", "boulevard", "bridge",
        "tunnel", "plant", "reactor", "station", "airport", "airfield", "port", "harbour",
        "harbor", "pad", "forest", "river", "lake", "mountain", "valley", "desert", "canal",
        "dam", "tower", "stadium", "arena", "base", "locomotive", "system", "app", "browser",
        "wallet", "software", "smartphone",
        "pipeline", "programme", "program", "strategy", "scheme", "initiative",
        "hurricane", "storm", "typhoon", "cyclone",
        "song", "album", "film", "movie", "book", "novel", "poem", "painting", "sculpture",
        "opera", "musical", "documentary", "series", "sitcom", "show", "drama", "drug", "vaccine",
        "medicine",
        "planet", "star", "comet", "asteroid", "galaxy", "crater", "test", "exam", "variant",
        "strain", "virus", "disease",
        "constellation", "moon", "exoplanet", "nebula",
        "car", "sedan", "hatchback", "laptop", "tablet", "console", "chip",
        "chatbot", "restaurant", "cafe", "café", "nightclub",
        # Events, which the model tags as organisations: "the Tern Jazz Festival".
        "festival", "tournament", "championship", "championships", "marathon", "exhibition",
        "expo", "olympics", "carnival",
        # Honours, which the model tags as bodies: "the Vessa Medal of Merit", "the Tern Prize".
        "medal", "prize", "award", "trophy",
    }
)  # fmt: skip

# Vehicles and craft: a name set before one of them with another's name owning it ("the
# agency's Kestrel helicopter") is the craft's own name. The general words for a craft name
# one only here: "a Senate probe", "a vehicle for reform" name no thing.
VEHICLE_NOUNS = _CRAFT_NOUNS | frozenset({"probe", "spaceship", "starship", "craft", "vehicle"})

# Bodies in the sky and moments in its history that have one of a kind: "the Sun", "Mars", "the
# Big Bang". The model tags them as organisations or people; a company of the same name ("Mars
# said it would cut jobs") speaks, so only a name that never speaks is read as the body.
SKY_NAMES = frozenset(
    {
        "sun", "moon", "earth", "mercury", "venus", "mars", "jupiter", "saturn", "uranus",
        "neptune", "pluto", "milky way", "big bang", "solar system",
    }
)  # fmt: skip

# Works, and what shows or remembers a person: a person named only as what one of these is of or
# by ("songs by X", "a portrait of X", "the life of X") is its subject or maker, not a party.
WORK_NOUNS = THING_NOUNS | frozenset(
    {
        "song", "music", "work", "portrait", "statue", "bust", "image", "photo", "photograph",
        "picture", "life", "memory", "legacy", "honour", "honor", "name", "style", "biography",
        "story", "play", "tomb", "grave", "birthplace", "collection", "letter", "diary",
        "memoir", "recording", "version", "cover",
    }
)  # fmt: skip

# Words in the names of news outlets ("the Daily Courier", "Channel 9 News"): such a body is cited
# as a source, and is an actor only where the story is about it.
MEDIA_NAME_WORDS = frozenset(
    {
        "News", "Times", "Post", "Journal", "Herald", "Gazette", "Tribune", "Guardian",
        "Telegraph", "Magazine", "Radio", "Television", "TV", "Broadcasting", "Chronicle",
        "Observer", "Mail", "Express", "Daily", "Weekly", "Courier", "Wire", "Press",
    }
)  # fmt: skip

# Verbs of publishing: their subject is a source ("the paper reported", "the site has learned");
# after them "in" / "on" names where it was published ("posted on a platform").
REPORT_VERBS = frozenset(
    {
        "report", "publish", "broadcast", "air", "post", "print", "learn", "quote", "cite",
        "obtain", "carry", "upload", "stream", "tweet", "appear", "reveal",
    }
)  # fmt: skip
# Nouns for a news outlet as such: a name set beside one ("Tern Today, a news website") is an
# outlet's, cited as a source rather than a party.
OUTLET_NOUNS = frozenset(
    {
        "newspaper", "paper", "broadcaster", "station", "channel", "magazine", "daily",
        "website", "site", "outlet", "tabloid",
    }
)  # fmt: skip

# Things published, and their audience: their owner or where they appear is a source ("the
# paper's report", "followers on Streamly").
REPORT_NOUNS = frozenset(
    {
        "report", "article", "story", "interview", "post", "video", "broadcast", "column",
        "editorial", "website", "site", "page", "channel", "account", "feed", "podcast", "show",
        "programme", "program", "documentary", "headline", "survey", "poll", "study", "paper",
        "follower", "subscriber", "viewer",
    }
)  # fmt: skip

# Nouns for what a body does or holds as a party ("the resistance of the Church", "the Guild's
# request"): a body named after one of them takes part, beside the agent nouns.
STANCE_NOUNS = AGENT_NOUNS | frozenset(
    {
        "resistance", "opposition", "objection", "criticism", "request", "approval", "ruling",
        "appeal", "complaint", "warning", "refusal", "consent", "verdict", "offer",
    }
)  # fmt: skip

# The names of currencies, which count money ("60 million euros", "a dollar").
CURRENCY_WORDS = frozenset(
    {
        "dollar", "euro", "pound", "yen", "yuan", "rupee", "rouble", "ruble", "franc", "peso",
        "lira", "real", "won", "rand", "krona", "krone", "dirham", "riyal", "shekel", "pence",
        "cent",
    }
)  # fmt: skip


# Given names and the short forms copy uses for the same person ("Robert Kessel" is "Bob
# Kessel" two paragraphs on): formal name -> its usual short forms.
SHORT_FORENAMES: dict[str, frozenset[str]] = {
    formal: frozenset(shorts.split())
    for formal, shorts in (
        ("robert", "bob bobby rob robbie"), ("william", "billy willie"),
        ("richard", "dick rick ricky rich"), ("james", "jim jamie"), ("thomas", "tommy"),
        ("charles", "chuck"), ("anthony", "tony"), ("david", "dave davy"),
        ("christopher", "chris"), ("nicholas", "nick nicky"), ("stephen", "steve stevie"),
        ("steven", "steve stevie"), ("benjamin", "ben benny"), ("samuel", "sammy"),
        ("alexander", "alex sandy"), ("andrew", "andy drew"), ("patrick", "pat paddy"),
        ("peter", "pete"), ("timothy", "tim timmy"), ("ronald", "ron ronnie"),
        ("gerald", "gerry jerry"), ("lawrence", "larry"), ("frederick", "fred freddie"),
        ("theodore", "teddy"), ("gregory", "greg"), ("raymond", "ray"), ("douglas", "doug"),
        ("leonard", "len lenny"), ("jennifer", "jen jenny"),
        ("elizabeth", "liz beth lizzie eliza"), ("margaret", "maggie peggy meg"),
        ("catherine", "cathy katie"), ("susan", "susie"), ("deborah", "debbie deb"),
        ("patricia", "pat patty trish"), ("rebecca", "becky"), ("jacqueline", "jackie"),
        ("christine", "chris chrissy"), ("alexandra", "alex"), ("abigail", "abby"),
        ("barbara", "barb"), ("kimberly", "kim"), ("pamela", "pam"), ("dorothy", "dot dottie"),
    )
}  # fmt: skip


# Feasts and holidays, which the model tags as people or bodies ("closed for Easter"): times of
# the year, never parties.
HOLIDAYS = frozenset(
    {
        "christmas", "easter", "ramadan", "eid", "diwali", "hanukkah", "passover", "halloween",
        "hogmanay", "lent", "advent", "pentecost", "yom kippur", "rosh hashanah", "nowruz",
        "kwanzaa", "new year", "boxing day", "good friday", "labor day", "labour day",
        "memorial day", "independence day", "easter sunday", "christmas eve", "lunar new year",
        "holi", "vesak", "epiphany", "eid al-fitr", "eid al-adha",
    }
)  # fmt: skip
