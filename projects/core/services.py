"""Writes on projects: creation, roles and permissions, step workflow.

Every service is atomic and takes keyword-only arguments. Permission checks happen in
views (``projects.access``); services enforce the domain's invariants.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from msp_si.common.errors import DomainError

from .. import workflow
from ..choices import Axis, Role, StepStatus
from ..method import DEFAULT_ROLES_TEXT, MODULES, STEPS, STRATEGIC_OBJECTIVES
from ..models import (
    AxisTarget,
    Framing,
    Membership,
    ObjectiveSelection,
    Project,
    ProjectProfession,
    ProjectUserObjectPermission,
    ScopeModule,
    Site,
    Step,
    StepTransition,
    TeamCharter,
)
from ..plugins import implementation_start_hooks
from ..policy import (
    MAX_PROJECT_LEADS,
    permission_table,
    permissions_for,
    role_details_error,
)

if TYPE_CHECKING:
    from msp_si.accounts.models import User


@transaction.atomic
def project_create(
    *,
    creator: User,
    name: str,
    legal_structure: str,
    start_on: date,
    site_list: list[tuple[str, str]],
    professions: list[tuple[str, int]],
) -> Project:
    """Create a project with its 18 steps and framing rows; the creator leads it."""
    project = Project.objects.create(
        name=name, legal_structure=legal_structure, start_on=start_on, created_by=creator
    )
    Site.objects.bulk_create(Site(project=project, name=n, city=c) for n, c in site_list)
    ProjectProfession.objects.bulk_create(
        ProjectProfession(project=project, profession=p, headcount=h) for p, h in professions
    )
    Step.objects.bulk_create(Step(project=project, number=s.number) for s in STEPS)
    AxisTarget.objects.bulk_create(AxisTarget(project=project, axis=a) for a in Axis.values)
    ObjectiveSelection.objects.bulk_create(
        ObjectiveSelection(project=project, code=o.code) for o in STRATEGIC_OBJECTIVES
    )
    ScopeModule.objects.bulk_create(ScopeModule(project=project, code=m.code) for m in MODULES)
    Framing.objects.create(project=project)
    TeamCharter.objects.create(
        project=project,
        moa_role=str(DEFAULT_ROLES_TEXT["moa"]),
        amoa_role=str(DEFAULT_ROLES_TEXT["amoa"]),
        moe_role=str(DEFAULT_ROLES_TEXT["moe"]),
    )
    membership_set_role(project=project, user=creator, role=Role.PROJECT_LEAD)
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    name: str,
    legal_structure: str,
    start_on: date,
    site_list: list[tuple[str, str]],
    professions: list[tuple[str, int]],
) -> Project:
    """Update the MSP's identity; sites and head counts are replaced by the given lists."""
    project.name, project.legal_structure, project.start_on = name, legal_structure, start_on
    project.save()
    kept_sites = {n for n, _c in site_list}
    project.sites.exclude(name__in=kept_sites).delete()
    for site_name, city in site_list:
        Site.objects.update_or_create(project=project, name=site_name, defaults={"city": city})
    present = {p for p, _h in professions}
    project.professions.exclude(profession__in=present).delete()
    for profession, headcount in professions:
        ProjectProfession.objects.update_or_create(
            project=project, profession=profession, defaults={"headcount": headcount}
        )
    return project


def _check_lead_count(*, project: Project, membership: Membership | None, new_role: str) -> None:
    """One or two chefs de projet, never zero (domain.md §1, seed 001 step 2)."""
    leads = Membership.objects.select_for_update().filter(
        project=project, role=Role.PROJECT_LEAD
    )
    lead_ids = set(leads.values_list("pk", flat=True))
    is_lead_now = membership is not None and membership.pk in lead_ids
    if new_role == Role.PROJECT_LEAD and not is_lead_now and len(lead_ids) >= MAX_PROJECT_LEADS:
        raise DomainError(_("Un projet compte au plus deux chefs de projet."))
    if new_role != Role.PROJECT_LEAD and is_lead_now and len(lead_ids) == 1:
        raise DomainError(_("Le dernier chef de projet ne peut pas changer de rôle."))


def _sync_permissions(*, project: Project, user: User, role: str | None) -> None:
    """Make the user's guardian permissions on the project exactly those of ``role``."""
    wanted = permissions_for(role) if role else frozenset()
    current = set(
        ProjectUserObjectPermission.objects.filter(
            content_object=project, user=user
        ).values_list("permission__codename", flat=True)
    )
    for code in current - wanted:
        remove_perm(f"projects.{code}", user, project)
    for code in sorted(wanted - current):
        assign_perm(f"projects.{code}", user, project)


