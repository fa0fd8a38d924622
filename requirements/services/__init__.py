"""Writes of the requirements app, one module per area."""
