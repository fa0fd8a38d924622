"""Demo and benchmark parts of phase 4, one module per capability."""
