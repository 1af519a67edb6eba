"""The planner's progress bar: drawn from the planner's own thread, never from a refresh thread.

A big plan forks a helper process to fit candidates on the second core, and only when no other thread
runs (a fork copies the calling thread only: a lock another thread held would stay locked in the
helper). Rich's usual progress bar refreshes from a thread, so this one is redrawn only when the
planner reports (planner.fitting.Progress): every 250 pieces fitted, and each round of recycles.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from publisher.social.planner.fitting import Progress as Told

STEPS = {"fitting": "fitting candidates (pieces)", "placing": "placing recycles (rounds)"}


@contextmanager
def plan_progress(console: Console) -> Iterator[Told]:
    """A callback for make_plan(progress=...) that draws a bar per step; the bars vanish at the end."""
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=console, transient=True, auto_refresh=False)
    tasks: dict[str, TaskID] = {}

    def told(step: str, done: int, total: int) -> None:
        task = tasks.get(step)
        if task is None:
            task = tasks[step] = bar.add_task(STEPS.get(step, step), total=total)
        bar.update(task, completed=done, total=total)
        bar.refresh()

    with bar:
        yield told


__all__ = ["plan_progress"]
