"""What the builds say, to prove that a speed-up changed nothing: build every example (in Swedish and in
English) and the largest example with a generated 2,000-requirement pack, and write the contents of
every file they produce into a folder of plain files that ``diff -r`` can compare.

    python benchmarks/build_snapshot.py SNAPSHOT_DIR                 # write a snapshot
    python benchmarks/build_snapshot.py NEW_DIR --compare OLD_DIR    # write one, exit 1 if it differs

Every part of a .docx/.xlsx is kept (XML canonicalised, so only attribute order is forgiven); the
creation and modification times in docProps/core.xml and the temporary folder's path are masked.
Text files (.md, .json) are kept as they are. Page numbers are not measured (--no-page-numbers).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import REPO, largest_example, pack_profile, write_pack  # noqa: E402

TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def part_text(name: str, data: bytes) -> bytes:
    if name.endswith((".xml", ".rels")):
        data = etree.tostring(etree.fromstring(data), method="c14n")
        if name == "docProps/core.xml":
            data = TIMES.sub(rb"\1-\2", data)
    return data


def snapshot_file(path: Path, target: Path, masks: list[str]) -> None:
    if path.suffix in {".docx", ".xlsx"}:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                dest = target / path.name / name
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(mask(part_text(name, archive.read(name)), masks))
    else:
        target.mkdir(parents=True, exist_ok=True)
        (target / path.name).write_bytes(mask(path.read_bytes(), masks))


def mask(data: bytes, masks: list[str]) -> bytes:
    for text in masks:
        data = data.replace(text.encode(), b"<tmp>")
    return data


def build(args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "procura", "build", *args, "--force", "--no-page-numbers"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"build {' '.join(args)} exited {done.returncode}:\n{done.stderr}")


def write_snapshot(snapshot: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        jobs = {}
        for example in sorted((REPO / "examples").glob("*.yaml")):
            for lang in ("sv", "en"):
                jobs[f"{example.stem}-{lang}"] = [str(example), "--lang", lang]
        packs = tmp / "packs"
        source = write_pack(tmp, 2000)
        subprocess.run([sys.executable, "-m", "procura", "pack", "install", str(source), "--packs-dir", str(packs)],
                       check=True, capture_output=True)
        profile = pack_profile(largest_example(), tmp / "profile")
        jobs["pack-2000-sv"] = [str(profile), "--packs-dir", str(packs)]
        for name in jobs:
            jobs[name] += ["-o", str(tmp / "out" / name)]
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(build, jobs.values()))
        for name in jobs:
            for path in sorted((tmp / "out" / name).iterdir()):
                if not path.name.startswith("."):
                    snapshot_file(path, snapshot / name, [str(tmp)])


def differences(old: Path, new: Path) -> list[str]:
    """The files that are in one snapshot only or whose bytes differ."""
    olds = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    news = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    found = [f"only in {old}: {p}" for p in sorted(olds - news)] + [f"only in {new}: {p}" for p in sorted(news - olds)]
    found += [f"differs: {p}" for p in sorted(olds & news) if (old / p).read_bytes() != (new / p).read_bytes()]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("--compare", type=Path, metavar="OLD_DIR", help="a snapshot written before, to compare with")
    args = parser.parse_args()
    if args.snapshot.exists():
        shutil.rmtree(args.snapshot)
    write_snapshot(args.snapshot)
    if args.compare:
        found = differences(args.compare, args.snapshot)
        print("\n".join(found) or "identical")
        sys.exit(1 if found else 0)
    print(f"wrote {args.snapshot}")


if __name__ == "__main__":
    main()
