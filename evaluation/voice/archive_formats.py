"""Readers for the post-history shapes the voice corpus is gathered from.

Each reader turns the text of one file into ``ArchivedPost`` records and nothing else: which posts
are kept, and how many, is decided in ``build_corpus``. Standard library only, so the corpus can be
rebuilt on any machine with Python and git.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

# A link to another post on the same service: a post carrying one (and its own comment) is a quote.
_STATUS_LINK = re.compile(r"twitter\.com/\w+/status(?:es)?/\d+", re.IGNORECASE)


@dataclass(frozen=True)
class ArchivedPost:
    """One post as its source file has it, before any filtering."""

    post_id: str
    account: str
    created_at: str  # ISO 8601, UTC offset kept
    kind: str  # original / reply / quote
    text: str
    is_repost: bool  # a retweet, native or manual ("RT @…"): not the account's own words
    truncated: bool  # the source cut the text short ("…" + link): the voice can't be read whole
    language: str  # the source's own language tag, or "" when the source has none


class UnreadableArchive(ValueError):
    """A source file does not have the shape its reader expects."""


def iso_timestamp(raw: str) -> str:
    """Both timestamp shapes the sources use, as ISO 8601.

    Grailbird archives write ``2012-02-01 01:45:10 +0000``; the API (and the customer-support
    dataset) writes ``Wed Feb 01 01:45:10 +0000 2012``.
    """
    for shape in ("%Y-%m-%d %H:%M:%S %z", "%a %b %d %H:%M:%S %z %Y"):
        try:
            return datetime.strptime(raw.strip(), shape).isoformat()  # noqa: DTZ007 - both shapes carry %z
        except ValueError:
            continue
    raise UnreadableArchive(f"unrecognised timestamp {raw!r}")


def _is_manual_repost(text: str) -> bool:
    return text.lstrip().upper().startswith(("RT @", "RT:", "MT @"))


def _kind_of(tweet: dict, text: str, account: str) -> str:
    replied_to = (tweet.get("in_reply_to_screen_name") or "").lower()
    if replied_to == account.lower():
        # A reply to oneself continues a thread: it speaks to the same audience as the first post.
        return "original"
    if replied_to or tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_user_id") or text.startswith("@"):
        # Before 2009 replies carried no reply fields; a post opening on a name was addressed to it.
        return "reply"
    urls = [u.get("expanded_url") or "" for u in (tweet.get("entities") or {}).get("urls", [])]
    if tweet.get("quoted_status_id_str") or tweet.get("is_quote_status") or any(_STATUS_LINK.search(u) for u in urls):
        return "quote"
    return "original"


def _post_from_api_shape(tweet: dict, account: str) -> ArchivedPost:
    text = html.unescape(tweet.get("full_text") or tweet.get("text") or "")
    return ArchivedPost(
        post_id=str(tweet.get("id_str") or tweet["id"]),
        account=account,
        created_at=iso_timestamp(tweet["created_at"]),
        kind=_kind_of(tweet, text, account),
        text=text,
        is_repost=bool(tweet.get("retweeted_status")) or _is_manual_repost(text),
        truncated=bool(tweet.get("truncated")),
        language=tweet.get("lang") or "",
    )


def read_grailbird_month(content: str) -> list[ArchivedPost]:
    """One month of a first-generation Twitter archive, ``data/js/tweets/YYYY_MM.js``.

    The file is a JavaScript assignment, ``Grailbird.data.tweets_2012_01 = [ {...}, ... ]``; the
    author is each tweet's own ``user.screen_name``.
    """
    _, sep, payload = content.partition("=")
    if not sep:
        raise UnreadableArchive("not a Grailbird month file: no assignment")
    try:
        tweets = json.loads(payload)
    except json.JSONDecodeError as error:
        raise UnreadableArchive(f"not a Grailbird month file: {error}") from error
    return [_post_from_api_shape(tweet, tweet["user"]["screen_name"]) for tweet in tweets]


def read_api_timeline(content: str, account: str) -> list[ArchivedPost]:
    """A saved ``statuses/user_timeline`` answer: a JSON list of tweets by one account.

    Timelines saved with ``trim_user`` carry no screen name, so the caller names the account.
    """
    try:
        tweets = json.loads(content)
    except json.JSONDecodeError as error:
        raise UnreadableArchive(f"not a timeline file: {error}") from error
    if not isinstance(tweets, list):
        raise UnreadableArchive("not a timeline file: expected a JSON list")
    return [_post_from_api_shape(tweet, account) for tweet in tweets]


def read_customer_support_csv(content: str) -> list[ArchivedPost]:
    """The "Customer Support on Twitter" CSV: companies' replies among anonymised customers.

    Only outbound rows (``inbound`` False) are a company's own posts; customers are numbered, so
    their rows are never kept as accounts.
    """
    rows = csv.DictReader(io.StringIO(content))
    needed = {"tweet_id", "author_id", "inbound", "created_at", "text", "in_response_to_tweet_id"}
    if not needed <= set(rows.fieldnames or ()):
        raise UnreadableArchive(f"not a customer-support CSV: missing {sorted(needed - set(rows.fieldnames or ()))}")
    posts = []
    for row in rows:
        if row["inbound"].strip().lower() != "false":
            continue
        text = html.unescape(row["text"])
        posts.append(
            ArchivedPost(
                post_id=row["tweet_id"],
                account=row["author_id"],
                created_at=iso_timestamp(row["created_at"]),
                kind="reply" if row["in_response_to_tweet_id"].strip() else "original",
                text=text,
                is_repost=_is_manual_repost(text),
                truncated=False,
                language="",
            )
        )
    return posts


# A headline cut short by the service that posted it ends in an ellipsis, often followed by its links.
_CUT_SHORT = re.compile(r"(?:…|\.\.\.)\s*(?:https?://\S+\s*)*$")


def read_id_date_text_lines(content: str, account: str) -> list[ArchivedPost]:
    """One account's timeline saved as lines of ``<tweet id>|<API timestamp>|<text>``.

    This is the shape of the UCI "Health News in Twitter" files, one file per account, so the caller
    names the account. The lines carry no reply or retweet fields: a post opening on an @name is a
    reply, one opening on "RT @" a retweet, and a text ending in an ellipsis (before its links) was
    cut short by the tool that posted it.
    """
    posts = []
    # Split on newlines only: a text may hold U+0085, which str.splitlines() would also break on.
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        post_id, sep, rest = line.partition("|")
        created_at, sep2, raw_text = rest.partition("|")
        if not (sep and sep2 and post_id.strip().isdigit()):
            raise UnreadableArchive(f"line {number} is not <id>|<timestamp>|<text>")
        text = html.unescape(raw_text.strip())
        posts.append(
            ArchivedPost(
                post_id=post_id.strip(),
                account=account,
                created_at=iso_timestamp(created_at),
                kind="reply" if text.startswith("@") else "quote" if _STATUS_LINK.search(text) else "original",
                text=text,
                is_repost=_is_manual_repost(text),
                truncated=bool(_CUT_SHORT.search(text)),
                language="",
            )
        )
    return posts


_GETOLDTWEETS_COLUMNS = {"date", "username", "to", "text", "id"}


def read_getoldtweets_csv(content: str) -> list[ArchivedPost]:
    """A GetOldTweets export of one account's own timeline: ``date,username,to,…,text,…,id,permalink``.

    The tool read the public profile page, so every row is the account's own post (no retweets)
    with its whole text, and ``date`` is UTC without an offset (checked against the time coded in
    the post ids). ``to`` names the account replied to: empty, or the account itself for a thread,
    is an original; the page drops the leading @name of a reply, so ``to`` is the only sign of one.
    """
    rows = csv.DictReader(io.StringIO(content))
    missing = sorted(_GETOLDTWEETS_COLUMNS - set(rows.fieldnames or ()))
    if missing:
        raise UnreadableArchive(f"not a GetOldTweets CSV: missing {missing}")
    posts = []
    for row in rows:
        account, replied_to = row["username"].strip(), row["to"].strip()
        text = html.unescape(row["text"])
        try:
            created = datetime.strptime(row["date"].strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        except ValueError as error:
            raise UnreadableArchive(f"unrecognised timestamp {row['date']!r}") from error
        if replied_to and replied_to.lower() != account.lower():
            kind = "reply"
        else:
            kind = "quote" if _STATUS_LINK.search(text) else "original"
        posts.append(
            ArchivedPost(
                post_id=row["id"].strip(),
                account=account,
                created_at=created.isoformat(),
                kind=kind,
                text=text,
                is_repost=_is_manual_repost(text),
                truncated=False,
                language="",
            )
        )
    return posts
