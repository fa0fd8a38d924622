"""Permissions of phase 2 « Définition » (steps 4–8) and the roles that hold them.

Declared in the app's plug-in (``requirements/plugin.py``); ``projects.policy`` merges them
into the role × permission table. The chef de projet holds them all.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from projects.choices import Role
from projects.plugins import PermissionSpec
from projects.policy import REFERENT_ROLES

EDIT_EXISTING_STATE = "edit_existing_state"  # step 4; a référent métier: their profession only
EDIT_NEEDS = "edit_needs"                    # step 6; référents: their profession / domain only
CONSOLIDATE_NEEDS = "consolidate_needs"      # step 6: any requirement, merge, arbitrate
EDIT_SERVICES = "edit_services"              # step 7: services expected from the vendor

PERMISSIONS: tuple[PermissionSpec, ...] = (
    PermissionSpec(EDIT_EXISTING_STATE, _("Renseigner l'étude de l'existant"),
                   frozenset({Role.AMOA, Role.PROFESSION_REFERENT})),
    PermissionSpec(EDIT_NEEDS, _("Exprimer les besoins (grille)"),
                   REFERENT_ROLES | {Role.AMOA}),
    PermissionSpec(CONSOLIDATE_NEEDS, _("Consolider la grille des besoins"),
                   frozenset({Role.AMOA})),
    PermissionSpec(EDIT_SERVICES, _("Définir les prestations attendues"),
                   frozenset({Role.AMOA})),
)
