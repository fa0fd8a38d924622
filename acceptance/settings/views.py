"""Views of step 12: the paramétrage page (setting items, patient information, the rules
document) and the habilitation matrix (edited cell by cell with htmx, or as one form)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.choices import Role
from projects.core.selectors import document_versions
from projects.policy import VALIDATE_DELIVERABLE, VIEW_PROJECT

from ..choices import AcceptanceDocument
from ..permissions import EDIT_HABILITATIONS, EDIT_SETTINGS
from . import services
from .choices import AccessRight, DataCategory
from .forms import (
    MatrixValidationForm,
    MoveForm,
    PatientInformationForm,
    ProfileForm,
    RightForm,
    SettingItemForm,
)
from .models import HabilitationProfile, SettingItem
from .selectors import consent_checklist, item_editable, matrix_state, settings_overview


def manages_all(access: ProjectAccess) -> bool:
    """The chef de projet and the AMOA handle every setting item; référents their own."""
    return access.membership.role in (Role.PROJECT_LEAD, Role.AMOA)


def _require_manager(access: ProjectAccess) -> None:
    if not manages_all(access):
        raise PermissionDenied


def _settings_url(access: ProjectAccess) -> str:
    return reverse("acceptance:settings", args=[access.project.pk])


def _render_settings(request: HttpRequest, access: ProjectAccess, *, status: int = 200,
                     consent_form: PatientInformationForm | None = None) -> HttpResponse:
    project = access.project
    consent = consent_checklist(project=project)
    return render(request, "acceptance/settings/settings.html", {
        "overview": settings_overview(project=project, member=access.membership,
                                      manages_all=manages_all(access)),
        "consent": consent,
        "consent_form": consent_form or PatientInformationForm(instance=consent.info),
        "manages_all": manages_all(access),
        "matrix": matrix_state(project=project),
        "documents": list(document_versions(project=project,
                                            kinds=(AcceptanceDocument.SETTINGS_RULES,)))[:3],
        "document_kind": AcceptanceDocument.SETTINGS_RULES,
    }, status=status)


@project_view(VIEW_PROJECT)
def settings_page(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 12: the setting items by area, the checklist, the rules document."""
    return _render_settings(request, access)


@project_view(EDIT_SETTINGS)
@require_POST
def setting_items_propose(request: AuthenticatedHttpRequest,
                          access: ProjectAccess) -> HttpResponse:
    """Propose the items from the grid's PAR and PIL domains and the referents métier."""
    _require_manager(access)
    created = services.setting_items_propose(project=access.project, by=request.user)
    messages.success(request, ngettext("%d élément de paramétrage ajouté.",
                                       "%d éléments de paramétrage ajoutés.", created) % created
                     if created else _("Aucun élément à ajouter : la liste est à jour."))
    return redirect("acceptance:settings", project_pk=access.project.pk)


def _item_form_page(request: AuthenticatedHttpRequest, access: ProjectAccess,
                    item: SettingItem | None) -> HttpResponse:
    all_items = manages_all(access)
    form = SettingItemForm(request.POST or None, instance=item, project=access.project,
                           manages_all=all_items)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "codes"}
        if not all_items:
            values = {k: values[k] for k in ("area", "title", "description")}
        try:
            services.setting_item_save(project=access.project, by=request.user,
                                       values=values, codes=form.cleaned_data["codes"],
                                       item=item)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("L'élément de paramétrage est enregistré."))
            return redirect("acceptance:settings", project_pk=access.project.pk)
    if request.method == "POST":
        messages.error(request, _("L'élément n'a pas été enregistré : corrigez les erreurs "
                                  "signalées."))
    return render(request, "acceptance/settings/item_form.html",
                  {"form": form, "item": item},
                  status=400 if request.method == "POST" else 200)


@project_view(EDIT_SETTINGS)
def setting_item_create(request: AuthenticatedHttpRequest,
                        access: ProjectAccess) -> HttpResponse:
    """Add a setting item (chef de projet and AMOA)."""
    _require_manager(access)
    return _item_form_page(request, access, None)


