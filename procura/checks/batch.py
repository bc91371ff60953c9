"""Many targets at once: every core of this machine, or a Dask cluster, with each distinct statement analysed once.

Public API::

    check_targets(targets, options, jobs=None, cache=True, client=None) -> Iterator[(target, findings)]

Yields each target's findings in the order of ``targets`` — the same findings ``check_target`` gives
for it — as soon as that target and those before it are done, so a caller that writes them out
(``procura check --format jsonl``) never holds a whole national corpus's findings.

* One target, or ``jobs=1``: checked in this process.
* Several: a standard process pool (``concurrent.futures``) with ``jobs`` workers (default: the
  number of CPUs), targets sent in small chunks and at most a few chunks ahead of the output.
* ``client``: a ``dask.distributed.Client`` (``pip install 'procura[dask]'``); the same chunks run
  as Dask tasks on its workers.

Each process keeps an :class:`~procura.checks.memo.Analyser` that remembers findings by statement
text; with ``cache=True`` they also go to the on-disk cache, which the workers of one machine share
(a statement one worker has analysed is looked up by the others) and which later runs reuse.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procura.checks import Review
from procura.checks.document import CheckOptions
from procura.checks.findings import Finding, Severity
from procura.checks.memo import Analyser, StatementCache
from procura.checks.statements import Context
from procura.checks.suggest import Suggester
from procura.errors import EXIT_FINDINGS, EXIT_OK, ProcuraError

FLUSH_EVERY = 500  # statements' findings written to the disk cache in one transaction (and at the end of a chunk)
AHEAD = 3  # chunks in flight per worker: enough to keep every worker busy, few enough to bound memory
MAX_CHUNK = 8  # targets per chunk at most; fewer when there are few targets per worker


class Checker:
    """What one process needs to check targets: the options and the remembering analysers."""

    def __init__(self, options: CheckOptions, cache: bool = True):
        store = StatementCache() if cache else None
        self.options = options
        # documents get library suggestions; a library's or pack's own texts are checked without (check_library)
        self.documents = Analyser(options.context, Suggester(options.library), store)
        self.libraries = Analyser(Context(), None, store)

    def check(self, target: Path) -> list[Finding]:
        return self.review(target).findings

    def review(self, target: Path) -> Review:
        from procura.checks import review_target

        try:
            return review_target(target, self.options, analyse_documents=self.documents.many,
                                 analyse_libraries=self.libraries.many)
        finally:
            self.flush(FLUSH_EVERY)

    def flush(self, at_least: int = 1) -> None:
        """Findings not yet in the disk cache go there (other workers and later runs read them)."""
        self.documents.flush(at_least)
        self.libraries.flush(at_least)

    @property
    def analysed(self) -> int:
        return self.documents.analysed + self.libraries.analysed


# one Checker per worker process, made by the pool's initializer (a worker's own state, not a setting)
_checker: Checker | None = None


def _start_worker(options: CheckOptions, cache: bool) -> None:
    global _checker
    _checker = Checker(options, cache)


def _run_chunk(targets: Sequence[Path], checker: Checker | None = None) -> list[tuple[Review | None, str | None]]:
    """Each target's review, or the message of the input error that stopped it (raised again by the caller)."""
    checker = checker or _checker
    assert checker is not None, "worker not started"
    out: list[tuple[Review | None, str | None]] = []
    try:
        for target in targets:
            try:
                out.append((checker.review(target), None))
            except ProcuraError as exc:
                out.append((None, str(exc)))
                break
    finally:
        checker.flush()
    return out


def _run_chunk_dask(targets: Sequence[Path], options: CheckOptions, cache: bool) -> list[tuple[Review | None, str | None]]:
    return _run_chunk(targets, Checker(options, cache))


