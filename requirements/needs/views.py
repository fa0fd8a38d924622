"""Views of the needs grid (step 6): the grid by domain, edited inline row by row."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event
from django_stubs_ext import StrOrPromise

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from msp_si.common.rows import row_url, select_options
from projects.access import ProjectAccess, project_view
from projects.choices import Profession
from projects.policy import VIEW_PROJECT
from requirements.permissions import EDIT_NEEDS

from . import rules, services
from .forms import (
    MoveForm,
    ProfessionPriorityForm,
    RequirementAddForm,
    RequirementRowForm,
)
from .models import (
    GridSubDomain,
    NeedsGrid,
    Priority,
    ProfessionPriority,
    Requirement,
)
from .rows import RowOutcome, RowPage, row_html
from .rules import Editor
from .selectors import (
    TRANSVERSAL,
    DomainView,
    Row,
    SubDomainView,
    grid_editor,
    grid_rows,
    project_professions,
)
from .services import RevisionConflict


def grid_of(access: ProjectAccess) -> NeedsGrid:
    """The project's grid, created from the catalogue on the first visit."""
    # Read first: the creation (a transaction) happens once, on the very first visit.
    grid = NeedsGrid.objects.filter(project=access.project).first() \
        or services.grid_initialise(project=access.project)
    grid.project = access.project  # already loaded by the guard: no second query
    return grid


def _grid_url(access: ProjectAccess, anchor: str = "", *, domain: str = "") -> str:
    """The grid page, on ``domain`` when given (a large grid shows one domain at a time)."""
    url = reverse("requirements:grid", kwargs={"project_pk": access.project.pk})
    if domain:
        url = f"{url}?{urlencode({'domaine': domain})}"
    return f"{url}#{anchor}" if anchor else url


def requirement_of(access: ProjectAccess, pk: int) -> Requirement:
    """A requirement of the requesting member's project, or 404."""
    return get_object_or_404(
        Requirement.objects.select_related("subdomain__domain", "updated_by"),
        pk=pk, project=access.project,
    )


def _row_url(access: ProjectAccess, requirement: Requirement) -> str:
    """Back to a requirement's row, on its domain's page."""
    return _grid_url(access, f"req-row-{requirement.pk}",
                     domain=requirement.subdomain.domain.code)


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


def rows_prepare(rows: list[Row], *, project_pk: int) -> None:
    """Give each row its labels, links and option lists; the words are translated once.

    The grid of 400 needs spent most of its rendering time translating and resolving the
    same strings row after row: here each is done once per page, then filled per row.
    """
    save = row_url("requirements:requirement-save", project_pk=project_pk,
                   row_kwarg="requirement_pk")
    move = row_url("requirements:requirement-move", project_pk=project_pk,
                   row_kwarg="requirement_pk")
    remove = row_url("requirements:requirement-remove", project_pk=project_pk,
                     row_kwarg="requirement_pk")
    priorities = select_options(Priority.choices)
    mine = select_options(Priority.choices, with_empty=_("— à donner —"))
    labels = {
        "text_label": _("Besoin %(code)s"),
        "priority_label": _("Priorité du besoin %(code)s"),
        "my_priority_label": _("Priorité pour ma profession — %(code)s"),
        "my_comment_label": _("Commentaire de ma profession — %(code)s"),
        "save_label": _("Enregistrer le besoin %(code)s"),
        "up_label": _("Monter le besoin %(code)s"),
        "down_label": _("Descendre le besoin %(code)s"),
        "remove_label": _("Retirer le besoin %(code)s"),
    }
    words = {"transversal": _("Transversal"), "arbitrated": _("Arbitré :"),
             "comment": _("Commentaire"), "not_applicable": _("sans objet"),
             "save": _("Enregistrer"), "remove": _("Retirer")}
    for row in rows:
        r = row.requirement
        code = {"code": r.code}
        row.text = {key: text % code for key, text in labels.items()}
        row.text.update(words)
        row.text.update(
            save_url=save(r.pk), move_url=move(r.pk), remove_url=remove(r.pk),
            priority_options=priorities[r.priority if r.priority in priorities else ""],
            my_priority_options=mine[row.my_priority.priority if row.my_priority else ""],
        )


