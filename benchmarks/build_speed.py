"""Wall time of `procura build` on the largest example and of `procura --help`, interpreter start included.

Prints the median (and min/max) of several runs. Targets (issue "The main job"): build <= 1.0 s,
--help <= 0.3 s on a 2-core machine; a build that measures the contents' page numbers with LibreOffice
(the default when it is installed) <= 10 s. Run: python benchmarks/build_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def largest_example() -> Path:
    sys.path.insert(0, str(REPO))
    from procura.library import load_library
    from procura.sizing import load_profile, resolve

    library = load_library()
    sizes = {p: len(resolve(load_profile(p), library).items) for p in sorted((REPO / "examples").glob("*.yaml"))}
    return max(sizes, key=sizes.get)


def timed(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    verdict = "ok" if median <= target else "OVER TARGET"
    print(f"{name:40} median {median:.3f} s  (min {min(times):.3f}, max {max(times):.3f}, n={len(times)})  "
          f"target {target:.1f} s  ratio {median / target:.2f}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    example = largest_example()
    with tempfile.TemporaryDirectory() as tmp:
        build = [sys.executable, "-m", "procura", "build", str(example), "-o", tmp, "--force"]
        subprocess.run(build, check=True, capture_output=True)  # warm the file cache, .pyc files and library cache
        report(f"procura build {example.name} --no-page-numbers", timed(build + ["--no-page-numbers"], runs), 1.0)
        # with LibreOffice installed, a build also lays the document out once to number the contents
        report(f"procura build {example.name} (page numbers)", timed(build, max(1, runs // 3)), 10.0)
    report("procura --help", timed([sys.executable, "-m", "procura", "--help"], runs), 0.3)


if __name__ == "__main__":
    main()
