"""The engine's pytextrank import: Biased TextRank alone, ranking exactly as the whole library does,
over networkx's core and PageRank alone.

Both run in a fresh interpreter, since what matters is what an import leaves in sys.modules.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from bot.config import Settings

_TEXT = (
    "Dockworkers at three harbours began a strike over wages on Monday. "
    "The harbour authority said the strike had halted cargo ships, and the union said its "
    "members would keep striking until wages rose. Shipping firms warned of shortages."
)


def _run(body: str) -> dict[str, object]:
    script = textwrap.dedent(
        f"""
        import json, sys
        from bot.briefing.nlp import load_model
        nlp = load_model({Settings().spacy_model!r})
        doc = nlp({_TEXT!r})
        def rank(textrank):
            ranker = textrank.ranker(doc[:], edge_weight=1.0, token_lookback=3,
                                     pos_kept=["ADJ", "NOUN", "PROPN", "VERB"],
                                     scrubber=textrank.scrubber, stopwords={{}})
            ranker.focus_tokens = {{"strike", "harbour"}}
            ranker.node_bias = 20.0
            ranker.default_bias = 1.0
            ranker.calc_textrank()
            return ranker
        def ranks(textrank):
            return sorted((n.lemma, round(v, 12)) for n, v in rank(textrank).ranks.items())
        """
    ) + textwrap.dedent(body)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, f"the import printed to stdout: {done.stdout!r}"
    result: dict[str, object] = json.loads(lines[0])
    return result


def test_biased_textrank_leaves_out_what_the_engine_never_uses() -> None:
    result = _run(
        """
        from bot.briefing.textrank import biased_textrank
        ranks(biased_textrank())
        heavy = ["scipy.cluster", "scipy.spatial", "git", "pytextrank.topicrank", "icecream",
                 "graphviz", "networkx.generators.classic", "networkx.algorithms.centrality",
                 "networkx.readwrite.gml", "networkx.drawing.layout"]
        print(json.dumps({
            "loaded": [m for m in heavy if m in sys.modules],
            "packages_left": [p for p in ("pytextrank", "networkx") if p in sys.modules],
        }))
        """
    )
    assert result == {"loaded": [], "packages_left": []}


def test_what_it_leaves_out_is_imported_when_used(tmp_path: Path) -> None:
    """graphviz stands in for pytextrank until its lemma graph is drawn (`write_dot`)."""
    dot = tmp_path / "graph.dot"
    result = _run(
        f"""
        from bot.briefing.textrank import biased_textrank
        ranker = rank(biased_textrank())
        before = "graphviz" in sys.modules
        ranker.write_dot(path={str(dot)!r})
        print(json.dumps({{"before": before, "after": "graphviz" in sys.modules}}))
        """
    )
    assert result == {"before": False, "after": True}
    drawn = dot.read_text(encoding="utf-8")
    assert drawn.startswith("graph {")
    assert "('strike', 'NOUN')" in drawn


def test_it_ranks_as_the_whole_library_does_and_leaves_the_library_whole() -> None:
    result = _run(
        """
        from bot.briefing.textrank import TextRank, biased_textrank
        alone = ranks(biased_textrank())
        import contextlib, io
        with contextlib.redirect_stdout(io.StringIO()):
            import pytextrank
        whole = ranks(TextRank(pytextrank.BiasedTextRank, pytextrank.default_scrubber, None))
        import networkx
        print(json.dumps({"same": alone == whole, "ranked": len(alone),
                          "library_whole": hasattr(pytextrank, "TopicRank"),
                          "networkx_whole": hasattr(networkx, "complete_graph")}))
        """
    )
    assert result["same"] is True
    assert isinstance(result["ranked"], int) and result["ranked"] >= 10
    assert result["library_whole"] is True
    assert result["networkx_whole"] is True


def test_word_ranks_are_what_calc_textrank_ranks() -> None:
    """The engine runs the lemma graph and PageRank alone, not the phrase scoring after them,
    over the tokens read once from the Doc's arrays: every word must rank as the library's whole
    `calc_textrank` ranks it over the Span, also for a span that ends inside a sentence."""
    result = _run(
        """
        from bot.briefing.textrank import RankedText, biased_textrank
        textrank = biased_textrank()
        def alone(span):
            kept = ["ADJ", "NOUN", "PROPN", "VERB"]
            ranker = textrank.ranker(RankedText(span, kept), edge_weight=1.0, token_lookback=3,
                                     pos_kept=["ADJ", "NOUN", "PROPN", "VERB"],
                                     scrubber=textrank.scrubber, stopwords={})
            ranker.focus_tokens = {"strike", "harbour"}
            ranker.node_bias = 20.0
            ranker.default_bias = 1.0
            ranks = textrank.word_ranks(ranker)
            return sorted((n.lemma, round(v, 12)) for n, v in ranks.items()), len(ranker.phrases)
        def whole(span):
            ranker = textrank.ranker(span, edge_weight=1.0, token_lookback=3,
                                     pos_kept=["ADJ", "NOUN", "PROPN", "VERB"],
                                     scrubber=textrank.scrubber, stopwords={})
            ranker.focus_tokens = {"strike", "harbour"}
            ranker.node_bias = 20.0
            ranker.default_bias = 1.0
            ranker.calc_textrank()
            return sorted((n.lemma, round(v, 12)) for n, v in ranker.ranks.items())
        cut = doc[: next(doc.sents).end + 3]  # one sentence and three words of the next
        results = {}
        for name, span in (("all", doc[:]), ("cut", cut)):
            ranks, phrases = alone(span)
            results[name] = {"same": ranks == whole(span), "ranked": len(ranks),
                             "phrases": phrases}
        print(json.dumps(results))
        """
    )
    for name in ("all", "cut"):
        case = result[name]
        assert isinstance(case, dict)
        assert case["same"] is True, name
        assert case["ranked"] >= 10, name
        assert case["phrases"] == 0, name  # the phrase scoring was not run
