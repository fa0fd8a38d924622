"""Permission of the COPIL minutes: the chef de projet and the AMOA (who often takes the
notes) record them; everyone reads them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..choices import Role
from ..plugins import PermissionSpec

RECORD_MINUTES = "record_minutes"

PERMISSIONS: tuple[PermissionSpec, ...] = (
    PermissionSpec(RECORD_MINUTES, _("Rédiger les comptes rendus de COPIL"),
                   frozenset({Role.AMOA})),
)
