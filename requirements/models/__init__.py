"""Data of phase 2 (« Définition »): the needs grid of step 6."""

from .grid import (
    GridDomain,
    GridSubDomain,
    NeedsGrid,
    Priority,
    ProfessionPriority,
    Requirement,
)

__all__ = [
    "GridDomain",
    "GridSubDomain",
    "NeedsGrid",
    "Priority",
    "ProfessionPriority",
    "Requirement",
]