def _editable_item(access: ProjectAccess, pk: int) -> SettingItem:
    item = get_object_or_404(SettingItem.objects.select_related("domain"), pk=pk,
                             project=access.project)
    if not item_editable(item=item, member=access.membership,
                         manages_all=manages_all(access)):
        raise PermissionDenied
    return item


@project_view(EDIT_SETTINGS)
def setting_item_edit(request: AuthenticatedHttpRequest, access: ProjectAccess,
                      pk: int) -> HttpResponse:
    """Edit a setting item: référents only those of their domain or profession."""
    return _item_form_page(request, access, _editable_item(access, pk))


@project_view(EDIT_SETTINGS)
@require_POST
def setting_item_move(request: AuthenticatedHttpRequest, access: ProjectAccess,
                      pk: int) -> HttpResponse:
    """Move a setting item to its next (or previous) state."""
    item = _editable_item(access, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("État inconnu : l'élément n'a pas changé."))
    else:
        action_run(request, lambda: services.setting_item_move(
            item=item, to_state=form.cleaned_data["to_state"], by=request.user),
            _("« %s » a changé d'état.") % item.title)
    return redirect(f"{_settings_url(access)}#item-{item.pk}")


@project_view(EDIT_SETTINGS)
@require_POST
def patient_information(request: AuthenticatedHttpRequest,
                        access: ProjectAccess) -> HttpResponse:
    """Record the patient information and consent checklist."""
    _require_manager(access)
    info = consent_checklist(project=access.project).info
    form = PatientInformationForm(request.POST, instance=info)
    if not form.is_valid():
        messages.error(request, _("La liste n'a pas été enregistrée : corrigez les erreurs "
                                  "signalées."))
        return _render_settings(request, access, status=400, consent_form=form)
    services.patient_information_save(project=access.project, by=request.user,
                                      values=form.cleaned_data)
    messages.success(request, _("L'information des patients est enregistrée."))
    return redirect(f"{_settings_url(access)}#information")


def _render_matrix(request: HttpRequest, access: ProjectAccess, *, status: int = 200,
                   profile_form: ProfileForm | None = None,
                   validation_form: MatrixValidationForm | None = None) -> HttpResponse:
    return render(request, "acceptance/settings/habilitations.html", {
        "matrix": matrix_state(project=access.project),
        "rights": AccessRight.choices,
        "profile_form": profile_form or ProfileForm(),
        "validation_form": validation_form or MatrixValidationForm(project=access.project),
    }, status=status)


