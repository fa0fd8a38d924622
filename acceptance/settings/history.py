"""What of step 12 shows in a project's history."""

from __future__ import annotations

from django.utils.translation import gettext as _

from projects.history import Tracked, title_label

from .models import (
    HabilitationMatrix,
    HabilitationProfile,
    HabilitationValidation,
    PatientInformation,
    SettingItem,
)

TRACKED = (
    Tracked("profil-habilitation", HabilitationProfile, "project_id",
            lambda record, refs: _("Profil « %s »") % record),
    Tracked("matrice-habilitation", HabilitationMatrix, "project_id",
            lambda record, refs: str(record)),
    Tracked("validation-habilitations", HabilitationValidation, "project_id",
            lambda record, refs: str(record)),
    Tracked("parametrage", SettingItem, "project_id", title_label("title")),
    Tracked("information-patients", PatientInformation, "project_id",
            lambda record, refs: str(record)),
)
