"""A time limit on the extraction of one document.

Parsing is bounded by the ingest limits (size, line length, nesting); extraction is Python
code whose cost can still explode on pathological text. In the main thread of a process the
limit is enforced with a real-time interval timer (SIGALRM), which interrupts the extractors
between two bytecodes; elsewhere (worker threads) signals cannot be delivered, and the limit
is checked when the document is done instead. Configure with `FOREWARN_DOC_TIMEOUT`
(seconds, default 120; 0 turns it off).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

DOC_TIMEOUT_ENV = "FOREWARN_DOC_TIMEOUT"
DEFAULT_DOC_TIMEOUT = 120.0


class DocumentTimeout(TimeoutError):
    """Extraction of one document took longer than the configured limit."""


def doc_timeout() -> float:
    """The limit in seconds from the environment (0 or less: no limit)."""
    raw = os.environ.get(DOC_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_DOC_TIMEOUT
    try:
        return float(raw)
    except ValueError:
        return DEFAULT_DOC_TIMEOUT


def _message(seconds: float) -> str:
    return f"timed out: analysis took longer than {seconds:g} s (limit {DOC_TIMEOUT_ENV})"


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout if the body runs longer than `seconds` (no limit when <= 0)."""
    if seconds <= 0:
        yield
        return
    in_main = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not in_main:
        started = time.monotonic()
        yield
        if time.monotonic() - started > seconds:
            raise DocumentTimeout(_message(seconds))
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise DocumentTimeout(_message(seconds))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