def subdomains_prepare(subdomains: list[SubDomainView], *, project_pk: int) -> None:
    """Each sub-domain's add form: its link, and its profession options (built once per
    list of professions: most sub-domains offer the same)."""
    add = row_url("requirements:requirement-add", project_pk=project_pk,
                  row_kwarg="subdomain_pk")
    options: dict[tuple[str, ...], str] = {}
    for s in subdomains:
        s.add_url = add(s.subdomain.pk)
        key = tuple(code for code, _label in s.addable)
        if key not in options:
            options[key] = format_html_join("", '<option value="{}">{}</option>', s.addable)
        s.addable_options = options[key]


def _view_choices(professions: list[str]) -> list[tuple[str, StrOrPromise]]:
    labels = dict(Profession.choices)
    return [("", _("Tous les besoins")), (TRANSVERSAL, _("Besoins transversaux")),
            *[(p, labels[p]) for p in professions]]


# Above this many needs, the grid opens one domain at a time: hundreds of editable rows
# on one page are slow to render and hard to work through.
DOMAIN_PAGE_THRESHOLD = 150
ALL_DOMAINS = "tous"


def _shown_domains(domains: list[DomainView], asked: str) -> tuple[list[DomainView], str]:
    """The domains to render and the code of the one shown alone ("" when all are)."""
    by_code = {d.domain.code: d for d in domains}
    if asked in by_code:
        return [by_code[asked]], asked
    total = sum(len(s.rows) for d in domains for s in d.subdomains)
    if asked == ALL_DOMAINS or total <= DOMAIN_PAGE_THRESHOLD or not domains:
        return domains, ""
    first = next((d for d in domains if any(s.rows for s in d.subdomains)), domains[0])
    return [first], first.domain.code


