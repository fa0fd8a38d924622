"""What the work of phase 2's steps shows (the requirements app's ``Plugin.step_progress``):
step 4 professions described, step 6 grid priorities and freeze, step 7 expectations
saved, step 8 cahier des charges generated. One query whatever the project's size."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from msp_si.common.typography import french_date
from projects.choices import DocumentStatus
from projects.models import Document, Project, ProjectProfession
from projects.plugins import StepWork
from projects.progress.selectors import annotated_counts, project_count

from .choices import RequirementsDocument
from .existing.models import ProfessionProfile
from .expected.models import MigrationItem, ServiceExpectations
from .needs.models import NeedsGrid, ProfessionPriority, Requirement

# Step 6: until the grid is frozen, the professions' priorities are at most this share of
# the work (the consolidation and the freeze remain).
PRIORITIES_SHARE = 90


def _percent(part: int, whole: int, *, cap: int = 100) -> int:
    return min(cap, round(cap * part / whole)) if whole else 0


def _existing(counts: dict[str, int]) -> StepWork:
    described, professions = counts["described"], counts["professions"]
    return StepWork(4, _percent(described, professions), (
        ngettext("%(d)d profession décrite sur %(t)d", "%(d)d professions décrites sur %(t)d",
                 described) % {"d": described, "t": professions},))


def _needs(grid: NeedsGrid | None, counts: dict[str, int]) -> StepWork:
    if grid is None:
        return StepWork(6, 0, (_("grille pas encore créée"),))
    prioritising, professions = counts["prioritising"], counts["professions"]
    facts = [ngettext("%(n)d besoin", "%(n)d besoins", counts["needs"]) % {"n": counts["needs"]},
             ngettext("%(d)d profession a donné ses priorités sur %(t)d",
                      "%(d)d professions ont donné leurs priorités sur %(t)d", prioritising)
             % {"d": prioritising, "t": professions}]
    if grid.is_frozen and grid.frozen_at is not None:
        facts.append(_("grille figée le %s") % french_date(grid.frozen_at))
        return StepWork(6, 100, tuple(facts))
    facts.append(_("grille pas encore figée"))
    return StepWork(6, _percent(prioritising, professions, cap=PRIORITIES_SHARE), tuple(facts))


def _services(counts: dict[str, int]) -> StepWork:
    is_saved = counts["expectations"] > 0
    return StepWork(7, 100 if is_saved else 0, (
        _("prestations attendues enregistrées") if is_saved
        else _("prestations attendues pas encore enregistrées"),
        ngettext("%(n)d élément de reprise", "%(n)d éléments de reprise", counts["migration"])
        % {"n": counts["migration"]}))


def _rfp(counts: dict[str, int]) -> StepWork:
    cdc, cadre = counts["cdc"], counts["cadre"]
    return StepWork(8, 100 if cdc else 0, (
        ngettext("%(n)d version du cahier des charges", "%(n)d versions du cahier des charges",
                 cdc) % {"n": cdc},
        ngettext("%(n)d version du cadre de réponse", "%(n)d versions du cadre de réponse",
                 cadre) % {"n": cadre}))


def step_work(project: Project) -> list[StepWork]:
    """Steps 4, 6, 7 and 8 of the project as its data shows them."""
    done = Q(status=DocumentStatus.DONE)
    row = (Project.objects.filter(pk=project.pk).select_related("needs_grid").annotate(
        n_professions=project_count(ProjectProfession),
        n_described=project_count(ProfessionProfile, Q(count_today__isnull=False)),
        n_needs=project_count(Requirement, Q(is_removed=False, merged_into__isnull=True)),
        n_prioritising=project_count(ProfessionPriority, distinct="profession"),
        n_expectations=project_count(ServiceExpectations),
        n_migration=project_count(MigrationItem),
        n_cdc=project_count(Document, done & Q(kind=RequirementsDocument.CAHIER_DES_CHARGES)),
        n_cadre=project_count(Document, done & Q(kind=RequirementsDocument.CADRE_DE_REPONSE)),
    ).get())
    counts = annotated_counts(row)
    # A missing reverse one-to-one raises an AttributeError subclass: no grid yet.
    grid: NeedsGrid | None = getattr(row, "needs_grid", None)
    return [_existing(counts), _needs(grid, counts), _services(counts), _rfp(counts)]
