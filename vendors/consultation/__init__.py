"""Step 9 « consultation »: vendors consulted, their secret links, the answers imported."""
