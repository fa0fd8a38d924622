"""Step 11: votes of the assemblée générale, ballots, proxies, minutes."""
