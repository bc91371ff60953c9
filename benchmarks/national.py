"""The whole `procura check` at national scale: every municipality's requirements checked at once.

    python benchmarks/national.py                       # 5k ... 80k statements, 3 runs each, all formats
    python benchmarks/national.py --sizes 10000,58000 --runs 5 --formats txt
    python benchmarks/national.py --sizes 58000 --doorstop           # and the side-by-side with Doorstop
    python benchmarks/national.py --python /other/venv/bin/python    # another procura (e.g. a baseline)

The corpus is generated from a seed: the shipped library's requirement texts rephrased per
municipality (synonyms, word order, other numbers), with near-duplicates, overreach and vague
wording mixed in, 200 statements per municipality (290 municipalities = 58,000 statements). It is
written three ways: one .txt file per municipality, one .docx per municipality (paragraphs and a
table), and one pack folder per municipality (requirements with a Swedish and an English text, so
100 requirements make 200 statements). Each run is the full ``procura check`` (every rule,
near-duplicates across all targets, per-pack structure) as a separate process, output written
to a file; the cache (``$XDG_CACHE_HOME/procura``) is a fresh temporary folder per size and format.
The first run is "cold" (empty cache), the others "warm"; the table shows the cold time and the
median of all runs.

Peak memory is the sum of the high-water marks of resident memory of the check process and each
of its workers (read every 20 ms from /proc; an upper bound, as they need not peak at once);
``getrusage`` of the finished child gives only the largest single process and is shown too. Growth per doubling is the geometric mean of the time ratio between successive sizes,
normalised to a doubling, from 10k to 80k.

``--doorstop`` installs Doorstop (``pip install doorstop``) into a virtual environment under
``~/.cache/procura-bench`` the first time, writes the same statements as Doorstop items (a root
document with one document per municipality below it) and times ``doorstop`` validating the tree
once, against one run of ``procura check`` on the same statements as .txt files with an empty
cache. Doorstop is slow at this (minutes for a few thousand items), so the comparison uses
``--doorstop-size`` statements (default 2,000), not the largest size.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SIZES = (5_000, 10_000, 20_000, 40_000, 58_000, 80_000)
PER_MUNICIPALITY = 200
FORMATS = ("txt", "docx", "pack")
BENCH_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "procura-bench"

# one choice per group is a municipality's house style; the first entry is the library's own wording
SYNONYMS_SV = [
    ("Leverantören", "Anbudsgivaren", "Tjänsteleverantören"),
    ("leverantören", "anbudsgivaren", "tjänsteleverantören"),
    (" ska ", " skall ", " ska "),
    ("kommunen", "beställaren", "den upphandlande myndigheten"),
    ("Kommunen", "Beställaren", "Kommunen"),
    ("lösningen", "systemet", "tjänsten"),
    ("Lösningen", "Systemet", "Tjänsten"),
    ("minst ", "som minst ", "lägst "),
    ("användare", "brukare", "användare"),
    ("i anbudet", "i sitt anbud", "i anbudet"),
]
SYNONYMS_EN = [
    ("The supplier", "The contractor", "The provider"),
    ("the supplier", "the contractor", "the provider"),
    (" shall ", " must ", " shall "),
    ("the municipality", "the contracting authority", "the buyer"),
    ("The municipality", "The contracting authority", "The buyer"),
    ("at least ", "no less than ", "at least "),
]
FRONTED = re.compile(r"^(Leverantören|Anbudsgivaren|Tjänsteleverantören) (ska|skall) (i anbudet|i sitt anbud|under avtalstiden|vid behov) ")
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3})(?![\w.,]\d)")
BRANDS = ("Tunstall", "Careium", "Doro", "Phoniro", "Microsoft Teams", "Apple iPad", "Samsung Galaxy")
PLACES = ("Umeå", "Kiruna", "Växjö", "Borås", "Luleå", "Gävle", "Visby", "Falun")
# (Swedish, English) with {n}, {brand} and {place} filled in per statement
OVERREACH = [
    ("Leverantören ska ha en årlig omsättning om minst {n} miljoner kronor.",
     "The supplier shall have an annual turnover of at least {n} million SEK."),
    ("Anbudsgivaren ska ha lägst riskklass {k} enligt UC.", "The tenderer shall have at least risk class {k} according to UC."),
    ("Larmen ska vara av fabrikat {brand}.", "The alarms shall be of the make {brand}."),
    ("Leverantören ska vara certifierad enligt ISO 27001.", "The supplier shall be certified to ISO 27001."),
    ("Leverantören ska ha ett lokalt kontor i {place}.", "The supplier shall have a local office in {place}."),
    ("Leverantören ska ha minst {k} referensuppdrag från svenska kommuner de senaste två åren.",
     "The supplier shall have at least {k} references from Swedish municipalities in the last two years."),
]
VAGUE = [
    ("Lösningen ska vara användarvänlig.", "The solution shall be user-friendly."),
    ("Supporten ska svara snabbt på ärenden.", "Support shall answer requests quickly."),
    ("Systemet ska ha hög tillgänglighet.", "The system shall have high availability."),
    ("Leverantören ska vid behov erbjuda utbildning.", "The supplier shall offer training when needed."),
    ("Tjänsten ska vara modern och flexibel.", "The service shall be modern and flexible."),
    ("Larmet ska fungera tillfredsställande i hela kommunen.", "The alarm shall work satisfactorily across the municipality."),
]


@dataclass
class Item:
    """One requirement of the corpus: a Swedish and an English text, and the library requirement it came from."""

    sv: str
    en: str
    source: str  # library requirement ID it imitates (for packs: category, title, motive)


def library_texts() -> list[tuple[str, str, str]]:
    """(requirement ID, Swedish text, English text) for every level of the shipped library, parameters filled in."""
    from procura.library import load_library
    from procura.sizing.resolve import fill_parameters

    out = []
    for req in load_library():
        for level, spec in req.levels.items():
            values = {p.name: p.defaults[level] for p in req.parameters if level in p.defaults}
            if not spec.text.sv or not spec.text.en or len(values) < sum(1 for p in req.parameters if "{{" + p.name in spec.text.sv):
                continue
            out.append((req.id, fill_parameters(spec.text.sv, req.parameters, values, "sv"),
                        fill_parameters(spec.text.en, req.parameters, values, "en")))
    return out


def restyle(text: str, groups: list[tuple[str, ...]], style: list[int]) -> str:
    for group, choice in zip(groups, style, strict=False):
        if choice:
            text = text.replace(group[0], group[choice])
    return text


def renumber(text: str, rng: random.Random) -> str:
    """Another municipality's numbers: 30 days becomes 14 or 60 (years and standards are left alone)."""
    def change(m: re.Match[str]) -> str:
        value = int(m.group(1))
        return str(max(1, round(value * rng.choice((0.5, 2, 3))))) if 2 <= value <= 500 else m.group(0)
    return NUMBER.sub(change, text)


