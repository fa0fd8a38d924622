"""Writes of step 13: the checklist generated, lines edited and moved, the method note
stored, sample checks recorded (a failed one becomes a recette case), go / no-go."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError
from projects.models import Project
from requirements.existing.models import ExistingState, ProfessionProfile
from requirements.expected.models import MigrationItem

from ..cases.models import AcceptanceCase
from ..choices import CaseSource
from ..settings.services import case_codes
from . import rules
from .choices import GoDecision, LineOrigin
from .models import MigrationDecision, MigrationLine, MigrationNote, SampleCheck
from .selectors import line_statuses, migration_overview

if TYPE_CHECKING:
    from msp_si.accounts.models import User

MIGRATION_PREFIX = "MIG"
MAX_TEXT = 2000


@transaction.atomic
def migration_checklist_generate(*, project: Project, by: User) -> int:
    """Add a line per step 7 item and per profession whose software no item covers, with
    the method step 4 predicts; existing lines are kept as they are (idempotent)."""
    items = [rules.SourceItem(i.pk, i.data, i.source_software, i.data_format)
             for i in MigrationItem.objects.filter(project=project).order_by("id")]
    software = [rules.ProfessionSoftware(p.profession, str(p.get_profession_display()),
                                         p.software)
                for p in ProfessionProfile.objects.filter(project=project).order_by("id")]
    state = ExistingState.objects.filter(project=project).first()
    quality, note = (state.data_entry_quality, state.data_entry_note) if state else ("", "")
    taken = set(MigrationLine.objects.filter(project=project).values_list("key", flat=True))
    created = 0
    for position, draft in enumerate(rules.checklist_drafts(items, software)):
        if draft.key in taken:
            continue
        method, reason = rules.predicted_method(data=draft.data, data_format=draft.data_format,
                                                entry_quality=quality, entry_note=note)
        MigrationLine.objects.create(
            project=project, key=draft.key, source_item_id=draft.source_item_id,
            origin=LineOrigin.STEP7 if draft.source_item_id else LineOrigin.STEP4,
            data=draft.data[:200], source_software=draft.source_software[:300],
            data_format=draft.data_format[:120], profession=draft.profession,
            method=method, method_reason=reason[:300], position=position, updated_by=by)
        created += 1
    return created


@transaction.atomic
def migration_line_update(*, line: MigrationLine, by: User,
                          values: Mapping[str, Any]) -> MigrationLine:
    """Record volumes, method, limits and owner of a line."""
    line = MigrationLine.objects.select_for_update().get(pk=line.pk)
    for field in ("volume_expected", "volume_migrated", "method", "limits", "owner"):
        if field in values:
            setattr(line, field, values[field])
    line.updated_by = by
    line.save()
    return line


@transaction.atomic
def migration_line_move(*, line: MigrationLine, to_state: str, by: User) -> MigrationLine:
    """Move a line along its states; « contrôlée » needs a passed check, the final run
    the go decision."""
    line = MigrationLine.objects.select_for_update().get(pk=line.pk)
    last = line.checks.order_by("-created_at", "-id").first()
    decision = MigrationDecision.objects.filter(project_id=line.project_id).first()
    refusal = rules.line_move_refusal(
        from_state=line.state, to_state=to_state,
        has_passed_check=last is not None and not last.is_failed,
        is_go=decision is not None and decision.decision == GoDecision.GO)
    if refusal:
        raise DomainError(refusal)
    line.state, line.updated_by = to_state, by
    line.save(update_fields=["state", "updated_by", "updated_at"])
    return line


@transaction.atomic
def migration_note_attach(*, project: Project, by: User, content: bytes, file_name: str,
                          summary: str = "") -> MigrationNote:
    """Store a version of the vendor's method note; a refused file stores nothing and the
    same file sent twice is kept once."""
    refusal = rules.note_file_refusal(size=len(content), content=content)
    if refusal:
        raise DomainError(refusal)
    digest = hashlib.sha256(content).hexdigest()
    if MigrationNote.objects.filter(project=project, sha256=digest).exists():
        raise DomainError(_("Cette note de méthode est déjà jointe."))
    note = MigrationNote(project=project, file_name=(file_name or "note.pdf")[:200],
                        size=len(content), sha256=digest, summary=summary.strip()[:500],
                        uploaded_by=by)
    note.file.save("note.pdf", ContentFile(content), save=False)
    note.save()
    return note


def _check_case_text(check: SampleCheck) -> dict[str, str]:
    """Title, steps and expected result of the case re-checking a failed sample."""
    line = check.line
    return {
        "title": _("Reprise « %(data)s » : écarts sur les dossiers de %(who)s") % {
            "data": line.data[:150], "who": check.professional},
        "steps": "\n".join([
            _("Ouvrir dans le nouveau logiciel %(n)s dossiers repris de %(who)s.") % {
                "n": check.records_checked, "who": check.professional},
            _("Les comparer à la source (%s).") % (line.source_software or _("non précisée")),
            *([_("Écarts constatés lors du contrôle : %s") % check.discrepancy_note]
              if check.discrepancy_note else []),
        ]),
        "expected_result": _("Les données reprises sont identiques à la source, sans "
                             "écart ni perte."),
    }


@transaction.atomic
def migration_cases_sync(*, project: Project, by: User | None) -> int:
    """One recette case per failed sample check (source MIGRATION, codes MIG-001…); a
    check that already has its case keeps it. Returns the cases created."""
    codes = case_codes(project, MIGRATION_PREFIX)
    created = 0
    for check in (SampleCheck.objects.select_for_update().select_related("line")
                  .filter(project=project, case__isnull=True, discrepancies__gt=0)
                  .order_by("created_at", "id")):
        check.case = AcceptanceCase.objects.create(
            project=project, code=next(codes), source=CaseSource.MIGRATION,
            profession=check.line.profession, updated_by=by, **_check_case_text(check))
        check.save(update_fields=["case"])
        created += 1
    return created


@transaction.atomic
def sample_check_record(*, line: MigrationLine, by: User, checked_on: date,
                        professional: str, records_checked: int, discrepancies: int,
                        discrepancy_note: str = "") -> SampleCheck:
    """Record a sample check of the trial migration; one with discrepancies becomes a
    recette case at once."""
    line = MigrationLine.objects.select_for_update().get(pk=line.pk)
    if discrepancies > records_checked:
        raise DomainError(_("Il ne peut y avoir plus de dossiers en écart que de dossiers "
                            "contrôlés."))
    if records_checked == 0:
        raise DomainError(_("Contrôlez au moins un dossier."))
    if discrepancies and not discrepancy_note.strip():
        raise DomainError(_("Décrivez les écarts constatés."))
    # The same form sent twice (double click, replayed request) records one check.
    if line.checks.filter(checked_on=checked_on, professional=professional.strip()[:120],
                          records_checked=records_checked,
                          discrepancies=discrepancies).exists():
        raise DomainError(_("Ce contrôle est déjà enregistré."))
    check = SampleCheck.objects.create(
        project_id=line.project_id, line=line, checked_on=checked_on,
        professional=professional.strip()[:120], records_checked=records_checked,
        discrepancies=discrepancies, discrepancy_note=discrepancy_note.strip()[:MAX_TEXT],
        checked_by=by)
    if check.is_failed:
        migration_cases_sync(project=line.project, by=by)
        check.refresh_from_db()
    return check


@transaction.atomic
def migration_decide(*, project: Project, by: User, decision: str, decided_on: date,
                     reason: str) -> MigrationDecision:
    """Record go or no-go for the final migration. Go is refused without the method note,
    while a line has no sample check or its last check failed (re-check it first)."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    if not reason.strip():
        raise DomainError(_("Indiquez le motif de la décision."))
    overview = migration_overview(project=project)
    refusal = rules.go_refusal(decision=decision, has_method_note=bool(overview.notes),
                               lines=line_statuses(overview.lines))
    if refusal:
        raise DomainError(refusal)
    last = overview.decision
    if last is not None and last.decision == decision and last.decided_on == decided_on:
        raise DomainError(_("Cette décision est déjà enregistrée."))
    return MigrationDecision.objects.create(project=project, decision=decision,
                                            decided_on=decided_on, reason=reason.strip(),
                                            decided_by=by)
