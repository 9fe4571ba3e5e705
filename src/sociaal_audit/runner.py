"""Running an audit: files in, one :class:`RunResult` out. Used by the CLI and by tests.

Each file is read and checked on its own, in worker processes when ``jobs > 1``; an input error
for one file is recorded and the others go on. Packs are loaded and compiled once per run (and
once per worker). Only results travel back from the workers, never documents, so memory stays
flat however many files there are; the output is sorted, so it is identical for any ``jobs``.

Hook points for checks that look beyond one document:

* corpus rules (``TARGET = "corpus"``) get a compact digest of every document, grouped later by
  :mod:`sociaal_audit.corpus`;
* contract registers (CSV, XLSX, OCDS...) are not documents; :mod:`sociaal_audit.contracts`
  reads and checks them.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .documents import DEFAULT_MAX_BYTES, load_document
from .documents.readers import known_extensions
from . import i18n
from .engine import Engine
from .errors import AuditError, InputError
from .files import collect_inputs
from .results import DocumentResult, InputErrorInfo, RunResult, Summary
from .rules.loader import LoadedPack, load_packs

if TYPE_CHECKING:
    from concurrent.futures import Future

DEFAULT_PACKS = ["integraliteit"]

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class CheckOptions:
    packs: list[str] = field(default_factory=lambda: list(DEFAULT_PACKS))
    kind: str | None = None
    lang: str = "nl"
    date: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1
    columns: str | None = None  # the configuration's column map for contract registers (contracten: kolommen)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class FileOutcome:
    """What one file yields: a document result, or an input error; plus an optional digest."""

    path: str
    document: DocumentResult | None = None
    error: InputErrorInfo | None = None
    digest: Any = None


# ----- one file -------------------------------------------------------------------------------

_worker_engine: Engine | None = None
_worker_options: CheckOptions | None = None


def _init_worker(packs: list[LoadedPack], options: CheckOptions) -> None:
    global _worker_engine, _worker_options
    _worker_engine = Engine(packs, lang=options.lang)
    _worker_options = options


def check_file(engine: Engine, path: str, options: CheckOptions) -> FileOutcome:
    try:
        doc = load_document(path, kind=options.kind, max_bytes=options.max_bytes)
    except InputError as err:
        return FileOutcome(path, error=InputErrorInfo(path=err.path, message=err.message(options.lang)))
    except Exception as exc:  # a reader bug must not stop the run: report it for this file
        reason = f"{type(exc).__name__}: {exc}"
        err = InputError(path, "unreadable", reason=reason)
        return FileOutcome(path, error=InputErrorInfo(path=path, message=err.message(options.lang)))
    digest = None
    if engine.corpus_rules:
        from .corpus import digest as make_digest

        digest = make_digest(doc)
    return FileOutcome(path, document=engine.check_document(doc), digest=digest)


def _check_in_worker(path: str) -> FileOutcome:
    assert _worker_engine is not None and _worker_options is not None
    return check_file(_worker_engine, path, _worker_options)


def iter_outcomes(
    engine: Engine, files: list[str], options: CheckOptions, progress: Progress | None = None
) -> Iterator[FileOutcome]:
    """Yield one outcome per file, in any order; at most ``2 * jobs`` files in flight."""
    total = len(files)
    if options.jobs <= 1 or total <= 1:
        for i, path in enumerate(files, 1):
            yield check_file(engine, path, options)
            if progress:
                progress(i, total)
        return
    for done, outcome in enumerate(_outcomes_in_workers(engine, files, options), 1):
        yield outcome
        if progress:
            progress(done, total)


def _mp_context() -> Any:
    import multiprocessing  # only for runs with workers: a one-file check does not load it

    return multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")


def _outcomes_in_workers(engine: Engine, files: list[str], options: CheckOptions) -> Iterator[FileOutcome]:
    """Outcomes of ``files`` checked by a pool of worker processes.

    A worker that dies (killed by the system when memory runs out, a crash inside a C extension)
    breaks the whole pool, and every file in flight fails with it, not only the one that killed
    it. Those files are therefore checked again, each alone in a new worker: a file that kills that
    worker too is reported as an input error (see :func:`_check_alone`), the others get their
    results. The files not yet started go on in a new pool.

    Where worker processes cannot be made at all (a container without ``/dev/shm``, a platform
    without ``sem_open``), the files are checked in this process, one by one, as with ``--jobs 1``.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    queue = deque(files)
    while queue:
        in_flight_when_broken: list[str] = []
        try:
            pool = ProcessPoolExecutor(
                max_workers=min(options.jobs, len(queue)),  # no idle workers for a handful of files
                mp_context=_mp_context(), initializer=_init_worker, initargs=(engine.packs, options),
            )
        except (NotImplementedError, ImportError, OSError):  # no working multiprocessing here
            while queue:
                yield check_file(engine, queue.popleft(), options)
            return
        with pool:
            pending: dict[Future[FileOutcome], str] = {}
            broken = False
            while True:
                while not broken and queue and len(pending) < 2 * options.jobs:
                    path = queue.popleft()
                    try:
                        pending[pool.submit(_check_in_worker, path)] = path
                    except BrokenProcessPool:  # broke since the last wait: check this file alone too
                        in_flight_when_broken.append(path)
                        broken = True
                if not pending:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in sorted(finished, key=lambda f: pending[f]):  # stable order within a batch
                    path = pending.pop(fut)
                    try:
                        outcome = fut.result()
                    except BrokenProcessPool:
                        broken = True
                        in_flight_when_broken.append(path)
                        continue
                    yield outcome
        for path in sorted(in_flight_when_broken):
            yield _check_alone(engine, path, options)


