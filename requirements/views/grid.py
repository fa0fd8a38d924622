"""Views of the needs grid (step 6): the grid with inline editing, and its consolidation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from msp_si.common.errors import DomainError
from projects.access import ProjectAccess, project_view
from projects.choices import Profession
from projects.policy import CONSOLIDATE_NEEDS, EDIT_NEEDS, VALIDATE_DELIVERABLE, VIEW_PROJECT

from .. import grid as rules
from ..forms.grid import (
    ArbitrationForm,
    DomainAssignForm,
    MoveForm,
    ProfessionPriorityForm,
    RequirementAddForm,
    RequirementRowForm,
)
from ..grid import Editor
from ..models import (
    GridDomain,
    GridSubDomain,
    NeedsGrid,
    Priority,
    ProfessionPriority,
    Requirement,
)
from ..selectors.grid import (
    TRANSVERSAL,
    Row,
    consolidation_rows,
    domain_referents,
    grid_editor,
    grid_rows,
    project_professions,
    removed_requirements,
)
from ..services import grid as services
from ..services.grid import RevisionConflict


def _grid(access: ProjectAccess) -> NeedsGrid:
    """The project's grid, created from the catalogue on the first visit."""
    grid = services.grid_initialise(project=access.project)
    grid.project = access.project  # already loaded by the guard: no second query
    return grid


def _grid_url(access: ProjectAccess, anchor: str = "") -> str:
    url = reverse("requirements:grid", kwargs={"project_pk": access.project.pk})
    return f"{url}#{anchor}" if anchor else url


def _requirement(access: ProjectAccess, pk: int) -> Requirement:
    """A requirement of the requesting member's project, or 404."""
    return get_object_or_404(
        Requirement.objects.select_related("subdomain", "updated_by"),
        pk=pk, project=access.project,
    )


def _row(requirement: Requirement, editor: Editor) -> Row:
    """One row as the grid page shows it to ``editor``."""
    mine = None
    if editor.profession and requirement.is_transversal:
        mine = ProfessionPriority.objects.filter(
            requirement=requirement, profession=editor.profession).first()
    return Row(
        requirement=requirement,
        can_edit=rules.may_edit(editor, profession=requirement.profession,
                                domain_id=requirement.subdomain.domain_id),
        can_prioritise=rules.may_give_profession_priority(
            editor, profession=editor.profession,
            requirement_profession=requirement.profession),
        my_priority=mine,
    )


def _view_choices(professions: list[str]) -> list[tuple[str, str]]:
    labels = dict(Profession.choices)
    return [("", _("Tous les besoins")), (TRANSVERSAL, _("Besoins transversaux")),
            *[(p, labels[p]) for p in professions]]


