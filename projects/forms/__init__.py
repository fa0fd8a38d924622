"""Forms of the projects app, one module per area."""

from .projects import HeadcountForm, ProjectForm, SiteFormSet

__all__ = ["HeadcountForm", "ProjectForm", "SiteFormSet"]
