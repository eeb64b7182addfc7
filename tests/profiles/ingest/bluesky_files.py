"""Bluesky repository exports (`.car`), written the way a server exports an account's repository.

A small DAG-CBOR encoder (maps with keys in canonical order, links as tag 42), a Merkle search
tree built by the protocol's rule (a key's layer is the leading zero bits of its SHA-256, two
bits a layer), a signed-commit block naming the DID, and CAR v1 framing around it all.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

DID = "did:plc:w4xbfzo7kqfes5zb7r6qv3rw"
OTHER_DID = "did:plc:ragtjsm2j2vknwkz3zp4oxrd"
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Link:
    """A CID where DAG-CBOR wants a link (tag 42), not a string."""

    cid: bytes


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, "B"), (25, "H"), (26, "I"), (27, "Q")):
        if value < 256 ** struct.calcsize(size):
            return bytes([major << 5 | extra]) + struct.pack(">" + size, value)
    raise ValueError("too large")


def dag_cbor(value: Any) -> bytes:  # noqa: PLR0911 - one branch per kind of value
    """Canonical DAG-CBOR: shortest lengths, map keys by length then bytes, links as tag 42."""
    if value is None:
        return b"\xf6"
    if value is True or value is False:
        return b"\xf5" if value else b"\xf4"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, str):
        encoded = value.encode()
        return _head(3, len(encoded)) + encoded
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, Link):
        return b"\xd8\x2a" + dag_cbor(b"\x00" + value.cid)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(dag_cbor(item) for item in value)
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: (len(key.encode()), key.encode()))
        return _head(5, len(keys)) + b"".join(dag_cbor(key) + dag_cbor(value[key]) for key in keys)
    raise TypeError(type(value))


def cid_of(block: bytes) -> bytes:
    """CIDv1, DAG-CBOR, SHA-256: what a repository names every block by."""
    return b"\x01\x71\x12\x20" + hashlib.sha256(block).digest()


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def tid(moment: datetime, clock: int = 0) -> str:
    """A record key: microseconds since the epoch and a clock id, 13 sortable base32 characters."""
    value = int(moment.timestamp() * 1_000_000) << 10 | clock
    return "".join(TID_ALPHABET[(value >> (5 * (12 - n))) & 31] for n in range(13))


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def post_uri(did: str, rkey: str) -> str:
    return f"at://{did}/app.bsky.feed.post/{rkey}"


def _layer(key: str) -> int:
    digest = hashlib.sha256(key.encode()).digest()
    zeros = 0
    for byte in digest:
        if byte:
            zeros += 8 - byte.bit_length()
            break
        zeros += 8
    return zeros // 2


@dataclass
class Repository:
    """An account's records, keyed `collection/rkey`, as a `.car` export."""

    did: str = DID
    records: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, collection: str, moment: datetime, record: dict[str, Any], clock: int = 0) -> str:
        rkey = tid(moment, clock)
        self.records[f"{collection}/{rkey}"] = {"$type": collection, **record, "createdAt": iso(moment)}
        return rkey

    def post(self, moment: datetime, text: str, **fields: Any) -> str:
        return self.add("app.bsky.feed.post", moment, {"text": text, "langs": ["en"], **fields})

    def reply(self, moment: datetime, text: str, parent_uri: str, root_uri: str | None = None) -> str:
        ref = {"uri": parent_uri, "cid": "bafyreib2rxk3rh6kzwq"}
        root = {"uri": root_uri or parent_uri, "cid": "bafyreib2rxk3rh6kzwq"}
        return self.post(moment, text, reply={"root": root, "parent": ref})

    def quote(self, moment: datetime, text: str, quoted_uri: str) -> str:
        embed = {"$type": "app.bsky.embed.record", "record": {"uri": quoted_uri, "cid": "bafyreib2rxk3rh6kzwq"}}
        return self.post(moment, text, embed=embed)

    def repost(self, moment: datetime, subject_uri: str) -> str:
        subject = {"uri": subject_uri, "cid": "bafyreib2rxk3rh6kzwq"}
        return self.add("app.bsky.feed.repost", moment, {"subject": subject})

    def blocks(self) -> tuple[bytes, list[tuple[bytes, bytes]]]:
        """(commit CID, blocks as (CID, bytes)): the commit, the tree's nodes, then the records."""
        record_blocks = {key: dag_cbor(record) for key, record in self.records.items()}
        nodes: list[tuple[bytes, bytes]] = []
        items = sorted((key, cid_of(block)) for key, block in record_blocks.items())
        top = max((_layer(key) for key, _ in items), default=0)
        root = self._node(items, top, nodes)
        commit = dag_cbor({"did": self.did, "version": 3, "data": Link(root), "rev": tid(datetime.now(UTC)),
                           "prev": None, "sig": bytes(64)})  # fmt: skip
        records = [(cid_of(block), block) for block in record_blocks.values()]
        return cid_of(commit), [(cid_of(commit), commit), *nodes, *records]

    def _node(self, items: list[tuple[str, bytes]], layer: int, nodes: list[tuple[bytes, bytes]]) -> bytes:
        here = [index for index, (key, _) in enumerate(items) if _layer(key) == layer]
        bounds = [-1, *here, len(items)]

        def subtree(start: int, end: int) -> Link | None:
            part = items[start + 1 : end]
            return Link(self._node(part, layer - 1, nodes)) if part and layer > 0 else None

        entries, previous = [], b""
        for position, index in enumerate(here):
            key = items[index][0].encode()
            shared = next((n for n, (a, b) in enumerate(zip(key, previous, strict=False)) if a != b),
                          min(len(key), len(previous)))  # fmt: skip
            entries.append({"p": shared, "k": key[shared:], "v": Link(items[index][1]),
                            "t": subtree(index, bounds[position + 2])})  # fmt: skip
            previous = key
        node = dag_cbor({"l": subtree(-1, bounds[1]), "e": entries})
        nodes.append((cid_of(node), node))
        return cid_of(node)

    def car(self) -> bytes:
        root, blocks = self.blocks()
        header = dag_cbor({"roots": [Link(root)], "version": 1})
        body = b"".join(varint(len(cid) + len(block)) + cid + block for cid, block in blocks)
        return varint(len(header)) + header + body

    def write(self, path: Path) -> Path:
        path.write_bytes(self.car())
        return path


