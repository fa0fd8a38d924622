"""Reads of the needs grid, always scoped by project, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from projects.access import ProjectAccess
from projects.choices import Profession, Role
from projects.models import Membership, Project
from requirements.permissions import CONSOLIDATE_NEEDS, EDIT_NEEDS

from . import rules
from .models import (
    GridDomain,
    GridSubDomain,
    NeedsGrid,
    Priority,
    ProfessionPriority,
    Requirement,
)
from .rules import Editor

TRANSVERSAL = "transversal"


def grid_editor(*, access: ProjectAccess, grid: NeedsGrid) -> Editor:
    """What the requesting member may do on the grid (one query for a référent fonctionnel)."""
    membership = access.membership
    domain_ids: frozenset[int] = frozenset()
    if membership.role == Role.DOMAIN_REFERENT:
        domain_ids = frozenset(GridDomain.objects.filter(grid=grid, referent=membership)
                               .values_list("id", flat=True))
    return Editor(
        can_edit_needs=access.has(EDIT_NEEDS),
        can_consolidate=access.has(CONSOLIDATE_NEEDS),
        profession=membership.profession if membership.role == Role.PROFESSION_REFERENT
        else "",
        domain_ids=domain_ids,
    )


def project_professions(*, project: Project) -> list[str]:
    """Profession codes present in the MSP, in the order of the profession list."""
    present = set(project.professions.values_list("profession", flat=True))
    return [p for p in Profession.values if p in present]


@dataclass
class Row:
    """A requirement as one member sees it on the grid page."""

    requirement: Requirement
    can_edit: bool
    can_prioritise: bool
    my_priority: ProfessionPriority | None = None
    # The row's labels, links and option lists, filled once per page by the view
    # (``views.rows_prepare``) so that the row template only prints strings.
    text: dict[str, str] = field(default_factory=dict)
    # The row's markup (``rows.row_html``), set by the grid page.
    html: str = ""

    @property
    def is_editable(self) -> bool:
        """Something on the row can be saved by this member."""
        return self.can_edit or self.can_prioritise


@dataclass
class SubDomainView:
    subdomain: GridSubDomain
    rows: list[Row] = field(default_factory=list)
    # (profession code, label) the member may add here; "" = transversal.
    addable: list[tuple[str, StrOrPromise]] = field(default_factory=list)
    # Set by the grid page, once per page: the add form's link and profession options.
    add_url: str = ""
    addable_options: str = ""


@dataclass
class DomainView:
    domain: GridDomain
    subdomains: list[SubDomainView] = field(default_factory=list)


def _active(project: Project) -> QuerySet[Requirement]:
    """Requirements still in the grid: neither removed nor merged."""
    return Requirement.objects.filter(project=project, is_removed=False,
                                      merged_into__isnull=True)


def grid_rows(*, grid: NeedsGrid, editor: Editor, professions: list[str],
              view: str = "") -> list[DomainView]:
    """Domains → sub-domains → rows; ``view`` keeps one profession or the transversal needs.

    Four queries whatever the size of the grid: domains, sub-domains, requirements and the
    editor's own profession priorities.
    """
    project = grid.project
    labels: dict[str, StrOrPromise] = {"": _("Toutes les professions (transversal)"),
                                       **dict(Profession.choices)}
    domains = {d.pk: DomainView(d) for d in
               GridDomain.objects.filter(grid=grid).select_related("referent__user")}
    subs: dict[int, SubDomainView] = {}
    for sub in GridSubDomain.objects.filter(project=project, domain__grid=grid):
        subs[sub.pk] = SubDomainView(sub, addable=[
            (code, labels[code]) for code in rules.addable_professions(
                editor, domain_id=sub.domain_id, professions=professions)])
        domains[sub.domain_id].subdomains.append(subs[sub.pk])
    requirements = _active(project).select_related("updated_by")
    if view == TRANSVERSAL:
        requirements = requirements.filter(profession="")
    elif view:
        requirements = requirements.filter(profession=view)
    mine: dict[int, ProfessionPriority] = {}
    if editor.profession:
        mine = {p.requirement_id: p for p in ProfessionPriority.objects.filter(
            project=project, profession=editor.profession)}
    for requirement in requirements:
        sub_view = subs[requirement.subdomain_id]
        domain_id = sub_view.subdomain.domain_id
        sub_view.rows.append(Row(
            requirement=requirement,
            can_edit=rules.may_edit(editor, profession=requirement.profession,
                                    domain_id=domain_id),
            can_prioritise=rules.may_give_profession_priority(
                editor, profession=editor.profession,
                requirement_profession=requirement.profession),
            my_priority=mine.get(requirement.pk),
        ))
    return list(domains.values())


@dataclass
class ConsolidationRow:
    """A requirement with each profession's priority side by side."""

    requirement: Requirement
    domain: GridDomain
    # One (priority code, label, comment) per profession present; ("", "", "") if none.
    cells: list[tuple[str, str, str]]
    is_divergent: bool
    # The row's markup, written by the consolidation page (words translated once per page).
    html: str = ""


