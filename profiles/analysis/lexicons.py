"""The word lists behind the informality and voice features, named so the report can cite them.

All lower case. Short and transparent on purpose: a coach must be able to see why a post counted.
"""

from __future__ import annotations

import re

FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll", "im", "ive"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd"})
INSTITUTIONAL_WE = frozenset({"we", "our", "ours", "us", "ourselves", "we're", "we've", "we'll", "we'd"})
THIRD_PERSON = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs"})

CONTRACTION = re.compile(r"[a-z]+(?:n't|'s|'re|'ve|'ll|'d|'m)$")
INTERJECTIONS = frozenset(
    {
        "lol", "haha", "hahaha", "hehe", "lmao", "rofl", "omg", "wow", "yay", "ugh", "oops", "phew",
        "woohoo", "yikes", "meh", "hmm", "aww", "ooh", "gosh", "blimey", "cheers", "ha", "oh",
    }
)  # fmt: skip
HUMOUR = frozenset({"lol", "haha", "hahaha", "hehe", "lmao", "rofl", "joke", "joking", "kidding", "funny", "hilarious"})
HUMOUR_EMOJI = frozenset({"😂", "🤣", "😄", "😆", "😅", "😜", "😉", "🙃"})
HUMOUR_EMOTICONS = frozenset({":D", ":-D", ";)", ";-)", ":P", ":-P", ":p", "xD", "XD"})
HUMOUR_MARKS = HUMOUR_EMOJI | HUMOUR_EMOTICONS

EVERYDAY_LIFE = frozenset(
    {
        "family", "kids", "children", "son", "daughter", "wife", "husband", "partner", "mum", "mom", "dad",
        "weekend", "holiday", "holidays", "day off", "birthday", "dinner", "lunch", "breakfast", "coffee",
        "tea", "cake", "food", "pizza", "football", "match", "run", "running", "gym", "cycling", "walk",
        "garden", "weather", "rain", "sunshine", "sunny", "snow", "dog", "cat", "puppy", "pets", "pet",
        "book", "film", "music", "concert", "friends", "friend", "home", "sleep", "tired", "morning",
        "marathon", "team", "pub", "beach", "bike",
    }
)  # fmt: skip
STANCE = frozenset(
    {
        "think", "feel", "felt", "believe", "love", "loved", "hate", "honestly", "reckon", "proud",
        "glad", "sad", "happy", "hope", "wish", "wonder", "personally", "opinion", "agree", "disagree",
        "frustrated", "gutted", "thrilled", "delighted", "sorry", "grateful", "honoured", "moved",
    }
)  # fmt: skip
# Single words and phrases of press-release and call-to-action wording.
PRESS_WORDS = frozenset(
    {
        "appeal", "appeals", "announce", "announces", "announced", "campaign", "initiative", "visit", "click",
        "report", "register", "apply", "attend", "launch", "launches", "launched", "available", "information",
        "update", "latest", "statement", "reminder", "advice", "please", "details", "service", "services",
        "residents", "public", "community", "partners", "stakeholders", "delivering", "ensure", "committed",
        "officers", "witnesses", "contact", "quote", "ref", "reference", "incident",
    }
)  # fmt: skip
PRESS_PHRASES = (
    "pleased to", "proud to announce", "read more", "find out more", "learn more", "report it", "call 101",
    "call 999", "sign up", "join us", "visit our", "click here", "more information", "for more details",
    "in partnership with", "we are aware", "we would like to", "if you have any information",
)  # fmt: skip
PRESS_PHRASE = re.compile("|".join(re.escape(phrase) for phrase in PRESS_PHRASES))
ORGANISATION_NOUNS = frozenset(
    {
        "force", "department", "trust", "council", "service", "organisation", "organization", "team",
        "unit", "constabulary", "authority", "practice", "firm", "chambers", "board", "ministry",
    }
)  # fmt: skip
SCHEDULING_CLIENTS = (
    "hootsuite", "sprout social", "sproutsocial", "buffer", "tweetdeck", "later", "hubspot", "sprinklr",
    "falcon", "agorapulse", "socialbee", "dlvr.it", "ifttt", "zapier", "emplifi", "meltwater", "orlo",
)  # fmt: skip

BE_VERBS = frozenset({"is", "are", "was", "were", "be", "been", "being", "am"})
NOMINALISATION = re.compile(r"[a-z]{3,}(?:tion|sion|ment|ness|ity|ance|ence|ism)s?$")
# Past participles for the passive test: regular -ed/-en, and a few common irregular ones.
IRREGULAR_PARTICIPLES = frozenset(
    {"made", "done", "seen", "given", "taken", "held", "found", "told", "sent", "built", "kept", "left", "brought"}
)
