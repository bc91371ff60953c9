"""The fast path (statements remembered, cache on disk, process pool, Dask) finds exactly what the
straightforward path finds: every target checked on its own with every rule on every statement."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest

from procura.checks import CheckOptions, check_target
from procura.checks.batch import Checker, check_targets
from procura.checks.extract import DOCUMENT_SUFFIXES
from procura.checks.memo import rule_digest
from procura.library import load_library

REPO = Path(__file__).resolve().parents[2]
REAL = REPO.parent / "shared" / "real-documents"
STATEMENTS = [
    "K1 Leverantören ska ha en årlig omsättning om minst 50 miljoner kronor.",
    "K2 Lösningen ska vara användarvänlig.",
    "K3 Larmen ska vara av fabrikat Tunstall.",
    "K4 Tjänsten ska ha en tillgänglighet om minst 99,5 % per kalendermånad.",
    "K5 Leverantören ska ha lägst riskklass 3 enligt UC.",
    "K6 Tjänsten ska ha en tillgänglighet om minst 99,9 % per kalendermånad.",
    "K7 Leverantören ska vid behov erbjuda utbildning.",
    "K8 Lösningen bör vara användarvänlig.",
    "K9 Leverantören ska ha ett lokalt kontor i Umeå, se K12.",
]


def corpus(folder: Path) -> list[Path]:
    """Documents that repeat each other's statements (as municipalities do), one .docx, and a pack."""
    targets = []
    for i in range(5):
        path = folder / f"kommun-{i}.txt"
        lines = STATEMENTS[i:] + STATEMENTS[:i]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        targets.append(path)
    document = docx.Document()
    for line in STATEMENTS:
        document.add_paragraph(line)
    document.save(str(folder / "kommun.docx"))
    targets.append(folder / "kommun.docx")
    pack = folder / "packs"
    pack.mkdir()
    from procura.packs.pack import scaffold

    targets.append(scaffold("kommun-pack", pack))
    return targets


def straightforward(targets: list[Path], options: CheckOptions) -> list:
    """Each target on its own, every rule family on every statement, every pattern run bare (no pre-scan)."""
    from procura.checks.statements import straightforward as bare

    with bare():
        return [f for t in targets for f in check_target(t, options)]


@pytest.fixture(scope="module")
def options() -> CheckOptions:
    return CheckOptions(estimated_value_sek=2_000_000, library=load_library())


@pytest.mark.parametrize("jobs", [1, 2])
def test_fast_path_finds_what_the_straightforward_path_finds(tmp_path, options, jobs):
    targets = corpus(tmp_path)
    expected = straightforward(targets, options)
    assert {f.rule for f in expected} >= {"OVR-001", "VAG-001", "CON-002"}  # the corpus does trigger rules
    first = [f for _, found in check_targets(targets, options, jobs=jobs) for f in found]
    again = [f for _, found in check_targets(targets, options, jobs=jobs) for f in found]  # now from the disk cache
    assert first == expected
    assert again == expected


def test_each_distinct_statement_is_analysed_once_and_later_runs_reuse_the_cache(tmp_path, options):
    targets = corpus(tmp_path)[:5]  # five documents with the same nine statements in other orders
    checker = Checker(options)
    for target in targets:
        checker.check(target)
    assert checker.analysed == len(STATEMENTS)
    checker.flush()  # what a run does at its end (and every FLUSH_EVERY statements)
    later = Checker(options)  # a new run: nothing in memory, everything on disk
    found = [f for t in targets for f in later.check(t)]
    assert later.analysed == 0
    assert found == straightforward(targets, options)
    uncached = Checker(options, cache=False)
    uncached.check(targets[0])
    assert uncached.analysed == len(STATEMENTS)


