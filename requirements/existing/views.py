"""Views: step 4 « étude de l'existant », section by section and profession by profession.

Every member reads the page. The chef de projet and the AMOA fill every section; a
référent métier fills only their own profession's part (``existing_rules``): a post for
another profession is refused with 403 and nothing is written.
"""

from __future__ import annotations

from copy import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.core.selectors import project_sites
from projects.policy import VIEW_PROJECT
from requirements.permissions import EDIT_EXISTING_STATE

from . import services
from .forms import (
    ItForm,
    OrganisationForm,
    PartnerForm,
    PathologiesForm,
    ProfessionForm,
    TerritoryForm,
)
from .models import TerritoryPartner
from .rules import editable_professions, may_edit_shared_sections
from .selectors import ExistingOverview, existing_overview

SECTIONS = ("organisation", "pathologies", "it", "territory")
REFUSED = gettext_lazy("La section n'a pas été enregistrée : corrigez les erreurs signalées.")


def _editable(access: ProjectAccess, overview: ExistingOverview) -> frozenset[str]:
    """Professions whose part this member may save (``existing_rules``)."""
    m = access.membership
    return editable_professions(role=m.role, own_profession=m.profession,
                                granted=access.granted,
                                present=[p.profession for p in overview.professions])


def _may_edit_shared(access: ProjectAccess) -> bool:
    """Whether this member may save the sections of the whole structure."""
    return may_edit_shared_sections(role=access.membership.role, granted=access.granted)


def _page_url(access: ProjectAccess, anchor: str) -> str:
    """The step 4 page, scrolled to a section."""
    return reverse("requirements:existing", kwargs={"project_pk": access.project.pk}) \
        + f"#{anchor}"


def _forms(access: ProjectAccess, overview: ExistingOverview, *, bound: str | None = None,
           data: QueryDict | None = None) -> dict[str, Any]:
    """One form per section and per profession; only the ``bound`` one gets ``data``."""
    shared_read_only = not _may_edit_shared(access)
    editable = _editable(access, overview)
    # Each form validates into its own copy: a refused post must not alter what the rest
    # of the page shows.
    state = overview.state
    sites = project_sites(project=access.project)

    def given(key: str) -> QueryDict | None:
        return data if key == bound else None

    forms: dict[str, Any] = {
        "organisation": OrganisationForm(given("organisation"), prefix="organisation",
                                         instance=copy(state), read_only=shared_read_only),
        "pathologies": PathologiesForm(given("pathologies"), prefix="pathologies",
                                       chosen=overview.pathologies,
                                       other=state.other_pathologies,
                                       read_only=shared_read_only),
        "it": ItForm(given("it"), prefix="it", instance=copy(state),
                     read_only=shared_read_only),
        "territory": TerritoryForm(given("territory"), prefix="territory", instance=copy(state),
                                   read_only=shared_read_only),
        "partner": PartnerForm(given("partner"), prefix="partner"),
    }
    forms["professions"] = [
        ProfessionForm(given(f"profession:{part.profession}"), prefix=part.profession,
                       part=part, sites=sites, read_only=part.profession not in editable)
        for part in overview.professions
    ]
    return forms


def _render(request: HttpRequest, access: ProjectAccess, overview: ExistingOverview,
            forms: dict[str, Any]) -> HttpResponse:
    """The step 4 page with the given forms (one of them may carry errors)."""
    editable = _editable(access, overview)
    return render(request, "requirements/existing/existing.html", {
        "overview": overview, "forms": forms,
        "can_edit_shared": _may_edit_shared(access), "editable": editable,
        "own_profession": access.membership.profession,
    })


