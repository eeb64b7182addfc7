# ruff: noqa: E501 - the posts are whole sentences, easier to read and check unbroken
"""The demo account's history: Inspector Sam Wright of Ashcombe neighbourhood policing.

The demo sells the product, so its posts must read as one real person's: the same town, the same
colleagues and places throughout, events that happen once (and are mentioned again afterwards),
replies that answer what a resident asked. The mix of kinds and the like counts follow
`samples.histories.varied_history`, so the demo's figures keep its shape; only the words differ.

Every sentence below is written whole. A post is one sentence about what happened, sometimes
with a second one about something else (never a second way of saying the first), so no post
restates itself.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from samples.archives import Tweet, TwitterAccount, snowflake, write_twitter_archive
from samples.histories import CORPORATE, PEOPLE, timeline

ACCOUNT_ID, HANDLE = "1199999999999999999", "InspSamWright"
TOWN = "Ashcombe"

# Colleagues and places that come back, as they do in a real account.
COLLEAGUES = ["PCSO Priya Shah", "Sgt Dan Okoro", "PC Megan Lloyd", "PC Tom Hale", "PCSO Gareth Evans"]
PLACES = [
    "the Ashcombe library", "Mill Lane", "the market square", "Ashcombe Academy", "the leisure centre",
    "St Mary's church hall", "the harbour wall", "Victoria Park", "the retail park", "Station Road",
]  # fmt: skip

# What happened: one whole sentence each, {colleague} and {place} filled from the lists above.
HAPPENINGS = [
    "I walked {place} with {colleague} this morning and got stopped four times for a chat.",
    "I spent lunchtime at {place} answering questions about parking, bins and one very loud cockerel.",
    "{colleague} and I did the school crossing at Ashcombe Academy today; the Year 3s have questions about everything.",
    "My beat surgery at the Ashcombe library this afternoon with {colleague}: eleven people, two biscuits left.",
    "I finally tracked down the owner of the lost parrot from {place}. It had been living on a shed roof for a week.",
    "I love a quiet night shift with {colleague}, which in {TOWN} means one escaped cow and a fox by {place}.",
    "Coffee for me at {place} with the street pastors before the Friday night patrol.",
    "I helped a gentleman of 93 find his car near {place}. He told me about his first police bike, 1954.",
    "I ran the cadets' first-aid evening with {colleague}. Three of them want to join when they're old enough.",
    "I met the new owners of the bakery by {place}; their window was smashed twice and they wanted to be heard.",
    "I took the new recruits round {place} so they know the faces as well as the streets.",
    "Talked scams with the knit-and-natter group at {place} with {colleague}. They already knew most of them.",
    "{colleague} found a wallet at {place} with £200 in it and had it back with its owner within the hour.",
    "I spent the morning with the harbour master and {colleague} going through the summer plans.",
    "Two hours of paperwork, then out on foot round {place}, which is the part of the job I'd never give up.",
    "The youth club beat us at five-a-side again. {colleague} is claiming a hamstring.",
    "I sat in on the residents' meeting at {place}: speeding is still top of their list.",
    "I did a speed check on Mill Lane with {colleague}: 14 drivers over 30 in an hour, most of them locals.",
    "I visited the food bank at St Mary's church hall with {colleague} to drop off what the station collected.",
    "A very honest ten-year-old handed in a £5 note he found at {place}. I told him it's his if no one claims it.",
]  # fmt: skip
# Something else about the day, never a second telling of what happened.
ASIDES = [
    "Home now, and Biscuit has already stolen my seat on the sofa.",
    "My feet would like a word with me.",
    "Coffee number four incoming, and I regret nothing.",
    "It rained on me, obviously.",
    "Honestly, the best part of my job.",
    "I can't wait for the weekend with the kids.",
    "Tea, then the match, then bed for me.",
    "I love this town, I really do.",
    "Some days are easy. This wasn't one, but I'd call it a good one.",
    "I owe {colleague} a bacon roll for that.",
    "Biscuit got a walk round {place} on the way home, so he's happy too.",
    "I'm still laughing about it now.",
    "Proud of my team, as ever.",
    "My daughter says I talk about {place} more than about her.",
    "I went home via the chip shop. No regrets.",
    "Made me think about why I joined, 19 years ago.",
    "I'll sleep well tonight.",
    "I know, I know, I said I'd take a day off.",
]  # fmt: skip
EMOJI = ["", "", "", "", " 😂", " 👍", " 🙏", " ☔", " 💪", " 🐕", " 🚲"]

# Events that happen once, on their own day, and are followed up once, a few days later.
ONE_OFF_EVENTS = [
    (datetime(2023, 6, 5, 9, 10, tzinfo=UTC), "First day for PCSO Priya Shah on the Ashcombe team today. Say hello if you see her on Mill Lane! 👋",
     "A week in, and PCSO Shah already knows more of Mill Lane by name than I do."),
    (datetime(2023, 11, 2, 7, 40, tzinfo=UTC), "Mill Lane is flooded from the bridge to the Co-op. Please don't drive through it; we have the road closed.",
     "Thank you to everyone who helped dig out Mill Lane after the flood. The road is open again and the Co-op has sandbags to spare."),
    (datetime(2024, 5, 18, 10, 0, tzinfo=UTC), "Bike marking day in the market square until 3pm: bring your bike and we'll mark it for free 🚲",
     "212 bikes marked at Saturday's bike marking day. That's 212 bikes that are much harder to sell on if they're stolen."),
    (datetime(2024, 9, 15, 8, 30, tzinfo=UTC), "Running the Ashcombe 10k for the hospice this morning with Sgt Dan Okoro. He says he's trained. I have doubts.",
     "We raised £1,840 for the hospice at the 10k. Sgt Okoro beat me by four minutes and will not stop mentioning it."),
    (datetime(2025, 3, 28, 15, 0, tzinfo=UTC), "Sgt Dan Okoro retires today after 30 years, 22 of them in Ashcombe. The town won't be the same.",
     "Dan's leaving do was at the rugby club and half the town came. He cried at the speeches; so did I."),
    (datetime(2025, 7, 12, 11, 0, tzinfo=UTC), "Ashcombe carnival today! We're on the corner of the market square with a police car the kids can sit in 🎉",
     "Over 400 children sat in the police car at the carnival. We are still finding ice lollies in it."),
]  # fmt: skip

# Residents' questions and the answers to them: each reply answers what was asked.
ANSWERS = [
    "beat surgery is every Thursday, 2 to 4pm, at the Ashcombe library; {colleague} runs it on {day}s when I'm away.",
    "the parking on {place} is on our list; {colleague} is visiting this week to talk to the drivers.",
    "please report it online or call 101, and send me the reference so I can follow it up myself.",
    "yes, that was us on {place} on {day}: a broken-down lorry, no one hurt.",
    "sorry, I can't comment on a live investigation, but I promise it's being looked at.",
    "the speed checks on {place} will carry on until the numbers come down.",
    "thank you, I'll pass that on to {colleague}, who will be chuffed.",
    "the bikes left at {place} are being checked against the stolen list this week.",
    "good spot. I've asked the council to fix the street light by {place}.",
    "the station front counter is quieter after 6pm, if you want to pop in on {day}.",
    "ha, yes, the cockerel has been spoken to. It did not seem sorry.",
    "lovely to meet you too. Say hello next time you see me at {place}.",
    "{colleague} will knock on your door on {day} to take a statement.",
    "the car on {place} has been reported to the council as abandoned; it should go within a fortnight.",
    "no, the helicopter on {day} wasn't us, it was the air ambulance.",
    "I'd lock the shed and mark the tools; {colleague} has free kits at the library.",
]  # fmt: skip
# The answers that fit a question about a particular theft or damage ("about the van on Mill Lane, …").
TOPIC_ANSWERS = (
    "please report it",
    "sorry, I can't comment",
    "thank you, I'll pass",
    "{colleague} will knock",
    "I'd lock",
)
GREETINGS = ["", "", "Hi {name}, ", "Morning {name}! ", "Thanks {name}, ", "{name}, "]
RESIDENT_NAMES = ["Jan", "Steve", "Mrs Patel", "Dave", "Claire", "Mo", "Bev", "Ollie", "Linda", "Raj", "Kath", "Pete"]
THANKS = [
    "",
    "",
    "",
    " Thanks for asking.",
    " Let me know how it goes.",
    " Thanks for your patience.",
    " Any trouble, shout.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
NOTICES = [
    "Roadworks on {road} from {day}: allow extra time for the school run",
    "A {item} was stolen on {road} overnight. If you live there, please check any doorbell footage",
    "A collision on {road} this afternoon; the road has now reopened",
    "A reminder to lock your {item}, even for five minutes: thefts are up around {road}",
    "Witness appeal: a {item} was damaged on {road} on {day} evening. Call 101 with any information",
]  # fmt: skip
ROADS = ["Station Road", "Mill Lane", "the ring road", "Queen Street", "Church Hill", "the harbour road", "Fore Street"]
ITEMS = ["bike", "van", "shed", "scooter", "trailer", "mobility scooter", "catalytic converter"]


def _personal_text(rng: random.Random) -> str:
    happening = rng.choice(HAPPENINGS).format(colleague=rng.choice(COLLEAGUES), place=rng.choice(PLACES), TOWN=TOWN)
    aside = rng.choice(ASIDES).format(colleague=rng.choice(COLLEAGUES), place=rng.choice(PLACES))
    return f"{happening} {aside}" + rng.choice(EMOJI)


def demo_history(count: int, *, seed: int = 2026) -> Iterator[Tweet]:
    """`count` posts of Inspector Sam Wright, in the working day, over three years (see the module)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not secrets
    own_ids: list[str] = []
    # Each event's post, then its follow-up four days later, takes the first slot on or after its time.
    events = sorted(
        [(when, text) for when, text, _ in ONE_OFF_EVENTS]
        + [(when + timedelta(days=4), follow_up) for when, _, follow_up in ONE_OFF_EVENTS]
    )
    for number, moment, post_id in timeline(rng, count, None, daytime=True):
        roll = rng.random()
        url = f"https://www.ashcombe-police.example/news/{rng.randint(1000, 99999)}"
        if events and moment >= events[0][0]:
            _, text = events.pop(0)
            # The town's big days are the account's best-received posts, as they are for a real inspector.
            tweet = Tweet(post_id, moment, text, likes=rng.randint(160, 240), retweets=rng.randint(20, 45))
        elif roll < 0.30:
            tweet = Tweet(post_id, moment, _personal_text(rng), likes=rng.randint(5, 150), retweets=rng.randint(0, 20))
        elif roll < 0.40:
            notice = rng.choice(NOTICES).format(road=rng.choice(ROADS), item=rng.choice(ITEMS), day=rng.choice(DAYS))
            text = f"{notice}. More: {url} #{rng.choice(['Roads', 'Crime', 'Ashcombe'])}"
            tweet = Tweet(post_id, moment, text, urls=[url], likes=rng.randint(0, 30), retweets=rng.randint(0, 25))
        elif roll < 0.45:
            text = rng.choice(CORPORATE).format(url=url, ref=rng.randint(100, 999))
            tweet = Tweet(
                post_id, moment, text, urls=[url], likes=rng.randint(0, 20), retweets=rng.randint(0, 15),
                client=rng.choice(["hootsuite", "sprout"]),
            )  # fmt: skip
        elif roll < 0.77:
            handle, user_id = rng.choice(PEOPLE)
            target = moment - timedelta(minutes=rng.choice([3, 20, 45, 90, 240, 600, 1500, 4000, 20000]))
            greeting = rng.choice(GREETINGS).format(name=rng.choice(RESIDENT_NAMES))
            template = rng.choice(ANSWERS)
            answer = template.format(place=rng.choice(PLACES), colleague=rng.choice(COLLEAGUES), day=rng.choice(DAYS))
            # What they asked about, then the answer: a real reply picks up the resident's words.
            if template.startswith(TOPIC_ANSWERS) and rng.random() < 0.8:
                answer = f"about the {rng.choice(ITEMS)} on {rng.choice(ROADS)}, {answer}"
            if not greeting or greeting.endswith("! "):
                answer = answer[0].upper() + answer[1:]
            text = f"@{handle} {greeting}{answer}{rng.choice(THANKS)}"
            if rng.random() < 0.75:
                text += " " + rng.choice(ASIDES).format(colleague=rng.choice(COLLEAGUES), place=rng.choice(PLACES))
            tweet = Tweet(
                post_id, moment, text, reply_to_id=snowflake(target, number), reply_to_user_id=user_id,
                reply_to_handle=handle, mentions=[(handle, user_id)], likes=rng.randint(0, 8),
            )  # fmt: skip
        elif roll < 0.85 and own_ids:
            tweet = Tweet(
                post_id, moment, _personal_text(rng), reply_to_id=own_ids[-1], reply_to_user_id=ACCOUNT_ID,
                reply_to_handle=HANDLE, likes=rng.randint(1, 30),
            )  # fmt: skip
        else:
            handle, user_id = rng.choice(PEOPLE)
            tweet = Tweet(
                post_id, moment, f"RT @{handle}: Great to see the Ashcombe team at {rng.choice(PLACES)} today"
            )
            tweet.mentions = [(handle, user_id)]
        own_ids.append(post_id)
        yield tweet


# --- The demo archive ------------------------------------------------------------------------

DEMO_ARCHIVE_NAME = "twitter-archive-InspSamWright.zip"
DEMO_POSTS = 1500


def write_demo_archive(path: Path, *, posts: int = DEMO_POSTS, seed: int = 2026) -> Path:
    """The sample history the demo order and the browser tests use: an X archive of a police
    inspector's three years (`demo_history`), posted mostly in the working day, with follower and
    following files."""
    residents = [user_id for _, user_id in PEOPLE]
    account = TwitterAccount(follower_ids=residents[:30], following_ids=residents[::4])
    return write_twitter_archive(path, demo_history(posts, seed=seed), account)
