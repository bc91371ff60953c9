"""Precision and recall of procura's text rules on a labelled corpus, per category and per rule.

    python benchmarks/check_quality.py [--corpus tests/corpus/requirements.csv] [--misses]
    python benchmarks/check_quality.py --corpus tests/corpus/real.csv [--split tune|test|all] [--misses]
    python benchmarks/check_quality.py --import-labels /tmp/realcorpus/labels.csv   # (re)build tests/corpus/real.csv

Two kinds of corpus are read. The team's corpora label each sentence with the rule IDs it should raise
(column ``rules``); the real-document corpus (``real.csv``) labels each statement with categories as a reviewer
who never read the rules saw them (column ``label``: ``ok``, ``over``, ``vague`` or ``over,vague``) and names the
document and page it came from. A statement counts as a true positive for a category when it is labelled with
that category (a rule of that category, or the category itself) and the checker reports any non-info finding of
that category.

The real corpus is split by document: a third of the documents (those whose SHA-256 of the file name is 0 modulo
3) is the test split, scored only; ``--misses`` never prints a test-split statement, so rules are tuned on the
other two thirds.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

from procura.checks.findings import Location, Severity
from procura.checks.rules import RULES
from procura.checks.statements import Context, Statement, analyse, language_of

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "requirements.csv"
REAL = ROOT / "tests" / "corpus" / "real.csv"
CATEGORIES = ("overreach", "vague")
LABELS = {"over": "overreach", "vague": "vague", "ok": None}  # the reviewer's label -> the rules' category
REAL_COLUMNS = ("document", "page", "text", "lang", "label", "ground", "note")


def split_of(document: str) -> str:
    """The split a real document belongs to, fixed by its file name alone: "test" for a third, else "tune"."""
    return "test" if int(hashlib.sha256(document.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "tune"


def load(path: Path) -> list[dict]:
    """The corpus rows, each with ``categories`` (what it should raise) and, for rule-labelled corpora, ``rules``."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    for row in rows:
        if "label" in row:  # a category-labelled corpus (real documents)
            labels = {part.strip() for part in row["label"].split(",") if part.strip()}
            unknown = labels - set(LABELS)
            if unknown:
                raise SystemExit(f"{path}: unknown label {sorted(unknown)} in {row['text'][:60]!r} — use ok, over or vague")
            row["rules"] = None
            row["categories"] = {LABELS[label] for label in labels} - {None}
            row["estimated_value_sek"] = None
            row["split"] = split_of(row["document"])
        else:
            row["rules"] = {r for r in row["rules"].split(",") if r}
            row["categories"] = {RULES[r].category for r in row["rules"]}
            row["estimated_value_sek"] = float(row["estimated_value_sek"]) if row["estimated_value_sek"] else None
            row["split"] = "all"
    return rows


def predict(row: dict) -> set[str]:
    statement = Statement.of(row["text"], Location())
    findings = analyse(statement, Context(row["estimated_value_sek"]))
    return {f.rule for f in findings if f.severity is not Severity.info}


def score(rows: list[dict], key) -> tuple[int, int, int]:
    """True positives, false positives and false negatives; ``key`` maps a set of rule IDs to what is compared."""
    tp = fp = fn = 0
    for row in rows:
        expected, got = key(row["rules"]), key(row["predicted"])
        tp += bool(expected and got)
        fp += bool(got and not expected)
        fn += bool(expected and not got)
    return tp, fp, fn


def score_category(rows: list[dict], category: str) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for row in rows:
        expected = category in row["categories"]
        got = any(RULES[r].category == category for r in row["predicted"])
        tp += expected and got
        fp += got and not expected
        fn += expected and not got
    return tp, fp, fn


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def quality(rows: list[dict], category: str) -> tuple[float, float]:
    """Precision and recall of one category on scored rows."""
    tp, fp, fn = score_category(rows, category)
    return ratio(tp, tp + fp), ratio(tp, tp + fn)


