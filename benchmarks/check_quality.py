"""Precision and recall of procura's text rules on the labelled corpus, per category and per rule.

    python benchmarks/check_quality.py [--corpus tests/corpus/requirements.csv] [--misses]

A sentence counts as a true positive for a category when it is labelled with a rule of that
category and the checker reports any non-info finding of that category.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from procura.checks.findings import Location, Severity
from procura.checks.rules import RULES
from procura.checks.statements import Context, Statement, analyse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "requirements.csv"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    for row in rows:
        row["rules"] = {r for r in row["rules"].split(",") if r}
        row["estimated_value_sek"] = float(row["estimated_value_sek"]) if row["estimated_value_sek"] else None
    return rows


def predict(row: dict) -> set[str]:
    statement = Statement.of(row["text"], Location())
    findings = analyse(statement, Context(row["estimated_value_sek"]))
    return {f.rule for f in findings if f.severity is not Severity.info}


def score(rows: list[dict], key) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for row in rows:
        expected, got = key(row["rules"]), key(row["predicted"])
        tp += bool(expected and got)
        fp += bool(got and not expected)
        fn += bool(expected and not got)
    return tp, fp, fn


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--misses", action="store_true", help="print false positives and false negatives")
    args = parser.parse_args()
    rows = load(args.corpus)
    for row in rows:
        row["predicted"] = predict(row)
    print(f"corpus: {args.corpus} ({len(rows)} sentences, "
          f"{sum(1 for r in rows if r['lang'] == 'sv')} Swedish, {sum(1 for r in rows if r['lang'] == 'en')} English)")
    print(f"{'category':<14}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
    for category in ("overreach", "vague"):
        def key(rules: set[str], c: str = category) -> set[str]:
            return {r for r in rules if RULES[r].category == c}
        tp, fp, fn = score(rows, key)
        print(f"{category:<14}{ratio(tp, tp + fp):>10.2f}{ratio(tp, tp + fn):>8.2f}{tp:>5}{fp:>5}{fn:>5}")
    print(f"\n{'rule':<14}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
    for rule_id in RULES:
        tp, fp, fn = score(rows, lambda rules, r=rule_id: {r} & rules)
        if tp + fp + fn:
            print(f"{rule_id:<14}{ratio(tp, tp + fp):>10.2f}{ratio(tp, tp + fn):>8.2f}{tp:>5}{fp:>5}{fn:>5}")
    if args.misses:
        for row in rows:
            if row["rules"] != row["predicted"]:
                print(f"expected {sorted(row['rules'])} got {sorted(row['predicted'])}: {row['text']}")


if __name__ == "__main__":
    main()
