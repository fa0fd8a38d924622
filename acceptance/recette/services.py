"""Writes of the recette (step 14): cases, campaigns, executions, re-checks, the decision."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from msp_si.common import clock
from msp_si.common.errors import DomainError
from projects.models import Project
from projects.pagecache.revision import revision_bump

from ..choices import CaseSource
from . import selectors, verdict
from .choices import CampaignKind, ExecutionResult, RecetteVerdict
from .models import (
    AcceptanceCase,
    Campaign,
    CampaignCase,
    Execution,
    RecetteDecision,
    TraceCheck,
)

if TYPE_CHECKING:
    from msp_si.accounts.models import User

TITLE_MAX, STEPS_MAX, EXPECTED_MAX, COMMENT_MAX = 300, 4000, 2000, 2000


@transaction.atomic
def cases_generate(*, project: Project, by: User) -> list[AcceptanceCase]:
    """Write a case for every Indispensable and Important need that has none yet.

    Idempotent: a need that already has its case keeps it as edited; new needs of the
    grid get theirs after the existing cases. Returns the cases created.
    """
    locked = Project.objects.select_for_update().get(pk=project.pk)
    error = selectors.generation_error(project=locked)
    if error:
        raise DomainError(error)
    existing = AcceptanceCase.objects.filter(project=project).values_list("code", flat=True)
    drafts = verdict.case_drafts(selectors.need_lines(project=project),
                                 existing_codes=list(existing))
    cases = [AcceptanceCase(
        project=project, code=d.code, title=d.title, steps=d.steps,
        expected_result=d.expected_result, source=CaseSource.NEED,
        requirement_id=d.requirement_id, requirement_revision=d.requirement_revision,
        profession=d.profession, priority=d.priority, position=d.position, updated_by=by)
        for d in drafts]
    revision_bump([project.pk])  # bulk creation sends no signal
    return bulk_create_with_history(cases, AcceptanceCase, default_user=by)


@transaction.atomic
def case_update(*, case: AcceptanceCase, by: User, title: str, steps: str,
                expected_result: str, revision: int) -> AcceptanceCase:
    """Edit a case's text (its revision grows); an edit made on an older revision is
    refused so that nobody overwrites another's change."""
    locked = AcceptanceCase.objects.select_for_update().get(pk=case.pk)
    if locked.revision != revision:
        raise DomainError(_("Ce cas a été modifié entre-temps (révision %d) : relisez-le "
                            "avant de l'enregistrer de nouveau.") % locked.revision)
    title, steps, expected_result = title.strip(), steps.strip(), expected_result.strip()
    if not title or not expected_result:
        raise DomainError(_("L'intitulé et le résultat attendu sont obligatoires."))
    if len(title) > TITLE_MAX or len(steps) > STEPS_MAX or len(expected_result) > EXPECTED_MAX:
        raise DomainError(_("Le texte du cas est trop long."))
    if (title, steps, expected_result) == (locked.title, locked.steps, locked.expected_result):
        return locked
    locked.title, locked.steps, locked.expected_result = title, steps, expected_result
    locked.revision += 1
    locked.updated_by = by
    locked._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    locked.save()
    return locked


# Sources of the cases a campaign of each kind takes by default.
KIND_SOURCES: dict[str, tuple[str, ...]] = {
    CampaignKind.USERS: (CaseSource.NEED, CaseSource.HABILITATION, CaseSource.MANUAL),
    CampaignKind.MIGRATION: (CaseSource.MIGRATION,),
    CampaignKind.SETTINGS: (CaseSource.HABILITATION,),
    CampaignKind.REGRESSION: (CaseSource.NEED, CaseSource.HABILITATION, CaseSource.MIGRATION,
                              CaseSource.MANUAL),
}


@transaction.atomic
def campaign_open(*, project: Project, by: User, name: str, kind: str, starts_on: date,
                  ends_on: date, sources: Iterable[str] | None = None) -> Campaign:
    """Open a campaign: the text of its cases is frozen now, each case gets its tester
    (the référent of its profession; the chef or the AMOA for a transversal case)."""
    Project.objects.select_for_update().get(pk=project.pk)
    name = name.strip()
    if not name:
        raise DomainError(_("Donnez un nom à la campagne."))
    if kind not in CampaignKind.values:
        raise DomainError(_("Nature de campagne inconnue."))
    if ends_on < starts_on:
        raise DomainError(_("La campagne ne peut pas finir avant de commencer."))
    chosen = tuple(sources) if sources else KIND_SOURCES[kind]
    cases = list(AcceptanceCase.objects.filter(project=project, source__in=chosen)
                 .select_related("requirement").order_by("position", "id"))
    if not cases:
        raise DomainError(_("Aucun cas de test à mettre dans cette campagne : générez "
                            "d'abord les cas."))
    campaign = Campaign.objects.create(project=project, name=name, kind=kind,
                                       starts_on=starts_on, ends_on=ends_on,
                                       created_at=clock.now(), created_by=by)
    members = selectors.member_lines(project=project)
    items = [CampaignCase(
        project=project, campaign=campaign, case=case, code=case.code, title=case.title,
        steps=case.steps, expected_result=case.expected_result, case_revision=case.revision,
        profession=case.profession, priority=case.priority,
        tester_id=verdict.default_tester(case.profession, members), position=index)
        for index, case in enumerate(cases)]
    bulk_create_with_history(items, CampaignCase, default_user=by)
    return campaign


