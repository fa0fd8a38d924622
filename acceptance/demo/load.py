"""Pages of phase 4 measured by the load benchmark (``manage.py benchmark_load``), on the
phase-4 demo MSP: the plug-in declares them, the command loads them signed in as its chef
de projet."""

from __future__ import annotations

from django.urls import reverse

from projects.models import Project

from ..recette.models import Campaign


def load_pages(*, project: Project) -> dict[str, str]:
    """Label → path of each phase-4 page of ``project``."""
    def url(name: str, *args: int) -> str:
        return reverse(f"acceptance:{name}", args=[project.pk, *args])

    pages = {
        "contrat": url("contract"),
        "anomalies": url("anomaly-list"),
        "couverture (étape 14)": url("coverage"),
        "paramétrage (étape 12)": url("settings"),
        "matrice d'habilitation": url("habilitations"),
        "formation (étape 15)": url("training"),
        "maintenance (étape 16)": url("maintenance"),
        "bilan (étape 17)": url("bilan"),
        "commandes (étape 18)": url("orders"),
    }
    campaign = Campaign.objects.filter(project=project).order_by("-pk").first()
    if campaign is not None:
        pages["campagne de recette"] = url("campaign-detail", campaign.pk)
    return pages
