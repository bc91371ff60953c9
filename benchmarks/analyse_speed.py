"""Average time of the text rules per statement: analyse() over every labelled corpus, repeated.

    python benchmarks/analyse_speed.py [--repeat 100] [--corpus tests/corpus/real.csv] [--no-prefilter]

Prints the mean CPU time per statement of the fast path (prefilter) and, with --no-prefilter, of the straightforward
path that lets every rule family read every statement. CPU time (time.process_time) is used so that other processes
on a shared machine weigh less on the figure.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from procura.checks.findings import Location
from procura.checks.statements import Context, Statement, analyse

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted((ROOT / "tests" / "corpus").glob("*.csv"))


def statements(paths: list[Path]) -> list[Statement]:
    texts: list[str] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            texts += [row["text"] for row in csv.DictReader(handle, delimiter=";")]
    return [Statement.of(text, Location()) for text in texts]


def per_statement(items: list[Statement], repeat: int, prefilter: bool) -> float:
    context = Context(5_000_000)
    for item in items:  # warm the caches once, as a long run would
        list(analyse(item, context, prefilter=prefilter))
    start = time.process_time()
    for _ in range(repeat):
        for item in items:
            list(analyse(item, context, prefilter=prefilter))
    return (time.process_time() - start) / (repeat * len(items)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--corpus", type=Path, action="append", help="a corpus file (default: every one)")
    parser.add_argument("--no-prefilter", action="store_true", help="also time the straightforward path")
    args = parser.parse_args()
    items = statements(args.corpus or CORPORA)
    print(f"{len(items)} statements x {args.repeat}: {per_statement(items, args.repeat, True):.3f} ms/statement "
          "(prefilter)")
    if args.no_prefilter:
        print(f"{len(items)} statements x {args.repeat}: {per_statement(items, args.repeat, False):.3f} ms/statement "
              "(no prefilter)")


if __name__ == "__main__":
    main()
