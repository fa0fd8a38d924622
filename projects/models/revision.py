"""Each project's data revision: a number that changes whenever a row of the project does.

The page cache (``projects.pagecache``) puts it in every key, so that a page is served
again only as long as nothing it could show has changed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .project import Project


class ProjectRevision(models.Model):
    """The revision of one project's data (a row apart from the project's own, so that
    bumping it never contends with the services that lock the project row)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, primary_key=True,
                                   related_name="data_revision")
    value = models.PositiveBigIntegerField(_("révision"), default=0)

    class Meta:
        verbose_name = _("révision des données du projet")
        verbose_name_plural = _("révisions des données des projets")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.project_id}@{self.value}"
