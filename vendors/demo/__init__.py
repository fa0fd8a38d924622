"""Demo data, benchmark figures and the vote load test of the vendors app."""
