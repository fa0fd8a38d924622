"""Permissions of the risk register: the chef de projet owns it, the AMOA proposes risks,
everyone else reads it (``view_project``). Declared in the projects app's plug-in."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..choices import Role
from ..plugins import PermissionSpec

MANAGE_RISKS = "manage_risks"    # rate, re-evaluate, actions, statuses, accept proposals
PROPOSE_RISK = "propose_risk"    # add a risk as a proposal the chef accepts or refuses

PERMISSIONS: tuple[PermissionSpec, ...] = (
    # The chef de projet holds every permission: no other role is named.
    PermissionSpec(MANAGE_RISKS, _("Tenir le registre des risques"), frozenset()),
    PermissionSpec(PROPOSE_RISK, _("Proposer un risque"), frozenset({Role.AMOA})),
)
