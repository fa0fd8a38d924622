"""Views of step 13: the migration checklist, the vendor's method note (uploaded and
served to members only), the sample checks and the go / no-go decision."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.policy import VIEW_PROJECT

from ..permissions import DECIDE_MIGRATION, EDIT_MIGRATION
from . import services
from .forms import DecisionForm, LineForm, LineMoveForm, NoteForm, SampleCheckForm
from .models import MigrationLine, MigrationNote
from .rules import MAX_NOTE_BYTES
from .selectors import migration_overview

# Multipart framing around the file: a request longer than this is refused unread.
UPLOAD_OVERHEAD_BYTES = 64 * 1024


def _page_url(access: ProjectAccess, anchor: str = "") -> str:
    url = reverse("acceptance:migration", args=[access.project.pk])
    return f"{url}#{anchor}" if anchor else url


def _render(request: HttpRequest, access: ProjectAccess, *, status: int = 200,
            **forms: object) -> HttpResponse:
    return render(request, "acceptance/migration/migration.html", {
        "overview": migration_overview(project=access.project),
        "note_form": forms.get("note_form") or NoteForm(),
        "check_form": forms.get("check_form") or SampleCheckForm(),
        "check_line": forms.get("check_line"),
        "decision_form": forms.get("decision_form") or DecisionForm(),
    }, status=status)


@project_view(VIEW_PROJECT)
def migration(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 13: the checklist, the method note, the checks and the decision."""
    return _render(request, access)


@project_view(EDIT_MIGRATION)
@require_POST
def migration_generate(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Build the checklist from step 7's items and step 4's software."""
    created = services.migration_checklist_generate(project=access.project, by=request.user)
    messages.success(request, ngettext("%d ligne ajoutée à la liste de reprise.",
                                       "%d lignes ajoutées à la liste de reprise.", created)
                     % created if created
                     else _("Aucune ligne à ajouter : la liste est à jour."))
    return redirect(_page_url(access))


def _line(access: ProjectAccess, pk: int) -> MigrationLine:
    return get_object_or_404(MigrationLine, pk=pk, project=access.project)


@project_view(EDIT_MIGRATION)
def migration_line_edit(request: AuthenticatedHttpRequest, access: ProjectAccess,
                        pk: int) -> HttpResponse:
    """Volumes, method, limits and owner of one line."""
    line = _line(access, pk)
    form = LineForm(request.POST or None, instance=line, project=access.project)
    if request.method == "POST":
        if form.is_valid():
            services.migration_line_update(line=line, by=request.user,
                                           values=form.cleaned_data)
            messages.success(request, _("La ligne « %s » est enregistrée.") % line.data)
            return redirect(_page_url(access, f"line-{line.pk}"))
        messages.error(request, _("La ligne n'a pas été enregistrée : corrigez les erreurs "
                                  "signalées."))
    return render(request, "acceptance/migration/line_form.html", {"form": form, "line": line},
                  status=400 if form.errors else 200)


@project_view(EDIT_MIGRATION)
@require_POST
def migration_line_move(request: AuthenticatedHttpRequest, access: ProjectAccess,
                        pk: int) -> HttpResponse:
    """Move a line to its next (or previous) state."""
    line = _line(access, pk)
    form = LineMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("État inconnu : la ligne n'a pas changé."))
    else:
        action_run(request, lambda: services.migration_line_move(
            line=line, to_state=form.cleaned_data["to_state"], by=request.user),
            _("« %s » a changé d'état.") % line.data)
    return redirect(_page_url(access, f"line-{line.pk}"))


@project_view(EDIT_MIGRATION)
@require_POST
def migration_note_upload(request: AuthenticatedHttpRequest,
                          access: ProjectAccess) -> HttpResponse:
    """Attach a version of the vendor's method note (PDF checked by its content)."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if length.isdigit() and int(length) > MAX_NOTE_BYTES + UPLOAD_OVERHEAD_BYTES:
        form = NoteForm()
        form.add_error(None, _("Le fichier dépasse 10 Mo. Rien n'a été enregistré."))
    else:
        form = NoteForm(request.POST, request.FILES)
    if form.is_bound and form.is_valid():
        try:
            services.migration_note_attach(
                project=access.project, by=request.user, content=form.content(),
                file_name=form.file_name(), summary=form.cleaned_data["summary"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("La note de méthode est jointe."))
            return redirect(_page_url(access, "note"))
    messages.error(request, _("La note n'a pas été jointe : corrigez les erreurs signalées."))
    return _render(request, access, status=400, note_form=form)


@project_view(VIEW_PROJECT)
def migration_note_file(request: HttpRequest, access: ProjectAccess, pk: int) -> FileResponse:
    """Stream the vendor's method note, to members of the project only."""
    note = get_object_or_404(MigrationNote, pk=pk, project=access.project)
    try:
        handle = note.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, content_type="application/pdf",
                            filename=f"note-methode-reprise-{note.pk}.pdf")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@project_view(EDIT_MIGRATION)
@require_POST
def sample_check_add(request: AuthenticatedHttpRequest, access: ProjectAccess,
                     pk: int) -> HttpResponse:
    """Record a sample check of one line; discrepancies make a recette case."""
    line = _line(access, pk)
    form = SampleCheckForm(request.POST)
    if form.is_valid():
        try:
            check = services.sample_check_record(line=line, by=request.user,
                                                 **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Contrôle en écart : le cas de recette %s est "
                                        "créé.") % check.case.code if check.case
                             else _("Contrôle sans écart enregistré."))
            return redirect(_page_url(access, f"line-{line.pk}"))
    messages.error(request, _("Le contrôle n'a pas été enregistré : corrigez les erreurs "
                              "signalées."))
    return _render(request, access, status=400, check_form=form, check_line=line.pk)


@project_view(DECIDE_MIGRATION)
@require_POST
def migration_decide(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Go or no-go for the final migration (chef de projet)."""
    form = DecisionForm(request.POST)
    if form.is_valid():
        if action_run(request, lambda: services.migration_decide(
                project=access.project, by=request.user, **form.cleaned_data),
                _("La décision sur la reprise définitive est enregistrée.")):
            return redirect(_page_url(access, "decision"))
    else:
        messages.error(request, _("La décision n'a pas été enregistrée : corrigez les erreurs "
                                  "signalées."))
    return _render(request, access, status=400, decision_form=form)


_STEP = "projets/<int:project_pk>/etapes/13"
urlpatterns = [
    path(f"{_STEP}/reprise/", migration, name="migration"),
    path(f"{_STEP}/reprise/generer/", migration_generate, name="migration-generate"),
    path(f"{_STEP}/reprise/<int:pk>/", migration_line_edit, name="migration-line-edit"),
    path(f"{_STEP}/reprise/<int:pk>/etat/", migration_line_move, name="migration-line-move"),
    path(f"{_STEP}/reprise/<int:pk>/controle/", sample_check_add, name="sample-check-add"),
    path(f"{_STEP}/reprise/note/", migration_note_upload, name="migration-note-upload"),
    path(f"{_STEP}/reprise/note/<int:pk>/", migration_note_file, name="migration-note-file"),
    path(f"{_STEP}/reprise/decision/", migration_decide, name="migration-decide"),
]
