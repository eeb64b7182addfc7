"""Where uploaded histories are written: whole files only, under their final name."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage

PARTIAL_SUFFIX = ".partial"


class AtomicFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that writes each file under a temporary name in the same folder, flushes
    it to disk, and only then links it to its final name.

    A crash mid-upload leaves at most a `.*.partial` file that no row names (removed later by
    `partial_files_remove`), never a short file under a name a history points to.
    """

    def _save(self, name: str, content: Any) -> str:
        full_path = Path(self.path(name))
        full_path.parent.mkdir(parents=True, exist_ok=True, mode=self.directory_permissions_mode or 0o777)
        descriptor, temporary = tempfile.mkstemp(dir=full_path.parent, prefix=".", suffix=PARTIAL_SUFFIX)
        try:
            with os.fdopen(descriptor, "wb") as out:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            Path(temporary).chmod(self.file_permissions_mode if self.file_permissions_mode is not None else 0o644)
            while True:
                try:
                    os.link(temporary, full_path)  # atomic, and like O_EXCL it never replaces a file
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = Path(self.path(name))
        finally:
            Path(temporary).unlink(missing_ok=True)
        return str(name).replace("\\", "/")


def partial_files_remove(storage: FileSystemStorage, *, older_than_s: float = 24 * 3600) -> int:
    """Delete what interrupted writes left behind (no row names them). Returns how many went."""
    root = Path(storage.location)
    if not root.is_dir():
        return 0
    cutoff = time.time() - older_than_s
    removed = 0
    for leftover in root.rglob(f".*{PARTIAL_SUFFIX}"):
        if leftover.is_file() and leftover.stat().st_mtime < cutoff:
            leftover.unlink(missing_ok=True)
            removed += 1
    return removed
