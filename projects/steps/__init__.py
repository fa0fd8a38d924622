"""The 18 steps: status moves, planning, collegial validation."""
