"""A progress bar for long runs: drawn on standard error when that is an interactive terminal,
silent in CI and when standard error goes to a pipe or a file."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

MIN_FILES = 20  # short runs need no bar


@contextmanager
def progress_bar() -> Iterator[Optional[Callable[[int, int], None]]]:
    if os.environ.get("CI") or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    # on standard error, which was just found to be a terminal: standard output carries the results
    # and is often a file (`check dir -f json > out.json`)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if total < MIN_FILES:
                return
            if task is None:
                task = bar.add_task("sociaal-audit", total=total)
            bar.update(task, completed=done)

        yield update
