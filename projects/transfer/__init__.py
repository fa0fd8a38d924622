"""Réversibilité: a project out to an archive, and back in on another installation."""
