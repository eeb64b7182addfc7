"""Reading a source repository's files at a pinned commit, from a bare git directory fetched beforehand."""

from __future__ import annotations

import subprocess
from pathlib import Path


class CorpusError(RuntimeError):
    """A source cannot be read as pinned: the run stops rather than write a partial corpus."""


def git(git_dir: Path, *args: str) -> str:
    # The git directory and the arguments come from the pinned table, never from outside input.
    result = subprocess.run(
        ["git", f"--git-dir={git_dir}", *args],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise CorpusError(f"git {' '.join(args)} in {git_dir}: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode("utf-8")


def read_blobs(git_dir: Path, commit: str, paths: list[str]) -> dict[str, bytes | None]:
    """The files at ``commit`` in one git process; ``None`` for a file the copy does not hold."""
    request = "".join(f"{commit}:{path}\n" for path in paths).encode()
    result = subprocess.run(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"],
        input=request,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise CorpusError(f"git cat-file in {git_dir}: {result.stderr.decode(errors='replace').strip()}")
    blobs: dict[str, bytes | None] = {}
    output, offset = result.stdout, 0
    for path in paths:
        end = output.index(b"\n", offset)
        header = output[offset:end].split()
        offset = end + 1
        if header[-1] == b"missing":
            blobs[path] = None
            continue
        size = int(header[2])
        blobs[path] = output[offset : offset + size]
        offset += size + 1  # the content is followed by a newline
    return blobs


def git_dir_for(mirror: Path, repo: str) -> Path:
    """Where a fetched repository's git directory is: ``<mirror>/<owner>+<name>/repo[/.git]``."""
    base = mirror / repo.replace("/", "+") / "repo"
    if (base / ".git").is_dir():
        return base / ".git"
    if (base / "HEAD").is_file():
        return base
    raise CorpusError(f"{repo} is not fetched under {mirror} (looked for {base})")
