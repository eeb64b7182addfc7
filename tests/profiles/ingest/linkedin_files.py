"""LinkedIn `Shares.csv` files in both of LinkedIn's layouts, written as LinkedIn writes them."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

HEADER_2020 = ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"]
HEADER_2018 = ["Date", "Share Title", "Share Description", "Share Link", "Share Commentary", "Shared URL",
               "Media URL", "Type", "Visibility"]  # fmt: skip


@dataclass(frozen=True)
class Share:
    date: datetime
    urn: str  # "urn:li:share:7100…", "urn:li:groupPost:4242-7100…"
    lines: tuple[str, ...] = ()  # the commentary, line by line
    shared_url: str = ""
    media_url: str = ""
    encode_link: bool = True

    @property
    def link(self) -> str:
        urn = self.urn.replace(":", "%3A") if self.encode_link else self.urn
        return f"https://www.linkedin.com/feed/update/{urn}" if self.urn else ""

    @property
    def commentary(self) -> str:
        # LinkedIn's quoting: every line of a multi-line post wrapped in its own quotes.
        return '"\n"'.join(self.lines)


def shares_csv_2020(shares: list[Share]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER_2020)
    for share in shares:
        writer.writerow([share.date.strftime("%Y-%m-%d %H:%M:%S"), share.link, share.commentary, share.shared_url,
                         share.media_url, "MEMBER_NETWORK"])  # fmt: skip
    return out.getvalue().encode("utf-8")


def shares_csv_2018(shares: list[Share]) -> bytes:
    """UTF-16 with a byte-order mark, tab separated, every field quoted, `2017/06/08 08:15:44 UTC` dates."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER_2018)
    for share in shares:
        writer.writerow([share.date.strftime("%Y/%m/%d %H:%M:%S UTC"), "", "", share.link, share.commentary,
                         share.shared_url, share.media_url, "", "CONNECTIONS"])  # fmt: skip
    return out.getvalue().encode("utf-16")


def write_linkedin_zip(path: Path, shares_csv: bytes) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Profile.csv", "First Name,Last Name\nSam,Wright\n")
        archive.writestr("Shares.csv", shares_csv)
    return path


def professional_shares(start: datetime) -> list[Share]:
    """A realistic mix: posts, a group's posts, a multi-line post, a reshare, a photo listed twice."""

    def at(minutes: int) -> datetime:
        return start + timedelta(minutes=minutes)

    group = "urn:li:groupPost:4242"
    return [
        Share(at(0), "urn:li:share:7100000000000000001", ("Glad to be back at the conference.",)),
        Share(at(10), f"{group}-7100000000000000002", ("First post in the safety group.",)),
        Share(at(20), f"{group}-7100000000000000003", ("Second post in the same group.",)),
        Share(at(30), "urn:li:ugcPost:7100000000000000004", ("Three things I learnt this year:", "", "1. Listen.")),
        Share(at(40), "urn:li:activity:7100000000000000005"),  # a plain reshare: nothing of the author's
        Share(at(50), "urn:li:share:7100000000000000006", media_url="https://media.licdn.com/photo.jpg"),
        Share(at(50), "urn:li:share:7100000000000000006", media_url="https://media.licdn.com/photo.jpg"),
    ]
