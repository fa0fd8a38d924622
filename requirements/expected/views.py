"""Views: step 7 « prestations attendues », prefilled with the method's defaults.

Every member reads the page; the chef de projet and the AMOA (EDIT_SERVICES) adapt it
section by section and list the data to migrate.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common.errors import DomainError
from projects.access import ProjectAccess, project_view
from projects.policy import VIEW_PROJECT
from requirements.permissions import EDIT_SERVICES

from . import services
from .forms import SECTIONS, MigrationItemForm, ServicesSectionForm
from .models import MigrationItem
from .selectors import service_expectations


def _forms(access: ProjectAccess, *, bound: str | None = None,
           data: QueryDict | None = None) -> dict[str, Any]:
    """One form per section and the migration item form; only ``bound`` gets ``data``."""
    row = service_expectations(project=access.project)
    read_only = not access.has(EDIT_SERVICES)
    forms: dict[str, Any] = {
        key: ServicesSectionForm(data if key == bound else None, prefix=key, instance=row,
                                 section=key, read_only=read_only)
        for key in SECTIONS
    }
    forms["item"] = MigrationItemForm(data if bound == "item" else None, prefix="item")
    return forms


def _render(request: HttpRequest, access: ProjectAccess, forms: dict[str, Any]) -> HttpResponse:
    """The step 7 page with the given forms (one of them may carry errors)."""
    row = service_expectations(project=access.project)
    return render(request, "requirements/services/services.html", {
        "forms": forms, "sections": [forms[key] for key in SECTIONS],
        "is_default": row.pk is None,
        "items": list(MigrationItem.objects.filter(project=access.project)),
        "can_edit": access.has(EDIT_SERVICES),
    })


def _page_url(access: ProjectAccess, anchor: str) -> str:
    """The step 7 page, scrolled to a section."""
    return reverse("requirements:services", kwargs={"project_pk": access.project.pk}) \
        + f"#{anchor}"


@project_view(VIEW_PROJECT)
def expected_services(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 7: the expectations of the MSP towards the vendor, family by family."""
    return _render(request, access, _forms(access))


@project_view(EDIT_SERVICES)
@require_POST
def expected_services_save(request: HttpRequest, access: ProjectAccess,
                           section: str) -> HttpResponse:
    """Save one section of step 7; the other sections keep their values (or defaults)."""
    if section not in SECTIONS:
        raise Http404
    forms = _forms(access, bound=section, data=request.POST)
    form = forms[section]
    if form.is_valid():
        try:
            services.service_expectations_save(project=access.project, values=form.values())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("La section « %s » est enregistrée.") % form.title)
            return redirect(_page_url(access, section))
    messages.error(request, _("La section n'a pas été enregistrée : corrigez les erreurs "
                              "signalées."))
    return _render(request, access, forms)


@project_view(EDIT_SERVICES)
@require_POST
def migration_item_create(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Add a set of data to migrate."""
    forms = _forms(access, bound="item", data=request.POST)
    form = forms["item"]
    if form.is_valid():
        try:
            services.migration_item_add(project=access.project, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Les données à reprendre sont ajoutées."))
            return redirect(_page_url(access, "migration"))
    messages.error(request, _("Les données à reprendre n'ont pas été ajoutées : corrigez les "
                              "erreurs signalées."))
    return _render(request, access, forms)


@project_view(EDIT_SERVICES)
@require_POST
def migration_item_delete(request: HttpRequest, access: ProjectAccess,
                          item_pk: int) -> HttpResponse:
    """Remove a set of data to migrate; another project's item is not found."""
    item = get_object_or_404(MigrationItem, pk=item_pk, project=access.project)
    services.migration_item_delete(item=item)
    messages.success(request, _("« %s » ne fait plus partie de la reprise.") % item.data)
    return redirect(_page_url(access, "migration"))


BASE = "projets/<int:project_pk>/etapes/7/prestations/"
urlpatterns = [
    path(BASE, expected_services, name="services"),
    path(f"{BASE}reprise/", migration_item_create, name="migration-item-create"),
    path(f"{BASE}reprise/<int:item_pk>/supprimer/", migration_item_delete,
         name="migration-item-delete"),
    path(f"{BASE}<slug:section>/", expected_services_save, name="services-save"),
]