def chunk_size(targets: int, jobs: int) -> int:
    """Targets per task: several tasks per worker so the last ones finish together, never more than MAX_CHUNK."""
    return max(1, min(MAX_CHUNK, targets // (jobs * 4)))


def check_targets(targets: Iterable[Path], options: CheckOptions | None = None, jobs: int | None = None,
                  cache: bool = True, client: Any = None) -> Iterator[tuple[Path, list[Finding]]]:
    """Each target with its findings, in order (see the module's docstring)."""
    for target, review in review_targets(targets, options, jobs, cache, client):
        yield target, review.findings


def review_targets(targets: Iterable[Path], options: CheckOptions | None = None, jobs: int | None = None,
                   cache: bool = True, client: Any = None) -> Iterator[tuple[Path, Review]]:
    """Each target with its review (findings and the number of statements read), in order."""
    options = options or CheckOptions()
    targets = [Path(t) for t in targets]
    jobs = jobs or os.cpu_count() or 1
    if client is None and (jobs == 1 or len(targets) <= 1):
        checker = Checker(options, cache)
        try:
            for target in targets:
                yield target, checker.review(target)
        finally:
            checker.flush()
        return
    size = chunk_size(len(targets), jobs if client is None else max(1, len(client.nthreads())))
    chunks = [targets[i:i + size] for i in range(0, len(targets), size)]
    if client is not None:
        shared = client.scatter(options, broadcast=True)
        submit = lambda chunk: client.submit(_run_chunk_dask, chunk, shared, cache, pure=False)  # noqa: E731
        yield from _in_order(chunks, submit, ahead=AHEAD * max(1, len(client.nthreads())))
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), initializer=_start_worker, initargs=(options, cache)) as pool:
        yield from _in_order(chunks, lambda chunk: pool.submit(_run_chunk, chunk), ahead=AHEAD * jobs, pool=pool)


def _in_order(chunks: list[list[Path]], submit, ahead: int, pool: Executor | None = None) -> Iterator[tuple[Path, Review]]:
    pending: list[tuple[list[Path], Future]] = []
    todo = iter(chunks)
    try:
        while True:
            while len(pending) < ahead:
                chunk = next(todo, None)
                if chunk is None:
                    break
                pending.append((chunk, submit(chunk)))
            if not pending:
                return
            chunk, future = pending.pop(0)
            for target, (review, error) in zip(chunk, future.result(), strict=False):
                if error is not None:
                    raise ProcuraError(error)
                yield target, review
    finally:
        for _, future in pending:
            future.cancel()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class Tally:
    """Counts of findings as they stream past: the summary and exit code without keeping the findings."""

    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Severity})
    accepted: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_rule: dict[str, int] = field(default_factory=dict)
    worst: int = -1  # the highest severity rank of a finding that counts (not info)

    def add(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.counts[f.severity.value] += 1
            self.accepted += bool(f.accepted)
            if f.severity is not Severity.info:
                self.by_category[f.category] = self.by_category.get(f.category, 0) + 1
                self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1
                self.worst = max(self.worst, f.severity.rank)

    def summary(self, targets: Sequence[str], statements: dict[str, int] | None = None) -> dict[str, Any]:
        """The same shape as :func:`procura.checks.report.summary`."""
        return {**self.counts, "accepted": self.accepted, "by_category": self.by_category,
                "by_rule": dict(sorted(self.by_rule.items())), "targets": list(targets),
                "statements": {str(t): (statements or {}).get(str(t)) for t in targets}}

    def exit_code(self, fail_on: Severity = Severity.error) -> int:
        return EXIT_FINDINGS if self.worst >= fail_on.rank else EXIT_OK


def connect(address: str):
    """A Dask client for ``--scheduler ADDRESS``, or a clear error when the extra is not installed."""
    try:
        from distributed import Client
    except ImportError:
        raise ProcuraError("--scheduler needs Dask: pip install 'procura[dask]'") from None
    try:
        return Client(address, timeout=30)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ProcuraError(f"{address}: cannot reach the Dask scheduler ({exc}) — start one with `dask scheduler` "
                           "and workers with `dask worker ADDRESS`") from None
