"""A conversational, personal account posting in office hours: the histories several tests share."""

from __future__ import annotations

from datetime import timedelta

from profiles.ingest.records import NormalisedPost
from tests.profiles.analysis.factories import at, make_post, reply

OPENINGS = [
    "I loved meeting residents at the school fair today.",
    "Proud of my colleagues who helped a lost child find her mum.",
    "Cycled in this morning and honestly the river looked beautiful.",
    "My daughter asked what I do all day, so I showed her the station.",
    "Had the best bacon roll of my life at the market cafe.",
    "Rainy patrol but I felt so welcome at the community centre.",
    "I think the new bus lane is working, judging by my commute.",
    "Family barbecue at the weekend, the dog stole a sausage again.",
]
# As long as the openings, so that two posts sharing one half are not near-duplicates.
CLOSINGS = [
    "What a lovely bunch of people, I came home smiling all evening.",
    "Thank you all for the warm welcome and the endless cups of tea!",
    "Honestly made my week, and reminded me why I joined up in the first place.",
    "Small things matter more than any of us admit on a busy Monday.",
    "Back tomorrow with more news from the beat, weather permitting of course.",
    "Any tips for a tired sergeant with sore feet are very welcome.",
    "Happy Friday everyone, go and do something nice for a neighbour.",
    "Off to a long meeting now, wish me luck with the spreadsheets.",
]
THANKS = ["Thanks Jo,", "Cheers Sam,", "Ah thank you,", "Good shout,", "Really kind,", "Spot on,"]
FOLLOW_UPS = [
    "I'll pass that on to the team.",
    "glad you enjoyed it.",
    "see you at the next one!",
    "I hadn't thought of that.",
    "let me find out for you.",
    "that made me smile.",
    "I'll bring cake next time.",
    "hope the knee is better.",
    "we should do it again.",
    "I agree completely.",
]


def conversational_history() -> list[NormalisedPost]:
    """60 personal posts on weekdays at 10:00 UTC, each answered to someone an hour later."""
    start = at("2024-01-01 10:00")  # Mondays, 10:00 UTC
    posts = []
    for n in range(60):
        day = start + timedelta(days=7 * (n // 5) + n % 5)
        posts.append(make_post(f"{OPENINGS[n % 8]} {CLOSINGS[n // 8]}", when=day))
        text = f"{THANKS[n % 6]} {FOLLOW_UPS[n // 6]}"
        posts.append(reply(text, when=day + timedelta(hours=1), to_handle=f"p{n % 9}"))
    return posts
