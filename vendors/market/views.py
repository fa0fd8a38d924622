"""Views of step 5 « étude de marché »: summary, assessments and the shared catalogue."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.method import MODULES
from projects.policy import VIEW_PROJECT
from vendors.permissions import EDIT_MARKET_STUDY

from ..choices import AssessmentDecision
from . import selectors, services
from .forms import AssessmentForm, CatalogueChoiceForm, VendorForm
from .models import Vendor, VendorAssessment
from .rules import MAX_KEPT, RECOMMENDED_KEPT, kept_count_warning


def _get_assessment(access: ProjectAccess, assessment_pk: int) -> VendorAssessment:
    """An assessment of the requesting member's project, or 404."""
    return get_object_or_404(VendorAssessment.objects.select_related("vendor"),
                             pk=assessment_pk, project=access.project)


def _study_url(access: ProjectAccess) -> str:
    return reverse("vendors:market-study", kwargs={"project_pk": access.project.pk})


def _assessment_redirect(access: ProjectAccess, assessment: VendorAssessment) -> HttpResponse:
    return redirect("vendors:assessment-detail", project_pk=access.project.pk,
                    assessment_pk=assessment.pk)


def _entry_url(access: ProjectAccess, vendor: Vendor) -> str:
    """Where a catalogue entry is best seen from this project: its assessment, or the entry."""
    assessment = selectors.assessment_for(project=access.project, vendor=vendor)
    if assessment is not None:
        return reverse("vendors:assessment-detail", kwargs={
            "project_pk": access.project.pk, "assessment_pk": assessment.pk})
    return reverse("vendors:vendor-update", kwargs={"project_pk": access.project.pk,
                                                    "vendor_pk": vendor.pk})


def _get_vendor(vendor_pk: int) -> Vendor:
    """A catalogue entry, or 404.

    The catalogue is shared by the instance: every project sees every entry (to assess it
    instead of creating a duplicate), so only an id outside the catalogue is not found.
    Who may *change* an entry is decided by ``selectors.catalogue_entry``.
    """
    return get_object_or_404(Vendor, pk=vendor_pk)


def _entry_page(request: HttpRequest, entry: selectors.CatalogueEntry,
                form: VendorForm | None = None, duplicate_url: str | None = None,
                status: int = 200) -> HttpResponse:
    """The catalogue entry: its form when this project may correct it, else its facts."""
    return render(request, "vendors/vendor_form.html", {
        "form": form if entry.can_edit else None, "vendor": entry.vendor, "entry": entry,
        "assessment": entry.assessment, "assessed_by": entry.assessed_by,
        "duplicate_url": duplicate_url, "refused": status == 403,
    }, status=status)


def _titles(codes: list[str]) -> list[str]:
    """Module titles in the method's order, for the read-only view."""
    wanted = set(codes)
    return [str(m.title) for m in MODULES if m.code in wanted]


