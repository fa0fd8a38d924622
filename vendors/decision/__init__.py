"""End of step 11: the dossier de choix and the solution chosen."""
