"""Views of the consolidation of the needs grid (step 6): chef de projet and AMOA.

Each profession's priority side by side, arbitration, merges of duplicates, the domains
entrusted to référents fonctionnels, and the freeze of the validated grid.
"""

from __future__ import annotations

from html import escape

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from msp_si.common.rows import row_url, select_options
from projects.access import ProjectAccess, project_view
from projects.choices import Profession
from projects.policy import VALIDATE_DELIVERABLE
from requirements.permissions import CONSOLIDATE_NEEDS

from . import services
from .forms import ArbitrationForm, DomainAssignForm
from .models import GridDomain, Priority, Requirement
from .selectors import (
    ConsolidationRow,
    consolidation_rows,
    domain_referents,
    grid_editor,
    project_professions,
    removed_requirements,
)
from .views import URL_PREFIX, grid_of, requirement_of


def _rows_prepare(rows: list[ConsolidationRow], *, project_pk: int, is_frozen: bool,
                  csrf: str) -> None:
    """Each row's markup, written in Python: the words translated once per page.

    Through the template language each of 400 rows cost some forty lookups, conditions
    and localisations; here a row is a few string joins, every value escaped.
    """
    arbitrate = row_url("requirements:requirement-arbitrate", project_pk=project_pk,
                        row_kwarg="requirement_pk")
    options = select_options(Priority.choices)
    professions = {k: str(v) for k, v in Profession.choices}
    priorities = {k: str(v) for k, v in Priority.choices}
    priority_label = _("Priorité arbitrée — %(code)s")
    reason_label = _("Motif de l'arbitrage — %(code)s")
    arbitrate_label = _("Arbitrer le besoin %(code)s")
    divergent = escape(_("divergence"))
    reason, button = escape(_("Motif")), escape(_("Arbitrer"))
    # Most cells repeat (three priorities, rarely a comment): each distinct one is built once.
    cells: dict[tuple[str, str, str], str] = {}
    for row in rows:
        r = row.requirement
        pk, code = str(r.pk), {"code": r.code}
        out = [f'<tr id="arb-{pk}"', ' class="divergent">' if row.is_divergent else ">",
               f'<th scope="row">{escape(r.code)}']
        if row.is_divergent:
            out.append(f' <span class="badge badge-divergent">{divergent}</span>')
        out.append(f"</th><td>{escape(r.text)}")
        if r.profession:
            out.append(f" <small>({escape(professions.get(r.profession, r.profession))})</small>")
        out.append(f'</td><td><span class="priority priority-{escape(r.priority)}">'
                   f"{escape(priorities.get(r.priority, r.priority))}</span>")
        if r.arbitration_reason:
            out.append(f"<br><small>{escape(r.arbitration_reason)}</small>")
        out.append("</td><td>")
        if not is_frozen:
            selected = r.priority if r.priority in options else ""
            out.append(
                f'<form method="post" action="{escape(arbitrate(r.pk))}" class="arbitration">'
                f'{csrf}\n<input type="hidden" name="a{pk}-revision" value="{r.revision}">'
                f'\n<label class="visually-hidden" for="a{pk}-priority">'
                f"{escape(priority_label % code)}</label>"
                f'\n<select id="a{pk}-priority" name="a{pk}-priority">{options[selected]}</select>'
                f'\n<label class="visually-hidden" for="a{pk}-reason">'
                f"{escape(reason_label % code)}</label>"
                f'\n<input id="a{pk}-reason" name="a{pk}-reason" maxlength="500" '
                f'value="{escape(r.arbitration_reason)}" placeholder="{reason}">'
                f'\n<button type="submit" class="secondary outline" '
                f'aria-label="{escape(arbitrate_label % code)}">{button}</button>\n</form>')
        out.append("</td>")
        out.extend(cells[cell] if cell in cells else cells.setdefault(cell, _cell(cell))
                   for cell in row.cells)
        out.append("</tr>\n")
        row.html = mark_safe("".join(out))  # noqa: S308 — every value above is escaped


def _removed_html(removed: list[Requirement], *, project_pk: int, is_frozen: bool,
                  csrf: str) -> str:
    """The rows of the removed and merged requirements (a long list after a clean-up)."""
    restore = row_url("requirements:requirement-restore", project_pk=project_pk,
                      row_kwarg="requirement_pk")
    merged_into, removed_word = _("Fusionné dans %(code)s"), escape(_("Retiré"))
    restore_label, restore_word = _("Rétablir le besoin %(code)s"), escape(_("Rétablir"))
    out = []
    for r in removed:
        out.append(f'<tr><th scope="row">{escape(r.code)}</th><td>{escape(r.text)}</td><td>')
        if r.merged_into:
            out.append(escape(merged_into % {"code": r.merged_into.code}))
        else:
            out.append(removed_word)
            if not is_frozen:
                out.append(
                    f'\n<form method="post" action="{escape(restore(r.pk))}" class="inline-form">'
                    f'{csrf}\n<button type="submit" class="secondary outline" aria-label="'
                    f'{escape(restore_label % {"code": r.code})}">{restore_word}</button>\n</form>')
        out.append("</td></tr>\n")
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped


