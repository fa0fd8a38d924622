"""Forms of the requirements app, one module per page."""
