"""Writers of realistic exports in every format Voiceprint reads, and a generator of a
believable professional's history. Used by the tests, the benchmarks and the demo data.

The shapes follow real exports field for field (see the ingest package's docstrings):
string counts, HTML-escaped text, `source` anchors, edit versions, part files.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

TWITTER_EPOCH_MS = 1288834974657
# Every member of a written zip carries this time, not the clock's: the same history always gives
# the same bytes, so two uploads of it are one file (the same sha256) however long writing took.
MEMBER_TIME = (2024, 3, 1, 0, 0, 0)


class ReproducibleZipFile(zipfile.ZipFile):
    """A zip whose `writestr(name, …)` members are dated MEMBER_TIME rather than now."""

    def writestr(
        self,
        zinfo_or_arcname: zipfile.ZipInfo | str,
        data: str | bytes,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            member = zipfile.ZipInfo(zinfo_or_arcname, date_time=MEMBER_TIME)
            member.external_attr = 0o600 << 16  # what ZipFile.writestr gives a name
            zinfo_or_arcname = member
            compress_type = self.compression if compress_type is None else compress_type
            compresslevel = self.compresslevel if compresslevel is None else compresslevel
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)


LONDON = ZoneInfo("Europe/London")
CLIENTS = {
    "iphone": '<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>',
    "web": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
    "hootsuite": '<a href="https://www.hootsuite.com" rel="nofollow">Hootsuite Inc.</a>',
    "sprout": '<a href="https://sproutsocial.com" rel="nofollow">Sprout Social</a>',
}


def snowflake(moment: datetime, sequence: int = 0) -> str:
    """An X post id that encodes `moment`, as real ids since November 2010 do."""
    milliseconds = int(moment.timestamp() * 1000) - TWITTER_EPOCH_MS
    return str((milliseconds << 22) | (sequence & 0x3FFFFF))


def twitter_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%a %b %d %H:%M:%S +0000 %Y")


@dataclass
class Tweet:
    """One post as the archive stores it; `as_archive_entry` gives the exact JSON shape."""

    id: str
    created_at: datetime
    text: str
    reply_to_id: str = ""
    reply_to_user_id: str = ""
    reply_to_handle: str = ""
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (handle, user id)
    hashtags: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    likes: int = 0
    retweets: int = 0
    client: str = "iphone"
    lang: str = "en"
    edit_ids: list[str] = field(default_factory=list)

    def as_archive_entry(self) -> dict[str, Any]:
        escaped = self.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        tweet: dict[str, Any] = {
            "edit_info": {
                "initial": {
                    "editTweetIds": self.edit_ids or [self.id],
                    "editableUntil": (self.created_at + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                    "editsRemaining": "5",
                    "isEditEligible": not self.reply_to_id,
                }
            },
            "retweeted": False,
            "source": CLIENTS[self.client],
            "entities": {
                "hashtags": [{"text": tag, "indices": ["0", "1"]} for tag in self.hashtags],
                "symbols": [],
                "user_mentions": [
                    {"name": handle.title(), "screen_name": handle, "indices": ["0", "1"], "id_str": uid, "id": uid}
                    for handle, uid in self.mentions
                ],
                "urls": [
                    {
                        "url": f"https://t.co/{zlib.crc32(u.encode()):010d}",
                        "expanded_url": u,
                        "display_url": u.split("://", 1)[-1][:26],
                        "indices": ["0", "1"],
                    }
                    for u in self.urls
                ],
            },
            "display_text_range": ["0", str(len(self.text))],
            "favorite_count": str(self.likes),
            "id_str": self.id,
            "truncated": False,
            "retweet_count": str(self.retweets),
            "id": self.id,
            "created_at": twitter_date(self.created_at),
            "favorited": False,
            "full_text": escaped,
            "lang": self.lang,
        }
        if self.reply_to_id:
            tweet.update(
                in_reply_to_status_id_str=self.reply_to_id,
                in_reply_to_status_id=self.reply_to_id,
                in_reply_to_user_id_str=self.reply_to_user_id,
                in_reply_to_user_id=self.reply_to_user_id,
                in_reply_to_screen_name=self.reply_to_handle,
            )
        return {"tweet": tweet}


@dataclass
class TwitterAccount:
    account_id: str = "1199999999999999999"
    handle: str = "InspSamWright"
    display_name: str = "Inspector Sam Wright"
    timezone: str | None = "London"
    follower_ids: list[str] | None = None
    following_ids: list[str] | None = None


def ytd_file(name: str, entries: Iterable[Any], part: int = 0) -> bytes:
    """A `data/*.js` file as X writes it: a JavaScript assignment of a pretty-printed array."""
    body = json.dumps(list(entries), indent=2, ensure_ascii=False)
    return f"window.YTD.{name}.part{part} = {body}".encode()


def _write_ytd_member(archive: zipfile.ZipFile, member: str, name: str, part: int, tweets: Iterable[Tweet]) -> None:
    """Stream one tweets file into the zip, entry by entry, in X's layout."""
    with archive.open(member, "w", force_zip64=True) as out:
        out.write(f"window.YTD.{name}.part{part} = [\n".encode())
        for number, tweet in enumerate(tweets):
            entry = json.dumps(tweet.as_archive_entry(), indent=2, ensure_ascii=False)
            out.write(((",\n" if number else "") + "  " + entry.replace("\n", "\n  ")).encode())
        out.write(b"\n]")


