"""Step 6: the needs grid (domains, requirements, priorities) and its consolidation."""
