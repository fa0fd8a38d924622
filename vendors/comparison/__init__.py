"""Steps 9 and 11: the consulted vendors' confirmed answers side by side."""