def write_twitter_archive(
    path: Path,
    tweets: Iterable[Tweet],
    account: TwitterAccount | None = None,
    *,
    tweets_per_file: int | None = None,
    legacy_file_name: bool = False,
    extra_members: dict[str, bytes] | None = None,
    newest_first: bool = True,
) -> Path:
    """Write an X "Download your data" zip. Posts are written newest first, as X does;
    `newest_first=False` streams them in the given order without holding them all."""
    account = account or TwitterAccount()
    ordered: Iterable[Tweet] = sorted(tweets, key=lambda t: t.created_at, reverse=True) if newest_first else tweets
    name = "tweet" if legacy_file_name else "tweets"
    with ReproducibleZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("Your archive.html", "<html><body>Your archive</body></html>")
        archive.writestr("data/manifest.js", 'window.__THAR_CONFIG = {"userInfo": {}}')
        archive.writestr(
            "data/account.js",
            ytd_file(
                "account",
                [
                    {
                        "account": {
                            "email": "sam.wright@example.org",
                            "createdVia": "web",
                            "username": account.handle,
                            "accountId": account.account_id,
                            "createdAt": "2012-04-01T10:00:00.000Z",
                            "accountDisplayName": account.display_name,
                        }
                    }
                ],
            ),
        )
        if account.timezone is not None:
            archive.writestr(
                "data/account-timezone.js",
                ytd_file(
                    "accountTimezone",
                    [{"accountTimezone": {"accountId": account.account_id, "timeZone": account.timezone}}],
                ),
            )
        for ids, kind in ((account.follower_ids, "follower"), (account.following_ids, "following")):
            if ids is not None:
                archive.writestr(
                    f"data/{kind}.js",
                    ytd_file(
                        kind,
                        [
                            {kind: {"accountId": i, "userLink": f"https://twitter.com/intent/user?user_id={i}"}}
                            for i in ids
                        ],
                    ),
                )
        remaining = iter(ordered)
        part = 0
        while True:
            chunk = list(itertools.islice(remaining, tweets_per_file)) if tweets_per_file else remaining
            if part and not chunk:
                break
            member = f"data/{name}.js" if part == 0 else f"data/{name}-part{part}.js"
            _write_ytd_member(archive, member, name, part, chunk)
            if not tweets_per_file:
                break
            part += 1
        archive.writestr("data/direct-messages.js", ytd_file("directMessages", [{"dmConversation": {}}]))
        archive.writestr("data/like.js", ytd_file("like", [{"like": {"tweetId": "1", "fullText": "x"}}]))
        archive.writestr("data/tweets_media/README.txt", "media files would be here")
        for member, content in (extra_members or {}).items():
            archive.writestr(member, content)
    return path


def write_grailbird_archive(path: Path, tweets: Iterable[Tweet], account: TwitterAccount | None = None) -> Path:
    """Write a first-generation archive zip: one `data/js/tweets/YYYY_MM.js` per month, plus tweets.csv."""
    account = account or TwitterAccount()
    by_month: dict[str, list[Tweet]] = {}
    for tweet in sorted(tweets, key=lambda t: t.created_at, reverse=True):
        by_month.setdefault(tweet.created_at.strftime("%Y_%m"), []).append(tweet)
    user = {"id": account.account_id, "screen_name": account.handle, "full_name": account.display_name}
    with ReproducibleZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", "<html></html>")
        archive.writestr("README.txt", "Twitter archive")
        archive.writestr("data/js/user_details.js", f"var user_details = {json.dumps(user)}")
        archive.writestr("data/js/payload_details.js", 'var payload_details = {"tweets": 0}')
        for month, month_tweets in sorted(by_month.items()):
            objects = []
            for tweet in month_tweets:
                entry = tweet.as_archive_entry()["tweet"]
                entry["text"] = entry.pop("full_text")
                entry["created_at"] = tweet.created_at.strftime("%Y-%m-%d %H:%M:%S +0000")
                entry["user"] = {"id_str": account.account_id, "screen_name": account.handle}
                if tweet.text.startswith("RT @"):
                    entry["retweeted_status"] = {"id_str": "1", "text": tweet.text[3:]}
                objects.append(entry)
            archive.writestr(
                f"data/js/tweets/{month}.js", f"Grailbird.data.tweets_{month} = \n{json.dumps(objects, indent=1)}"
            )
        archive.writestr("tweets.csv", grailbird_csv(tweets))
    return path