def import_labels(source: Path, target: Path = REAL) -> int:
    """Rebuild the real corpus from the labeller's file: the same statements, their document and page, and the
    language; rows with no text or an unknown label are refused."""
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    out = []
    for number, row in enumerate(rows, start=2):
        text = " ".join((row.get("text") or "").split())
        label = ",".join(part.strip() for part in (row.get("label") or "").split(",") if part.strip())
        if not text or not label:
            continue  # a row the labeller has not finished
        if set(label.split(",")) - set(LABELS):
            raise SystemExit(f"{source}:{number}: label {label!r} — use ok, over, vague or over,vague")
        out.append({"document": row["document"].strip(), "page": (row.get("page") or "").strip(), "text": text,
                    "lang": language_of(text), "label": label, "ground": (row.get("ground") or "").strip(),
                    "note": (row.get("note") or "").strip()})
    partial = target.with_suffix(".csv.part")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REAL_COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(out)
    partial.replace(target)
    return len(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--split", choices=("tune", "test", "all"), default="all",
                        help="real corpus only: score the tuning documents, the test documents, or all")
    parser.add_argument("--misses", action="store_true", help="print false positives and false negatives (never of the "
                                                              "test split)")
    parser.add_argument("--import-labels", type=Path, metavar="LABELS_CSV",
                        help=f"rebuild {REAL.relative_to(ROOT)} from a labeller's file and exit")
    args = parser.parse_args()
    if args.import_labels:
        count = import_labels(args.import_labels)
        print(f"{REAL.relative_to(ROOT)}: {count} statements from {args.import_labels}")
        return
    rows = load(args.corpus)
    if args.split != "all":
        rows = [row for row in rows if row["split"] == args.split]
    for row in rows:
        row["predicted"] = predict(row)
    documents = {row["document"] for row in rows if "document" in row}
    print(f"corpus: {args.corpus} ({len(rows)} sentences, "
          f"{sum(1 for r in rows if r['lang'] == 'sv')} Swedish, {sum(1 for r in rows if r['lang'] == 'en')} English"
          + (f", {len(documents)} documents, split {args.split}" if documents else "") + ")")
    print(f"{'category':<14}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
    for category in CATEGORIES:
        tp, fp, fn = score_category(rows, category)
        print(f"{category:<14}{ratio(tp, tp + fp):>10.2f}{ratio(tp, tp + fn):>8.2f}{tp:>5}{fp:>5}{fn:>5}")
    labelled = [row for row in rows if row["rules"] is not None]
    print(f"\n{'rule':<14}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
    for rule_id in RULES:
        if labelled:
            tp, fp, fn = score(labelled, lambda rules, r=rule_id: {r} & rules)
            if tp + fp + fn:
                print(f"{rule_id:<14}{ratio(tp, tp + fp):>10.2f}{ratio(tp, tp + fn):>8.2f}{tp:>5}{fp:>5}{fn:>5}")
        else:  # category labels: how often each rule fires on a statement labelled with its category, and not
            fired = [row for row in rows if rule_id in row["predicted"]]
            right = sum(1 for row in fired if RULES[rule_id].category in row["categories"])
            if fired:
                print(f"{rule_id:<14}{ratio(right, len(fired)):>10.2f}{'':>8}{right:>5}{len(fired) - right:>5}")
    if args.misses:
        hidden = 0
        for row in rows:
            if row["split"] == "test":
                hidden += 1
                continue
            if row["rules"] is not None and row["rules"] != row["predicted"]:
                print(f"expected {sorted(row['rules'])} got {sorted(row['predicted'])}: {row['text']}")
            elif row["rules"] is None:
                got = {RULES[r].category for r in row["predicted"]} & set(CATEGORIES)
                if got != row["categories"]:
                    print(f"expected {sorted(row['categories'])} got {sorted(row['predicted'])}: {row['text']}"
                          f"  [{row['note']}]")
        if hidden:
            print(f"({hidden} test-split statements not shown)", file=sys.stderr)


if __name__ == "__main__":
    main()
