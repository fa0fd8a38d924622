"""The contract's obligations as phase 4 proceeds: above the contract and the recette,
it reads both (the contract cannot import the recette, which reads the contract)."""
