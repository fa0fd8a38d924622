"""Step 4 « étude de l'existant »."""
