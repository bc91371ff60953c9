"""Wall time of `procura check` on a 100-page PDF tender, interpreter start and library load included.

    python benchmarks/pdf_speed.py [--runs 5] [--pages 100]

The tender is built in a temporary folder by joining the pages of the real tender PDFs in
../shared/real-documents/ (TendSign/Mercell exports and Word exports) with pdfium; nothing is
written to the checkout. Prints the median, min and max wall time of several runs, the median CPU
time (less sensitive to other work on the machine) and the load average. Target (issue 9): <= 3 s
on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "real-documents"


def build_tender(target: Path, pages: int) -> int:
    """A PDF of ``pages`` pages taken in turn from the real tender PDFs."""
    import pypdfium2 as pdfium

    sources = sorted(REAL.glob("*.pdf"))
    if not sources:
        raise SystemExit(f"no real tender PDFs in {REAL}")
    tender = pdfium.PdfDocument.new()
    while len(tender) < pages:
        for source in sources:
            document = pdfium.PdfDocument(source)
            take = min(len(document), pages - len(tender))
            tender.import_pages(document, list(range(take)))
            document.close()
            if len(tender) >= pages:
                break
    tender.save(target)
    count = len(tender)
    tender.close()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "tender.pdf"
        pages = build_tender(pdf, args.pages)
        command = [sys.executable, "-m", "procura", "check", str(pdf), "--format", "json"]
        times, cpu = [], []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True, cwd=tmp)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if result.returncode not in (0, 1):
                raise SystemExit(f"procura check failed ({result.returncode}): {result.stderr.strip()}")
        print(f"procura check, {pages}-page PDF ({pdf.stat().st_size // 1024} KiB): median {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs; target <= 3 s); "
              f"CPU time median {statistics.median(cpu):.2f} s; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
