"""Step 8: the cahier des charges (PDF) and its cadre de réponse (XLSX)."""
