"""Step 5 « étude de marché »: the shared vendor catalogue and each project's assessments."""
