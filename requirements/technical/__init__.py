"""Step 6 §2: technical preferences (hosting, purchase model)."""
