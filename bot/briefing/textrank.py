"""pytextrank's Biased TextRank, imported without the rest of pytextrank or of what it imports.

pytextrank's package `__init__` imports every ranker it ships and its version helper: TopicRank
brings scipy's clustering (scipy.cluster, scipy.spatial, scipy.linalg, scipy.special; about half a
second of a one-shot `briefing-bot process` run), and the version helper imports GitPython, which
runs `git version`, and prints the install folder to stdout when it finds no git checkout there
(DerwenAI/pytextrank#276). The engine uses only Biased TextRank (`pytextrank.biasedrank`, on
`pytextrank.base`) and the default scrubber (`pytextrank.util`), so it imports those two modules
alone. The package's factories for spaCy pipelines are not registered: the engine builds its ranker
directly over a Span, never as a pipeline component.

`pytextrank.base` itself imports more than the ranking calls:
- networkx whole, for `nx.Graph` and `nx.pagerank`: networkx's `__init__` imports every algorithm,
  generator, reader, writer and drawing module it has (about 280 modules, 0.2-0.4 s here). It is
  run with those five subpackages present but not executed, then PageRank's own module is
  imported and published as `pagerank`, as the full `__init__` would: about 30 modules.
- icecream (its debug print, reached only for a language without noun chunks) and graphviz (for
  `write_dot`): each is replaced by a stand-in whose names import the real module when used.

The modules are imported under their own names inside a package object that is not executed, then
every module this import added under those names is taken out of `sys.modules` again: a later
`import pytextrank` or `import networkx` elsewhere runs the real `__init__` and gets the whole
library, unaffected. A library someone imported before is used as it is.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import threading
import types
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Span

_PACKAGE = "pytextrank"
_NETWORKX = "networkx"
# networkx's subpackages that its `__init__` imports whole and PageRank does not need.
_NETWORKX_UNUSED = ("algorithms", "generators", "readwrite", "linalg", "drawing")
_PAGERANK = "networkx.algorithms.link_analysis.pagerank_alg"
# What pytextrank.base imports and the engine never calls.
_DEFERRED = ("icecream", "graphviz")
_lock = threading.Lock()


@dataclass(frozen=True)
class TextRank:
    """The pieces of pytextrank the engine calls, and the PageRank its rankers run."""

    ranker: Any  # pytextrank.BiasedTextRank
    scrubber: Any  # pytextrank.default_scrubber
    pagerank: Any  # networkx.pagerank, as pytextrank.base calls it

    def word_ranks(self, ranker: Any) -> dict[Any, float]:
        """The rank of each of the ranker's lemma-graph nodes, as its `calc_textrank()` ranks
        them: the same graph and biased PageRank. The rest of calc_textrank, scoring every noun
        chunk and entity as a phrase (about 40% of its time), is left out: the engine reads
        only the words' ranks and gathers its phrases itself."""
        ranker.reset()
        graph = ranker._construct_graph()
        ranker.ranks = self.pagerank(graph, personalization=ranker.get_personalization())
        ranks: dict[Any, float] = ranker.ranks
        return ranks


class _Word:
    """A token as the ranker reads it: its index, text, lemma and part of speech."""

    __slots__ = ("i", "lemma_", "pos_", "text")

    def __init__(self, i: int, text: str, lemma: str, pos: str) -> None:
        self.i, self.text, self.lemma_, self.pos_ = i, text, lemma, pos


