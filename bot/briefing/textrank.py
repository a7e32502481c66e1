"""pytextrank's Biased TextRank, imported without the rest of pytextrank.

pytextrank's package `__init__` imports every ranker it ships and its version helper: TopicRank
brings scipy's clustering (scipy.cluster, scipy.spatial, scipy.linalg, scipy.special; about half a
second of a one-shot `briefing-bot process` run), and the version helper imports GitPython, which
runs `git version`, and prints the install folder to stdout when it finds no git checkout there
(DerwenAI/pytextrank#276). The engine uses only Biased TextRank (`pytextrank.biasedrank`, on
`pytextrank.base`) and the default scrubber (`pytextrank.util`), so it imports those two modules
alone. The package's factories for spaCy pipelines are not registered: the engine builds its ranker
directly over a Span, never as a pipeline component.

The modules are imported under their own names inside a package object that is not executed, then
that package is taken out of `sys.modules` again: a later `import pytextrank` elsewhere runs the
real `__init__` and gets the whole library, unaffected.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from dataclasses import dataclass
from typing import Any

_PACKAGE = "pytextrank"
_lock = threading.Lock()


@dataclass(frozen=True)
class TextRank:
    """The two pieces of pytextrank the engine calls."""

    ranker: Any  # pytextrank.BiasedTextRank
    scrubber: Any  # pytextrank.default_scrubber


_loaded: TextRank | None = None


def biased_textrank() -> TextRank:
    """Biased TextRank and pytextrank's default scrubber, imported on first use."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _import()
        return _loaded


def _import() -> TextRank:
    if _PACKAGE in sys.modules:  # the whole library is imported already: use it
        package = importlib.import_module(_PACKAGE)
        return TextRank(package.BiasedTextRank, package.default_scrubber)
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.submodule_search_locations is None:
        raise ModuleNotFoundError(f"No module named {_PACKAGE!r}", name=_PACKAGE)
    # The submodules import each other relatively ("from .base import ..."), which needs their
    # package in sys.modules while they load; an unexecuted one is enough.
    before = set(sys.modules)
    sys.modules[_PACKAGE] = importlib.util.module_from_spec(spec)
    try:
        biasedrank = importlib.import_module(f"{_PACKAGE}.biasedrank")
        util = importlib.import_module(f"{_PACKAGE}.util")
    finally:
        for name in set(sys.modules) - before:
            if name == _PACKAGE or name.startswith(f"{_PACKAGE}."):
                del sys.modules[name]
    return TextRank(biasedrank.BiasedTextRank, util.default_scrubber)
