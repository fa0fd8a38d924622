"""Demo data and the benchmark grid of the requirements app."""
