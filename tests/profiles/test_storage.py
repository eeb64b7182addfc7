"""Uploads reach their final name whole, or not at all."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.files.base import ContentFile, File

from coaching import services
from coaching.models import Order
from profiles.models import PostHistory
from profiles.storage import AtomicFileSystemStorage, partial_files_remove
from tests.factories import UserFactory


class BrokenMidway(File):
    """An upload whose connection drops after the first chunk."""

    def chunks(self, chunk_size=None):
        yield b"first part of the archive"
        raise OSError("connection reset by peer")


def test_a_saved_file_is_whole_and_leaves_nothing_else_behind(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)

    name = storage.save("upload.bin", ContentFile(b"x" * 100_000))

    assert (tmp_path / name).read_bytes() == b"x" * 100_000
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_write_cut_short_leaves_no_file_under_the_name(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)

    with pytest.raises(OSError, match="connection reset"):
        storage.save("upload.bin", BrokenMidway(io.BytesIO(), name="upload.bin"))

    assert list(tmp_path.iterdir()) == []


def test_a_name_taken_meanwhile_is_never_overwritten(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    (tmp_path / "upload.bin").write_bytes(b"earlier")

    name = storage._save("upload.bin", ContentFile(b"later"))

    assert (tmp_path / "upload.bin").read_bytes() == b"earlier"
    assert (tmp_path / name).read_bytes() == b"later"


@pytest.mark.django_db
def test_an_upload_that_breaks_midway_places_no_order(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    class SecondReadFails(io.BytesIO):
        """Read whole once (the checksum), then cut short while being stored."""

        reads = 0

        def seek(self, *args):
            SecondReadFails.reads += 1
            return super().seek(*args)

        def read(self, size=-1):
            if SecondReadFails.reads > 3:
                raise OSError("connection reset by peer")
            return super().read(size)

    with pytest.raises(OSError, match="connection reset"):
        services.order_create(client=UserFactory(), upload=SecondReadFails(b"id,created_at,text\n" * 1000),
                              original_name="posts.csv", product="self_serve", timezone_name="UTC",
                              working_hours="Mon-Fri 09:00-17:00", consent=True)  # fmt: skip

    assert Order.objects.count() == PostHistory.objects.count() == 0
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_leftovers_of_interrupted_writes_are_removed_after_a_day(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    old, fresh = tmp_path / ".old.partial", tmp_path / ".fresh.partial"
    for leftover in (old, fresh):
        leftover.write_bytes(b"half")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    kept = storage.save("upload.bin", ContentFile(b"whole"))

    assert partial_files_remove(storage) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".fresh.partial", kept])
