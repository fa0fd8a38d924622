"""Statistics printed by the benchmark command (pure)."""

import pytest

from projects.demo.benchmark import measure, percentile, summarise


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([5.0, 1.0, 3.0, 2.0, 4.0], 0.5, 3.0),
        ([float(v) for v in range(1, 21)], 0.95, 19.0),
        ([float(v) for v in range(1, 101)], 0.95, 95.0),
        ([7.0], 0.95, 7.0),
    ],
)
def test_percentile_is_nearest_rank(values: list[float], fraction: float, expected: float) -> None:
    assert percentile(values, fraction) == expected


def test_summarise_converts_seconds_to_milliseconds() -> None:
    timing = summarise([0.010, 0.020, 0.030, 0.040, 0.100])
    assert (timing.runs, timing.median_ms, timing.p95_ms) == (5, 30.0, 100.0)


def test_measure_runs_warmup_then_measured_runs() -> None:
    calls: list[int] = []
    timing = measure(lambda: calls.append(1), warmup=2, runs=5)
    assert len(calls) == 7
    assert timing.runs == 5
