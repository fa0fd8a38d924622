"""The project's dashboard as charts (home page, « Tableau de bord » PDF)."""
