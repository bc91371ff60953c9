"""A build that writes its outputs in two processes (the CLI's default with two cores) writes what a
sequential build writes, and fails as one does: one error line, nothing moved into place.

Each build runs in a fresh Python process: a build forks only when its process has no other thread,
and earlier tests may leave one behind in the test process (Dask's client keeps an offload thread)."""

import json
import subprocess
import sys
import textwrap

import openpyxl
import pytest
from helpers import SIZED, library_copy, profile, requirement

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a second process is forked only on Linux")

BUILD = textwrap.dedent("""
    import errno, json, os, sys
    from pathlib import Path

    lib_root, profile, out, jobs, failure = sys.argv[1:6]
    forks = []
    real_fork = os.fork

    def counting_fork():
        forks.append(1)
        return real_fork()

    os.fork = counting_fork
    parent = os.getpid()

    import procura.render.xlsx
    from procura.build import BuildOptions, build
    from procura.errors import InputError, ProcuraError
    from procura.library import load_library

    def broken(model, path):
        path.write_bytes(b"half a spreadsheet")
        if os.getpid() == parent:
            os._exit(9)  # the matrix must be written by the child
        if failure == "no-space":
            raise OSError(errno.ENOSPC, "No space left on device")
        if failure == "input":
            raise InputError("the matrix cannot be made", "profil.yaml:3", "fix it")
        if failure == "bug":
            raise KeyError("bug")
        os._exit(3)  # "dies"

    if failure != "none":
        procura.render.xlsx.write_matrix = broken
    try:
        result = build(Path(profile), BuildOptions(Path(out), library=load_library(Path(lib_root)), page_numbers=False,
                                                   jobs=int(jobs)))
        print(json.dumps({"forks": len(forks), "files": [f.name for f in result.files]}))
    except ProcuraError as exc:
        print(json.dumps({"forks": len(forks), "error": str(exc)}))
""")


@pytest.fixture
def setup(tmp_path):
    root = library_copy(tmp_path)
    requirement(root, "IN-001", "infrastruktur", **SIZED)
    requirement(root, "TG-001", "tillganglighet", obligation="bor", scoring={"sv": "5 poäng om uppfyllt", "en": "5 points if met"})
    return root, profile(tmp_path)


def run_build(setup, out, jobs, failure="none"):
    root, path = setup
    done = subprocess.run([sys.executable, "-c", BUILD, str(root), str(path), str(out), str(jobs), failure],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def cells(path):
    return [[c.value for c in row] for ws in openpyxl.load_workbook(path) for row in ws.iter_rows()]


def test_a_fresh_process_may_fork():
    code = "from procura.build import can_fork; print(can_fork())"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "True"


def test_two_processes_write_what_one_writes(tmp_path, setup):
    one = run_build(setup, tmp_path / "one", 1)
    two = run_build(setup, tmp_path / "two", 2)
    assert (one["forks"], two["forks"]) == (0, 1)
    assert one["files"] == two["files"] and "kravmatris.xlsx" in two["files"]
    for name in one["files"]:
        if name.endswith((".md", ".json")):
            assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert cells(tmp_path / "two" / "kravmatris.xlsx") == cells(tmp_path / "one" / "kravmatris.xlsx")
    assert (tmp_path / "two" / "kravspecifikation.docx").stat().st_size > 10_000


@pytest.mark.parametrize("failure, message", [
    ("no-space", "cannot write (no space left on the device)"),
    ("input", "profil.yaml:3: the matrix cannot be made — fix it"),
    ("bug", "internal error: KeyError"),
    ("dies", "stopped (status"),
])
def test_a_failure_in_the_second_process_is_one_line_and_writes_nothing(tmp_path, setup, failure, message):
    out = tmp_path / "out"
    result = run_build(setup, out, 2, failure)
    assert result["forks"] == 1 and message in result["error"] and "Traceback" not in result["error"]
    assert not [p for p in out.iterdir() if not p.name.startswith(".procura-lock")]  # no output, no staging folder