class RankedText:
    """What a ranker reads of a Span, its tokens and the sentences they are in, read from the
    Doc's arrays once, and only the tokens of the parts of speech it keeps (`pos_kept`): it
    drops the others itself, as the graph's nodes, in its edges and in the bias alike. The
    ranker walks its text three times (the nodes, the edges, the bias) and reads each token's
    lemma, part of speech and text: over a Span, each walk builds spaCy's Token objects and
    looks their strings up anew, for every token. Only `word_ranks` reads it: the ranker's
    phrase scoring (`calc_textrank`) needs a real Span."""

    def __init__(self, span: Span, pos_kept: Collection[str]) -> None:
        from spacy.attrs import LEMMA, ORTH, POS

        doc = span.doc
        # As Span.sents gives them: whole sentences, the last one past the span's end if the
        # span ends inside it. (spaCy's type stub leaves Span.sents out.)
        sentences = span.sents  # type: ignore[attr-defined]
        bounds = [(sentence.start, sentence.end) for sentence in sentences]
        low = min([span.start, *(start for start, _ in bounds)])
        high = max([span.end, *(end for _, end in bounds)])
        strings = doc.vocab.strings
        kept = {strings[pos] for pos in pos_kept}
        known: dict[int, str] = {}

        def text_of(key: int) -> str:
            found = known.get(key)
            if found is None:
                found = known[key] = strings[key]
            return found

        rows = doc.to_array([ORTH, LEMMA, POS])[low:high].tolist()
        words = [
            _Word(low + n, text_of(orth), text_of(lemma), text_of(pos)) if pos in kept else None
            for n, (orth, lemma, pos) in enumerate(rows)
        ]

        def among(start: int, end: int) -> list[_Word]:
            return [word for word in words[start - low : end - low] if word is not None]

        self._words = among(span.start, span.end)
        self._sentences = [among(start, end) for start, end in bounds]

    def __iter__(self) -> Iterator[_Word]:
        return iter(self._words)

    @property
    def sents(self) -> Iterator[list[_Word]]:
        return iter(self._sentences)


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
        base = importlib.import_module(f"{_PACKAGE}.base")
        return TextRank(package.BiasedTextRank, package.default_scrubber, base.nx.pagerank)
    before = set(sys.modules)
    try:
        for name in _DEFERRED:
            if name not in sys.modules:
                sys.modules[name] = _StandIn(name)
        if _NETWORKX not in sys.modules:
            _import_networkx_for_pagerank()
        # The submodules import each other relatively ("from .base import ..."), which needs
        # their package in sys.modules while they load; an unexecuted one is enough.
        sys.modules[_PACKAGE] = _unexecuted_package(_PACKAGE)
        biasedrank = importlib.import_module(f"{_PACKAGE}.biasedrank")
        util = importlib.import_module(f"{_PACKAGE}.util")
        base = importlib.import_module(f"{_PACKAGE}.base")  # loaded by biasedrank already
    finally:
        owned = (_PACKAGE, _NETWORKX, *_DEFERRED)
        for name in set(sys.modules) - before:
            if name.partition(".")[0] in owned:
                del sys.modules[name]
    return TextRank(biasedrank.BiasedTextRank, util.default_scrubber, base.nx.pagerank)


def _import_networkx_for_pagerank() -> None:
    """networkx's `__init__` over its core (graph classes, conversions, configuration), with
    the subpackages it would import whole left unexecuted; then PageRank, as `nx.pagerank`."""
    for name in _NETWORKX_UNUSED:
        sys.modules[f"{_NETWORKX}.{name}"] = _unexecuted_package(f"{_NETWORKX}.{name}")
    networkx = importlib.import_module(_NETWORKX)
    # What the full `__init__`'s "from networkx.algorithms import *" would have published.
    vars(networkx)["pagerank"] = importlib.import_module(_PAGERANK).pagerank


def _unexecuted_package(name: str) -> types.ModuleType:
    """The package `name` as a module object whose `__init__` has not run (its submodules can
    still be imported)."""
    top, _, sub = name.partition(".")
    spec = importlib.util.find_spec(top)
    if sub and spec is not None:  # find_spec("a.b") would import "a": look in a's folders
        spec = importlib.machinery.PathFinder.find_spec(name, spec.submodule_search_locations)
    if spec is None or spec.submodule_search_locations is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    return importlib.util.module_from_spec(spec)


class _StandIn(types.ModuleType):
    """In place of a module pytextrank imports and the engine never calls: each name taken from
    it ("from icecream import ic", "graphviz.Graph") imports the real module when it is used."""

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):  # the import system asks for __path__, __all__ and such
            raise AttributeError(attr)
        return _Deferred(self.__name__, attr)


class _Deferred:
    """`module.name`, imported the first time it is called or one of its attributes is read."""

    def __init__(self, module: str, name: str) -> None:
        self._module, self._name = module, name

    def _target(self) -> Any:
        return getattr(importlib.import_module(self._module), self._name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._target()(*args, **kwargs)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._target(), attr)