@transaction.atomic
def project_permissions_rebuild(*, project: Project) -> None:
    """Grant every member exactly the permissions of their role (after an import)."""
    for membership in Membership.objects.filter(project=project).select_related("user"):
        _sync_permissions(project=project, user=membership.user, role=membership.role)


@transaction.atomic
def permissions_create() -> int:
    """Create or rename the permission rows the policy declares; returns how many changed.

    The core permissions come with ``Project.Meta.permissions``; the plug-ins' ones are
    created here, so that a new app needs no migration of this one."""
    content_type = ContentType.objects.get_for_model(Project)
    changed = 0
    for spec in permission_table():
        _permission, created = Permission.objects.update_or_create(
            content_type=content_type, codename=spec.codename,
            defaults={"name": str(spec.label)[:255]})
        changed += int(created)
    return changed


@transaction.atomic
def permissions_resync() -> int:
    """Bring every member's stored permissions in line with the policy; returns the count.

    Run after each ``migrate``: a policy that gains a permission (a new phase of the
    method) reaches the people who already hold the role.
    """
    memberships = list(Membership.objects.select_related("project", "user"))
    for membership in memberships:
        _sync_permissions(project=membership.project, user=membership.user,
                          role=membership.role)
    return len(memberships)


@transaction.atomic
def membership_set_role(
    *,
    project: Project,
    user: User,
    role: str,
    profession: str = "",
    domain: str = "",
) -> Membership:
    """Give ``user`` a role on ``project`` (creating the membership) and its permissions."""
    error = role_details_error(role=role, profession=profession, domain=domain)
    if error is not None:
        raise DomainError(error)
    membership = Membership.objects.filter(project=project, user=user).first()
    _check_lead_count(project=project, membership=membership, new_role=role)
    if membership is None:
        membership = Membership(project=project, user=user)
    membership.role = role
    membership.profession = profession
    membership.domain = domain.strip() if role == Role.DOMAIN_REFERENT else ""
    membership.save()
    _sync_permissions(project=project, user=user, role=role)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership) -> None:
    """Remove a person from the project and every permission they had on it."""
    if membership.role == Role.PROJECT_LEAD:
        _check_lead_count(project=membership.project, membership=membership, new_role="")
    _sync_permissions(project=membership.project, user=membership.user, role=None)
    membership.delete()


@transaction.atomic
def step_transition(
    *, step: Step, to_status: str, by: User, comment: str = "", can_reopen: bool
) -> StepTransition:
    """Move a step to another status along the allowed moves, and record it.

    ``can_reopen``: whether ``by`` holds ``policy.REOPEN_STEP`` on the project."""
    locked = Step.objects.select_for_update().get(pk=step.pk)
    allowed = workflow.manual_targets(locked.status, can_reopen=can_reopen)
    if to_status not in allowed:
        raise DomainError(
            _("Passage impossible de « %(from)s » à « %(to)s ».")
            % {"from": StepStatus(locked.status).label,
               "to": StepStatus(to_status).label if to_status in StepStatus.values else to_status}
        )
    return _record_move(step=locked, to_status=to_status, by=by, comment=comment)


def _record_move(*, step: Step, to_status: str, by: User, comment: str) -> StepTransition:
    """Save the new status and its history line (caller holds the row lock)."""
    transition = StepTransition.objects.create(
        step=step, from_status=step.status, to_status=to_status, by=by, comment=comment
    )
    step.status = to_status
    step.save(update_fields=["status"])
    return transition




# The first step of phase 4 « Mise en œuvre ».
FIRST_IMPLEMENTATION_STEP = 12


@transaction.atomic
def project_implementation_start(*, project: Project, solution: str, on: date,
                                  by: User) -> Project:
    """Record the solution chosen at the end of phase 3 and open phase 4.

    Step 12 (paramétrages) moves to « en cours » when it had not started. Called by the
    vendors app once the assemblée générale's choice is recorded; a second call changes
    nothing (the choice is made once).
    """
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.implementation_started_on is not None:
        raise DomainError(_("La solution retenue est déjà enregistrée : « %s ».")
                          % locked.chosen_solution)
    if not solution.strip():
        raise DomainError(_("Indiquez la solution retenue."))
    locked.chosen_solution = solution.strip()
    locked.implementation_started_on = on
    locked.save(update_fields=["chosen_solution", "implementation_started_on"])
    step = Step.objects.select_for_update().get(project=locked,
                                                number=FIRST_IMPLEMENTATION_STEP)
    if step.status == StepStatus.TODO:
        _record_move(step=step, to_status=StepStatus.IN_PROGRESS, by=by,
                     comment=_("Solution retenue : %s — début de la mise en œuvre")
                     % locked.chosen_solution)
    project.chosen_solution = locked.chosen_solution
    project.implementation_started_on = locked.implementation_started_on
    for hook in implementation_start_hooks():
        import_string(hook)(project=project, by=by)
    return project
