"""Speech data: the verbs that introduce what someone said, and the marks that quote it.

General English, not tuned to any article.
"""

from __future__ import annotations

# Lemmas of verbs that introduce speech, direct or reported ("X said", "X warned that ...").
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "declare",
        "announce",
        "warn",
        "urge",
        "accuse",
        "insist",
        "argue",
        "emphasise",
        "emphasize",
        "stress",
        "note",
        "explain",
        "reply",
        "respond",
        "remark",
        "comment",
        "write",
        "tweet",
        "acknowledge",
        "admit",
        "concede",
        "confirm",
        "deny",
        "suggest",
        "predict",
        "promise",
        "pledge",
        "vow",
        "caution",
        "complain",
        "conclude",
        "claim",
        "assert",
        "maintain",
        "allege",
        "contend",
        "reiterate",
        "recall",
        "reveal",
        "disclose",
        "mention",
        "observe",
        "report",
        "testify",
        "assure",
        "inform",
        "boast",
        "joke",
        "quip",
        "shout",
        "whisper",
        "agree",
        "continue",
        "counter",
        "retort",
        "ask",
        "demand",
        "propose",
        "threaten",
        "reason",
        "recommend",
        "lament",
        "underline",
        "underscore",
        "repeat",
        "proclaim",
        "affirm",
        "hint",
        "remind",
        "echo",
        # A text speaks through its verb ('the letter reads "..."').
        "read",
    }
)

# Verbs that name or describe something in the speaker's words ('dubbed it "a war"',
# 'described the plan as "reckless"', 'what she called "a rigged count"').
NAMING_VERBS = frozenset({"describe", "call", "dub", "characterize", "characterise", "label"})
SPEECH_VERBS = SPEECH_VERBS | NAMING_VERBS

# Nouns for a piece of someone's words that a sentence can announce before quoting it ("X
# issued a statement.", "X posted a message:").
STATEMENT_NOUNS = frozenset(
    {
        "statement",
        "remark",
        "comment",
        "message",
        "letter",
        "speech",
        "post",
        "tweet",
        "announcement",
        "response",
        "reply",
        "warning",
        "appeal",
        "report",
        "release",
        "study",
        "ruling",
        "document",
        # A court speaks through what it hands down ("the appeals court's order said").
        "order",
        "judgment",
        "judgement",
        "verdict",
        "filing",
    }
)

# Verbs by which someone puts out a document of their own ("X issued a statement", "X posted a
# message"); "Y invented a statement in X's name" or "Y quoted one" are not X's issuing.
ISSUING_VERBS = frozenset(
    {
        "issue",
        "release",
        "publish",
        "post",
        "send",
        "make",
        "put",
        "deliver",
        "give",
        "sign",
        "file",
        "write",
        "read",
        "share",
        "submit",
        "tweet",
        "email",
        "hand",
    }
)

# Nouns for something said, whose owner said the words quoted in it ("claims by X that the plan
# was "doomed"", "X's assertion that ...").
CLAIM_NOUNS = frozenset(
    {
        "claim",
        "allegation",
        "accusation",
        "assertion",
        "suggestion",
        "insistence",
        "argument",
        "charge",
        "remark",
        "comment",
        "statement",
        "promise",
        "pledge",
        "warning",
    }
)

# Nouns for people by their relation to someone ("Lind's wife", "Lind's friends"): their words
# are their own, not those of the person named with them.
RELATION_NOUNS = frozenset(
    {
        "wife",
        "husband",
        "son",
        "daughter",
        "mother",
        "father",
        "brother",
        "sister",
        "family",
        "relative",
        "friend",
        "partner",
        "neighbour",
        "neighbor",
        "widow",
        "child",
        "parent",
        "rival",
        "opponent",
        "critic",
        "supporter",
    }
)

# Verbs naming the occasion of speech: "Speaking to reporters on Thursday, X said ..." dates the
# saying through them.
OCCASION_VERBS = frozenset({"speak", "talk", "address", "brief", "testify", "appear", "write"})

# Nouns for people whose words are, by their job, those of the body they speak for ("a
# spokesman for the ministry said" is the ministry speaking).
SPOKESPERSON_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "representative"}
)

# Nouns for people sent by a body, whose words are its words when the text names no one: "officials
# at X", "observers from X", "members of X", "inspectors of X".
DELEGATE_NOUNS = frozenset(
    {
        "official",
        "diplomat",
        "observer",
        "monitor",
        "delegate",
        "inspector",
        "investigator",
        "negotiator",
        "envoy",
        "member",
        "representative",
        "researcher",
        "scientist",
    }
)

# Nouns for what speaks for one person as a spokesperson does ("the office of Governor X", "X's
# campaign").
PERSONAL_VOICE_NOUNS = frozenset({"office", "campaign"})

# Words that open an embedded question ("explained how the system works"): what follows them
# is asked or pointed at, not stated.
QUESTION_WORDS = frozenset({"where", "what", "how", "whether", "if", "why", "which", "who"})

# Pronouns that may stand for the last person quoted ("he added").
PERSON_PRONOUNS = frozenset({"he", "she"})
# First-person pronouns inside a quote stand for its speaker.
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

# Opening mark -> the marks that close it. Straight double quotes close themselves; a closing
# curly mark also closes a straight one, as mixed typography is common in copied text.
DOUBLE_OPENERS = {'"': frozenset({'"', "”"}), "“": frozenset({"”", '"'}), "«": frozenset({"»"})}
SINGLE_OPENERS = {"‘": frozenset({"’"}), "'": frozenset({"'", "’"})}
