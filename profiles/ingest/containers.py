"""Safe access to an uploaded file: a zip, a tar.gz, or one bare file.

Nothing is ever extracted to disk. Members are read as streams, after the archive as a
whole has been checked against `Limits`: member count, names that climb out of the
archive (`../`, absolute paths), symbolic links, nested archives, and the declared size
and compression ratio of every member that will be read (zip bombs).
"""

from __future__ import annotations

import gzip
import io
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Protocol

from profiles.ingest.errors import HistoryFormatError

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
GZIP_MAGIC = b"\x1f\x8b"
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".gz", ".7z", ".rar")


def human_size(size: float) -> str:
    """`1536` → `1.5 KB`: sizes in messages people read."""
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" or size >= 10 else f"{size:,.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Limits:
    """Bounds on what an upload may make the importer do. Defaults fit real exports with room."""

    # An X archive with years of photos can pass a gigabyte; its post files are far smaller.
    max_upload_bytes: int = 2 * 1024**3
    # Bytes decompressed from the members actually read (the post files, not the media).
    max_uncompressed_bytes: int = 4 * 1024**3
    max_members: int = 200_000
    # Tweet JSON compresses about 10:1; a member claiming far more is a bomb, not a history.
    max_compression_ratio: int = 200
    # A single JS/JSON assignment prefix ("window.YTD.tweets.part0 = ") is short.
    max_prefix_bytes: int = 4096


class Container(Protocol):
    """An upload seen as named members (a bare file is a container of one)."""

    label: str

    def names(self) -> list[str]: ...

    def open(self, name: str) -> IO[bytes]: ...


def _check_member_name(label: str, name: str) -> None:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (name[1:3] == ":\\"):
        raise HistoryFormatError(
            f"{label} contains a file named {name!r} that points outside the archive. "
            "Upload the archive exactly as the platform sent it.",
            detail="path traversal in member name",
        )


def member_label(container: Container, member: str) -> str:
    """How a file is named in messages: `upload.zip: data/tweets.js`, or just `tweets.js` when bare."""
    return member if container.label == member else f"{container.label}: {member}"


class ZipContainer:
    def __init__(self, path: Path, label: str, limits: Limits) -> None:
        self.label = label
        self._limits = limits
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as error:
            raise HistoryFormatError(
                f"{label} is not a readable zip file (it may be cut short). "
                "Download the archive again and upload it unchanged.",
                detail=str(error),
            ) from error
        infos = self._zip.infolist()
        if len(infos) > limits.max_members:
            raise HistoryFormatError(
                f"{label} holds {len(infos):,} files, more than the {limits.max_members:,} a post archive "
                "can have. Upload the archive exactly as the platform sent it.",
                detail="member count limit",
            )
        self._infos = {}
        for info in infos:
            _check_member_name(label, info.filename)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise HistoryFormatError(
                    f"{label} contains a symbolic link ({info.filename}); post archives never do. "
                    "Upload the archive exactly as the platform sent it.",
                    detail="symlink member",
                )
            if not info.is_dir():
                self._infos[info.filename] = info
        self._read_bytes = 0

    def names(self) -> list[str]:
        return list(self._infos)

    def open(self, name: str) -> IO[bytes]:
        info = self._infos[name]
        if info.file_size > 0 and info.compress_size > 0:
            ratio = info.file_size / info.compress_size
            if ratio > self._limits.max_compression_ratio:
                raise HistoryFormatError(
                    f"{self.label}: {name} unpacks to {ratio:,.0f} times its packed size, which no real "
                    "export does. Upload the archive exactly as the platform sent it.",
                    detail="compression ratio limit",
                )
        # zipfile never returns more than the declared size, so checking it bounds the read.
        self._read_bytes += info.file_size
        if self._read_bytes > self._limits.max_uncompressed_bytes:
            raise HistoryFormatError(
                f"{self.label} unpacks to more than {human_size(self._limits.max_uncompressed_bytes)} of posts, "
                "beyond what Voiceprint reads. Contact us if your history really is that large.",
                detail="uncompressed size limit",
            )
        if info.flag_bits & 0x1:
            raise HistoryFormatError(
                f"{self.label} is password-protected. Upload the archive without a password.",
                detail="encrypted member",
            )
        try:
            return self._zip.open(info)
        except (zipfile.BadZipFile, NotImplementedError, OSError) as error:
            raise HistoryFormatError(
                f"{self.label}: {name} cannot be unpacked ({error}). Download the archive again and upload it "
                "unchanged.",
                detail=str(error),
            ) from error

    def close(self) -> None:
        self._zip.close()


class _CountingReader(io.RawIOBase):
    """Raises once more than `limit` bytes have come out of the wrapped stream."""

    def __init__(self, raw: IO[bytes], limit: int, on_exceeded: HistoryFormatError) -> None:
        self._raw = raw
        self._left = limit
        self._on_exceeded = on_exceeded

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = self._raw.read(len(buffer))
        self._left -= len(chunk)
        if self._left < 0:
            raise self._on_exceeded
        buffer[: len(chunk)] = chunk
        return len(chunk)


class TarContainer:
    """A tar.gz read as a stream (one pass per member opened), so a gzip bomb is cut off early."""

    def __init__(self, path: Path, label: str, limits: Limits) -> None:
        self.label = label
        self._path = path
        self._limits = limits
        self._names: list[str] = []
        self._open_passes: list[tarfile.TarFile] = []
        with self._stream() as archive:
            for count, member in enumerate(self._members(archive), start=1):
                if count > limits.max_members:
                    raise HistoryFormatError(
                        f"{label} holds more than {limits.max_members:,} files, more than a post archive can "
                        "have. Upload the archive exactly as the platform sent it.",
                        detail="member count limit",
                    )
                if member.isfile():
                    self._names.append(member.name)

    @contextmanager
    def _stream(self) -> Iterator[tarfile.TarFile]:
        bomb = HistoryFormatError(
            f"{self.label} unpacks to more than {human_size(self._limits.max_uncompressed_bytes)}, beyond what "
            "Voiceprint reads. Upload the archive exactly as the platform sent it.",
            detail="uncompressed size limit",
        )
        raw = gzip.open(self._path, "rb")  # noqa: SIM115 - closed below or by close()
        counted = io.BufferedReader(_CountingReader(raw, self._limits.max_uncompressed_bytes, bomb))
        try:
            archive = tarfile.open(fileobj=counted, mode="r|")  # noqa: SIM115
        except (tarfile.TarError, OSError, EOFError) as error:
            raw.close()
            raise HistoryFormatError(
                f"{self.label} is compressed but is not a readable .tar.gz archive. Download the archive again "
                "and upload it unchanged.",
                detail=str(error),
            ) from error
        try:
            yield archive
        finally:
            archive.close()
            raw.close()

    def _members(self, archive: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
        try:
            for member in archive:
                _check_member_name(self.label, member.name)
                if member.issym() or member.islnk():
                    raise HistoryFormatError(
                        f"{self.label} contains a link ({member.name}); post archives never do. "
                        "Upload the archive exactly as the platform sent it.",
                        detail="link member",
                    )
                yield member
        except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
            raise HistoryFormatError(
                f"{self.label} is damaged or cut short. Download the archive again and upload it unchanged.",
                detail=str(error),
            ) from error

    def names(self) -> list[str]:
        return list(self._names)

    def open(self, name: str) -> IO[bytes]:
        stream = self._stream()
        archive = stream.__enter__()
        self._open_passes.append(archive)
        for member in self._members(archive):
            if member.name == name and member.isfile():
                extracted = archive.extractfile(member)
                if extracted is not None:
                    return extracted
        raise HistoryFormatError(f"{self.label}: {name} could not be read.", detail="member vanished")

    def close(self) -> None:
        for archive in self._open_passes:
            archive.close()


class SingleFile:
    """A bare file uploaded on its own (tweets.js, outbox.json, a CSV)."""

    def __init__(self, path: Path, label: str) -> None:
        self.label = label
        self._path = path
        self._handles: list[IO[bytes]] = []

    def names(self) -> list[str]:
        return [self.label]

    def open(self, name: str) -> IO[bytes]:
        handle = self._path.open("rb")
        self._handles.append(handle)
        return handle

    def close(self) -> None:
        for handle in self._handles:
            handle.close()


@contextmanager
def open_container(path: Path, label: str, limits: Limits) -> Iterator[ZipContainer | TarContainer | SingleFile]:
    """Open an upload by what its bytes are, never by its name; checks size and emptiness first."""
    size = path.stat().st_size
    if size == 0:
        raise HistoryFormatError(f"{label} is empty. Upload the file your platform's export gave you.")
    if size > limits.max_upload_bytes:
        raise HistoryFormatError(
            f"{label} is {human_size(size)}, more than the {human_size(limits.max_upload_bytes)} limit. "
            "Upload only the archive's data (for X: the zip without the media folders).",
            detail="upload size limit",
        )
    with path.open("rb") as handle:
        magic = handle.read(4)
    container: ZipContainer | TarContainer | SingleFile
    if magic == EMPTY_ZIP_MAGIC:
        raise HistoryFormatError(f"{label} is an empty zip. Upload the archive your platform sent you.")
    if magic.startswith(ZIP_MAGIC):
        container = ZipContainer(path, label, limits)
    elif magic.startswith(GZIP_MAGIC):
        container = TarContainer(path, label, limits)
    else:
        container = SingleFile(path, label)
    try:
        yield container
    finally:
        container.close()