def test_the_cache_key_changes_with_the_rule_code(tmp_path):
    root = tmp_path / "procura"
    shutil.copytree(REPO / "procura" / "checks", root / "checks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "procura" / "models", root / "models", ignore=shutil.ignore_patterns("__pycache__"))
    before = rule_digest(root)
    lexicon = root / "checks" / "lexicon.py"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# a changed pattern\n", encoding="utf-8")
    rule_digest.cache_clear()
    assert rule_digest(root) != before


def test_a_different_estimated_value_is_not_served_from_the_cache(tmp_path):
    path = tmp_path / "krav.txt"
    path.write_text("Leverantören ska ha en årlig omsättning om minst 50 miljoner kronor.\n", encoding="utf-8")
    small, large = CheckOptions(estimated_value_sek=1_000_000), CheckOptions(estimated_value_sek=100_000_000)
    assert [f for _, fs in check_targets([path, path], small, jobs=1) for f in fs] == straightforward([path, path], small)
    assert [f for _, fs in check_targets([path, path], large, jobs=1) for f in fs] == straightforward([path, path], large)
    assert straightforward([path], small) != straightforward([path], large)  # the value does matter to the rule


def test_a_changed_pack_file_is_read_again(tmp_path, options):
    from procura.packs.pack import scaffold

    pack = scaffold("kommun-pack", tmp_path)
    first = [f for _, fs in check_targets([pack, pack], options, jobs=2) for f in fs]
    assert not any(f.rule == "OVR-003" for f in first)
    req = pack / "support" / "SF-001.yaml"
    text = req.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.strip().startswith("sv: Leverantören ska"))
    req.write_text(text.replace(old, old.split("sv:")[0] + "sv: Leverantören ska leverera larm av fabrikat Tunstall."),
                   encoding="utf-8")
    second = [f for _, fs in check_targets([pack], options) for f in fs]
    assert any(f.rule == "OVR-003" and "Tunstall" in f.message.sv for f in second)
    assert second == straightforward([pack], options)


def real_documents() -> list[Path]:
    return sorted(p for p in REAL.glob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES) if REAL.is_dir() else []


@pytest.mark.skipif(not real_documents(), reason="no real documents beside the repository (../shared/real-documents)")
def test_fast_path_equals_straightforward_path_on_real_documents(options):
    from procura.errors import ProcuraError

    targets = []
    for path in real_documents():  # every kind `check` reads at run time; documents it refuses are left out
        try:
            check_target(path, options)
        except ProcuraError:
            continue
        targets.append(path)
    assert targets
    expected = straightforward(targets, options)
    assert [f for _, fs in check_targets(targets, options, jobs=2) for f in fs] == expected
    assert [f for _, fs in check_targets(targets, options, jobs=2) for f in fs] == expected  # from the cache


def test_dask_local_cluster_finds_what_one_process_finds(tmp_path, options):
    distributed = pytest.importorskip("distributed")
    targets = corpus(tmp_path)
    expected = straightforward(targets, options)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        found = [f for _, fs in check_targets(targets, options, client=client) for f in fs]
    assert found == expected


def test_jsonl_streams_one_finding_per_line_then_the_summary(tmp_path, runner, cli):
    targets = [str(p) for p in corpus(tmp_path)]
    whole = runner.invoke(cli, ["check", "--format", "json", "--lang", "en", *targets])
    lines = runner.invoke(cli, ["check", "--format", "jsonl", "--lang", "en", "--jobs", "2", *targets])
    assert lines.exit_code == whole.exit_code == 1, lines.output
    rows = [json.loads(line) for line in lines.output.splitlines()]
    assert rows[:-1] == json.loads(whole.output)["findings"]
    assert rows[-1] == {"summary": json.loads(whole.output)["summary"]}


def test_an_error_in_one_of_many_targets_is_one_line_and_exit_2(tmp_path, runner, cli):
    targets = [str(p) for p in corpus(tmp_path)]
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"not a zip")
    result = runner.invoke(cli, ["check", "--format", "jsonl", "--jobs", "2", *targets, str(broken)])
    assert result.exit_code == 2
    assert "trasig.docx" in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_the_national_benchmark_runs_the_whole_check_on_every_format(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "national.py"), "--sizes", "400", "--runs", "2",
                             "--formats", "txt,docx,pack", "--keep", str(tmp_path / "corpus")],
                            capture_output=True, text=True, cwd=tmp_path, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    for fmt in ("txt", "docx", "pack"):
        line = next(line for line in result.stdout.splitlines() if line.strip().startswith(fmt))
        assert "exit 1" in line and "output 0 lines" not in line  # the generated overreach and vague wording is found
    assert "| 400 |" in result.stdout
