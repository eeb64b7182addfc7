"""Content-addressed archives (CAR v1), read as a stream with every size bounded.

A CAR file is a varint-prefixed DAG-CBOR header `{"roots": [cid], "version": 1}`, then blocks,
each a varint length followed by a CID and the block's DAG-CBOR bytes. Blocks are decoded with
libipld (a strict DAG-CBOR decoder: canonical maps, no tag but the CID's, nesting refused past
the interpreter's recursion limit). Every block whose CID names a SHA-256 digest is checked
against it, so a damaged download is refused rather than read wrong.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import IO, Any

import libipld

from profiles.ingest.errors import HistoryFormatError

MAX_HEADER_BYTES = 64 * 1024
# A repository's blocks are records (a post is a few kilobytes at most) and tree nodes; images
# are never in it. 2 MiB is far above any real block and bounds what one block can make us hold.
MAX_BLOCK_BYTES = 2 * 1024 * 1024
# Every post, like, follow and tree node of a very active account, with room.
MAX_BLOCKS = 5_000_000
MAX_VARINT_BYTES = 9
DAG_CBOR = 0x71
SHA2_256 = 0x12


def _damaged(label: str, where: str, why: str) -> HistoryFormatError:
    return HistoryFormatError(
        f"{label} is damaged or cut short {where} ({why}). Export your data from Bluesky again and upload "
        "the .car file unchanged.",
        detail=f"CAR {where}: {why}",
    )


def _varint(buffer: bytes, offset: int) -> tuple[int, int]:
    """The unsigned LEB128 varint at `offset` and the offset after it; ValueError if malformed."""
    value = shift = 0
    for position in range(offset, min(offset + MAX_VARINT_BYTES, len(buffer))):
        byte = buffer[position]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, position + 1
        shift += 7
    raise ValueError("a length that does not end")


def _read_varint(stream: IO[bytes]) -> int | None:
    """A varint from the stream; None at a clean end of the stream; ValueError if cut or too long."""
    value = shift = 0
    for count in range(MAX_VARINT_BYTES):
        byte = stream.read(1)
        if not byte:
            if count == 0:
                return None
            raise ValueError("the file ends inside a length")
        value |= (byte[0] & 0x7F) << shift
        if not byte[0] & 0x80:
            return value
        shift += 7
    raise ValueError("a length that does not end")


def looks_like_car(head: bytes) -> bool:
    """Whether the first bytes are a CAR v1 header (by content, never by the file's name)."""
    try:
        length, start = _varint(head, 0)
    except ValueError:
        return False
    header = head[start : start + length]
    return 0 < length <= MAX_HEADER_BYTES and header[:1] == b"\xa2" and b"roots" in header and b"version" in header


def decode_block(data: bytes, label: str, where: str) -> Any:
    """A block's DAG-CBOR as Python values (CIDs as their bytes); a located error when it is not DAG-CBOR."""
    try:
        return libipld.decode_dag_cbor(data)
    except RecursionError as error:
        raise _damaged(label, where, "data nested deeper than any record") from error
    except (ValueError, TypeError, OverflowError) as error:
        raise _damaged(label, where, f"not DAG-CBOR: {str(error)[:80]}") from error


def _split_cid(block: bytes) -> tuple[bytes, int, int, bytes]:
    """(cid bytes, codec, multihash code, digest) at the start of a block; ValueError if malformed."""
    if block[:2] == b"\x12\x20":  # CIDv0: a bare SHA-256 multihash of DAG-PB data
        return block[:34], 0x70, SHA2_256, block[2:34]
    version, offset = _varint(block, 0)
    if version != 1:
        raise ValueError(f"CID version {version}")
    codec, offset = _varint(block, offset)
    hash_code, offset = _varint(block, offset)
    digest_length, offset = _varint(block, offset)
    end = offset + digest_length
    if digest_length > 64 or end > len(block):
        raise ValueError("a CID longer than its block")
    return block[:end], codec, hash_code, block[offset:end]


class CarReader:
    """The roots and the blocks of a CAR stream: `roots` after opening, then `blocks()` once."""

    def __init__(self, stream: IO[bytes], label: str) -> None:
        self._stream = stream
        self.label = label
        try:
            length = _read_varint(stream)
        except ValueError as error:
            raise _damaged(label, "in its header", str(error)) from error
        if not length or length > MAX_HEADER_BYTES:
            raise _damaged(label, "in its header", "no header of a readable size")
        raw = stream.read(length)
        if len(raw) < length:
            raise _damaged(label, "in its header", "the file ends inside it")
        header = decode_block(raw, label, "in its header")
        roots = header.get("roots") if isinstance(header, dict) else None
        if not isinstance(header, dict) or header.get("version") != 1 or not isinstance(roots, list):
            raise HistoryFormatError(
                f"{label} is not a Bluesky repository export Voiceprint reads (only CAR version 1 is). "
                "Export your data from Bluesky again (Settings, Export my data) and upload that file.",
                detail=f"CAR header {str(header)[:80]}",
            )
        self.roots = [root for root in roots if isinstance(root, bytes)]

    def blocks(self) -> Iterator[tuple[int, bytes, int, bytes]]:
        """(block number, CID bytes, codec, block data), each checked against its CID's digest."""
        stream, label = self._stream, self.label
        number = 0
        while True:
            where = f"at block {number + 1:,}"
            try:
                length = _read_varint(stream)
            except ValueError as error:
                raise _damaged(label, where, str(error)) from error
            if length is None:
                return
            number += 1
            if number > MAX_BLOCKS:
                raise HistoryFormatError(
                    f"{label} holds more than {MAX_BLOCKS:,} blocks, more than any Bluesky account's repository. "
                    "Upload the .car file exactly as Bluesky exported it.",
                    detail="CAR block count limit",
                )
            if not 0 < length <= MAX_BLOCK_BYTES:
                raise _damaged(label, where, f"a block of {length:,} bytes")
            block = stream.read(length)
            if len(block) < length:
                raise _damaged(label, where, "the file ends inside it")
            try:
                cid, codec, hash_code, digest = _split_cid(block)
            except (ValueError, IndexError) as error:
                raise _damaged(label, where, f"an unreadable CID: {error}") from error
            data = block[len(cid) :]
            if hash_code == SHA2_256 and hashlib.sha256(data).digest() != digest:
                raise _damaged(label, where, "its content does not match its checksum")
            yield number, cid, codec, data
