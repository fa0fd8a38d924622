"""Step 12 « paramétrage »: habilitation matrix, setting items, patient information."""
