"""Writers of realistic exports in every format Voiceprint reads. Used by the tests, the
benchmarks and the demo data; the posts they write come from `samples.histories`.

The shapes follow real exports field for field (see the ingest package's docstrings):
string counts, HTML-escaped text, `source` anchors, edit versions, part files.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import tarfile
import zipfile
import zlib
from collections.abc import Iterable
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
