"""« Règles de paramétrage et politique d'habilitation » (PDF), the deliverable of step 12."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from projects.documents.builders import DocumentBuilder
from projects.plugins import DocumentSpec
from requirements.technical.models import TechnicalPreference

from ..choices import AcceptanceDocument
from .choices import SettingArea
from .selectors import (
    ConsentChecklist,
    ItemLine,
    MatrixState,
    consent_checklist,
    matrix_state,
    settings_overview,
)

if TYPE_CHECKING:
    from projects.models import Project

# Sections (phase4.md §1 « Documents »), in order: (anchor, title). A test reads them back.
SETTINGS_RULES_SECTIONS: tuple[tuple[str, str], ...] = (
    ("contexte", "1. Contexte et sources"),
    ("profils", "2. Profils et matrice d'habilitation"),
    ("regles", "3. Règles d'accès, de lecture et de modification"),
    ("formulaires", "4. Formulaires et courriers propres aux professions"),
    ("indicateurs", "5. Indicateurs"),
    ("information", "6. Information des patients et consentement"),
    ("points-ouverts", "7. Points ouverts"),
)


@dataclass
class SettingsRulesData:
    """Everything the rules document shows, read from the live data."""

    project: Project
    matrix: MatrixState
    rights_items: list[ItemLine]
    forms_items: list[ItemLine]
    indicator_items: list[ItemLine]
    consent: ConsentChecklist
    hosting_justification: str
    open_points: list[str]
    sections: tuple[tuple[str, str], ...] = SETTINGS_RULES_SECTIONS


def settings_rules_data(project: Project) -> SettingsRulesData:
    """Gather the matrix, the setting items by area, the consent checklist and what is
    still open (rights missing, items not configured, checklist not done)."""
    from django.utils.translation import gettext as t

    matrix = matrix_state(project=project)
    overview = settings_overview(project=project, member=None, manages_all=False)
    by_area = {area: lines for area, _label, lines in overview.areas}
    consent = consent_checklist(project=project)
    preference = TechnicalPreference.objects.filter(project=project).first()
    open_points = [t("Droits à définir pour le profil « %s ».") % row.profile
                   for row in matrix.rows if row.missing]
    if not matrix.is_validated:
        open_points.append(t("La matrice d'habilitation n'est pas encore validée "
                             "collégialement."))
    open_points += [t("« %(item)s » : %(state)s.") % {"item": line.item.title,
                                                      "state": line.item.get_state_display()}
                    for lines in by_area.values() for line in lines
                    if line.item.state != "verified"]
    open_points += [t("Information des patients : %s (à faire).") % label
                    for label, done in consent.items if not done]
    return SettingsRulesData(
        project=project, matrix=matrix, consent=consent,
        rights_items=by_area[SettingArea.USERS_RIGHTS],
        forms_items=by_area[SettingArea.FORMS_LETTERS],
        indicator_items=by_area[SettingArea.INDICATORS],
        hosting_justification=preference.hosting_justification if preference else "",
        open_points=open_points)


DOCUMENTS = (
    DocumentSpec(AcceptanceDocument.SETTINGS_RULES, _("Règles de paramétrage et politique "
                                                      "d'habilitation"),
                 DocumentBuilder(gather=settings_rules_data,
                                 template="acceptance/pdf/settings_rules.html",
                                 file_stem="regles-de-parametrage",
                                 sections=SETTINGS_RULES_SECTIONS),
                 validated_at_steps=(12,)),
)
