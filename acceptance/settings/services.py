"""Writes of step 12: the matrix built, edited cell by cell and validated; the setting
items proposed, edited and moved; the patient information checklist; the recette cases
of the profiles."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError
from projects.choices import Role
from projects.models import Membership, Project
from requirements.models import GridDomain, Requirement

from ..cases.models import AcceptanceCase
from ..choices import CaseSource
from . import rules
from .choices import AccessRight, DataCategory, SettingArea
from .models import (
    HabilitationMatrix,
    HabilitationProfile,
    HabilitationValidation,
    PatientInformation,
    SettingItem,
)
from .selectors import profile_rights

if TYPE_CHECKING:
    from msp_si.accounts.models import User

HABILITATION_PREFIX = "HAB"
# Grid domains of the paramétrage (requirements catalogue) and the area each one feeds.
SETTINGS_DOMAIN, INDICATORS_DOMAIN = "PAR", "PIL"
# Sub-domains of PAR whose title names an area; the others are users and access rights.
_AREA_WORDS = (("indicateur", SettingArea.INDICATORS), ("édition", SettingArea.FORMS_LETTERS),
               ("courrier", SettingArea.FORMS_LETTERS))


def _matrix(project: Project) -> HabilitationMatrix:
    """The project's matrix state, locked for the transaction (one writer at a time)."""
    HabilitationMatrix.objects.get_or_create(project=project)
    return HabilitationMatrix.objects.select_for_update().get(project=project)


def _editable_matrix(project: Project) -> HabilitationMatrix:
    matrix = _matrix(project)
    if matrix.is_validated:
        raise DomainError(_("La matrice est validée : elle ne se modifie plus. Le chef de "
                            "projet peut la rouvrir pour une nouvelle version."))
    return matrix


@transaction.atomic
def habilitation_matrix_build(*, project: Project) -> list[HabilitationProfile]:
    """Add the profiles the professions of step 4 and the PAR needs call for; existing
    rows and their rights are kept (idempotent)."""
    _editable_matrix(project)
    professions = list(project.professions.filter(is_in_scope=True)
                       .order_by("id").values_list("profession", flat=True))
    needs = Requirement.objects.filter(project=project, subdomain__domain__code=SETTINGS_DOMAIN,
                                       is_removed=False, merged_into__isnull=True)
    keys = rules.profiles_from(professions=professions,
                               need_texts=needs.values_list("text", flat=True))
    existing = {(p.profession, p.status): p
                for p in HabilitationProfile.objects.filter(project=project)}
    start = len(existing)
    for index, key in enumerate(keys):
        if (key.profession, key.status) not in existing:
            existing[key.profession, key.status] = HabilitationProfile.objects.create(
                project=project, profession=key.profession, status=key.status,
                position=start + index)
    return list(HabilitationProfile.objects.filter(project=project))


@transaction.atomic
def habilitation_profile_add(*, project: Project, profession: str, status: str,
                             note: str = "") -> HabilitationProfile:
    """Add one profile by hand (e.g. « Infirmier·ère — vacataire »); never twice."""
    _editable_matrix(project)
    if HabilitationProfile.objects.filter(project=project, profession=profession,
                                          status=status).exists():
        raise DomainError(_("Ce profil existe déjà dans la matrice."))
    last = HabilitationProfile.objects.filter(project=project).aggregate(m=Max("position"))
    return HabilitationProfile.objects.create(
        project=project, profession=profession, status=status, note=note.strip()[:300],
        position=(last["m"] or 0) + 1)


@transaction.atomic
def habilitation_right_set(*, profile: HabilitationProfile, category: str,
                           right: str) -> HabilitationProfile:
    """Set one cell of the matrix while it is not validated."""
    _editable_matrix(profile.project)
    if category not in DataCategory.values or right not in AccessRight.values:
        raise DomainError(_("Droit ou catégorie de données inconnus. Rien n'a été modifié."))
    setattr(profile, category, right)
    profile.save(update_fields=[category, "updated_at"])
    return profile


@transaction.atomic
def habilitation_rights_save(*, project: Project,
                             values: Mapping[tuple[int, str], str]) -> int:
    """Save the whole grid (the form without JavaScript); returns the cells changed."""
    _editable_matrix(project)
    changed = 0
    for profile in HabilitationProfile.objects.filter(project=project):
        fields = []
        for category in DataCategory.values:
            right = values.get((profile.pk, category), getattr(profile, category))
            if right not in (*AccessRight.values, ""):
                raise DomainError(_("Droit inconnu. Rien n'a été modifié."))
            if right != getattr(profile, category):
                setattr(profile, category, right)
                fields.append(category)
        if fields:
            profile.save(update_fields=[*fields, "updated_at"])
            changed += len(fields)
    return changed


