"""Each distinct statement analysed once: within a run (a memo) and across runs (a cache on disk).

Municipalities copy each other's requirements, so a national corpus holds the same text many
times. :class:`Analyser` wraps the per-statement rules (:func:`procura.checks.statements.analyse`,
plus the library suggestion for documents) and remembers their findings by

* the statement's text as extracted (whitespace already collapsed; the findings quote it, so it
  is not folded further) and its obligation (ska/bör, which some rules read),
* the context (estimated value, framework agreement),
* the suggestion library (a digest of its requirement texts, or none), and
* a digest of procura's version and every file of ``procura/checks`` and ``procura/models`` (the
  rule code, patterns and messages), so a changed rule can never be served a stale finding.

The cache is SQLite in ``$XDG_CACHE_HOME/procura`` (``~/.cache/procura``) holding JSON, never
pickle; a database for other rule code is removed when a new one is made. As for the library
cache, any problem with it (unwritable, locked, corrupt) silently falls back to analysing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from procura import __version__
from procura.checks import statements as st
from procura.checks.findings import Finding, Location, Severity, Suggestion
from procura.checks.suggest import Suggester
from procura.library.cache import cache_dir
from procura.models import Text

MEMO_LIMIT = 200_000  # distinct statements remembered in memory; beyond that the disk cache serves


@cache
def rule_digest(root: Path | None = None) -> str:
    """SHA-256 of procura's version and every file the per-statement rules are made of (under ``root``, the
    installed procura package by default)."""
    root = root or Path(__file__).resolve().parent.parent
    h = hashlib.sha256(__version__.encode())
    for folder in ("checks", "models", "library"):  # library: the ranking that makes suggestions
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def _finding_json(f: Finding) -> dict[str, Any]:
    s = f.suggestion
    return {"r": f.rule, "c": f.category, "s": f.severity.value, "m": [f.message.sv, f.message.en], "ci": f.citation,
            "u": f.url, "g": [s.id, s.title.sv, s.title.en, s.score] if s else None}


def _finding_of(data: dict[str, Any], location: Location) -> Finding:
    g = data["g"]
    suggestion = Suggestion(g[0], Text.model_construct(sv=g[1], en=g[2]), g[3]) if g else None
    return Finding(data["r"], data["c"], Severity(data["s"]), Text.model_construct(sv=data["m"][0], en=data["m"][1]), data["ci"],
                   data["u"], location, suggestion)


class StatementCache:
    """Findings of analysed statements on disk, one SQLite database per version of the rule code."""

    def __init__(self, folder: Path | None = None):
        self.path = (folder or cache_dir()) / f"statements-{rule_digest()}.sqlite"
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                fresh = not self.path.exists()
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS findings (key BLOB PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
                self._db = db
                if fresh:
                    for old in self.path.parent.glob("statements-*.sqlite*"):
                        if not old.name.startswith(self.path.name):
                            old.unlink(missing_ok=True)
            except (OSError, sqlite3.Error):
                self._broken = True
        return self._db

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, str]:
        db = self._connect()
        found: dict[bytes, str] = {}
        if db is None:
            return found
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ",".join("?" * len(chunk))
                found.update(db.execute(f"SELECT key, value FROM findings WHERE key IN ({marks})", chunk).fetchall())  # noqa: S608 - only placeholders
        except sqlite3.Error:
            self._broken = True
        return found

    def put_many(self, rows: Iterable[tuple[bytes, str]]) -> None:
        rows = list(rows)
        db = self._connect()
        if db is None or not rows:
            return
        try:
            with db:
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO findings (key, value) VALUES (?, ?)", rows)
        except sqlite3.Error:
            self._broken = True

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class Analyser:
    """The per-statement rules with memory: call it with statements, get each one's findings (suggestions included
    when a :class:`Suggester` is given). Used by ``check_document`` and ``check_library`` on the fast path."""

    def __init__(self, context: st.Context, suggester: Suggester | None = None, store: StatementCache | None = None):
        self.context = context
        self.suggester = suggester
        self.store = store
        choices = json.dumps(suggester.digest() if suggester and suggester.library else None)
        self._prefix = hashlib.sha256(
            json.dumps([rule_digest(), context.estimated_value_sek, context.framework]).encode() + choices.encode()).digest()
        self._memo: dict[bytes, list[dict[str, Any]]] = {}
        self._pending: list[tuple[bytes, str]] = []
        self.analysed = 0  # statements the rules actually ran on (for tests and the benchmark)

    def key(self, statement: st.Statement) -> bytes:
        return hashlib.blake2b(self._prefix + (statement.obligation or "-").encode() + b"\0" + statement.text.encode(),
                               digest_size=20).digest()

    def many(self, statements: Sequence[st.Statement]) -> list[list[Finding]]:
        """Each statement's findings, in order; the rules run once per distinct (text, obligation)."""
        keys = [self.key(s) for s in statements]
        missing = list(dict.fromkeys(k for k in keys if k not in self._memo))
        if missing and self.store is not None:
            for k, value in self.store.get_many(missing).items():
                self._remember(k, json.loads(value))
        out = []
        for k, statement in zip(keys, statements, strict=True):
            cached = self._memo.get(k)
            if cached is None:
                found, cached = self._analyse(statement)
                if cached is None:  # a finding placed elsewhere than on the statement: not cacheable, keep as found
                    out.append(found)
                    continue
                self._remember(k, cached)
                if self.store is not None:
                    self._pending.append((k, json.dumps(cached, ensure_ascii=False)))
            out.append([_finding_of(d, statement.location) for d in cached])
        return out

    def __call__(self, statement: st.Statement) -> list[Finding]:
        return self.many([statement])[0]

    def flush(self, at_least: int = 1) -> None:
        """Write what was analysed since the last flush to the disk cache, once there are ``at_least`` findings lists
        to write (one transaction each time: a commit per target would cost more than the writes)."""
        if self.store is None:
            self._pending = []
        elif self._pending and len(self._pending) >= at_least:
            self.store.put_many(self._pending)
            self._pending = []

    def _remember(self, key: bytes, findings: list[dict[str, Any]]) -> None:
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = findings

    def _analyse(self, statement: st.Statement) -> tuple[list[Finding], list[dict[str, Any]] | None]:
        self.analysed += 1
        found = list(st.analyse(statement, self.context))
        if self.suggester is not None:
            found = [f.with_(suggestion=self.suggester.suggest(statement.text, f.rule)) for f in found]
        if any(f.location != statement.location or f.accepted for f in found):
            return found, None
        return found, [_finding_json(f) for f in found]


def plain(context: st.Context, suggester: Suggester | None = None) -> Callable[[st.Statement], list[Finding]]:
    """The straightforward path: the rules on every statement, nothing remembered."""
    def analyse(statement: st.Statement) -> list[Finding]:
        found = st.analyse(statement, context)
        if suggester is None:
            return list(found)
        return [f.with_(suggestion=suggester.suggest(statement.text, f.rule)) for f in found]
    return analyse
