"""A build's commit survives a crash: a lock keeps a second build out, a journal lets the next run
complete an interrupted commit, and staging folders of killed builds are removed."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import profile

from procura.errors import EXIT_INPUT
from procura.render.output import JOURNAL, LOCK, MANIFEST, read_manifest

HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from procura.render.output import FolderLock
    lock = FolderLock(Path(sys.argv[1])).acquire()
    print("locked", flush=True)
    time.sleep(60)
""")

# SIGKILL right after the Nth os.replace — inside the commit, as ../shared/robustness/kill_after_nth_rename.py
KILL_AFTER_RENAME = textwrap.dedent("""
    import os, signal, sys
    N = int(sys.argv[1])
    real, count = os.replace, [0]
    def replace(a, b, *args, **kw):
        real(a, b, *args, **kw)
        count[0] += 1
        if count[0] == N:
            os.kill(os.getpid(), signal.SIGKILL)
    os.replace = replace
    from procura.cli import main
    sys.argv = ["procura", *sys.argv[2:]]
    main()
""")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def outputs(out: Path) -> dict[str, str]:
    return {f.name: digest(f) for f in out.iterdir() if f.is_file() and not f.name.startswith(".")}


def assert_consistent(out: Path) -> None:
    """Every output is in the manifest with its checksum; no journal, lock or staging is left."""
    assert read_manifest(out) == outputs(out)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [MANIFEST]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX process handling")
def test_a_second_build_into_the_folder_is_told_who_is_building(run, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = run("build", profile(tmp_path), "-o", out)
        assert result.exit_code == EXIT_INPUT
        assert f"another build is running in {out} (pid {holder.pid})" in result.output
        assert outputs(out) == {}
    finally:
        holder.kill()
        holder.wait()
    result = run("build", profile(tmp_path), "-o", out)  # the lock ended with its process
    assert result.exit_code == 0, result.output
    assert_consistent(out)


def test_a_lock_file_left_by_a_dead_build_is_taken_over(run, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / LOCK).write_text(dead.stdout)
    result = run("build", profile(tmp_path), "-o", out)
    assert result.exit_code == 0, result.output
    assert not (out / LOCK).exists()
    assert_consistent(out)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("nth", [2, 5, *(pytest.param(n, marks=pytest.mark.slow) for n in (1, 3, 4, 6, 7))])
def test_a_build_killed_in_its_commit_is_completed_by_the_next(run, tmp_path, nth):
    """Kill a build of version 2.0 after its Nth rename (first the journal, then each output, then the
    manifest); the next build finds every output either from 1.0 or 2.0 and none 'edited'."""
    p1 = profile(tmp_path, "p1.yaml", version="1.0")
    p2 = profile(tmp_path, "p2.yaml", version="2.0")
    out = tmp_path / "out"
    assert run("build", p1, "-o", out).exit_code == 0
    env = {**os.environ, "PYTHONPATH": ""}
    killed = subprocess.run([sys.executable, "-c", KILL_AFTER_RENAME, str(nth), "build", str(p2), "-o", str(out)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert killed.returncode in (-9, 0), killed.stderr  # 0: fewer renames than nth, the build finished
    from procura.render.output import recover

    if (out / JOURNAL).exists():  # the commit was interrupted: completing it gives the 2.0 outputs
        recover(out)
        assert "2.0" in (out / "kravspecifikation.md").read_text(encoding="utf-8")
    result = run("build", p1, "-o", out)
    assert result.exit_code == 0, result.output
    assert_consistent(out)
    assert run("build", p2, "-o", out).exit_code == 0  # and again: nothing counts as edited by the user


def test_staging_folders_of_killed_builds_are_removed(run, tmp_path):
    out = tmp_path / "out"
    assert run("build", profile(tmp_path), "-o", out).exit_code == 0
    for name in (".procura-abc123", ".procura-old_build"):
        (out / name).mkdir()
        (out / name / "kravspecifikation.docx").write_bytes(b"half")
    (out / ".procura-xyz.tmp").write_bytes(b"half a manifest")
    assert run("build", profile(tmp_path), "-o", out).exit_code == 0
    assert_consistent(out)


def test_a_journal_not_written_by_procura_is_ignored(run, tmp_path):
    out = tmp_path / "out"
    assert run("build", profile(tmp_path), "-o", out).exit_code == 0
    before = outputs(out)
    (out / JOURNAL).write_text('{"staging": "../../etc", "files": {"../x": "00"}}')
    assert run("build", profile(tmp_path), "-o", out).exit_code == 0
    assert outputs(out).keys() == before.keys() and not (tmp_path / "x").exists()
    assert_consistent(out)


def test_the_output_folder_is_a_file(run, tmp_path):
    target = tmp_path / "file"
    target.write_text("precious")
    result = run("build", profile(tmp_path), "-o", target)
    assert result.exit_code == EXIT_INPUT and "cannot write to the output folder (it is a file)" in result.output
    assert target.read_text() == "precious"
