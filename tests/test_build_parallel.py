"""A build that writes its outputs in two processes (the CLI's default with two cores) writes what a
sequential build writes, and fails as one does: one error line, nothing moved into place."""

import errno
import os

import openpyxl
import pytest
from helpers import SIZED, library_copy, profile, requirement

from procura.build import BuildOptions, build, can_fork
from procura.errors import InputError, OutputError
from procura.library import load_library

pytestmark = pytest.mark.skipif(not can_fork(), reason="a second process is forked only on Linux, without other threads")


@pytest.fixture
def lib(tmp_path):
    root = library_copy(tmp_path)
    requirement(root, "IN-001", "infrastruktur", **SIZED)
    requirement(root, "TG-001", "tillganglighet", obligation="bor", scoring={"sv": "5 poäng om uppfyllt", "en": "5 points if met"})
    return load_library(root)


@pytest.fixture
def forks(monkeypatch):
    """How many times the build forked (the real fork runs)."""
    calls = []
    real = os.fork

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(os, "fork", counting)
    return calls


def cells(path):
    return [[c.value for c in row] for ws in openpyxl.load_workbook(path) for row in ws.iter_rows()]


def test_two_processes_write_what_one_writes(tmp_path, lib, forks):
    path = profile(tmp_path)
    one = build(path, BuildOptions(tmp_path / "one", library=lib, page_numbers=False, jobs=1))
    assert not forks
    two = build(path, BuildOptions(tmp_path / "two", library=lib, page_numbers=False, jobs=2))
    assert len(forks) == 1
    assert [f.name for f in one.files] == [f.name for f in two.files]
    for a, b in zip(one.files, two.files, strict=True):
        if a.suffix in (".md", ".json"):
            assert a.read_bytes() == b.read_bytes(), a.name
    assert cells(tmp_path / "two" / "kravmatris.xlsx") == cells(tmp_path / "one" / "kravmatris.xlsx")
    assert (tmp_path / "two" / "kravspecifikation.docx").stat().st_size > 10_000


@pytest.mark.parametrize("failure, message", [
    (OSError(errno.ENOSPC, "No space left on device"), "no space left on the device"),
    (InputError("the matrix cannot be made", "profil.yaml:3", "fix it"), "profil.yaml:3: the matrix cannot be made — fix it"),
    (KeyError("bug"), "internal error: KeyError"),
])
def test_a_failure_in_the_second_process_is_one_line_and_writes_nothing(tmp_path, lib, forks, monkeypatch, failure, message):
    import procura.render.xlsx

    def broken(model, path):
        path.write_bytes(b"half a spreadsheet")
        raise failure

    monkeypatch.setattr(procura.render.xlsx, "write_matrix", broken)
    out = tmp_path / "out"
    with pytest.raises(OutputError) as error:
        build(profile(tmp_path), BuildOptions(out, library=lib, page_numbers=False, jobs=2))
    assert len(forks) == 1
    assert message in str(error.value) and "Traceback" not in str(error.value)
    assert not [p for p in out.iterdir() if not p.name.startswith(".procura-lock")]  # no output, no staging folder


def test_a_second_process_that_dies_fails_the_build(tmp_path, lib, forks, monkeypatch):
    import procura.render.xlsx

    monkeypatch.setattr(procura.render.xlsx, "write_matrix", lambda model, path: os._exit(3))
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="stopped"):
        build(profile(tmp_path), BuildOptions(out, library=lib, page_numbers=False, jobs=2))
    assert not [p for p in out.iterdir() if not p.name.startswith(".procura-lock")]
