"""Step 11 « analyse et classement »: criteria, marks, eliminatory checks, cost, ranking."""