@project_view(VIEW_PROJECT)
def grid(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 6: the grid by domain, editable inline where the member may edit."""
    needs_grid = _grid(access)
    editor = grid_editor(access=access, grid=needs_grid)
    professions = project_professions(project=access.project)
    choices = _view_choices(professions)
    view = request.GET.get("vue", "")
    if view not in dict(choices):
        view = ""
    domains = grid_rows(grid=needs_grid, editor=editor, professions=professions, view=view)
    return render(request, "requirements/grid/grid.html", {
        "grid": needs_grid, "domains": domains, "editor": editor, "view": view,
        "view_choices": choices, "show_mine": bool(editor.profession),
        "priorities": Priority.choices,
        "can_consolidate": editor.can_consolidate,
        "count": sum(len(s.rows) for d in domains for s in d.subdomains),
    })


def _render_row(request: HttpRequest, row: Row, grid: NeedsGrid,
                context: dict[str, Any]) -> HttpResponse:
    """The row fragment swapped by htmx, with its outcome announced to screen readers."""
    response = render(request, "requirements/grid/_row.html",
                      {"row": row, "grid": grid, "priorities": Priority.choices, **context})
    if context.get("saved"):
        trigger_client_event(response, "gridSaved",
                             {"message": _("Besoin %s enregistré.") % row.requirement.code})
    return response


@project_view(EDIT_NEEDS)
@require_POST
def requirement_save(request: HttpRequest, access: ProjectAccess,
                     requirement_pk: int) -> HttpResponse:
    """Save one row of the grid (text, priority, my profession's priority) as you type."""
    needs_grid = _grid(access)
    requirement = _requirement(access, requirement_pk)
    editor = grid_editor(access=access, grid=needs_grid)
    row = _row(requirement, editor)
    if not (row.can_edit or row.can_prioritise):
        raise PermissionDenied
    context: dict[str, Any] = {"show_mine": bool(editor.profession)}
    try:
        if row.can_edit:
            form = RequirementRowForm(request.POST, requirement=requirement)
            if not form.is_valid():
                raise DomainError(_("Le besoin n'a pas été enregistré : le texte est "
                                    "obligatoire (1 000 caractères au plus) et la priorité "
                                    "doit être choisie dans la liste."))
            data = form.cleaned_data
            requirement = services.requirement_update(
                requirement=requirement, editor=editor, text=data["text"],
                priority=data["priority"], revision=data["revision"], by=request.user)
        if row.can_prioritise and request.POST.get(f"r{requirement.pk}-my_priority"):
            pform = ProfessionPriorityForm(request.POST, requirement=requirement)
            if not pform.is_valid():
                raise DomainError(_("Priorité inconnue, ou commentaire de plus de 300 "
                                    "caractères."))
            services.profession_priority_set(
                requirement=requirement, editor=editor, profession=editor.profession,
                priority=pform.cleaned_data["my_priority"],
                comment=pform.cleaned_data["my_comment"], by=request.user)
    except RevisionConflict as conflict:
        context.update(conflict=conflict, typed=request.POST.get(f"r{requirement.pk}-text", ""))
        requirement = conflict.requirement
    except DomainError as error:
        context.update(error=error.message,
                       typed_text=request.POST.get(f"r{requirement.pk}-text", ""))
    else:
        context["saved"] = True
    if not request.htmx:  # type: ignore[attr-defined]
        _flash(request, context, requirement)
        return redirect(_grid_url(access, f"req-row-{requirement.pk}"))
    return _render_row(request, _row(requirement, editor), needs_grid, context)


def _flash(request: HttpRequest, context: dict[str, Any], requirement: Requirement) -> None:
    """The outcome of a row save as a message, for the page reloaded without htmx."""
    if "conflict" in context:
        messages.error(request, context["conflict"].message)
    elif "error" in context:
        messages.error(request, context["error"])
    else:
        messages.success(request, _("Besoin %s enregistré.") % requirement.code)


@project_view(EDIT_NEEDS)
@require_POST
def requirement_add(request: HttpRequest, access: ProjectAccess,
                    subdomain_pk: int) -> HttpResponse:
    """Add a requirement at the end of a sub-domain."""
    needs_grid = _grid(access)
    subdomain = get_object_or_404(GridSubDomain.objects.select_related("project"),
                                  pk=subdomain_pk, project=access.project)
    editor = grid_editor(access=access, grid=needs_grid)
    allowed = rules.addable_professions(
        editor, domain_id=subdomain.domain_id,
        professions=project_professions(project=access.project))
    if not allowed:
        raise PermissionDenied
    form = RequirementAddForm(request.POST, subdomain_pk=subdomain.pk, allowed=allowed)
    if not form.is_valid():
        messages.error(request, _("Le besoin n'a pas été ajouté : décrivez-le (1 000 "
                                  "caractères au plus) et choisissez sa priorité."))
        return redirect(_grid_url(access, f"sub-{subdomain.pk}"))
    try:
        requirement = services.requirement_create(
            subdomain=subdomain, editor=editor, by=request.user, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_grid_url(access, f"sub-{subdomain.pk}"))
    messages.success(request, _("Besoin %s ajouté.") % requirement.code)
    return redirect(_grid_url(access, f"req-row-{requirement.pk}"))


@project_view(EDIT_NEEDS)
@require_POST
def requirement_move(request: HttpRequest, access: ProjectAccess,
                     requirement_pk: int) -> HttpResponse:
    """Move a requirement up or down in its sub-domain."""
    needs_grid = _grid(access)
    requirement = _requirement(access, requirement_pk)
    editor = grid_editor(access=access, grid=needs_grid)
    form = MoveForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Sens de déplacement inconnu."))
        services.requirement_move(requirement=requirement, editor=editor,
                                  direction=form.cleaned_data["direction"], by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(_grid_url(access, f"req-row-{requirement.pk}"))


@project_view(EDIT_NEEDS)
@require_POST
def requirement_remove(request: HttpRequest, access: ProjectAccess,
                       requirement_pk: int) -> HttpResponse:
    """Take a requirement out of the grid; its code stays reserved."""
    needs_grid = _grid(access)
    requirement = _requirement(access, requirement_pk)
    editor = grid_editor(access=access, grid=needs_grid)
    try:
        services.requirement_remove(requirement=requirement, editor=editor, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Besoin %s retiré de la grille ; son code ne sera pas "
                                    "réutilisé.") % requirement.code)
    return redirect(_grid_url(access, f"sub-{requirement.subdomain_id}"))


@project_view(EDIT_NEEDS)
@require_POST
def requirement_restore(request: HttpRequest, access: ProjectAccess,
                        requirement_pk: int) -> HttpResponse:
    """Put a removed requirement back in the grid."""
    needs_grid = _grid(access)
    requirement = _requirement(access, requirement_pk)
    editor = grid_editor(access=access, grid=needs_grid)
    try:
        services.requirement_restore(requirement=requirement, editor=editor, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_grid_url(access))
    messages.success(request, _("Besoin %s rétabli dans la grille.") % requirement.code)
    return redirect(_grid_url(access, f"req-row-{requirement.pk}"))


# --- consolidation ---------------------------------------------------------------------

def _consolidation_url(access: ProjectAccess, anchor: str = "") -> str:
    url = reverse("requirements:grid-consolidation", kwargs={"project_pk": access.project.pk})
    return f"{url}#{anchor}" if anchor else url


@project_view(CONSOLIDATE_NEEDS)
def consolidation(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Each profession's priority side by side, arbitration, merges, domains, freeze."""
    needs_grid = _grid(access)
    professions = project_professions(project=access.project)
    rows = consolidation_rows(grid=needs_grid, professions=professions)
    referents = domain_referents(project=access.project)
    domains = list(GridDomain.objects.filter(grid=needs_grid).select_related("referent__user"))
    labels = dict(Profession.choices)
    return render(request, "requirements/grid/consolidation.html", {
        "grid": needs_grid, "rows": rows,
        "professions": [(p, labels[p]) for p in professions],
        "priorities": Priority.choices,
        # Rendered by hand: two lists of every requirement through widget templates
        # would double the page's rendering time.
        "merge_fields": [("drop", _("Doublon à fusionner (il quitte la grille)")),
                         ("keep", _("Besoin conservé"))],
        "domain_forms": [(d, DomainAssignForm(domain_pk=d.pk, title=d.title,
                                              referents=referents,
                                              initial={"referent": d.referent_id or ""}))
                         for d in domains],
        "removed": removed_requirements(project=access.project),
        "divergent_count": sum(1 for r in rows if r.is_divergent),
        "can_validate": access.has(VALIDATE_DELIVERABLE),
    })


@project_view(CONSOLIDATE_NEEDS)
@require_POST
def requirement_arbitrate(request: HttpRequest, access: ProjectAccess,
                          requirement_pk: int) -> HttpResponse:
    """Record the arbitrated priority of a requirement and its reason."""
    needs_grid = _grid(access)
    requirement = _requirement(access, requirement_pk)
    editor = grid_editor(access=access, grid=needs_grid)
    form = ArbitrationForm(request.POST, requirement=requirement)
    try:
        if not form.is_valid():
            raise DomainError(_("L'arbitrage n'a pas été enregistré : choisissez une "
                                "priorité et indiquez le motif."))
        data = form.cleaned_data
        services.requirement_arbitrate(requirement=requirement, editor=editor,
                                       priority=data["priority"], reason=data["reason"],
                                       revision=data["revision"], by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Arbitrage du besoin %s enregistré.") % requirement.code)
    return redirect(_consolidation_url(access, f"arb-{requirement.pk}"))


@project_view(CONSOLIDATE_NEEDS)
@require_POST
def requirement_merge(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Merge a duplicate into the requirement kept."""
    needs_grid = _grid(access)
    editor = grid_editor(access=access, grid=needs_grid)
    keep_pk, drop_pk = request.POST.get("keep", ""), request.POST.get("drop", "")
    if not (keep_pk.isdigit() and drop_pk.isdigit()):
        messages.error(request, _("Choisissez le doublon et le besoin conservé."))
        return redirect(_consolidation_url(access, "merge"))
    keep = _requirement(access, int(keep_pk))
    drop = _requirement(access, int(drop_pk))
    try:
        services.requirement_merge(keep=keep, drop=drop, editor=editor, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(drop)s est fusionné dans %(keep)s.")
                         % {"drop": drop.code, "keep": keep.code})
    return redirect(_consolidation_url(access, "merge"))


@project_view(CONSOLIDATE_NEEDS)
@require_POST
def domain_assign(request: HttpRequest, access: ProjectAccess, domain_pk: int) -> HttpResponse:
    """Entrust a grid domain to a référent fonctionnel."""
    needs_grid = _grid(access)
    domain = get_object_or_404(GridDomain, pk=domain_pk, project=access.project)
    referents = domain_referents(project=access.project)
    form = DomainAssignForm(request.POST, domain_pk=domain.pk, title=domain.title,
                            referents=referents)
    if not form.is_valid():
        messages.error(request, _("Choisissez un référent fonctionnel de l'équipe projet."))
        return redirect(_consolidation_url(access, "domains"))
    chosen = form.cleaned_data["referent"]
    referent = next((m for m in referents if str(m.pk) == chosen), None)
    services.grid_domain_assign(domain=domain, referent=referent,
                                editor=grid_editor(access=access, grid=needs_grid))
    messages.success(request, _("Référent du domaine « %s » enregistré.") % domain.title)
    return redirect(_consolidation_url(access, "domains"))


@project_view(VALIDATE_DELIVERABLE)
@require_POST
def grid_freeze(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Freeze the validated grid (chef de projet)."""
    needs_grid = _grid(access)
    try:
        needs_grid = services.grid_freeze(grid=needs_grid, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La grille est figée : version %s.") % needs_grid.version)
    return redirect(_consolidation_url(access, "freeze"))


@project_view(VALIDATE_DELIVERABLE)
@require_POST
def grid_unfreeze(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Reopen the grid for edits as a new version (chef de projet)."""
    needs_grid = _grid(access)
    try:
        needs_grid = services.grid_unfreeze(grid=needs_grid, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La grille est rouverte : version %s en cours.")
                         % needs_grid.version)
    return redirect(_consolidation_url(access, "freeze"))


P = "projets/<int:project_pk>/etapes/6/besoins/"
urlpatterns = [
    path(P, grid, name="grid"),
    path(f"{P}<int:requirement_pk>/", requirement_save, name="requirement-save"),
    path(f"{P}<int:requirement_pk>/deplacer/", requirement_move, name="requirement-move"),
    path(f"{P}<int:requirement_pk>/retirer/", requirement_remove, name="requirement-remove"),
    path(f"{P}<int:requirement_pk>/retablir/", requirement_restore,
         name="requirement-restore"),
    path(f"{P}<int:requirement_pk>/arbitrage/", requirement_arbitrate,
         name="requirement-arbitrate"),
    path(f"{P}sous-domaines/<int:subdomain_pk>/ajouter/", requirement_add,
         name="requirement-add"),
    path(f"{P}consolidation/", consolidation, name="grid-consolidation"),
    path(f"{P}fusion/", requirement_merge, name="requirement-merge"),
    path(f"{P}domaines/<int:domain_pk>/referent/", domain_assign, name="domain-assign"),
    path(f"{P}figer/", grid_freeze, name="grid-freeze"),
    path(f"{P}rouvrir/", grid_unfreeze, name="grid-unfreeze"),
]
