"""Fixtures of the budget feed tests: the light phase-4 team."""

from ..light_team import team  # noqa: F401 (a fixture)