def grailbird_csv(tweets: Iterable[Tweet]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "tweet_id",
            "in_reply_to_status_id",
            "in_reply_to_user_id",
            "timestamp",
            "source",
            "text",
            "retweeted_status_id",
            "retweeted_status_user_id",
            "retweeted_status_timestamp",
            "expanded_urls",
        ]
    )
    for t in sorted(tweets, key=lambda t: t.created_at, reverse=True):
        writer.writerow(
            [
                t.id,
                t.reply_to_id,
                t.reply_to_user_id,
                t.created_at.strftime("%Y-%m-%d %H:%M:%S +0000"),
                CLIENTS[t.client],
                t.text,
                "1" if t.text.startswith("RT @") else "",
                "",
                "",
                ",".join(t.urls),
            ]
        )
    return out.getvalue()


MASTODON_ACTOR = "https://mastodon.example/users/samwright"


def mastodon_note(
    number: int,
    published: datetime,
    html: str,
    *,
    in_reply_to: str | None = None,
    mentions: Iterable[str] = (),
    hashtags: Iterable[str] = (),
    public: bool = True,
) -> dict[str, Any]:
    note_id = f"{MASTODON_ACTOR}/statuses/{110000000000000000 + number}"
    audience = ["https://www.w3.org/ns/activitystreams#Public"] if public else [f"{MASTODON_ACTOR}/followers"]
    if not public and mentions:
        audience = [f"https://{m.split('@')[-1]}/users/{m.split('@')[0]}" for m in mentions]
    return {
        "id": f"{note_id}/activity",
        "type": "Create",
        "actor": MASTODON_ACTOR,
        "published": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "to": audience,
        "cc": [],
        "object": {
            "id": note_id,
            "type": "Note",
            "summary": None,
            "inReplyTo": in_reply_to,
            "published": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "url": f"https://mastodon.example/@samwright/{110000000000000000 + number}",
            "attributedTo": MASTODON_ACTOR,
            "to": audience,
            "cc": [],
            "content": html,
            "contentMap": {"en": html},
            "tag": [
                *({"type": "Mention", "href": f"https://x.example/@{m}", "name": f"@{m}"} for m in mentions),
                *({"type": "Hashtag", "href": f"https://mastodon.example/tags/{h}", "name": f"#{h}"} for h in hashtags),
            ],
            "attachment": [],
        },
    }


def mastodon_boost(number: int, published: datetime, boosted_url: str) -> dict[str, Any]:
    return {
        "id": f"{MASTODON_ACTOR}/statuses/{120000000000000000 + number}/activity",
        "type": "Announce",
        "actor": MASTODON_ACTOR,
        "published": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "cc": [],
        "object": boosted_url,
    }


def mastodon_outbox(activities: list[dict[str, Any]], *, empty_first: bool = False) -> bytes:
    """An outbox.json; `empty_first` writes the stray empty `orderedItems` one real export has."""
    items = json.dumps(activities, indent=2)
    head = '"orderedItems": [],\n  ' if empty_first else ""
    return (
        "{\n"
        '  "@context": "https://www.w3.org/ns/activitystreams",\n'
        f'  "id": "outbox.json",\n  "type": "OrderedCollection",\n  "totalItems": {len(activities)},\n'
        f'  {head}"orderedItems": {items}\n}}'
    ).encode()


def mastodon_actor() -> bytes:
    return json.dumps(
        {"id": MASTODON_ACTOR, "type": "Person", "preferredUsername": "samwright", "name": "Sam Wright"}
    ).encode()


def write_mastodon_export(path: Path, activities: list[dict[str, Any]], *, tar_gz: bool = False) -> Path:
    members = {"outbox.json": mastodon_outbox(activities), "actor.json": mastodon_actor(), "likes.json": b"{}"}
    if tar_gz:
        with tarfile.open(path, "w:gz") as archive:
            for name, content in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
    else:
        with ReproducibleZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in members.items():
                archive.writestr(name, content)
    return path


LINKEDIN_HEADER = ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"]


def linkedin_shares_csv(rows: Iterable[tuple[datetime, str, str]]) -> str:
    """`(date, share number, commentary)` rows as LinkedIn writes Shares.csv."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LINKEDIN_HEADER)
    for date, number, commentary in rows:
        link = f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{number}"
        writer.writerow([date.strftime("%Y-%m-%d %H:%M:%S"), link, commentary, "", "", "MEMBER_NETWORK"])
    return out.getvalue()


def write_linkedin_export(path: Path, rows: Iterable[tuple[datetime, str, str]]) -> Path:
    with ReproducibleZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Profile.csv", "First Name,Last Name\nSam,Wright\n")
        archive.writestr("Shares.csv", linkedin_shares_csv(rows))
    return path


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