@project_view(VIEW_PROJECT)
def existing(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 4: progress per profession, consolidated figures and every section."""
    overview = existing_overview(project=access.project)
    return _render(request, access, overview, _forms(access, overview))


def _save_shared(section: str, form: Any, access: ProjectAccess) -> str:
    """Hand a valid shared section to its service; return the confirmation."""
    project = access.project
    if section == "organisation":
        services.existing_set_organisation(project=project, values=form.values())
        return _("L'organisation de la structure est enregistrée.")
    if section == "pathologies":
        services.existing_set_pathologies(project=project, selections=form.selections(),
                                          other=form.cleaned_data["other"])
        return _("Les pathologies suivies sous protocole sont enregistrées.")
    if section == "it":
        services.existing_set_it(project=project, values=form.values())
        return _("Le diagnostic informatique est enregistré.")
    services.existing_set_territory(project=project, values=form.values())
    return _("Les échanges avec le territoire sont enregistrés.")


@project_view(EDIT_EXISTING_STATE)
@require_POST
def existing_save(request: HttpRequest, access: ProjectAccess, section: str) -> HttpResponse:
    """Save one section of the whole structure (chef de projet, AMOA)."""
    if section not in SECTIONS:
        raise Http404
    if not _may_edit_shared(access):
        raise PermissionDenied
    overview = existing_overview(project=access.project)
    forms = _forms(access, overview, bound=section, data=request.POST)
    form = forms[section]
    if form.is_valid():
        try:
            confirmation = _save_shared(section, form, access)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, confirmation)
            return redirect(_page_url(access, section))
    messages.error(request, REFUSED)
    return _render(request, access, overview, forms)


@project_view(EDIT_EXISTING_STATE)
@require_POST
def profession_save(request: AuthenticatedHttpRequest, access: ProjectAccess,
                    profession: str) -> HttpResponse:
    """Save one profession's part; a référent métier may only save their own."""
    overview = existing_overview(project=access.project)
    if profession not in {p.profession for p in overview.professions}:
        raise Http404  # unknown or forged code, or a profession absent from this MSP
    if profession not in _editable(access, overview):
        raise PermissionDenied
    forms = _forms(access, overview, bound=f"profession:{profession}", data=request.POST)
    form = next(f for f in forms["professions"] if f.part.profession == profession)
    if form.is_valid():
        try:
            services.profession_profile_save(
                project=access.project, profession=profession, values=form.values(),
                site_counts=form.site_counts(), by=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("La partie « %s » est enregistrée.") % form.part.label)
            return redirect(_page_url(access, f"profession-{profession}"))
    messages.error(request, REFUSED)
    return _render(request, access, overview, forms)


@project_view(EDIT_EXISTING_STATE)
@require_POST
def partner_create(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Add an actor of the territory (chef de projet, AMOA)."""
    if not _may_edit_shared(access):
        raise PermissionDenied
    overview = existing_overview(project=access.project)
    forms = _forms(access, overview, bound="partner", data=request.POST)
    form = forms["partner"]
    if form.is_valid():
        try:
            services.territory_partner_add(project=access.project, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Le partenaire est ajouté."))
            return redirect(_page_url(access, "territory"))
    messages.error(request, _("Le partenaire n'a pas été ajouté : corrigez les erreurs "
                              "signalées."))
    return _render(request, access, overview, forms)


@project_view(EDIT_EXISTING_STATE)
@require_POST
def partner_delete(request: HttpRequest, access: ProjectAccess, partner_pk: int) -> HttpResponse:
    """Remove an actor of the territory; another project's partner is not found."""
    if not _may_edit_shared(access):
        raise PermissionDenied
    partner = get_object_or_404(TerritoryPartner, pk=partner_pk, project=access.project)
    services.territory_partner_delete(partner=partner)
    messages.success(request, _("Le partenaire « %s » est retiré.") % partner.name)
    return redirect(_page_url(access, "territory"))


BASE = "projets/<int:project_pk>/etapes/4/existant/"
urlpatterns = [
    path(BASE, existing, name="existing"),
    path(f"{BASE}professions/<slug:profession>/", profession_save,
         name="existing-profession-save"),
    path(f"{BASE}partenaires/", partner_create, name="partner-create"),
    path(f"{BASE}partenaires/<int:partner_pk>/supprimer/", partner_delete,
         name="partner-delete"),
    path(f"{BASE}<slug:section>/", existing_save, name="existing-save"),
]
