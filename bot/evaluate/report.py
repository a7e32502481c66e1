"""The evaluation as a table to read or as JSON for tools."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.evaluate.baselines import BASELINE_LABELS, BASELINE_OF_FIELD
from bot.evaluate.run import (
    ENGINE,
    METRICS,
    ArticleResult,
    Evaluation,
    metric_value,
    ratios,
)
from bot.evaluate.scoring import Ratio


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render_table(evaluation: Evaluation) -> str:
    """One readable table: metric rows; engine and baseline columns, overall then per article."""
    scopes = [("overall", list(evaluation.articles))] + [
        (f"[{n}]", [result]) for n, result in enumerate(evaluation.articles, start=1)
    ]
    systems = (ENGINE, *BASELINE_LABELS)
    values = [(label, {s: ratios(results, s) for s in systems}) for label, results in scopes]

    head = f"{'field':<7} {'metric':<16}"
    lines = [
        f"{'':<24}" + "".join(f"{label:^19}" for label, _ in values),
        head + "".join(f"{'engine':>9}{'baseline':>10}" for _ in values),
    ]
    for metric in METRICS:
        field_name, name = metric.split(".", 1)
        row = f"{field_name:<7} {name:<16}"
        baseline = BASELINE_OF_FIELD.get(field_name)
        for _, by_system in values:
            row += f"{_cell(metric_value(by_system[ENGINE], metric)):>9}"
            base = metric_value(by_system[baseline], metric) if baseline else None
            row += f"{_cell(base):>10}"
        lines.append(row)
    engine = values[0][1][ENGINE]
    counts = [f"{m} {engine[m].hits}/{engine[m].total}" for m in METRICS if m in engine]
    lines += ["", "engine, overall counts:"]
    lines += [f"  {', '.join(counts[i : i + 4])}" for i in range(0, len(counts), 4)]
    lines.append("baselines:")
    lines += [f"  {f}: {BASELINE_LABELS[b]}" for f, b in BASELINE_OF_FIELD.items()]
    lines.append("articles (required items):")
    for n, result in enumerate(evaluation.articles, start=1):
        gold = result.gold
        lines.append(
            f"  [{n}] {gold.name}: {sum(not a.optional for a in gold.actors)} actors, "
            f"{sum(not q.optional for q in gold.quotes)} quotes, "
            f"{sum(not e.optional for e in gold.events)} dates"
        )
    return "\n".join(line.rstrip() for line in lines)


def _ratios_json(values: Mapping[str, Ratio], fields: Iterable[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for metric in METRICS:
        if metric.split(".", 1)[0] not in fields:
            continue
        ratio = values.get(metric)
        if metric.endswith(".f1"):
            out[metric] = {"value": metric_value(values, metric)}
        elif ratio is not None:
            out[metric] = {"value": ratio.value, "hits": ratio.hits, "total": ratio.total}
    return out


def _systems_json(results: Sequence[ArticleResult]) -> dict[str, Any]:
    fields = {metric.split(".", 1)[0] for metric in METRICS}
    systems: dict[str, Any] = {ENGINE: _ratios_json(ratios(results, ENGINE), fields)}
    for field_name, baseline in BASELINE_OF_FIELD.items():
        systems[baseline] = _ratios_json(ratios(results, baseline), [field_name])
    return systems


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """The same numbers as the table, plus what the engine missed in each article."""
    return {
        "baselines": {
            f: {"name": b, "label": BASELINE_LABELS[b]} for f, b in BASELINE_OF_FIELD.items()
        },
        "overall": _systems_json(evaluation.articles),
        "articles": [
            {
                "gold": result.gold.name,
                "article": str(result.gold.article),
                "published": result.gold.published.isoformat(),
                "scores": _systems_json([result]),
                "engine_misses": {
                    name: score.misses for name, score in result.scores[ENGINE].items()
                },
            }
            for result in evaluation.articles
        ],
    }


def render_summary(evaluations: Mapping[str, Evaluation], labels: Mapping[str, str]) -> str:
    """Every gold set side by side, engine beside the baseline of each field, overall only."""
    names = list(evaluations)
    systems = (ENGINE, *BASELINE_LABELS)
    values = {n: {s: ratios(evaluations[n].articles, s) for s in systems} for n in names}
    lines = [
        f"{'':<24}" + "".join(f"{n:^19}" for n in names),
        f"{'field':<7} {'metric':<16}" + "".join(f"{'engine':>9}{'baseline':>10}" for _ in names),
    ]
    for metric in METRICS:
        field_name, name = metric.split(".", 1)
        baseline = BASELINE_OF_FIELD.get(field_name)
        row = f"{field_name:<7} {name:<16}"
        for n in names:
            row += f"{_cell(metric_value(values[n][ENGINE], metric)):>9}"
            base = metric_value(values[n][baseline], metric) if baseline else None
            row += f"{_cell(base):>10}"
        lines.append(row)
    lines += ["", "sets:"]
    for n in names:
        articles = evaluations[n].articles
        lines.append(f"  {n}: {labels.get(n, n)}, {len(articles)} articles")
    lines.append("baselines:")
    lines += [f"  {f}: {BASELINE_LABELS[b]}" for f, b in BASELINE_OF_FIELD.items()]
    lines.append("  topics: none (no baseline names subjects)")
    lines.append("actors.non_actors is a rate: non-actors listed as actors per article (lower is")
    lines.append("better); every other figure is a share. Per article: --gold DIR, or --json.")
    return "\n".join(line.rstrip() for line in lines)


def summary_json(
    evaluations: Mapping[str, Evaluation], labels: Mapping[str, str]
) -> dict[str, Any]:
    """Each set's scores and per-article misses, as `evaluation_json` gives for one folder."""
    return {
        "sets": {
            name: {"label": labels.get(name, name), **evaluation_json(evaluation)}
            for name, evaluation in evaluations.items()
        }
    }
