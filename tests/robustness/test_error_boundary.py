"""The CLI's one error boundary: a bug is one line and exit 2, Ctrl-C is exit 130, usage errors and
procura's own errors stay as they were."""

from __future__ import annotations

import subprocess
import sys

import pytest

from procura.errors import InputError

LINE = "procura: internal error: RuntimeError: boom — this is a bug; please report it with the command you ran"


@pytest.fixture
def broken_stats(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr("procura.library.query.statistics", explode)


def test_an_unexpected_exception_is_one_line_and_exit_2(run, broken_stats, monkeypatch):
    monkeypatch.delenv("PROCURA_DEBUG", raising=False)
    result = run("library", "stats")
    assert result.exit_code == 2
    assert result.output.strip() == LINE.replace("boom", "boom second line")
    assert "Traceback" not in result.output


def test_procura_debug_shows_the_traceback(run, broken_stats, monkeypatch):
    monkeypatch.setenv("PROCURA_DEBUG", "1")
    result = run("library", "stats")
    assert result.exit_code == 2 and "Traceback" in result.output and "procura: internal error" in result.output


def test_ctrl_c_is_exit_130_and_quiet(run, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("procura.library.query.statistics", interrupt)
    result = run("library", "stats")
    assert result.exit_code == 130 and result.output.strip() == ""


def test_procura_errors_and_usage_errors_keep_their_shape(run, monkeypatch):
    def refuse(*args, **kwargs):
        raise InputError("what", "where.yaml:3", "what to do")

    monkeypatch.setattr("procura.library.query.statistics", refuse)
    result = run("library", "stats")
    assert result.exit_code == 2 and result.output.strip() == "procura: error: where.yaml:3: what — what to do"
    result = run("library", "stats", "--no-such-option")
    assert result.exit_code == 2 and "Usage:" in result.output and "No such option" in result.output


def test_main_has_the_same_boundary(tmp_path):
    """The installed entry point (procura.cli:main), in a fresh process."""
    script = ("import sys, procura.library.query as q\n"
              "def explode(*a, **k): raise ValueError('bad')\n"
              "q.statistics = explode\n"
              "from procura.cli import main\n"
              "sys.argv = ['procura', 'library', 'stats']\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == ("procura: internal error: ValueError: bad — this is a bug; please report it with "
                                   "the command you ran")