def _short(text: str, length: int = 80) -> str:
    """``text`` cut to ``length`` characters with an ellipsis, as ``truncatechars`` does."""
    return text if len(text) <= length else f"{text[:length - 1]}…"


def _cell(cell: tuple[str, str, str]) -> str:
    """One profession's priority on a requirement, with its comment, as a table cell."""
    priority, label, comment = cell
    if not priority:
        return format_html('<td><span class="muted">{}</span></td>', "—")
    if comment:
        return format_html('<td><span class="priority priority-{}">{}</span><br><small>{}'
                           '</small></td>', priority, label, comment)
    return format_html('<td><span class="priority priority-{}">{}</span></td>', priority, label)


def _consolidation_url(access: ProjectAccess, anchor: str = "") -> str:
    url = reverse("requirements:grid-consolidation", kwargs={"project_pk": access.project.pk})
    return f"{url}#{anchor}" if anchor else url


@project_view(CONSOLIDATE_NEEDS)
def consolidation(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Each profession's priority side by side, arbitration, merges, domains, freeze."""
    needs_grid = grid_of(access)
    professions = project_professions(project=access.project)
    rows = consolidation_rows(grid=needs_grid, professions=professions)
    referents = domain_referents(project=access.project)
    domains = list(GridDomain.objects.filter(grid=needs_grid).select_related("referent__user"))
    labels = dict(Profession.choices)
    csrf = csrf_input(request)
    _rows_prepare(rows, project_pk=access.project.pk, is_frozen=needs_grid.is_frozen,
                  csrf=csrf)
    removed = removed_requirements(project=access.project)
    return render(request, "requirements/grid/consolidation.html", {
        "grid": needs_grid, "rows": rows, "csrf_input": csrf,
        "merge_options": mark_safe("".join(  # noqa: S308 — every value escaped
            f'<option value="{row.requirement.pk}">{escape(row.requirement.code)} — '
            f"{escape(_short(row.requirement.text))}</option>" for row in rows)),
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
        "removed": removed,
        "removed_html": _removed_html(removed, project_pk=access.project.pk,
                                      is_frozen=needs_grid.is_frozen, csrf=csrf),
        "divergent_count": sum(1 for r in rows if r.is_divergent),
        "can_validate": access.has(VALIDATE_DELIVERABLE),
    })


@project_view(CONSOLIDATE_NEEDS)
@require_POST
def requirement_arbitrate(request: AuthenticatedHttpRequest, access: ProjectAccess,
                          requirement_pk: int) -> HttpResponse:
    """Record the arbitrated priority of a requirement and its reason."""
    needs_grid = grid_of(access)
    requirement = requirement_of(access, requirement_pk)
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
def requirement_merge(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Merge a duplicate into the requirement kept."""
    needs_grid = grid_of(access)
    editor = grid_editor(access=access, grid=needs_grid)
    keep_pk, drop_pk = request.POST.get("keep", ""), request.POST.get("drop", "")
    if not (keep_pk.isdigit() and drop_pk.isdigit()):
        messages.error(request, _("Choisissez le doublon et le besoin conservé."))
        return redirect(_consolidation_url(access, "merge"))
    keep = requirement_of(access, int(keep_pk))
    drop = requirement_of(access, int(drop_pk))
    action_run(
        request,
        lambda: services.requirement_merge(keep=keep, drop=drop, editor=editor, by=request.user),
        _("%(drop)s est fusionné dans %(keep)s.")
        % {"drop": drop.code, "keep": keep.code},
    )
    return redirect(_consolidation_url(access, "merge"))


@project_view(CONSOLIDATE_NEEDS)
@require_POST
def domain_assign(request: HttpRequest, access: ProjectAccess, domain_pk: int) -> HttpResponse:
    """Entrust a grid domain to a référent fonctionnel."""
    needs_grid = grid_of(access)
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
def grid_freeze(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Freeze the validated grid (chef de projet)."""
    needs_grid = grid_of(access)
    try:
        needs_grid = services.grid_freeze(grid=needs_grid, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La grille est figée : version %s.") % needs_grid.version)
    return redirect(_consolidation_url(access, "freeze"))


@project_view(VALIDATE_DELIVERABLE)
@require_POST
def grid_unfreeze(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Reopen the grid for edits as a new version (chef de projet)."""
    needs_grid = grid_of(access)
    try:
        needs_grid = services.grid_unfreeze(grid=needs_grid, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La grille est rouverte : version %s en cours.")
                         % needs_grid.version)
    return redirect(_consolidation_url(access, "freeze"))


urlpatterns = [
    path(f"{URL_PREFIX}<int:requirement_pk>/arbitrage/", requirement_arbitrate,
         name="requirement-arbitrate"),
    path(f"{URL_PREFIX}consolidation/", consolidation, name="grid-consolidation"),
    path(f"{URL_PREFIX}fusion/", requirement_merge, name="requirement-merge"),
    path(f"{URL_PREFIX}domaines/<int:domain_pk>/referent/", domain_assign, name="domain-assign"),
    path(f"{URL_PREFIX}figer/", grid_freeze, name="grid-freeze"),
    path(f"{URL_PREFIX}rouvrir/", grid_unfreeze, name="grid-unfreeze"),
]
