"""Step 13 « reprise des données »: checklist, method note, trial, sample checks, go / no-go."""
