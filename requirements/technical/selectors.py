"""Reads of the technical preferences (step 6 §2), scoped by project."""

from __future__ import annotations

from dataclasses import dataclass

from projects.models import Project

from .models import TechnicalPreference


def technical_preference(*, project: Project) -> TechnicalPreference:
    """The project's technical preferences, or an unsaved undecided row."""
    return (TechnicalPreference.objects.filter(project=project).first()
            or TechnicalPreference(project=project))


@dataclass(frozen=True)
class TechnicalSummary:
    """The preferred technical architecture (step 6 §2) as plain data."""

    hosting: str
    hosting_label: str
    hosting_justification: str
    purchase_model: str
    purchase_model_label: str
    purchase_justification: str
    other_requirements: str


def technical_summary(*, project: Project) -> TechnicalSummary:
    """Plain data of the technical preferences for the cahier des charges."""
    p = technical_preference(project=project)
    return TechnicalSummary(
        hosting=p.hosting, hosting_label=str(p.get_hosting_display()),
        hosting_justification=p.hosting_justification, purchase_model=p.purchase_model,
        purchase_model_label=str(p.get_purchase_model_display()),
        purchase_justification=p.purchase_justification,
        other_requirements=p.other_requirements)
