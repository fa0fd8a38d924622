"""Writes of step 6 §2: the project's technical preferences."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError
from projects.models import Project

from .models import Hosting, PurchaseModel, TechnicalPreference


@transaction.atomic
def technical_preference_save(
    *, project: Project, hosting: str, hosting_justification: str, purchase_model: str,
    purchase_justification: str, other_requirements: str,
) -> TechnicalPreference:
    """Hosting and purchase model with their justification, other technical requirements."""
    if hosting not in Hosting.values or purchase_model not in PurchaseModel.values:
        raise DomainError(_("Choix inconnu."))
    # The cahier des charges must say why: a decided hosting needs its justification.
    if hosting != Hosting.UNDECIDED and not hosting_justification.strip():
        raise DomainError(_("Justifiez le choix d'hébergement retenu."))
    preference, _created = TechnicalPreference.objects.select_for_update().get_or_create(
        project=project)
    preference.hosting = hosting
    preference.hosting_justification = hosting_justification.strip()
    preference.purchase_model = purchase_model
    preference.purchase_justification = purchase_justification.strip()
    preference.other_requirements = other_requirements.strip()
    preference.save()
    return preference