def professional_repository(start: datetime) -> Repository:
    """A small but complete account: posts, a thread, replies, a quote, reposts, likes, follows."""

    def at(minutes: int) -> datetime:
        return start + timedelta(minutes=minutes)

    repo = Repository()
    repo.add("app.bsky.actor.profile", at(0), {"displayName": "Inspector Sam Wright"})
    repo.records["app.bsky.actor.profile/self"] = repo.records.pop(next(iter(repo.records)))
    text = "Thanks @council.example.org for the new bike racks https://example.org/racks #SaferStreets"
    encoded = text.encode()
    mention = (encoded.index(b"@council"), encoded.index(b" for"))
    link = (encoded.index(b"https"), encoded.index(b" #"))
    facets = [
        {"index": {"byteStart": mention[0], "byteEnd": mention[1]},
         "features": [{"$type": "app.bsky.richtext.facet#mention", "did": OTHER_DID}]},
        {"index": {"byteStart": link[0], "byteEnd": link[1]},
         "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://example.org/racks"}]},
    ]  # fmt: skip
    first = repo.post(at(0), text, facets=facets)
    repo.reply(at(3), "And the racks by the library are covered, too. 2/2", post_uri(repo.did, first))
    thread = repo.post(at(10), "Our spring walkabouts start on Monday: 1/3")
    second = repo.reply(at(11), "Tuesdays we are at the market. 2/3", post_uri(repo.did, thread))
    repo.reply(at(12), "Thursdays at the school gates. 3/3", post_uri(repo.did, second), post_uri(repo.did, thread))
    repo.reply(at(20), "Thank you, passed on to the team.", post_uri(OTHER_DID, "3kq2abcdefg2a"))
    repo.reply(at(25), "Yes, the station is open on Sundays.", post_uri(OTHER_DID, "3kq2abcdefg3b"))
    repo.quote(at(30), "Worth reading before the weekend.", post_uri(OTHER_DID, "3kq2abcdefg4c"))
    repo.post(at(40), "Wer kommt morgen zur Bürgerversammlung?", langs=["de"])
    repo.repost(at(50), post_uri(OTHER_DID, "3kq2abcdefg5d"))
    repo.repost(at(55), post_uri(OTHER_DID, "3kq2abcdefg6e"))
    for n in range(5):
        repo.add("app.bsky.feed.like", at(60 + n), {"subject": {"uri": post_uri(OTHER_DID, f"3kq2abcdefg7{n}"),
                                                                "cid": "bafyreib2rxk3rh6kzwq"}})  # fmt: skip
    repo.add("app.bsky.graph.follow", at(70), {"subject": OTHER_DID})
    return repo


# What professional_repository holds, counted by hand.
PROFESSIONAL_KINDS = {"original": 3, "reply": 5, "repost": 2, "quote": 1}
PROFESSIONAL_SELF_REPLIES = 3
