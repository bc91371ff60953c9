"""CPU time per Word document: the reader alone (``word.load`` + ``word.blocks``) and all of reading
(``read_statements``: the reader and the statement layout), median of several passes.

    python benchmarks/word_reader.py                      # the national benchmark's documents (50 = 10,000 statements)
    python benchmarks/word_reader.py --folder ../shared/real-documents --passes 5
    PYTHONPATH=/tmp/old-checkout python benchmarks/word_reader.py   # another procura (e.g. a baseline), same documents

CPU time (``time.process_time``) rather than wall time, so the figures hold on a shared machine; run a
baseline and the code under test in turns and compare medians.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path


def national_documents(folder: Path, statements: int) -> list[Path]:
    spec = importlib.util.spec_from_file_location("national", Path(__file__).with_name("national.py"))
    national = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("national", national)
    spec.loader.exec_module(national)
    return national.write_docx(folder, national.corpus(statements))


def per_document(paths: list[Path], passes: int, step) -> list[float]:
    """Milliseconds of CPU per document, one figure per pass."""
    times = []
    for _ in range(passes):
        start = time.process_time()
        for path in paths:
            step(path)
        times.append((time.process_time() - start) / len(paths) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, help="read the .docx files here (default: the national benchmark's)")
    parser.add_argument("--statements", type=int, default=10_000, help="size of the national corpus to generate")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()

    from procura.checks import word
    from procura.checks.extract import MAX_OFFICE_BYTES, read_statements
    from procura.files import read_bytes

    with tempfile.TemporaryDirectory(prefix="procura-word-") as tmp:
        paths = sorted(args.folder.glob("*.docx")) if args.folder else national_documents(Path(tmp), args.statements)
        data = {path: read_bytes(path, MAX_OFFICE_BYTES) for path in paths}
        read_statements(paths[0])  # imports and first-use caches out of the way
        reader = per_document(paths, args.passes, lambda p: list(word.blocks(p, word.load(p, data[p]))))
        reading = per_document(paths, args.passes, read_statements)
    print(f"{word.__file__}: {len(paths)} documents, CPU per document (median of {args.passes} passes): "
          f"reader {statistics.median(reader):.1f} ms, read_statements {statistics.median(reading):.1f} ms "
          f"(passes: {', '.join(f'{t:.1f}' for t in reader)}; {', '.join(f'{t:.1f}' for t in reading)})")


if __name__ == "__main__":
    main()
