"""Wall time of `procura build` on the largest example and of `procura --help`, interpreter start included.

Prints the median (and min/max) of several runs. Targets (issue "The main job"): build <= 1.0 s,
--help <= 0.3 s on a 2-core machine; a build that measures the contents' page numbers with LibreOffice
(the default when it is installed) <= 10 s. Run: python benchmarks/build_speed.py [--runs N]


``--pack-size N`` also times a build of the largest example with an installed pack of N generated
requirements (the library's requirements copied into the pack's namespace; target for 2,000:
<= 2.0 s, issue 15). The first build fills the caches and is not counted.
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


def write_pack(folder: Path, size: int) -> Path:
    """A pack of ``size`` requirements: the library's own, copied round-robin into the pack's namespace."""
    from procura.library import load_library
    from procura.yamlio import dump_yaml

    library = list(load_library())
    root = folder / "stor-kommun"
    root.mkdir()
    (root / "pack.yaml").write_text(dump_yaml({
        "procura": 1, "name": "stor-kommun", "version": "1.0.0", "publisher": {"organisation": "Stor kommun"},
        "title": {"sv": "Stort kravpaket", "en": "Large requirement pack"},
        "description": {"sv": "Genererat för prestandamätning.", "en": "Generated for benchmarking."},
        "licence": "CC-BY-4.0", "products": [], "dependencies": [], "overrides": []}), encoding="utf-8")
    for i in range(size):
        base = library[i % len(library)]
        data = base.model_dump(mode="json", by_alias=True, exclude_none=True)
        prefix = base.id.split("-")[0]
        data["id"] = f"stor-kommun:{prefix}-{i + 1:04d}"
        (root / base.category).mkdir(exist_ok=True)
        (root / base.category / f"{prefix}-{i + 1:04d}.yaml").write_text(dump_yaml(data), encoding="utf-8")
    return root


def pack_build(example: Path, size: int, runs: int, tmp: Path) -> None:
    packs = tmp / "packs"
    source = write_pack(tmp, size)
    subprocess.run([sys.executable, "-m", "procura", "pack", "install", str(source), "--packs-dir", str(packs)],
                   check=True, capture_output=True)
    profile = tmp / example.name
    profile.write_text(example.read_text(encoding="utf-8").replace("\npacks: []", "")
                       + "\npacks: [{name: stor-kommun, version: '>=1.0'}]\n", encoding="utf-8")
    build = [sys.executable, "-m", "procura", "build", str(profile), "-o", str(tmp / "out"), "--force",
             "--packs-dir", str(packs)]
    subprocess.run(build, check=True, capture_output=True)  # warm the caches
    report(f"procura build with a {size}-requirement pack", timed(build, runs), 2.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pack-size", type=int, metavar="N", help="also build with an installed pack of N requirements")
    args = parser.parse_args()
    runs = args.runs
    example = largest_example()
    with tempfile.TemporaryDirectory() as tmp:
        build = [sys.executable, "-m", "procura", "build", str(example), "-o", tmp, "--force"]
        subprocess.run(build, check=True, capture_output=True)  # warm the file cache, .pyc files and library cache
        report(f"procura build {example.name} --no-page-numbers", timed(build + ["--no-page-numbers"], runs), 1.0)
        # with LibreOffice installed, a build also lays the document out once to number the contents
        report(f"procura build {example.name} (page numbers)", timed(build, max(1, runs // 3)), 10.0)
    report("procura --help", timed([sys.executable, "-m", "procura", "--help"], runs), 0.3)
    if args.pack_size:
        with tempfile.TemporaryDirectory() as tmp:
            pack_build(example, args.pack_size, runs, Path(tmp))


if __name__ == "__main__":
    main()
