"""Wall and CPU time of `procura build` on the largest example and of `procura --help`, interpreter start included.

Prints the median (and min/max) of several runs, in wall seconds and in CPU seconds (user + system of
the child process, from ``resource.getrusage(RUSAGE_CHILDREN)``: the steadier figure on a shared
machine). Targets (issue "The main job"): build <= 1.0 s, --help <= 0.3 s on a 2-core machine; a build
that measures the contents' page numbers with LibreOffice (the default when it is installed) <= 10 s.
Run: python benchmarks/build_speed.py [--runs N]

``--pack-size N`` also times a build of the largest example with an installed pack of N generated
requirements (the library's requirements copied into the pack's namespace; target for 2,000:
<= 2.0 s, issue 15). The first build of each kind fills the caches and is not counted.
A build that fails prints procura's stderr and stops the benchmark with its exit code.

The commands run as an installed procura does, with compiled bytecode: PYTHONDONTWRITEBYTECODE is
dropped and the .pyc files go to a temporary folder (PYTHONPYCACHEPREFIX), never into the checkout.
Without bytecode every run compiles procura's ~50 modules again (about 0.1–0.2 s here);
``--no-bytecode`` measures that case.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def largest_example() -> Path:
    from procura.library import load_library
    from procura.sizing import load_profile, resolve

    library = load_library()
    sizes = {p: len(resolve(load_profile(p), library).items) for p in sorted((REPO / "examples").glob("*.yaml"))}
    return max(sizes, key=sizes.get)


ENV = dict(os.environ)


def use_bytecode(folder: str) -> None:
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = folder


def run(args: list[str]) -> tuple[float, float]:
    """Run one command; return its wall and CPU seconds. A failure prints its stderr and exits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.stderr.write(f"benchmark: {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
        raise SystemExit(done.returncode)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed(args: list[str], runs: int) -> list[tuple[float, float]]:
    return [run(args) for _ in range(runs)]


def report(name: str, times: list[tuple[float, float]], target: float) -> None:
    walls = [wall for wall, _ in times]
    median = statistics.median(walls)
    cpu = statistics.median(cpu for _, cpu in times)
    verdict = "ok" if median <= target else "OVER TARGET"
    print(f"{name:52} median {median:.3f} s wall, {cpu:.3f} s CPU  (wall min {min(walls):.3f}, max {max(walls):.3f}, "
          f"n={len(times)})  target {target:.1f} s  ratio {median / target:.2f}  {verdict}", flush=True)


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


def pack_profile(example: Path, folder: Path) -> Path:
    """The example with the generated pack added, written into ``folder`` beside a copy of the example's
    other files (its own chapters are referred to by relative paths)."""
    shutil.copytree(example.parent, folder, dirs_exist_ok=True)
    profile = folder / example.name
    text = example.read_text(encoding="utf-8")
    assert "\npacks:" not in text, "the example already names packs"
    profile.write_text(text + "\npacks: [{name: stor-kommun, version: '>=1.0'}]\n", encoding="utf-8")
    return profile


def pack_build(example: Path, size: int, runs: int, tmp: Path) -> None:
    packs = tmp / "packs"
    source = write_pack(tmp, size)
    run([sys.executable, "-m", "procura", "pack", "install", str(source), "--packs-dir", str(packs)])
    profile = pack_profile(example, tmp / "profile")
    build = [sys.executable, "-m", "procura", "build", str(profile), "-o", str(tmp / "out"), "--force",
             "--packs-dir", str(packs), "--no-page-numbers"]
    run(build)  # warm the caches
    report(f"procura build with a {size}-requirement pack", timed(build, runs), 2.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pack-size", type=int, metavar="N", help="also build with an installed pack of N requirements")
    parser.add_argument("--no-page-numbers", action="store_true", help="skip the build that numbers pages with LibreOffice")
    parser.add_argument("--no-bytecode", action="store_true", help="run as PYTHONDONTWRITEBYTECODE=1 does: no .pyc files")
    args = parser.parse_args()
    runs = args.runs
    example = largest_example()
    with tempfile.TemporaryDirectory() as pycache:
        if not args.no_bytecode:
            use_bytecode(pycache)
        timed_builds(example, args, runs)


def timed_builds(example: Path, args: argparse.Namespace, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        build = [sys.executable, "-m", "procura", "build", str(example), "-o", tmp, "--force"]
        run(build)  # warm the file cache, .pyc files and library cache
        report(f"procura build {example.name} --no-page-numbers", timed(build + ["--no-page-numbers"], runs), 1.0)
        if not args.no_page_numbers:
            # with LibreOffice installed, a build also lays the document out once to number the contents
            report(f"procura build {example.name} (page numbers)", timed(build, max(1, runs // 3)), 10.0)
    run([sys.executable, "-m", "procura", "--help"])
    report("procura --help", timed([sys.executable, "-m", "procura", "--help"], runs), 0.3)
    if args.pack_size:
        with tempfile.TemporaryDirectory() as tmp:
            pack_build(example, args.pack_size, runs, Path(tmp))


if __name__ == "__main__":
    main()
