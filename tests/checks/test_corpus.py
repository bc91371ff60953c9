"""The labelled corpus: its size and the quality targets of the issue, as a regression gate."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("check_quality", ROOT / "benchmarks" / "check_quality.py")
quality = importlib.util.module_from_spec(spec)
spec.loader.exec_module(quality)

TARGETS = {"overreach": (0.85, 0.85), "vague": (0.75, 0.85)}


@pytest.mark.parametrize("corpus", ["requirements.csv", "holdout.csv", "independent.csv", "blind2.csv", "blind3.csv"])
@pytest.mark.parametrize("category", sorted(TARGETS))
def test_precision_and_recall_meet_targets(corpus, category):
    rows = quality.load(ROOT / "tests" / "corpus" / corpus)
    for row in rows:
        row["predicted"] = quality.predict(row)
    tp, fp, fn = quality.score(rows, lambda rules: {r for r in rules if quality.RULES[r].category == category})
    precision, recall = quality.ratio(tp, tp + fp), quality.ratio(tp, tp + fn)
    assert precision >= TARGETS[category][0] and recall >= TARGETS[category][1], (precision, recall)


def test_corpus_is_large_and_bilingual():
    rows = quality.load(ROOT / "tests" / "corpus" / "requirements.csv")
    assert len(rows) >= 200
    assert {r["lang"] for r in rows} == {"sv", "en"}
    assert all(r["rules"] <= set(quality.RULES) for r in rows)
