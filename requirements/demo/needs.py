"""Demo data of the needs grid (step 6) for the fictitious MSP of ``projects.demo.seed``.

Built through the real services, as the people of the demo would have done it: the nurses'
référente gives her profession's priorities and adds a need, the référente « Sécurité et
habilitations » rewrites a need of her domain, the AMOA merges a duplicate and arbitrates.
Everything is invented. Running it again changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from projects.choices import Profession, Role
from projects.models import Membership, Project

from ..needs import services
from ..needs.models import GridDomain, NeedsGrid, Priority, Requirement
from ..needs.rules import Editor

if TYPE_CHECKING:
    from msp_si.accounts.models import User

# The need the nurses' référente adds: its presence marks a grid already seeded.
NURSE_NEED = ("Suivi des plaies complexes avec photographies datées, consultables par le "
              "médecin traitant.")
DUPLICATE_NEED = ("Pouvoir écrire à un collègue de la maison de santé à propos d'un patient "
                  "sans passer par sa messagerie personnelle.")
# Transversal requirements (by code) → (nurses' priority, GPs' priority, nurses' comment).
PROFESSION_PRIORITIES: dict[str, tuple[str, str, str]] = {
    "DOS-006": (Priority.ESSENTIAL, Priority.ESSENTIAL, ""),
    "DOS-008": (Priority.ESSENTIAL, Priority.ESSENTIAL, "Vital pour les injections."),
    "COO-001": (Priority.ESSENTIAL, Priority.IMPORTANT, "Protocole plaies et diabète."),
    "COO-007": (Priority.IMPORTANT, Priority.ESSENTIAL, ""),
    "COO-011": (Priority.ESSENTIAL, Priority.DESIRABLE, "Les tournées changent chaque jour."),
    "COO-012": (Priority.ESSENTIAL, Priority.IMPORTANT, ""),
    "COO-015": (Priority.IMPORTANT, Priority.DESIRABLE, ""),
    "MSG-001": (Priority.ESSENTIAL, Priority.ESSENTIAL, ""),
    "TEC-003": (Priority.ESSENTIAL, Priority.IMPORTANT, "Saisie au domicile du patient."),
    "TEC-004": (Priority.IMPORTANT, Priority.DESIRABLE, ""),
}


def _membership(project: Project, user: User) -> Membership:
    return Membership.objects.get(project=project, user=user)


@transaction.atomic
def seed_needs_grid(*, project: Project, lead: User, amoa: User, nurse: User,
                    security: User) -> NeedsGrid:
    """Fill the demo grid once: priorities, an added need, a merge and an arbitration."""
    grid = services.grid_initialise(project=project)
    if Requirement.objects.filter(project=project, text=NURSE_NEED).exists():
        return grid
    by_code = {r.code: r for r in Requirement.objects.filter(project=project)
               .select_related("subdomain")}
    consolidator = Editor(can_edit_needs=True, can_consolidate=True)
    settings_domain = GridDomain.objects.get(grid=grid, code="PAR")
    security_membership = _membership(project, security)
    if security_membership.role == Role.DOMAIN_REFERENT:
        services.grid_domain_assign(domain=settings_domain, editor=consolidator,
                                    referent=security_membership)

    nurse_editor = Editor(can_edit_needs=True, profession=Profession.NURSE)
    # The chef de projet, a GP, reports the priorities of the GPs' working group.
    gp_editor = Editor(can_edit_needs=True, profession=Profession.GP)
    for code, (nurses, gps, comment) in PROFESSION_PRIORITIES.items():
        services.profession_priority_set(requirement=by_code[code], editor=nurse_editor,
                                         profession=Profession.NURSE, priority=nurses,
                                         comment=comment, by=nurse)
        services.profession_priority_set(requirement=by_code[code], editor=gp_editor,
                                         profession=Profession.GP, priority=gps, comment="",
                                         by=lead)

    nurse_need = next(r for r in by_code.values() if r.profession == Profession.NURSE)
    services.requirement_create(subdomain=nurse_need.subdomain, editor=nurse_editor,
                                text=NURSE_NEED, priority=Priority.ESSENTIAL,
                                profession=Profession.NURSE, by=nurse)

    access_rights = by_code["PAR-001"]
    services.requirement_update(
        requirement=access_rights,
        editor=Editor(can_edit_needs=True, domain_ids=frozenset({settings_domain.pk})),
        text=access_rights.text + " Les vacataires n'accèdent qu'aux patients du jour.",
        priority=Priority.ESSENTIAL, revision=access_rights.revision, by=security)

    messaging = by_code["MSG-001"]
    duplicate = services.requirement_create(
        subdomain=messaging.subdomain, editor=consolidator, text=DUPLICATE_NEED,
        priority=Priority.IMPORTANT, profession="", by=amoa)
    services.requirement_merge(keep=messaging, drop=duplicate, editor=consolidator, by=amoa)

    tours = by_code["COO-011"]
    services.requirement_arbitrate(
        requirement=tours, editor=consolidator, priority=Priority.IMPORTANT,
        reason="Indispensable aux infirmières seulement : une solution complémentaire "
               "reste possible pour les tournées.", revision=tours.revision, by=amoa)
    return grid
