"""Permission of the budget: the chef de projet holds it; everyone reads the budget."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..plugins import PermissionSpec

MANAGE_BUDGET = "manage_budget"  # lines and funding sources entered by hand

PERMISSIONS: tuple[PermissionSpec, ...] = (
    PermissionSpec(MANAGE_BUDGET, _("Tenir le budget et les financements"), frozenset()),
)
