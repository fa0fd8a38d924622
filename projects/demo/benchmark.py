"""Figures for the benchmark command: timing statistics of repeated runs, and what each
plug-in's benchmark part receives. Pure."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Timing:
    """Median and 95th percentile of ``runs`` measured durations, in milliseconds."""

    runs: int
    median_ms: float
    p95_ms: float

    def __str__(self) -> str:
        return f"médiane {self.median_ms:.1f} ms · p95 {self.p95_ms:.1f} ms ({self.runs} mesures)"


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with ``fraction`` of values at or below."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceiling without floats drifting
    return ordered[int(rank) - 1]


def summarise(durations_s: list[float]) -> Timing:
    """Timing summary of durations given in seconds."""
    ms = [d * 1000 for d in durations_s]
    return Timing(runs=len(ms), median_ms=statistics.median(ms), p95_ms=percentile(ms, 0.95))


def measure(action: Callable[[], object], *, warmup: int, runs: int) -> Timing:
    """Run ``action`` ``warmup`` times unmeasured, then ``runs`` times measured."""
    for _ in range(warmup):
        action()
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        durations.append(time.perf_counter() - started)
    return summarise(durations)


@dataclass
class BenchmarkRun:
    """What ``manage.py benchmark`` hands each plug-in's part (``Plugin.benchmark``).

    ``page(label, url)`` times a page and counts its queries; ``document(project, kind,
    runs=None)`` times a whole generation against WeasyPrint alone (``runs`` raises the
    command's ``--document-runs`` for a document whose ratio needs more pairs); ``shared``
    passes a project built by one part (the 400-need grid) to the next.
    """

    user: Any
    runs: int
    warmup: int
    document_runs: int
    import_runs: int
    write: Callable[[str], None]
    page: Callable[[str, str], Timing]
    document: Callable[..., None]
    shared: dict[str, Any] = field(default_factory=dict)
