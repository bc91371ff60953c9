"""Speed of `procura check`: a 500-requirement .docx, and near-duplicate detection at 10k/20k/40k.

    python benchmarks/check_speed.py [--runs 5]

Prints the median time of the .docx check (target <= 2 s) and, for near-duplicates, the time
at each size and the growth ratio per doubling (target <= 2.3; all-pairs would be 4).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import docx

from procura.checks import CheckOptions, check_document
from procura.checks.duplicates import near_duplicates
from procura.library import load_library

SUBJECTS = ["Leverantören", "Lösningen", "Systemet", "Tjänsten", "Larmsändaren", "Appen", "Larmmottagningen", "Plattformen"]
VERBS = ["ska", "bör", "ska kunna", "ska alltid"]
OBJECTS = ["logga", "rapportera", "exportera", "kryptera", "visa", "skicka", "lagra", "övervaka", "testa", "dokumentera"]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    letters = "abdefghijklmnoprstuvyåäö"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(size)]


def sentences(n: int, seed: int = 1) -> list[str]:
    """Requirement-like sentences; about 2 % are edited copies of an earlier one.

    Words follow natural text: word frequencies by Zipf's law (weight 1/rank) and a vocabulary
    that grows with the amount of text by Heaps' law (V = 50 * n^0.6).
    """
    rng = random.Random(seed)
    vocab = vocabulary(rng, int(50 * n ** 0.6))
    weights = [1 / rank for rank in range(1, len(vocab) + 1)]
    pool = rng.choices(vocab, weights, k=n * 14)
    words = iter(pool)
    out: list[str] = []
    for _i in range(n):
        if out and rng.random() < 0.02:
            base = rng.choice(out).split()
            base[rng.randrange(len(base))] = next(words)
            out.append(" ".join(base))
            continue
        body = " ".join(next(words) for _ in range(rng.randint(6, 12)))
        out.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {body} inom {rng.randint(1, 48)} timmar.")
    return out


def write_docx(path: Path, n: int) -> None:
    real = [
        "Lösningen ska vara användarvänlig.", "Leverantören ska ha lägst riskklass 3 enligt UC.",
        "Larmen ska kommunicera enligt SCAIP (SS 91100) eller likvärdigt.", "Leverantören ska vid behov erbjuda utbildning.",
        "Tjänsten ska ha en tillgänglighet om minst 99,5 % per kalendermånad.",
    ]
    document = docx.Document()
    document.add_heading("Kravspecifikation", 0)
    texts = sentences(n - 250, seed=2)
    for i, text in enumerate(texts):
        document.add_paragraph(f"K{i + 1} {text}")
    table = document.add_table(rows=0, cols=2)
    for i in range(250):
        row = table.add_row().cells
        row[0].text, row[1].text = f"T{i + 1}", real[i % len(real)] if i < len(real) else texts[i] + " " + real[i % len(real)]
    document.save(str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    options = CheckOptions(estimated_value_sek=5_000_000, library=load_library())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "krav500.docx"
        write_docx(path, 500)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            findings = check_document(path, options)
            times.append(time.perf_counter() - start)
    print(f"500-requirement .docx: median {statistics.median(times):.2f} s over {args.runs} runs "
          f"({len(findings)} findings; target <= 2 s)")
    previous = first = None
    for n in (10_000, 20_000, 40_000):
        texts = sentences(n)
        runs = []
        for _ in range(args.runs):
            start = time.perf_counter()
            pairs = near_duplicates(texts)
            runs.append(time.perf_counter() - start)
        elapsed = statistics.median(runs)
        growth = f"x{elapsed / previous:.2f} per doubling" if previous else ""
        print(f"near-duplicates n={n:>6}: {elapsed:.2f} s, {len(pairs)} pairs {growth}")
        previous = elapsed
        first = first or elapsed
    # the geometric mean over both doublings is steadier than either step on a shared machine
    print(f"mean growth per doubling 10k->40k: x{(previous / first) ** 0.5:.2f} (target <= 2.3)")


if __name__ == "__main__":
    main()
