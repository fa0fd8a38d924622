"""Reads of the requirements app, always scoped by project, one module per area."""
