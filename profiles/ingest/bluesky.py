"""Bluesky's "Export my data": the account's whole repository as one `.car` file.

The repository is a signed commit (naming the account's DID) over a Merkle search tree whose
keys are `<collection>/<record key>` and whose values are the records' CIDs. The blocks come in
no promised order, so one pass keeps what a post needs: each tree node's keys (rebuilt from its
prefix compression, node by node, without walking the tree), the posts', reposts' and profile's
records by CID, and the commit. Likes, follows and everything else are decoded and dropped.

- `app.bsky.feed.post`: an original; a reply when it has `reply` (a thread when the parent is the
  account's own); a quote when it embeds a record (`app.bsky.embed.record`, or with media).
- `app.bsky.feed.repost`: a repost of `subject.uri`.
A post's id is its `at://` URI; its address `https://bsky.app/profile/<did>/post/<record key>`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, NamedTuple

from profiles.ingest.car import DAG_CBOR, CarReader, decode_block
from profiles.ingest.containers import Container, member_label
from profiles.ingest.errors import MALFORMED_FIELD, HistoryFormatError
from profiles.ingest.records import AccountInfo, ImportReport, NormalisedPost, Platform, PostKind
from profiles.ingest.text import hashtags_in

POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"
PROFILE = "app.bsky.actor.profile"
QUOTE_EMBEDS = frozenset({"app.bsky.embed.record", "app.bsky.embed.recordWithMedia"})
MENTION = "app.bsky.richtext.facet#mention"
LINK = "app.bsky.richtext.facet#link"
TAG = "app.bsky.richtext.facet#tag"
KEPT_COLLECTIONS = (f"{POST}/", f"{REPOST}/", f"{PROFILE}/")
MAX_TEXT_CHARS = 100_000
MAX_FACETS = 200


class _Kept(NamedTuple):
    """What a post or repost record contributes, held until its key is known."""

    collection: str
    created_at: str
    text: str
    reply_parent: str
    quote: bool
    subject: str
    language: str
    mentions: tuple[str, ...]
    links: tuple[str, ...]
    tags: tuple[str, ...]


def _uri_parts(uri: str) -> tuple[str, str, str]:
    """`at://<did>/<collection>/<rkey>` → (did, collection, rkey); empty strings where absent."""
    parts = uri.removeprefix("at://").split("/") if uri.startswith("at://") else []
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def bsky_app_url(did: str, rkey: str) -> str:
    return f"https://bsky.app/profile/{did}/post/{rkey}" if did and rkey else ""


def _facets(record: dict[str, Any], text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(mentioned handles, links, hashtags) from the record's facets (byte ranges of the UTF-8 text)."""
    mentions: list[str] = []
    links: list[str] = []
    tags: list[str] = []
    facets = record.get("facets")
    if not isinstance(facets, list):
        return (), (), ()
    encoded = text.encode("utf-8")
    for facet in facets[:MAX_FACETS]:
        if not isinstance(facet, dict):
            continue
        features = facet.get("features")
        for feature in features if isinstance(features, list) else ():
            if not isinstance(feature, dict):
                continue
            kind = feature.get("$type")
            if kind == MENTION:
                span = facet.get("index") or {}
                start, end = span.get("byteStart"), span.get("byteEnd")
                if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(encoded):
                    handle = encoded[start:end].decode("utf-8", "replace").lstrip("@")
                    mentions.append(handle or str(feature.get("did") or ""))
            elif kind == LINK and isinstance(feature.get("uri"), str):
                links.append(feature["uri"])
            elif kind == TAG and isinstance(feature.get("tag"), str):
                tags.append(feature["tag"])
    return tuple(mentions), tuple(dict.fromkeys(links)), tuple(tags)


def _kept(record: dict[str, Any]) -> _Kept | None:
    kind = record.get("$type")
    created_at = str(record.get("createdAt") or "")
    if kind == REPOST:
        subject = record.get("subject") or {}
        return _Kept(REPOST, created_at, "", "", False, str(subject.get("uri") or ""), "", (), (), ())
    if kind != POST:
        return None
    text = str(record.get("text") or "")[:MAX_TEXT_CHARS]
    reply = record.get("reply") or {}
    parent = str((reply.get("parent") or {}).get("uri") or "") if isinstance(reply, dict) else ""
    embed = record.get("embed")
    quote = isinstance(embed, dict) and embed.get("$type") in QUOTE_EMBEDS
    langs = record.get("langs")
    language = str(langs[0])[:16] if isinstance(langs, list) and langs else ""
    mentions, links, tags = _facets(record, text)
    return _Kept(POST, created_at, text, parent, quote, "", language, mentions, links, tags)


def _tree_keys(node: dict[str, Any]) -> Iterator[tuple[str, bytes]]:
    """(key, record CID) of a tree node's entries: each key is the previous one's first `p` bytes + `k`."""
    previous = b""
    for entry in node["e"]:
        key = previous[: entry["p"]] + entry["k"]
        previous = key
        if isinstance(entry.get("v"), bytes):
            yield key.decode("utf-8", "replace"), entry["v"]


def _is_tree_node(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("e"), list) and "l" in value


def _is_commit(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("did"), str) and "data" in value and "sig" in value


