"""Generated documents: builders, versions, the job pipeline, PDF, reviews."""
