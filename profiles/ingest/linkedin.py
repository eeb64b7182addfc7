"""LinkedIn's data export: `Shares.csv` (Date, ShareLink, ShareCommentary, SharedUrl, …)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from urllib.parse import unquote

from profiles.ingest.containers import Container, member_label
from profiles.ingest.csvstream import csv_rows
from profiles.ingest.records import AccountInfo, ImportReport, NormalisedPost, Platform, PostKind
from profiles.ingest.text import hashtags_in, links_in, mentions_in, parse_iso_datetime

LINKEDIN_COLUMNS = frozenset({"date", "sharelink", "sharecommentary"})
URN = re.compile(r"urn:li:[a-zA-Z]+:\d+")


def _share_id(link: str, date: str, text: str) -> str:
    match = URN.search(unquote(link))
    if match:
        return match.group(0)
    # No link to take an id from: derive a stable one, so re-importing finds the same post.
    return "sha1:" + hashlib.sha1(f"{date}\n{text}".encode(), usedforsecurity=False).hexdigest()[:20]


class LinkedInShares:
    format = "linkedin-shares"

    def __init__(self, container: Container, member: str) -> None:
        self._container = container
        self._member = member
        self.report = ImportReport(format=self.format, source_files=[member])
        self.account = AccountInfo(platform=Platform.LINKEDIN)

    def posts(self) -> Iterator[NormalisedPost]:
        label = member_label(self._container, self._member)
        with self._container.open(self._member) as raw:
            for location, row in csv_rows(raw, label, LINKEDIN_COLUMNS):
                date = (row.get("date") or "").strip()
                if not date:
                    self.report.skip(location, "no date")
                    continue
                try:
                    created_at = parse_iso_datetime(date)
                except ValueError:
                    self.report.skip(location, f"an unreadable date {date[:40]!r}")
                    continue
                text = (row.get("sharecommentary") or "").strip()
                shared_url = (row.get("sharedurl") or "").strip()
                link = (row.get("sharelink") or "").strip()
                urls = tuple(dict.fromkeys([*links_in(text), *([shared_url] if shared_url else [])]))
                post = NormalisedPost(
                    platform=Platform.LINKEDIN,
                    external_id=_share_id(link, date, text),
                    created_at=created_at,
                    text=text,
                    # A share with nothing of the author's own words is passing on someone else's post.
                    kind=PostKind.REPOST if not text and shared_url else PostKind.ORIGINAL,
                    mentions=mentions_in(text),
                    hashtags=hashtags_in(text),
                    urls=urls,
                    url=link,
                )
                if self.report.admit(post, location):
                    yield post
