"""NLTK, imported without the optional scientific packages it would load for nothing.

`import nltk` also imports scipy.stats (for one collocation measure) and scikit-learn (for a
classifier wrapper) whenever they are installed, as they are here for training the voice
model: about 110 MB and a second or more of imports in every process that analyses posts, for
code the engine never calls. NLTK treats both as optional (each import sits in a `try … except
ImportError`), so while NLTK itself is being imported they are refused. Only that one import is
affected: scipy and scikit-learn import normally afterwards (`voice_training` does), and where
either is already loaded NLTK simply uses it.

Import NLTK's modules through here (`from profiles.analysis.nltk_loader import vader`), never
before it.
"""

from __future__ import annotations

import importlib
import importlib.abc
import sys
from types import ModuleType

# Top-level packages NLTK imports only for features the engine does not use.
_NOT_NEEDED = ("scipy", "sklearn")


class _RefuseOptional(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.partition(".")[0] in _NOT_NEEDED:
            raise ImportError(f"{name} is not loaded with NLTK (profiles.analysis.nltk_loader)")


def _import(*names: str) -> list[ModuleType]:
    if "nltk" in sys.modules or any(package in sys.modules for package in _NOT_NEEDED):
        return [importlib.import_module(name) for name in names]
    finder = _RefuseOptional()
    sys.meta_path.insert(0, finder)
    try:
        return [importlib.import_module(name) for name in names]
    finally:
        sys.meta_path.remove(finder)


nltk, vader = _import("nltk", "nltk.sentiment.vader")