@transaction.atomic
def campaign_cases_assign(*, campaign: Campaign, item_ids: Iterable[int], tester: User,
                          by: User) -> int:
    """Give some of a campaign's cases to another tester of the team; returns how many
    changed hands (ids of another campaign are ignored)."""
    if not selectors.is_member(project=campaign.project, user=tester):
        raise DomainError(_("Ce testeur n'est pas membre de l'équipe projet."))
    items = list(CampaignCase.objects.select_for_update()
                 .filter(campaign=campaign, pk__in=list(item_ids)).exclude(tester=tester))
    for item in items:
        item.tester = tester
        item._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
        item.save(update_fields=["tester"])
    return len(items)


@transaction.atomic
def execution_record(*, item: CampaignCase, by: User, result: str, comment: str,
                     version: int, can_prepare: bool) -> Execution:
    """Record the result of a campaign's case by its tester.

    The row is locked and its version compared with the one the form showed: of two
    testers recording at the same moment, the first wins, the second is told.
    """
    locked = (CampaignCase.objects.select_for_update(of=("self",)).select_related("executed_by")
              .get(pk=item.pk))
    if result not in ExecutionResult.values:
        raise DomainError(_("Résultat inconnu."))
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise DomainError(_("Le commentaire dépasse %d caractères.") % COMMENT_MAX)
    last_by = locked.executed_by.display_name if locked.executed_by else _("Quelqu'un")
    error = verdict.execution_error(
        is_tester=locked.tester_id == by.pk, can_prepare=can_prepare,
        expected_version=version, current_version=locked.version, result=result,
        comment=comment, last_by=last_by)
    if error:
        raise DomainError(error)
    case = AcceptanceCase.objects.select_related("requirement").get(pk=locked.case_id)
    now = clock.now()
    execution = Execution.objects.create(
        project=locked.project, item=locked, case=case, result=result, comment=comment,
        executed_at=now, executed_by=by, case_revision=case.revision,
        requirement_revision=case.requirement.revision if case.requirement else None)
    locked.result, locked.comment, locked.executed_at, locked.executed_by = (
        result, comment, now, by)
    locked.version += 1
    locked._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    locked.save()
    return execution


@transaction.atomic
def trace_recheck(*, case: AcceptanceCase, by: User, note: str = "") -> TraceCheck:
    """Someone re-read the case against its need: the link is no longer « à revoir »."""
    locked = (AcceptanceCase.objects.select_for_update(of=("self",)).select_related("requirement")
              .get(pk=case.pk))
    return TraceCheck.objects.create(
        project=locked.project, case=locked, case_revision=locked.revision,
        requirement_revision=locked.requirement.revision if locked.requirement else None,
        checked_at=clock.now(), checked_by=by, note=note.strip()[:500])


@transaction.atomic
def recette_decide(*, project: Project, by: User, verdict_code: str, decided_on: date,
                   comment: str = "") -> RecetteDecision:
    """Record the PV's decision: refused while a blocking anomaly is open, « avec
    réserves » while non-blocking ones are (chef de projet only, checked by the view)."""
    Project.objects.select_for_update().get(pk=project.pk)
    if verdict_code not in RecetteVerdict.values:
        raise DomainError(_("Décision inconnue."))
    error = verdict.verdict_error(
        verdict=verdict_code, blocking_open=selectors.blocking_open_count(project=project),
        reserves=len(selectors.reserves(project=project)))
    if error:
        raise DomainError(error)
    comment = comment.strip()
    if verdict_code == RecetteVerdict.REFUSED and not comment:
        raise DomainError(_("Motivez le refus de la recette."))
    return RecetteDecision.objects.create(
        project=project, verdict=verdict_code, decided_on=decided_on, comment=comment[:2000],
        decided_at=clock.now(), decided_by=by)