@transaction.atomic
def habilitation_matrix_validate(*, project: Project, by: User, held_on: date,
                                 attendees: Sequence[Membership], notes: str = ""
                                 ) -> HabilitationValidation:
    """Freeze a version of the matrix after its collegial validation, refused while a
    profile lacks a right; then give each profile its recette case."""
    matrix = _matrix(project)
    profiles = list(HabilitationProfile.objects.filter(project=project))
    refusal = rules.validation_refusal(
        profiles={str(p): profile_rights(p) for p in profiles}, is_validated=matrix.is_validated)
    if refusal:
        raise DomainError(refusal)
    if not attendees:
        raise DomainError(_("Indiquez les personnes présentes à la réunion de validation."))
    if any(member.project_id != project.pk for member in attendees):
        raise DomainError(_("Une personne présente n'est pas membre du projet."))
    last = HabilitationValidation.objects.filter(project=project).aggregate(m=Max("version"))
    validation = HabilitationValidation.objects.create(
        project=project, version=(last["m"] or 0) + 1, held_on=held_on, recorded_by=by,
        attendee_names=[m.user.display_name for m in attendees], notes=notes.strip(),
        rows=[{"profile": str(p), "profession": p.profession, "status": p.status,
               "rights": profile_rights(p)} for p in profiles])
    matrix.is_validated = True
    matrix.save(update_fields=["is_validated"])
    habilitation_cases_sync(project=project, by=by)
    return validation


@transaction.atomic
def habilitation_matrix_reopen(*, project: Project) -> HabilitationMatrix:
    """Make the matrix editable again; the validated versions stay as they were."""
    matrix = _matrix(project)
    if not matrix.is_validated:
        raise DomainError(_("La matrice n'est pas validée : elle est déjà modifiable."))
    matrix.is_validated = False
    matrix.save(update_fields=["is_validated"])
    return matrix


def case_codes(project: Project, prefix: str) -> Iterator[str]:
    """Fresh case codes « PREFIX-001 »… after the highest one the project used."""
    pattern = re.compile(rf"^{prefix}-(\d+)$")
    used = [int(m.group(1)) for code in AcceptanceCase.objects.filter(
        project=project, code__startswith=f"{prefix}-").values_list("code", flat=True)
        if (m := pattern.match(code))]
    number = max(used, default=0)
    while True:
        number += 1
        yield f"{prefix}-{number:03d}"


def _profile_case_text(profile: HabilitationProfile) -> dict[str, Any]:
    """Title, steps and expected result of the case checking one profile's rights."""
    rights = profile_rights(profile)
    expected = [rules.right_sentence(str(DataCategory(c).label), rights.get(c, ""))
                for c in DataCategory.values]
    extra = rules.day_restriction(profile.status)
    steps = [_("Se connecter avec un compte du profil « %s ».") % profile,
             _("Ouvrir chaque rubrique du dossier d'un patient de la maison de santé, puis "
               "tenter de la modifier.")]
    if extra:
        steps.append(extra)
    return {"title": _("Droits du profil « %s » conformes à la matrice") % profile,
            "steps": "\n".join(steps), "expected_result": "\n".join(expected)}


@transaction.atomic
def habilitation_cases_sync(*, project: Project, by: User | None) -> int:
    """One recette case per profile of the validated matrix (source HABILITATION, codes
    HAB-001…); a profile that already has its case keeps it. Returns the cases created."""
    access_need = (Requirement.objects.filter(
        project=project, subdomain__domain__code=SETTINGS_DOMAIN, is_removed=False,
        merged_into__isnull=True).order_by("subdomain__position", "position", "id").first())
    codes = case_codes(project, HABILITATION_PREFIX)
    created = 0
    for profile in HabilitationProfile.objects.select_for_update().filter(
            project=project, case__isnull=True):
        profile.case = AcceptanceCase.objects.create(
            project=project, code=next(codes), source=CaseSource.HABILITATION,
            profession=profile.profession, requirement=access_need,
            requirement_revision=access_need.revision if access_need else None,
            priority=access_need.priority if access_need else "", updated_by=by,
            position=profile.position, **_profile_case_text(profile))
        profile.save(update_fields=["case", "updated_at"])
        created += 1
    return created


