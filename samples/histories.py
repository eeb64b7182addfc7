"""Generated histories for tests, benchmarks and the demo: a believable professional's posts.

`professional_history` is a police inspector's account (personal posts, templated announcements,
replies to residents, threads and retweets); `varied_history` composes its posts from many parts,
so that few repeat, as in a real account, for the benchmarks. Both yield `archives.Tweet`s, which
`archives.write_twitter_archive` writes as an X export.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from samples.archives import LONDON, Tweet, snowflake

# --- A believable professional's history -----------------------------------------------------

PERSONAL = [
    "Proud of the team today. Long shift but we got there. Home now for a cup of tea and the football.",
    "Lovely walk with the dog this morning before work, the sun finally came out!",
    "I still think the best part of this job is the people you meet. Had a great chat with a pensioner in the park.",
    "Honestly can't believe how fast the kids are growing up. Weekend off, so it's pancakes for breakfast.",
    "Ha! Just been beaten at darts by a 10 year old at the community fair. Never living this down.",
    "I'm so grateful to the volunteers who turned up in the rain today. You're brilliant.",
    "Tired but happy after the charity 10k. My legs disagree.",
    "Weather's awful today, stay safe on the roads everyone, I've seen three fender benders already.",
]
CORPORATE = [
    "We are pleased to announce the launch of our new community safety initiative. Read more: {url} #SaferStreets",
    "Officers are appealing for witnesses following an incident on the High Street. Call 101 quoting ref {ref}. {url}",
    "Our latest annual report is now available. Visit our website to find out more. {url} #Transparency",
    "Reminder: our station front counter will be closed on bank holiday Monday. Report it online: {url}",
    "Join us at our community engagement event this Saturday. Click the link for details {url} #Community",
]
REPLIES = [
    "@{handle} Thanks for letting us know, I've passed this to the local team.",
    "@{handle} Really sorry to hear that. Please DM me the details and I'll look into it personally.",
    "@{handle} Great question! I think it's down to staffing over the summer, but I'll check.",
    "@{handle} Ha, yes, that was me. Good to meet you too!",
    "@{handle} We can't comment on live investigations, sorry.",
]
THREADS = [
    "Some of you asked about yesterday's operation, so here's a short thread on how it worked.",
    "And finally: thank you to everyone who helped. It really was a team effort.",
]
PEOPLE = [(f"resident{n}", str(900000000 + n)) for n in range(40)]


def timeline(
    rng: random.Random, count: int, start: datetime | None, *, daytime: bool = False
) -> Iterator[tuple[int, datetime, str]]:
    """(number, time, snowflake id) of `count` posts spread over three years at random intervals.

    `daytime`: most posts in a London working day, some in the evening, few at night or at
    weekends, as a person posts (without it, the hour of day is uniform and nothing is held).
    """
    moment = start or datetime(2023, 1, 2, 8, 0, tzinfo=UTC)
    mean_gap = timedelta(days=3 * 365) / max(count, 1)
    moments: Iterator[datetime] = (
        moment := (moment + timedelta(seconds=rng.expovariate(1 / mean_gap.total_seconds()))).replace(microsecond=0)
        for _ in range(count)
    )
    if daytime:
        # Sorted again: replies and threads must still follow what they answer.
        moments = iter(sorted(_in_working_day(rng, each) for each in list(moments)))
    for number, posted in enumerate(moments):
        yield number, posted, snowflake(posted, number)


def _in_working_day(rng: random.Random, moment: datetime) -> datetime:
    local = moment.astimezone(LONDON)
    roll = rng.random()
    hour = rng.randint(8, 16) if roll < 0.8 else rng.randint(17, 21) if roll < 0.96 else rng.choice([7, 22])
    local = local.replace(hour=hour, minute=rng.randint(0, 59))
    if local.weekday() >= 5 and rng.random() < 0.6:  # most weekend posts wait for the week
        local += timedelta(days=2)
    return local.astimezone(UTC)


def professional_history(
    count: int, *, seed: int = 7, start: datetime | None = None, daytime: bool = False
) -> Iterator[Tweet]:
    """`count` posts from a police inspector's account: personal posts, corporate announcements
    (several of them templated), replies to residents, self-threads and retweets, over time.
    `daytime`: posted mostly in working hours (see `timeline`)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not secrets
    own_ids: list[str] = []
    for number, moment, post_id in timeline(rng, count, start, daytime=daytime):
        roll = rng.random()
        url = f"https://www.example-police.uk/news/{rng.randint(1000, 9999)}"
        if roll < 0.30:
            tweet = Tweet(post_id, moment, rng.choice(PERSONAL), likes=rng.randint(5, 120), retweets=rng.randint(0, 15))
        elif roll < 0.52:
            text = rng.choice(CORPORATE).format(url=url, ref=rng.randint(100, 999))
            tweet = Tweet(
                post_id,
                moment,
                text,
                urls=[url],
                hashtags=[w[1:] for w in text.split() if w.startswith("#")],
                likes=rng.randint(0, 25),
                retweets=rng.randint(0, 20),
                client=rng.choice(["hootsuite", "sprout", "web"]),
            )
        elif roll < 0.82:
            handle, user_id = rng.choice(PEOPLE)
            target = moment - timedelta(minutes=rng.choice([5, 30, 90, 240, 1500, 20000]))
            tweet = Tweet(
                post_id,
                moment,
                rng.choice(REPLIES).format(handle=handle),
                reply_to_id=snowflake(target, number),
                reply_to_user_id=user_id,
                reply_to_handle=handle,
                mentions=[(handle, user_id)],
                likes=rng.randint(0, 8),
            )
        elif roll < 0.90 and own_ids:
            tweet = Tweet(
                post_id,
                moment,
                rng.choice(THREADS),
                reply_to_id=own_ids[-1],
                reply_to_user_id="1199999999999999999",
                reply_to_handle="InspSamWright",
                likes=rng.randint(1, 30),
            )
        else:
            handle, user_id = rng.choice(PEOPLE)
            tweet = Tweet(post_id, moment, f"RT @{handle}: Great work by the neighbourhood team this week \u2026")
            tweet.mentions = [(handle, user_id)]
        own_ids.append(post_id)
        yield tweet


