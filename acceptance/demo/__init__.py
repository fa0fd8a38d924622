"""Demo parts of phase 4, one module per capability (called by the integrator's seed)."""