@project_view(VIEW_PROJECT, post=EDIT_HABILITATIONS)
def habilitations(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """The matrix; its form (without JavaScript) saves every cell at once."""
    if request.method == "POST":
        values: dict[tuple[int, str], str] = {}
        for key, right in request.POST.items():
            parts = key.split("-")
            if len(parts) == 3 and parts[0] == "right" and parts[1].isdigit():
                values[int(parts[1]), parts[2]] = str(right)
        if action_run(request, lambda: services.habilitation_rights_save(
                project=access.project, values=values),
                _("La matrice d'habilitation est enregistrée.")):
            return redirect("acceptance:habilitations", project_pk=access.project.pk)
        return _render_matrix(request, access, status=400)
    return _render_matrix(request, access)


@project_view(EDIT_HABILITATIONS)
@require_POST
def habilitation_build(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Add the profiles the professions and the PAR needs call for."""
    action_run(request, lambda: services.habilitation_matrix_build(project=access.project),
               _("Les profils de la matrice sont à jour."))
    return redirect("acceptance:habilitations", project_pk=access.project.pk)


@project_view(EDIT_HABILITATIONS)
@require_POST
def habilitation_profile_add(request: AuthenticatedHttpRequest,
                             access: ProjectAccess) -> HttpResponse:
    """Add one profile by hand."""
    form = ProfileForm(request.POST)
    if form.is_valid():
        if action_run(request, lambda: services.habilitation_profile_add(
                project=access.project, **form.cleaned_data), _("Le profil est ajouté.")):
            return redirect("acceptance:habilitations", project_pk=access.project.pk)
    else:
        messages.error(request, _("Le profil n'a pas été ajouté : corrigez les erreurs "
                                  "signalées."))
    return _render_matrix(request, access, status=400, profile_form=form)


@project_view(EDIT_HABILITATIONS)
@require_POST
def habilitation_cell(request: AuthenticatedHttpRequest, access: ProjectAccess,
                      pk: int) -> HttpResponse:
    """Set one cell; with htmx, answer with the cell (and its message) only."""
    profile = get_object_or_404(HabilitationProfile, pk=pk, project=access.project)
    category = request.POST.get("category", "")
    form = RightForm({"category": category,
                      "right": request.POST.get(f"right-{pk}-{category}", "")})
    error = ""
    if not form.is_valid():
        error = _("Droit ou catégorie de données inconnus. Rien n'a été modifié.")
    else:
        try:
            services.habilitation_right_set(profile=profile, **form.cleaned_data)
        except DomainError as refusal:
            error = refusal.message
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("acceptance:habilitations", project_pk=access.project.pk)
    profile.refresh_from_db()
    category = category if category in DataCategory.values else DataCategory.ADMINISTRATIVE
    return render(request, "acceptance/settings/_cell.html", {
        "profile": profile, "category": category, "label": DataCategory(category).label,
        "right": getattr(profile, category), "rights": AccessRight.choices,
        "can_edit": True, "error": error, "saved": not error})


@project_view(VALIDATE_DELIVERABLE)
@require_POST
def habilitation_validate(request: AuthenticatedHttpRequest,
                          access: ProjectAccess) -> HttpResponse:
    """Record the collegial validation: the matrix is frozen, each profile gets its case."""
    form = MatrixValidationForm(request.POST, project=access.project)
    if form.is_valid():
        if action_run(request, lambda: services.habilitation_matrix_validate(
                project=access.project, by=request.user, **form.cleaned_data),
                _("La matrice d'habilitation est validée ; chaque profil a son cas de "
                  "recette.")):
            return redirect("acceptance:habilitations", project_pk=access.project.pk)
    else:
        messages.error(request, _("La validation n'a pas été enregistrée : corrigez les "
                                  "erreurs signalées."))
    return _render_matrix(request, access, status=400, validation_form=form)


@project_view(VALIDATE_DELIVERABLE)
@require_POST
def habilitation_reopen(request: AuthenticatedHttpRequest,
                        access: ProjectAccess) -> HttpResponse:
    """Make the validated matrix editable again for a new version."""
    action_run(request, lambda: services.habilitation_matrix_reopen(project=access.project),
               _("La matrice est rouverte : la prochaine validation en fera une nouvelle "
                 "version."))
    return redirect("acceptance:habilitations", project_pk=access.project.pk)


_STEP = "projets/<int:project_pk>/etapes/12"
urlpatterns = [
    path(f"{_STEP}/parametrage/", settings_page, name="settings"),
    path(f"{_STEP}/parametrage/proposer/", setting_items_propose, name="setting-items-propose"),
    path(f"{_STEP}/parametrage/ajouter/", setting_item_create, name="setting-item-create"),
    path(f"{_STEP}/parametrage/<int:pk>/", setting_item_edit, name="setting-item-edit"),
    path(f"{_STEP}/parametrage/<int:pk>/etat/", setting_item_move, name="setting-item-move"),
    path(f"{_STEP}/information-patients/", patient_information, name="patient-information"),
    path(f"{_STEP}/habilitations/", habilitations, name="habilitations"),
    path(f"{_STEP}/habilitations/profils/", habilitation_build, name="habilitation-build"),
    path(f"{_STEP}/habilitations/profils/ajouter/", habilitation_profile_add,
         name="habilitation-profile-add"),
    path(f"{_STEP}/habilitations/<int:pk>/droit/", habilitation_cell,
         name="habilitation-cell"),
    path(f"{_STEP}/habilitations/validation/", habilitation_validate,
         name="habilitation-validate"),
    path(f"{_STEP}/habilitations/reouverture/", habilitation_reopen,
         name="habilitation-reopen"),
]