@project_view(VIEW_PROJECT)
def market_study(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 5 summary: vendors assessed, coverage table, kept and eliminated, advice."""
    can_edit = access.has(EDIT_MARKET_STUDY)
    return render(request, "vendors/market_study.html", {
        "study": selectors.market_study(project=access.project),
        "catalogue": selectors.catalogue_not_assessed(project=access.project) if can_edit
        else [],
        "can_edit": can_edit, "max_kept": MAX_KEPT, "recommended_kept": RECOMMENDED_KEPT,
    })


@project_view(VIEW_PROJECT, post=EDIT_MARKET_STUDY)
def assessment_detail(request: HttpRequest, access: ProjectAccess,
                      assessment_pk: int) -> HttpResponse:
    """One vendor as this project sees it; the chef de projet and the AMOA edit it."""
    assessment = _get_assessment(access, assessment_pk)
    can_edit = access.has(EDIT_MARKET_STUDY)
    form = AssessmentForm(request.POST or None, assessment=assessment) if can_edit else None
    if request.method == "POST" and form is not None:
        if form.is_valid():
            try:
                services.assessment_update(assessment=assessment, values=form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("L'évaluation de « %s » est enregistrée.")
                                 % assessment.vendor)
                if form.cleaned_data["decision"] == AssessmentDecision.KEPT:
                    warning = kept_count_warning(selectors.kept_count(project=access.project))
                    if warning:
                        messages.warning(request, warning)
                return _assessment_redirect(access, assessment)
        messages.error(request, _("L'évaluation n'a pas été enregistrée : corrigez les "
                                  "erreurs signalées."))
    entry = selectors.catalogue_entry(project=access.project, vendor=assessment.vendor)
    return render(request, "vendors/assessment_detail.html", {
        "assessment": assessment, "vendor": assessment.vendor, "form": form,
        "can_edit": can_edit, "can_edit_entry": can_edit and entry.can_edit,
        "covered_titles": _titles(assessment.covered_modules),
        "missing_titles": _titles(assessment.missing_modules),
    })


@project_view(EDIT_MARKET_STUDY)
@require_POST
def assessment_add(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Put an existing catalogue vendor in this project's market study."""
    form = CatalogueChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Éditeur introuvable dans le catalogue."))
        return redirect(_study_url(access))
    vendor = form.cleaned_data["vendor"]
    assessment = services.assessment_start(project=access.project, vendor=vendor)
    messages.success(request, _("« %s » est ajouté à l'étude de marché.") % vendor)
    return _assessment_redirect(access, assessment)


@project_view(EDIT_MARKET_STUDY)
@require_POST
def assessment_remove(request: HttpRequest, access: ProjectAccess,
                      assessment_pk: int) -> HttpResponse:
    """Take a vendor added by mistake out of the study (only while « à l'étude »)."""
    assessment = _get_assessment(access, assessment_pk)
    try:
        services.assessment_remove(assessment=assessment)
    except DomainError as error:
        messages.error(request, error.message)
        return _assessment_redirect(access, assessment)
    messages.success(request, _("« %s » est retiré de l'étude de marché.") % assessment.vendor)
    return redirect(_study_url(access))


@project_view(EDIT_MARKET_STUDY)
def vendor_create(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Add a vendor to the shared catalogue and to this project's study at once."""
    form = VendorForm(request.POST or None)
    duplicate_url = None
    if request.method == "POST" and form.is_valid():
        try:
            vendor = services.vendor_create(by=request.user, values=form.cleaned_data,
                                            project=access.project)
        except services.DuplicateVendorError as error:
            form.add_error(None, error.message)
            duplicate_url = _entry_url(access, error.existing)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            assessment = services.assessment_start(project=access.project, vendor=vendor)
            messages.success(request, _("« %s » est ajouté au catalogue et à l'étude de "
                                        "marché.") % vendor)
            return _assessment_redirect(access, assessment)
    return render(request, "vendors/vendor_form.html",
                  {"form": form, "vendor": None, "duplicate_url": duplicate_url})


@project_view(EDIT_MARKET_STUDY)
def vendor_update(request: HttpRequest, access: ProjectAccess, vendor_pk: int) -> HttpResponse:
    """A catalogue entry: corrected by the project that created it while it is its alone,
    read (with the reason) by every other project; a refused correction is a 403."""
    entry = selectors.catalogue_entry(project=access.project, vendor=_get_vendor(vendor_pk))
    if not entry.can_edit:
        return _entry_page(request, entry, status=403 if request.method == "POST" else 200)
    # A bound ModelForm writes the posted values on its instance: give it a copy, so the
    # page keeps the saved name in its title when the correction is refused.
    form = VendorForm(request.POST or None, instance=Vendor.objects.get(pk=entry.vendor.pk))
    duplicate_url = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.vendor_update(project=access.project, vendor=entry.vendor,
                                           values=form.cleaned_data)
        except services.CatalogueEntryLocked:
            # Another project started using the entry since the page was read.
            entry = selectors.catalogue_entry(project=access.project, vendor=entry.vendor)
            return _entry_page(request, entry, status=403)
        except services.DuplicateVendorError as error:
            form.add_error(None, error.message)
            duplicate_url = _entry_url(access, error.existing)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("La fiche de « %s » est corrigée.") % saved)
            return redirect(_entry_url(access, saved))
    return _entry_page(request, entry, form, duplicate_url)


@project_view(EDIT_MARKET_STUDY)
@require_POST
def vendor_delete(request: HttpRequest, access: ProjectAccess, vendor_pk: int) -> HttpResponse:
    """Delete an entry this project created, refused once a project assessed it."""
    vendor = _get_vendor(vendor_pk)
    try:
        services.vendor_delete(project=access.project, vendor=vendor)
    except services.CatalogueEntryLocked:
        entry = selectors.catalogue_entry(project=access.project, vendor=vendor)
        return _entry_page(request, entry, status=403)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_entry_url(access, vendor))
    messages.success(request, _("« %s » est supprimé du catalogue.") % vendor)
    return redirect(_study_url(access))


_STEP = "projets/<int:project_pk>/etapes/5"
urlpatterns = [
    path(f"{_STEP}/etude-de-marche/", market_study, name="market-study"),
    path(f"{_STEP}/evaluations/ajouter/", assessment_add, name="assessment-add"),
    path(f"{_STEP}/evaluations/<int:assessment_pk>/", assessment_detail,
         name="assessment-detail"),
    path(f"{_STEP}/evaluations/<int:assessment_pk>/retirer/", assessment_remove,
         name="assessment-remove"),
    path(f"{_STEP}/catalogue/ajouter/", vendor_create, name="vendor-create"),
    path(f"{_STEP}/catalogue/<int:vendor_pk>/", vendor_update, name="vendor-update"),
    path(f"{_STEP}/catalogue/<int:vendor_pk>/supprimer/", vendor_delete,
         name="vendor-delete"),
]