def _requirements_from_codes(project: Project, codes: str) -> list[Requirement]:
    """The active needs named in « PAR-001, PIL-004 »; an unknown code refuses the save."""
    wanted = [c.strip().upper() for c in re.split(r"[,;\s]+", codes) if c.strip()]
    found = {r.code: r for r in Requirement.objects.filter(
        project=project, code__in=wanted, is_removed=False, merged_into__isnull=True)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise DomainError(_("Codes de besoin inconnus dans la grille : %s. Rien n'a été "
                            "enregistré.") % ", ".join(unknown))
    return [found[c] for c in dict.fromkeys(wanted)]


def _area_of(subdomain_title: str, domain_code: str) -> str:
    """The area of the paramétrage a grid sub-domain belongs to."""
    if domain_code == INDICATORS_DOMAIN:
        return SettingArea.INDICATORS
    lowered = subdomain_title.casefold()
    return next((area for word, area in _AREA_WORDS if word in lowered),
                SettingArea.USERS_RIGHTS)


@transaction.atomic
def setting_items_propose(*, project: Project, by: User) -> int:
    """One item per sub-domain of the PAR and PIL domains (with its needs), one « forms
    and letters » item per profession with a référent métier; existing titles are kept."""
    taken = set(SettingItem.objects.filter(project=project).values_list("title", flat=True))
    created = 0
    domains = GridDomain.objects.filter(project=project, code__in=(SETTINGS_DOMAIN,
                                                                   INDICATORS_DOMAIN))
    for domain in domains.prefetch_related("subdomains__requirements").order_by("position"):
        for sub in domain.subdomains.all():
            title = f"{domain.code} — {sub.title}"
            if title in taken:
                continue
            item = SettingItem.objects.create(
                project=project, area=_area_of(sub.title, domain.code), title=title,
                domain=domain, owner=domain.referent, updated_by=by, position=sub.position)
            item.requirements.set([r for r in sub.requirements.all() if r.is_active])
            created += 1
    referents = Membership.objects.filter(project=project, role=Role.PROFESSION_REFERENT)
    for member in referents.exclude(profession=""):
        title = _("Formulaires et courriers — %s") % member.get_profession_display()
        if title not in taken:
            SettingItem.objects.create(project=project, area=SettingArea.FORMS_LETTERS,
                                       title=title, profession=member.profession,
                                       owner=member, updated_by=by)
            taken.add(title)
            created += 1
    return created


def _item_values(item: SettingItem, values: Mapping[str, Any]) -> None:
    for field in ("area", "title", "description", "domain", "profession", "owner"):
        if field in values:
            setattr(item, field, values[field])


@transaction.atomic
def setting_item_save(*, project: Project, by: User, values: Mapping[str, Any],
                      codes: str, item: SettingItem | None = None) -> SettingItem:
    """Create or update a setting item with the needs it implements (by code)."""
    requirements = _requirements_from_codes(project, codes)
    title = str(values.get("title", item.title if item else "")).strip()
    clash = SettingItem.objects.filter(project=project, title=title)
    if item is not None:
        clash = clash.exclude(pk=item.pk)
    if clash.exists():
        raise DomainError(_("Un élément porte déjà ce titre. Rien n'a été enregistré."))
    item = item or SettingItem(project=project)
    _item_values(item, {**values, "title": title})
    item.updated_by = by
    item.save()
    item.requirements.set(requirements)
    return item


@transaction.atomic
def setting_item_move(*, item: SettingItem, to_state: str, by: User) -> SettingItem:
    """Move an item along its states (the table of moves in ``rules``)."""
    item = SettingItem.objects.select_for_update().get(pk=item.pk)
    refusal = rules.setting_move_refusal(from_state=item.state, to_state=to_state)
    if refusal:
        raise DomainError(refusal)
    item.state, item.updated_by = to_state, by
    item.save(update_fields=["state", "updated_by", "updated_at"])
    return item


@transaction.atomic
def patient_information_save(*, project: Project, by: User,
                             values: Mapping[str, Any]) -> PatientInformation:
    """Record where the patient information and the consent collection stand."""
    info, _created = PatientInformation.objects.select_for_update().get_or_create(
        project=project)
    for field in ("poster_displayed_on", "leaflet_version", "consent_method", "consent_note",
                  "mentions_host", "is_register_updated"):
        if field in values:
            setattr(info, field, values[field])
    info.updated_by = by
    info.save()
    return info