def edit_one_word(text: str, rng: random.Random) -> str:
    """A near-duplicate: one word dropped or doubled somewhere after the first three."""
    words = text.split()
    if len(words) < 8:
        return text + " Detta gäller hela avtalstiden."
    i = rng.randrange(3, len(words) - 1)
    return " ".join(words[:i] + words[i + 1:] if rng.random() < 0.5 else words[:i] + [words[i], words[i]] + words[i + 1:])


def corpus(n: int, seed: int = 2026) -> list[list[Item]]:
    """``n`` statements as municipalities of 200 requirements each (the last may be smaller)."""
    rng = random.Random(seed)
    pool = library_texts()
    municipalities = []
    for m in range((n + PER_MUNICIPALITY - 1) // PER_MUNICIPALITY):
        size = min(PER_MUNICIPALITY, n - m * PER_MUNICIPALITY)
        style_sv = [rng.choice((0, 0, 1, 2)) for _ in SYNONYMS_SV]
        style_en = [rng.choice((0, 0, 1, 2)) for _ in SYNONYMS_EN]
        renumbers = rng.random() < 0.4  # this municipality sets its own numbers
        fronts = rng.random() < 0.3  # ... and writes "I anbudet ska leverantören"
        items: list[Item] = []
        for req_id, sv, en in rng.sample(pool, min(len(pool), int(size * 0.8))):
            if len(items) >= size:
                break
            sv, en = restyle(sv, SYNONYMS_SV, style_sv), restyle(en, SYNONYMS_EN, style_en)
            if renumbers and rng.random() < 0.5:
                state = rng.getstate()
                sv = renumber(sv, rng)
                rng.setstate(state)
                en = renumber(en, rng)
            if fronts:
                sv = FRONTED.sub(lambda mt: f"{mt.group(3)[0].upper()}{mt.group(3)[1:]} {mt.group(2)} {mt.group(1).lower()} ", sv)
            items.append(Item(sv, en, req_id))
        while len(items) < size:
            kind = rng.random()
            if kind < 0.35 and items:  # a near-duplicate of one of its own requirements
                base = rng.choice(items)
                items.append(Item(edit_one_word(base.sv, rng), edit_one_word(base.en, rng), base.source))
            else:
                sv, en = rng.choice(OVERREACH if kind < 0.7 else VAGUE)
                fill = {"n": rng.choice((5, 10, 20, 50)), "k": rng.choice((2, 3, 4)), "brand": rng.choice(BRANDS),
                        "place": rng.choice(PLACES)}
                items.append(Item(sv.format(**fill), en.format(**fill), "KV-001" if kind < 0.7 else "SU-001"))
        rng.shuffle(items)
        municipalities.append(items)
    return municipalities


def write_txt(folder: Path, municipalities: list[list[Item]]) -> list[Path]:
    paths = []
    for m, items in enumerate(municipalities):
        path = folder / f"kommun-{m:03d}.txt"
        path.write_text("".join(f"K{i + 1} {item.sv}\n" for i, item in enumerate(items)), encoding="utf-8")
        paths.append(path)
    return paths


def write_docx(folder: Path, municipalities: list[list[Item]]) -> list[Path]:
    import docx

    paths = []
    for m, items in enumerate(municipalities):
        document = docx.Document()
        document.add_heading(f"Kravspecifikation, kommun {m}", 0)
        half = len(items) // 2
        for i, item in enumerate(items[:half]):
            document.add_paragraph(f"K{i + 1} {item.sv}")
        table = document.add_table(rows=0, cols=2)
        for i, item in enumerate(items[half:], start=half):
            row = table.add_row().cells
            row[0].text, row[1].text = f"K{i + 1}", item.sv
        path = folder / f"kommun-{m:03d}.docx"
        document.save(str(path))
        paths.append(path)
    return paths


def write_packs(folder: Path, municipalities: list[list[Item]]) -> list[Path]:
    """One pack per municipality; each requirement carries a Swedish and an English text (two statements)."""
    from procura.library import load_library
    from procura.yamlio import dump_yaml

    library = load_library()
    paths = []
    for m, items in enumerate(municipalities):
        name = f"kommun-{m:03d}"
        root = folder / name
        root.mkdir()
        (root / "pack.yaml").write_text(dump_yaml({
            "procura": 1, "name": name, "version": "1.0.0", "publisher": {"organisation": f"Kommun {m}"},
            "title": {"sv": f"Kravpaket {name}", "en": f"Requirement pack {name}"},
            "description": {"sv": "Genererat för prestandamätning.", "en": "Generated for benchmarking."},
            "licence": "CC-BY-4.0", "products": [], "dependencies": [], "overrides": []}), encoding="utf-8")
        for i, item in enumerate(items[: (len(items) + 1) // 2]):
            base = library.get(item.source) if item.source in library.requirements else next(iter(library))
            data = base.model_dump(mode="json", by_alias=True, exclude_none=True)
            prefix = base.id.split("-")[0]
            data.update(id=f"{name}:{prefix}-{i + 1:04d}", levels={"bas": {"text": {"sv": item.sv, "en": item.en}}},
                        parameters=[])
            data.pop("applies_when", None)
            (root / base.category).mkdir(exist_ok=True)
            (root / base.category / f"{prefix}-{i + 1:04d}.yaml").write_text(dump_yaml(data), encoding="utf-8")
        paths.append(root)
    return paths


WRITERS = {"txt": write_txt, "docx": write_docx, "pack": write_packs}


def statements_of(fmt: str, municipalities: list[list[Item]]) -> list[str]:
    if fmt == "pack":
        return [t for items in municipalities for item in items[: (len(items) + 1) // 2] for t in (item.sv, item.en)]
    return [item.sv for items in municipalities for item in items]


# ---------------------------------------------------------------- measuring


def tree_memory(pid: int, peaks: dict[int, int]) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants now; records each one's high-water mark in ``peaks``."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if line.startswith(("VmRSS:", "VmHWM:")))
            total += int(fields["VmRSS"].split()[0]) * 1024
            peaks[p] = max(peaks.get(p, 0), int(fields["VmHWM"].split()[0]) * 1024)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError, KeyError):
            continue
    return total


@dataclass
class Run:
    seconds: float
    peak_tree: int  # bytes: the sum of every process's high-water mark (check process and workers; an upper bound)
    peak_single: int  # bytes, getrusage: the largest single process
    exit_code: int
    cpu: float = 0.0  # user + system seconds of the check and its workers: steadier than wall time on a busy machine


def run(command: list[str], env: dict[str, str], output: Path) -> Run:
    """One timed process, started in the output's folder (never in a checkout, whose procura would be imported)."""
    peaks: dict[int, int] = {}
    errors = output.with_suffix(".stderr")
    with open(output, "wb") as out, open(errors, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=output.parent)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                tree_memory(proc.pid, peaks)
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = errors.read_text(encoding="utf-8", errors="replace")
    if proc.returncode not in (0, 1) or "Traceback" in stderr or output.stat().st_size == 0:
        raise SystemExit(f"{' '.join(command[:6])} ... exited {proc.returncode}:\n{stderr[-2000:]}")
    single = usage.ru_maxrss * 1024
    return Run(seconds, max(single, sum(peaks.values())), single, proc.returncode, usage.ru_utime + usage.ru_stime)


def supports(python: str, option: str) -> bool:
    help_text = subprocess.run([python, "-m", "procura", "check", "--help"], capture_output=True, text=True,
                               cwd=tempfile.gettempdir()).stdout
    return option in help_text


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def growth(times: dict[int, float], low: int = 10_000, high: int = 80_000) -> float | None:
    """Time ratio per doubling of the input, the geometric mean from ``low`` to ``high`` (sizes that were run)."""
    sizes = sorted(s for s in times if low <= s <= high)
    if len(sizes) < 2:
        return None
    import math

    doublings = math.log2(sizes[-1] / sizes[0])
    return (times[sizes[-1]] / times[sizes[0]]) ** (1 / doublings)


def doorstop(tmp: Path, municipalities: list[list[Item]], python: str, extra: list[str]) -> None:
    """Doorstop validating the same items as one document per municipality, against `procura check` once."""
    venv = BENCH_CACHE / "doorstop-venv"
    if not (venv / "bin" / "doorstop").exists():
        print("installing Doorstop into", venv)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "doorstop"], check=True)
    version = subprocess.run([str(venv / "bin" / "doorstop"), "--version"], capture_output=True, text=True).stdout.strip()
    tree = tmp / "doorstop"
    tree.mkdir()
    subprocess.run(["git", "init", "-q", str(tree)], check=True)
    item = ("active: true\nderived: false\nheader: ''\nlevel: 1.{level}\nlinks: []\nnormative: true\nref: ''\n"
            "reviewed: null\ntext: '{text}'\n")
    root = tree / "NAT"  # Doorstop wants one root document: the national one, with a document per municipality below
    root.mkdir()
    (root / ".doorstop.yml").write_text("settings:\n  digits: 3\n  prefix: NAT\n  sep: ''\n", encoding="utf-8")
    (root / "NAT001.yml").write_text(item.format(level=1, text="Nationella krav på välfärdsteknik."), encoding="utf-8")
    for m, items in enumerate(municipalities):
        prefix = f"K{m:03d}"
        doc = tree / prefix
        doc.mkdir()
        (doc / ".doorstop.yml").write_text(f"settings:\n  digits: 3\n  prefix: {prefix}\n  sep: ''\n  parent: NAT\n",
                                           encoding="utf-8")
        for i, statement in enumerate(items, start=1):
            (doc / f"{prefix}{i:03d}.yml").write_text(item.format(level=i, text=statement.sv.replace("'", "''")),
                                                      encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache-doorstop")}
    theirs = run([str(venv / "bin" / "doorstop")], env, tree / "doorstop.out")  # validates the tree it stands in
    log = (tree / "doorstop.out").read_text(encoding="utf-8", errors="replace")
    if "multiple root documents" in log or "no documents" in log:
        raise SystemExit(f"Doorstop did not validate the tree:\n{log[-2000:]}")
    txt = tmp / "doorstop-txt"
    txt.mkdir()
    targets = [str(p) for p in write_txt(txt, municipalities)]
    ours = run([python, "-m", "procura", "check", *extra, *targets], env, tmp / "doorstop-check.out")
    n = sum(len(items) for items in municipalities)
    print(f"\nDoorstop ({version}) validating {n:,} items in {len(municipalities)} documents: {theirs.seconds:.1f} s "
          f"(CPU {theirs.cpu:.1f} s, exit {theirs.exit_code}); procura check on the same statements as .txt: "
          f"{ours.seconds:.1f} s (CPU {ours.cpu:.1f} s, empty cache); ratio Doorstop / procura = "
          f"{theirs.seconds / ours.seconds:.1f} (CPU {theirs.cpu / ours.cpu:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated statement counts")
    parser.add_argument("--runs", type=int, default=3, help="runs per size and format (the first with an empty cache)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="txt, docx, pack (comma-separated)")
    parser.add_argument("--python", default=sys.executable, help="the Python whose procura is measured")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--doorstop", action="store_true", help="also time Doorstop validating the same items (one run)")
    parser.add_argument("--doorstop-size", type=int, default=2000,
                        help="statements for the Doorstop comparison (Doorstop took 108 s for 2,000 items here)")
    parser.add_argument("--keep", type=Path, help="write the corpora into this folder instead of a temporary one")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = [f for f in args.formats.split(",") if f]
    jsonl = supports(args.python, "jsonl")
    extra = ["--format", "jsonl" if jsonl else "json", "--estimated-value", "5000000"]
    print(f"procura check {' '.join(extra)} via {args.python}; {os.cpu_count()} CPUs; {args.runs} runs per cell")
    results: dict[str, dict[int, tuple[float, float, Run]]] = {f: {} for f in formats}
    base_tmp = args.keep or Path(tempfile.mkdtemp(prefix="procura-national-"))
    base_tmp.mkdir(parents=True, exist_ok=True)
    try:
        for n in sizes:
            municipalities = corpus(n, args.seed)
            texts = statements_of("txt", municipalities)
            distinct = len(set(" ".join(t.lower().split()) for t in texts))
            print(f"\n{n:,} statements in {len(municipalities)} municipalities; {distinct:,} distinct texts "
                  f"({distinct / len(texts):.0%})")
            for fmt in formats:
                folder = base_tmp / f"{fmt}-{n}"
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                targets = [str(p) for p in WRITERS[fmt](folder, municipalities)]
                env = {**os.environ, "XDG_CACHE_HOME": str(folder / ".cache")}
                runs = [run([args.python, "-m", "procura", "check", *extra, *targets], env, folder / "findings.out")
                        for _ in range(args.runs)]
                lines = sum(1 for _ in open(folder / "findings.out", "rb"))
                median = statistics.median(r.seconds for r in runs)
                peak = max(runs, key=lambda r: r.peak_tree)
                results[fmt][n] = (runs[0].seconds, median, peak)
                print(f"  {fmt:5} cold {runs[0].seconds:6.2f} s  median {median:6.2f} s  "
                      f"(runs: {', '.join(f'{r.seconds:.2f}' for r in runs)}; CPU {', '.join(f'{r.cpu:.1f}' for r in runs)})"
                      f"  load {os.getloadavg()[0]:.1f}  peak {mib(peak.peak_tree)} "
                      f"(largest process {mib(peak.peak_single)})  exit {runs[0].exit_code}  output {lines:,} lines")
                shutil.rmtree(folder / ".cache", ignore_errors=True)
        if formats:
            print("\n| statements | " + " | ".join(f"`check` {f} cold / median" for f in formats) + " | peak memory |")
            print("|---|" + "---|" * len(formats) + "---|")
        for n in sizes if formats else []:
            cells = [f"{results[f][n][0]:.1f} s / {results[f][n][1]:.1f} s" for f in formats]
            peak = max(results[f][n][2].peak_tree for f in formats)
            print(f"| {n:,} | " + " | ".join(cells) + f" | {mib(peak)} |")
        for fmt in formats:
            cold, warm = growth({n: v[0] for n, v in results[fmt].items()}), growth({n: v[1] for n, v in results[fmt].items()})
            if cold:
                print(f"growth per doubling 10k->80k, {fmt}: cold x{cold:.2f}, median x{warm:.2f} (target <= 2.3)")
        if args.doorstop:
            doorstop(base_tmp, corpus(args.doorstop_size, args.seed), args.python, extra)
    finally:
        if not args.keep:
            shutil.rmtree(base_tmp, ignore_errors=True)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"\n(all children together: largest process {mib(usage.ru_maxrss * 1024)})")


if __name__ == "__main__":
    main()
