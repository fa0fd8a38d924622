"""Reads of step 12, always scoped by project."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from projects.choices import Role
from requirements.models import Requirement
from requirements.technical.models import Hosting, TechnicalPreference

from . import rules
from .choices import DataCategory, SettingArea, SettingState
from .models import (
    HabilitationMatrix,
    HabilitationProfile,
    HabilitationValidation,
    PatientInformation,
    SettingItem,
)

if TYPE_CHECKING:
    from projects.models import Membership, Project


def profile_rights(profile: HabilitationProfile) -> dict[str, str]:
    """``{category: right}`` of one row of the matrix (blank: not decided)."""
    return {c: getattr(profile, c) for c in DataCategory.values}


@dataclass(frozen=True)
class ProfileRow:
    """A row of the matrix as the page shows it."""

    profile: HabilitationProfile
    cells: list[tuple[str, str, str]]  # (category, category label, right)
    missing: list[str]


@dataclass
class MatrixState:
    """The matrix of a project: rows, whether it is frozen, its validated versions."""

    rows: list[ProfileRow]
    is_validated: bool
    validations: list[HabilitationValidation]
    refusal: str | None
    categories: list[tuple[str, str]] = field(
        default_factory=lambda: [(str(v), str(lbl)) for v, lbl in DataCategory.choices])


def matrix_state(*, project: Project) -> MatrixState:
    """The habilitation matrix and why it cannot be validated yet (three queries)."""
    matrix = HabilitationMatrix.objects.filter(project=project).first()
    is_validated = bool(matrix and matrix.is_validated)
    rows = []
    for profile in HabilitationProfile.objects.filter(project=project).select_related("case"):
        rights = profile_rights(profile)
        rows.append(ProfileRow(
            profile=profile, missing=rules.missing_rights(rights),
            cells=[(c, str(DataCategory(c).label), rights[c]) for c in DataCategory.values]))
    refusal = rules.validation_refusal(
        profiles={str(r.profile): profile_rights(r.profile) for r in rows},
        is_validated=is_validated)
    return MatrixState(rows=rows, is_validated=is_validated, refusal=refusal,
                       validations=list(HabilitationValidation.objects.filter(project=project)))


@dataclass(frozen=True)
class ItemLine:
    """A setting item, the codes of its needs, whether this member may edit it."""

    item: SettingItem
    codes: list[str]
    can_edit: bool
    moves: list[tuple[str, str]]


@dataclass
class SettingsOverview:
    """The items by area and the count of items per state."""

    areas: list[tuple[str, str, list[ItemLine]]]
    state_counts: list[tuple[str, int]]


def settings_overview(*, project: Project, member: Membership | None,
                      manages_all: bool) -> SettingsOverview:
    """Setting items grouped by area, with their codes and owner (two queries)."""
    items = (SettingItem.objects.filter(project=project)
             .select_related("owner__user", "domain")
             .prefetch_related(Prefetch("requirements",
                                        queryset=Requirement.objects.order_by("code"))))
    lines: dict[str, list[ItemLine]] = {a: [] for a in SettingArea.values}
    counts = dict.fromkeys(SettingState.values, 0)
    for item in items:
        counts[item.state] += 1
        editable = member is not None and item_editable(
            item=item, member=member, manages_all=manages_all)
        lines[item.area].append(ItemLine(
            item=item, codes=[r.code for r in item.requirements.all()], can_edit=editable,
            moves=[(s, str(SettingState(s).label)) for s in rules.setting_moves(item.state)]
            if editable else []))
    return SettingsOverview(
        areas=[(a, str(label), lines[a]) for a, label in SettingArea.choices],
        state_counts=[(str(SettingState(s).label), n) for s, n in counts.items()])


def item_editable(*, item: SettingItem, member: Membership, manages_all: bool) -> bool:
    """Whether this member may edit this item (référents: their domain or profession)."""
    return rules.can_edit_item(
        manages_all=manages_all, member_id=member.pk,
        profession=member.profession if member.role == Role.PROFESSION_REFERENT else "",
        owner_id=item.owner_id,
        domain_referent_id=item.domain.referent_id if item.domain else None,
        item_profession=item.profession)


@dataclass(frozen=True)
class ConsentChecklist:
    """The patient information checklist with what is still to do."""

    info: PatientInformation
    is_hosting_external: bool
    hosting_label: str
    items: list[tuple[str, bool]]  # (what, done)

    @property
    def done_count(self) -> int:
        return sum(1 for _label, done in self.items if done)


def consent_checklist(*, project: Project) -> ConsentChecklist:
    """Poster, leaflet, consent collection, RGPD register and, when the hosting is
    external (step 6 technical preferences), the mention of the HDS host."""
    info = (PatientInformation.objects.filter(project=project).first()
            or PatientInformation(project=project))
    preference = TechnicalPreference.objects.filter(project=project).first()
    hosting = preference.hosting if preference else Hosting.UNDECIDED
    external = hosting == Hosting.CERTIFIED_HOST
    items = [
        (_("Affiche d'information en salle d'attente"), info.poster_displayed_on is not None),
        (_("Dépliant d'information remis aux patients"), bool(info.leaflet_version)),
        (_("Mode de recueil du consentement décidé"), bool(info.consent_method)),
        (_("Registre des traitements tenu à jour"), info.is_register_updated),
    ]
    if external:
        items.append((_("Hébergeur de données de santé (HDS) mentionné dans l'information "
                        "et couvert par le consentement"), info.mentions_host))
    return ConsentChecklist(info=info, is_hosting_external=external,
                            hosting_label=str(Hosting(hosting).label), items=items)