# --- A varied history, for benchmarks: few exact repeats, as in a real account ---------------

_SUBJECTS = [
    "the neighbourhood team", "my shift", "the school visit", "the night patrol", "the youth club", "the market",
    "our volunteers", "the new recruits", "the park run", "the charity match", "the food bank", "the town centre",
    "the flood clean-up", "the bike marking event", "the community meeting", "the hospital car park",
]  # fmt: skip
_FEELINGS = [
    "I loved", "honestly enjoyed", "was so proud of", "felt a bit gutted about", "can't stop thinking about",
    "had a great laugh at", "was humbled by", "got soaked during", "was knackered after", "learnt a lot from",
]  # fmt: skip
_DETAILS = [
    "Home now for tea and the football", "The dog was thrilled to see me", "Legs are aching but worth it",
    "Kids asked brilliant questions", "Coffee number four incoming", "Still smiling about it",
    "Not the best weather for it", "Thanks to everyone who came along", "Back at it tomorrow",
    "What a week it has been", "Never a dull moment", "Someone brought cake, so no complaints",
]  # fmt: skip
_EMOJI = ["", "", "", " 😂", " 😍", " 👍", " 🙏", " ☔", " 😢", " 💪", " :)", " !!"]
_NOTICES = [
    "Roadworks on {road} from Monday, expect delays and allow extra time",
    "Reports of a {item} taken from a car on {road} overnight, please check your doorbell footage",
    "Officers attended a collision on {road} this afternoon, the road has now reopened",
    "A reminder to lock your {item} when you leave it outside, thefts are up in the area",
    "Witness appeal: a {item} was damaged on {road} on Saturday evening, call 101 with any information",
]  # fmt: skip
_ROADS = ["the A38", "Station Road", "the High Street", "Mill Lane", "Queen Street", "the ring road", "Church Hill"]
_ITEMS = ["bike", "van", "catalytic converter", "shed", "scooter", "trailer", "mobility scooter"]
_ANSWERS = [
    "thanks for flagging this", "sorry to hear that", "good question", "that's really kind", "great spot",
    "we'll look into it", "I've passed it on", "I'll check tomorrow", "glad it's sorted", "totally agree",
]  # fmt: skip
_FOLLOW_UPS = [
    "DM me the details if you can.", "The team are on it.", "Let me know how it goes.", "See you at the next one!",
    "It was a pleasure.", "Give me a shout if it happens again.", "Hope you're feeling better.",
    "Thanks for your patience.", "That made my day.", "I'll report back.",
]  # fmt: skip
_FOREIGN = [
    ("de", "Danke an alle Kolleginnen und Kollegen für den Einsatz heute"),
    ("cy", "Diolch i bawb am eich cefnogaeth heddiw, diwrnod gwych"),
    ("fr", "Merci à tous pour votre accueil chaleureux au marché"),
]


_PLACES = [
    "the park", "the library", "Mill Lane", "the station", "the high school", "the harbour", "the leisure centre",
    "the allotments", "Queen Street", "the retail park", "St Mary's church hall", "the football ground",
]  # fmt: skip
_PEOPLE_MET = [
    "a retired nurse", "two brilliant PCSOs", "the head teacher", "a lad on a unicycle", "some very keen cadets",
    "the shopkeepers", "a lovely couple celebrating 60 years", "the street pastors", "our new sergeant",
]  # fmt: skip
_SENTENCES = [
    "{feeling} {subject} today.",
    "Met {people} at {place} this {part_of_day}.",
    "{detail}.",
    "Quick stop at {place} for a {drink}, then back out on foot.",
    "Spent the {part_of_day} at {place} with {people}.",
    "Not every day you see {people} at {place}!",
    "{count} years in the job and {subject} still surprises me.",
]  # fmt: skip
_PARTS_OF_DAY = ["morning", "afternoon", "evening", "lunchtime", "night shift"]
_DRINKS = ["coffee", "tea", "flat white", "hot chocolate", "bacon roll"]


