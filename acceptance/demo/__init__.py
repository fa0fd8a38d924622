"""Demo and benchmark parts of phase 4."""