class BlueskyRepository:
    format = "bluesky-car"

    def __init__(self, container: Container, member: str) -> None:
        self._container = container
        self._member = member
        self.report = ImportReport(format=self.format, source_files=[member])
        self.account = AccountInfo(platform=Platform.BLUESKY)
        self._read_account()

    def _read_account(self) -> None:
        """The DID and display name, known once opened (the import stores them before the posts).

        A server writes the commit first and the profile early (its key sorts first), so this
        stops after a few blocks; `posts()` reads every block again and checks the same.
        """
        label = member_label(self._container, self._member)
        with self._container.open(self._member) as raw:
            car = CarReader(raw, label)
            roots = set(car.roots)
            for number, cid, codec, data in car.blocks():
                if codec != DAG_CBOR:
                    continue
                value = decode_block(data, label, f"at block {number:,}")
                if _is_commit(value) and (cid in roots or not self.account.account_id):
                    self.account.account_id = value["did"][:200]
                elif isinstance(value, dict) and value.get("$type") == PROFILE:
                    self.account.display_name = str(value.get("displayName") or "")[:200]
                if self.account.account_id and self.account.display_name:
                    return

    def posts(self) -> Iterator[NormalisedPost]:
        label = member_label(self._container, self._member)
        keys: list[tuple[str, bytes]] = []
        kept: dict[bytes, _Kept] = {}
        with self._container.open(self._member) as raw:
            car = CarReader(raw, label)
            roots = set(car.roots)
            for number, cid, codec, data in car.blocks():
                if codec != DAG_CBOR:
                    continue
                value = decode_block(data, label, f"at block {number:,}")
                try:
                    if _is_tree_node(value):
                        for key, record_cid in _tree_keys(value):
                            if key.startswith(KEPT_COLLECTIONS):
                                keys.append((key, record_cid))
                    elif _is_commit(value) and (cid in roots or not self.account.account_id):
                        self.account.account_id = value["did"][:200]
                    elif isinstance(value, dict) and value.get("$type") == PROFILE:
                        self.account.display_name = str(value.get("displayName") or "")[:200]
                    elif isinstance(value, dict) and (record := _kept(value)) is not None:
                        kept[cid] = record
                except MALFORMED_FIELD as error:
                    self.report.skip(f"{label}, block {number:,}", f"a block of an unexpected form ({error})"[:120])
        if not self.account.account_id.startswith("did:"):
            raise HistoryFormatError(
                f"{label} has no signed commit naming its account, so it is not a whole Bluesky repository. "
                "Export your data from Bluesky again (Settings, Export my data) and upload that .car file.",
                detail="no commit block",
            )
        yield from self._posts(label, keys, kept)

    def _posts(self, label: str, keys: list[tuple[str, bytes]], kept: dict[bytes, _Kept]) -> Iterator[NormalisedPost]:
        did = self.account.account_id
        named: set[bytes] = set()
        for key, cid in sorted(keys):
            record = kept.get(cid)
            if record is None:
                continue
            named.add(cid)
            collection, _, rkey = key.partition("/")
            location = f"{label}, {key}"
            try:
                created_at = datetime.fromisoformat(record.created_at.replace("Z", "+00:00"))
                # In the try: a date at the calendar's edge with an offset overflows on conversion.
                created_at = created_at.replace(tzinfo=UTC) if created_at.tzinfo is None else created_at.astimezone(UTC)
            except (ValueError, OverflowError):
                self.report.skip(location, f"an unreadable date {record.created_at[:40]!r}")
                continue
            post = self._post(did, collection, rkey, record, created_at)
            if self.report.admit(post, location):
                yield post
        if len(named) < len(kept):
            # Records no tree node names: left over from edits, not part of the account as it stands.
            # Each is a record left out, so each is counted, under one example.
            outside = len(kept) - len(named)
            self.report.skip(label, f"{outside:,} records outside the repository's tree", records=outside)

    def _post(self, did: str, collection: str, rkey: str, record: _Kept, created_at: datetime) -> NormalisedPost:
        uri = f"at://{did}/{collection}/{rkey}"
        if record.collection == REPOST:
            subject_did, _, subject_rkey = _uri_parts(record.subject)
            return NormalisedPost(
                platform=Platform.BLUESKY,
                external_id=uri,
                created_at=created_at,
                text="",
                kind=PostKind.REPOST,
                url=bsky_app_url(subject_did, subject_rkey),
            )
        parent_did = _uri_parts(record.reply_parent)[0]
        kind = PostKind.REPLY if record.reply_parent else PostKind.QUOTE if record.quote else PostKind.ORIGINAL
        return NormalisedPost(
            platform=Platform.BLUESKY,
            external_id=uri,
            created_at=created_at,
            text=record.text,
            kind=kind,
            reply_to_post_id=record.reply_parent[:200],
            reply_to_account_id=parent_did[:200],
            is_self_reply=bool(record.reply_parent) and parent_did == did,
            mentions=record.mentions,
            hashtags=tuple(dict.fromkeys([*record.tags, *hashtags_in(record.text)])),
            urls=record.links,
            language=record.language,
            url=bsky_app_url(did, rkey),
        )