@project_view(VIEW_PROJECT)
def grid(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 6: the grid by domain, editable inline where the member may edit."""
    needs_grid = grid_of(access)
    editor = grid_editor(access=access, grid=needs_grid)
    professions = project_professions(project=access.project)
    choices = _view_choices(professions)
    view = request.GET.get("vue", "")
    if view not in dict(choices):
        view = ""
    all_domains = grid_rows(grid=needs_grid, editor=editor, professions=professions, view=view)
    domains, shown = _shown_domains(all_domains, request.GET.get("domaine", ""))
    rows = [row for d in domains for s in d.subdomains for row in s.rows]
    rows_prepare(rows, project_pk=access.project.pk)
    page = RowPage.build(is_frozen=needs_grid.is_frozen, show_mine=bool(editor.profession),
                   csrf_input=csrf_input(request))
    for row in rows:
        row.html = row_html(row, page)
    subdomains_prepare([s for d in domains for s in d.subdomains], project_pk=access.project.pk)
    return render(request, "requirements/grid/grid.html", {
        "grid": needs_grid, "domains": domains, "all_domains": all_domains,
        "shown_domain": shown, "is_paged": bool(shown), "all_domains_key": ALL_DOMAINS,
        "editor": editor, "view": view,
        "view_choices": choices, "show_mine": bool(editor.profession),
        "add_priority_options": select_options(Priority.choices)[Priority.IMPORTANT],
        "can_consolidate": editor.can_consolidate,
        "count": sum(len(s.rows) for d in domains for s in d.subdomains),
        "csrf_input": csrf_input(request),
    })


def _render_row(request: HttpRequest, row: Row, grid: NeedsGrid,
                context: dict[str, Any]) -> HttpResponse:
    """The row fragment swapped by htmx, with its outcome announced to screen readers."""
    rows_prepare([row], project_pk=grid.project_id)
    page = RowPage.build(is_frozen=grid.is_frozen, show_mine=context["show_mine"],
                   csrf_input=csrf_input(request))
    outcome = RowOutcome(saved=bool(context.get("saved")), conflict=context.get("conflict"),
                         typed=context.get("typed", ""), error=context.get("error", ""),
                         typed_text=context.get("typed_text", ""))
    response = HttpResponse(row_html(row, page, outcome))
    if context.get("saved"):
        trigger_client_event(response, "gridSaved",
                             {"message": _("Besoin %s enregistré.") % row.requirement.code})
    return response


@project_view(EDIT_NEEDS)
@require_POST
def requirement_save(request: AuthenticatedHttpRequest, access: ProjectAccess,
                     requirement_pk: int) -> HttpResponse:
    """Save one row of the grid (text, priority, my profession's priority) as you type."""
    needs_grid = grid_of(access)
    requirement = requirement_of(access, requirement_pk)
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
    if not request.htmx:
        _flash(request, context, requirement)
        return redirect(_row_url(access, requirement))
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
def requirement_add(request: AuthenticatedHttpRequest, access: ProjectAccess,
                    subdomain_pk: int) -> HttpResponse:
    """Add a requirement at the end of a sub-domain."""
    needs_grid = grid_of(access)
    subdomain = get_object_or_404(GridSubDomain.objects.select_related("project", "domain"),
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
        return redirect(_grid_url(access, f"sub-{subdomain.pk}", domain=subdomain.domain.code))
    try:
        requirement = services.requirement_create(
            subdomain=subdomain, editor=editor, by=request.user, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_grid_url(access, f"sub-{subdomain.pk}", domain=subdomain.domain.code))
    messages.success(request, _("Besoin %s ajouté.") % requirement.code)
    return redirect(_row_url(access, requirement))


@project_view(EDIT_NEEDS)
@require_POST
def requirement_move(request: AuthenticatedHttpRequest, access: ProjectAccess,
                     requirement_pk: int) -> HttpResponse:
    """Move a requirement up or down in its sub-domain."""
    needs_grid = grid_of(access)
    requirement = requirement_of(access, requirement_pk)
    editor = grid_editor(access=access, grid=needs_grid)
    # Whose row it is comes before what was posted: a forged move is refused, not corrected.
    if not rules.may_edit(editor, profession=requirement.profession,
                          domain_id=requirement.subdomain.domain_id):
        raise PermissionDenied
    form = MoveForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Sens de déplacement inconnu."))
        services.requirement_move(requirement=requirement, editor=editor,
                                  direction=form.cleaned_data["direction"], by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(_row_url(access, requirement))


@project_view(EDIT_NEEDS)
@require_POST
def requirement_remove(request: AuthenticatedHttpRequest, access: ProjectAccess,
                       requirement_pk: int) -> HttpResponse:
    """Take a requirement out of the grid; its code stays reserved."""
    needs_grid = grid_of(access)
    requirement = requirement_of(access, requirement_pk)
    editor = grid_editor(access=access, grid=needs_grid)
    action_run(
        request,
        lambda: services.requirement_remove(
            requirement=requirement, editor=editor, by=request.user,
        ),
        _("Besoin %s retiré de la grille ; son code ne sera pas "
          "réutilisé.") % requirement.code,
    )
    return redirect(_grid_url(access, f"sub-{requirement.subdomain_id}",
                              domain=requirement.subdomain.domain.code))


@project_view(EDIT_NEEDS)
@require_POST
def requirement_restore(request: AuthenticatedHttpRequest, access: ProjectAccess,
                        requirement_pk: int) -> HttpResponse:
    """Put a removed requirement back in the grid."""
    needs_grid = grid_of(access)
    requirement = requirement_of(access, requirement_pk)
    editor = grid_editor(access=access, grid=needs_grid)
    try:
        services.requirement_restore(requirement=requirement, editor=editor, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_grid_url(access))
    messages.success(request, _("Besoin %s rétabli dans la grille.") % requirement.code)
    return redirect(_row_url(access, requirement))


URL_PREFIX = "projets/<int:project_pk>/etapes/6/besoins/"
urlpatterns = [
    path(URL_PREFIX, grid, name="grid"),
    path(f"{URL_PREFIX}<int:requirement_pk>/", requirement_save, name="requirement-save"),
    path(f"{URL_PREFIX}<int:requirement_pk>/deplacer/", requirement_move, name="requirement-move"),
    path(f"{URL_PREFIX}<int:requirement_pk>/retirer/", requirement_remove,
         name="requirement-remove"),
    path(f"{URL_PREFIX}<int:requirement_pk>/retablir/", requirement_restore,
         name="requirement-restore"),
    path(f"{URL_PREFIX}sous-domaines/<int:subdomain_pk>/ajouter/", requirement_add,
         name="requirement-add"),
]