def _check_alone(engine: Engine, path: str, options: CheckOptions) -> FileOutcome:
    """Check one file in a worker process of its own. When that process dies before it sends a
    result, the file is lost: an input error that says how the worker ended (exit 2 for the run;
    the other files are still checked and reported)."""
    ctx = _mp_context()
    receiving, sending = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=_check_and_send, args=(engine.packs, options, path, sending), daemon=True)
    worker.start()
    sending.close()  # only the worker holds the sending end now: its death ends the pipe
    try:
        status, payload = receiving.recv()
    except EOFError:
        status, payload = "lost", None
    finally:
        receiving.close()
        worker.join()
    if status == "raised":
        raise payload  # as a pool would: an exception raised by check_file itself
    if status == "ok":
        return payload
    err = InputError(path, "worker_lost", reason=how_it_ended(worker.exitcode, options.lang))
    return FileOutcome(path, error=InputErrorInfo(path=path, message=err.message(options.lang)))


def _check_and_send(packs: list[LoadedPack], options: CheckOptions, path: str, sending: Any) -> None:
    """In the worker of :func:`_check_alone`: check ``path`` and send back the outcome."""
    try:
        message: tuple[str, Any] = ("ok", check_file(Engine(packs, lang=options.lang), path, options))
    except Exception as exc:
        message = ("raised", exc)
    sending.send(message)
    sending.close()


def how_it_ended(exitcode: int | None, lang: str) -> str:
    """How a worker process ended, in words, from its exit code (negative: the signal number)."""
    import signal

    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        code = "worker_killed" if name == "SIGKILL" else "worker_signal"
        return i18n.text(code, lang, signal=name)
    return i18n.text("worker_exit", lang, status=exitcode)


# ----- a run ----------------------------------------------------------------------------------


class _InOrder:
    """Hands document results to a sink in path order while workers finish in any order."""

    def __init__(self, files: list[str], sink: Callable[[DocumentResult], None]) -> None:
        self.order = {path: i for i, path in enumerate(sorted(files))}
        self.next = 0
        self.waiting: dict[int, DocumentResult | None] = {}
        self.sink = sink

    def add(self, path: str, doc: DocumentResult | None) -> None:
        self.waiting[self.order[path]] = doc
        while self.next in self.waiting:
            ready = self.waiting.pop(self.next)
            self.next += 1
            if ready is not None:
                self.sink(ready)


def check_paths(
    paths: list[str],
    options: CheckOptions,
    packs: list[LoadedPack] | None = None,
    progress: Progress | None = None,
    on_document: Callable[[DocumentResult], None] | None = None,
    on_start: Callable[[RunResult], None] | None = None,
) -> RunResult:
    """Check ``paths``. With ``on_document``, each document result goes to that callback in path
    order and is not kept: the returned run then has no documents but a summary that counts them
    (memory stays flat however many files there are). ``on_start`` receives the run once its
    packs and rules are final, before the first document."""
    packs = packs if packs is not None else load_packs(options.packs)
    engine = Engine(packs, lang=options.lang)
    run = engine.new_run(date=options.date)
    files, errors = collect_inputs(paths, known_extensions())
    for err in errors:
        run.errors.append(InputErrorInfo(path=err.path, message=err.message(options.lang)))
    from .contracts.runner import check_registers, split_registers  # contract registers are not documents

    files, registers = split_registers(paths, files)
    check_registers(engine, registers, options, run)
    if on_start is not None:
        on_start(run)
    digests: list[Any] = []
    streamed = Summary()  # the counts of the documents handed to on_document, which are not kept
    tally = RunResult(tool=run.tool)  # holds one streamed document at a time, to count it

    def stream(doc: DocumentResult) -> None:
        on_document(doc)  # type: ignore[misc]  # may annotate doc (suppressions) before it is counted
        tally.documents[:] = [doc]
        add_summary(streamed, tally.finalize().summary)
        tally.documents.clear()

    in_order = _InOrder(files, stream) if on_document is not None else None
    for outcome in iter_outcomes(engine, files, options, progress):
        if outcome.error is not None:
            run.errors.append(outcome.error)
        if in_order is not None:
            in_order.add(outcome.path, outcome.document)
        elif outcome.document is not None:
            run.documents.append(outcome.document)
        if outcome.digest is not None:
            digests.append(outcome.digest)
    # --- hook: corpus rules see all documents of a municipality --------------------------------
    if engine.corpus_rules:
        from .corpus import check_corpus

        check_corpus(engine, sorted(digests, key=lambda d: d.path), run)
    run.finalize()
    if on_document is not None:  # add the streamed documents' counts to the summary
        add_summary(run.summary, streamed)
    return run


def add_summary(total: Any, part: Any) -> None:
    """Add the document-level counts of ``part`` to ``total`` (both Summary models): every
    integer field, and every count in dictionary fields. Input errors are counted by the run."""
    for name in type(part).model_fields:
        if name == "errors":
            continue
        value = getattr(part, name)
        if isinstance(value, int):
            setattr(total, name, getattr(total, name) + value)
        elif isinstance(value, dict):
            merged = getattr(total, name)
            for key, n in value.items():
                merged[key] = merged.get(key, 0) + n


__all__ = ["CheckOptions", "FileOutcome", "check_file", "check_paths", "default_jobs", "iter_outcomes", "AuditError"]
