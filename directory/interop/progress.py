"""How long-running import and export steps report progress (the CLI draws the bar)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

Advance = Callable[[int], None]
#: ``progress(label, total)`` gives a context manager yielding ``advance(steps)``.
Progress = Callable[[str, int], AbstractContextManager[Advance]]


@contextmanager
def no_progress(label: str, total: int) -> Iterator[Advance]:
    """The default: report nothing."""
    yield lambda steps: None
