"""Demo parts of phase 4, one module per capability (invented data only)."""