def consolidation_rows(*, grid: NeedsGrid, professions: list[str]) -> list[ConsolidationRow]:
    """Every active requirement with the priority of each profession present: 3 queries.

    A profession's own requirement counts its priority as that profession's; a
    transversal one shows what each référent métier gave.
    """
    project = grid.project
    # Translated once: 400 needs × 12 professions would translate 4,800 times.
    labels = {code: str(label) for code, label in Priority.choices}
    labels[""] = ""
    # Plain tuples: 400 needs × 12 professions are 4,800 rows, too many to build models of.
    given: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
    for requirement_id, profession, priority, comment in ProfessionPriority.objects.filter(
            project=project).values_list("requirement_id", "profession", "priority", "comment"):
        given[requirement_id][profession] = (priority, comment)
    domains = {d.pk: d for d in GridDomain.objects.filter(grid=grid)}
    rows = []
    for requirement in (_active(project).select_related("subdomain")
                        .order_by("subdomain__domain__position", "subdomain__position",
                                  "position", "id")):
        if requirement.profession:
            mine = {requirement.profession: requirement.priority}
            notes: dict[str, str] = {}
        else:
            mine = {k: v[0] for k, v in given[requirement.pk].items()}
            notes = {k: v[1] for k, v in given[requirement.pk].items()}
        rows.append(ConsolidationRow(
            requirement=requirement, domain=domains[requirement.subdomain.domain_id],
            cells=[(code, labels.get(code, ""), notes.get(p, ""))
                   for p, code in ((p, mine.get(p, "")) for p in professions)],
            is_divergent=rules.is_divergent(list(mine.values())),
        ))
    return rows


def domain_referents(*, project: Project) -> list[Membership]:
    """Référents fonctionnels of the project, the people a grid domain can be given to."""
    return list(Membership.objects.filter(project=project, role=Role.DOMAIN_REFERENT)
                .select_related("user").order_by("user__last_name", "user__first_name"))


def removed_requirements(*, project: Project) -> list[Requirement]:
    """Requirements taken out of the grid or merged, with the code they keep reserved."""
    return list(Requirement.objects.filter(project=project)
                .exclude(is_removed=False, merged_into__isnull=True)
                .select_related("merged_into").order_by("code"))


def active_requirements(*, project: Project) -> list[Requirement]:
    """The needs still in the grid, in grid order (domain, sub-domain, position)."""
    return list(_active(project).select_related("subdomain__domain").order_by(
        *_GRID_ORDER))


_GRID_ORDER = ("subdomain__domain__position", "subdomain__position", "position", "id")


def active_requirement_values(*, project: Project, fields: tuple[str, ...]
                              ) -> list[tuple[Any, ...]]:
    """The same needs in the same order, as tuples of ``fields``: for pages that read a
    few columns of 400 needs and need no model instance."""
    return list(_active(project).order_by(*_GRID_ORDER).values_list(*fields))
