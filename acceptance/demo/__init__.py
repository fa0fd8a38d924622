"""Demo parts of phase 4, one per capability, called for a project already in phase 4."""
