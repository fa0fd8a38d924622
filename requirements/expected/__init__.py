"""Step 7 « prestations attendues »."""
