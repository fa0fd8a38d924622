"""The AMOA's portfolio: the projects a person follows, side by side (issue 13)."""