_NAME_PARTS = (
    ["Ash", "Pen", "Tre", "Brad", "Wick", "Hol", "Mar", "Kings", "Lang", "Fen", "Cal", "Dun", "Stan", "Wel"],
    ["combe", "warren", "ley", "ford", "ton", "field", "bury", "wood", "more", "ham", "stow", "by", "gate"],
)


def _proper_name(rng: random.Random) -> str:
    """A place or person name: real posts are full of specifics that no other post repeats."""
    return rng.choice(_NAME_PARTS[0]) + rng.choice(_NAME_PARTS[1])


def _personal_text(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.choice([1, 2, 2, 3])):
        sentences.append(
            rng.choice(_SENTENCES).format(
                feeling=rng.choice(_FEELINGS).capitalize(),
                subject=rng.choice(_SUBJECTS),
                people=rng.choice([*_PEOPLE_MET, f"{_proper_name(rng)} and {_proper_name(rng)}"]),
                place=rng.choice([*_PLACES, f"{_proper_name(rng)} Road", f"{_proper_name(rng)} Park"]),
                part_of_day=rng.choice(_PARTS_OF_DAY),
                detail=rng.choice(_DETAILS),
                drink=rng.choice(_DRINKS),
                count=rng.randint(2, 30),
            )
        )
    return " ".join(sentences) + rng.choice(_EMOJI)


def varied_history(
    count: int, *, seed: int = 7, start: datetime | None = None, daytime: bool = False
) -> Iterator[Tweet]:
    """`count` posts with the mix of `professional_history` but text composed from many parts,
    so that, as in a real account, few posts repeat another; about one post in twenty is a
    templated corporate announcement and one in fifty is not in English. `daytime`: posted
    mostly in the working day (see `timeline`)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not secrets
    own_ids: list[str] = []
    for number, moment, post_id in timeline(rng, count, start, daytime=daytime):
        roll = rng.random()
        url = f"https://www.example-police.uk/news/{rng.randint(1000, 99999)}"
        if roll < 0.30:
            tweet = Tweet(post_id, moment, _personal_text(rng), likes=rng.randint(5, 150), retweets=rng.randint(0, 20))
        elif roll < 0.40:
            text = (
                rng.choice(_NOTICES).format(road=rng.choice(_ROADS), item=rng.choice(_ITEMS))
                + f". More: {url} #{rng.choice(['Roads', 'Crime', 'Community'])}"
            )
            tweet = Tweet(post_id, moment, text, urls=[url], likes=rng.randint(0, 30), retweets=rng.randint(0, 25))
        elif roll < 0.45:
            text = rng.choice(CORPORATE).format(url=url, ref=rng.randint(100, 999))
            tweet = Tweet(
                post_id, moment, text, urls=[url], likes=rng.randint(0, 20), retweets=rng.randint(0, 15),
                client=rng.choice(["hootsuite", "sprout"]),
            )  # fmt: skip
        elif roll < 0.47:
            language, text = rng.choice(_FOREIGN)
            tweet = Tweet(post_id, moment, text, lang=language, likes=rng.randint(0, 40))
        elif roll < 0.77:
            handle, user_id = rng.choice(PEOPLE)
            target = moment - timedelta(minutes=rng.choice([3, 20, 45, 90, 240, 600, 1500, 4000, 20000]))
            text = f"@{handle} {rng.choice(_ANSWERS).capitalize()}, {rng.choice(_FOLLOW_UPS)}"
            if rng.random() < 0.6:
                text += " " + _personal_text(rng)
            tweet = Tweet(
                post_id, moment, text, reply_to_id=snowflake(target, number), reply_to_user_id=user_id,
                reply_to_handle=handle, mentions=[(handle, user_id)], likes=rng.randint(0, 8),
            )  # fmt: skip
        elif roll < 0.85 and own_ids:
            text = f"{_personal_text(rng)} {rng.randint(2, 6)}/"
            tweet = Tweet(
                post_id, moment, text, reply_to_id=own_ids[-1], reply_to_user_id="1199999999999999999",
                reply_to_handle="InspSamWright", likes=rng.randint(1, 30),
            )  # fmt: skip
        else:
            handle, user_id = rng.choice(PEOPLE)
            tweet = Tweet(post_id, moment, f"RT @{handle}: {_personal_text(rng)}")
            tweet.mentions = [(handle, user_id)]
        own_ids.append(post_id)
        yield tweet
