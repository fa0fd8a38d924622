"""Rules of step 4 « étude de l'existant » as plain data. Pure: no ORM, no request.

Who fills which profession's part, what "filled" means for a profession, the consolidated
figures over professions, and the consistency checks on the numbers (French messages).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from projects.choices import Profession, Role
from requirements.permissions import EDIT_EXISTING_STATE


@dataclass(frozen=True)
class Pathology:
    code: str
    label: StrOrPromise


# Chronic pathologies commonly followed under a protocol in an MSP (seed 001, step 4 §1).
PATHOLOGIES: tuple[Pathology, ...] = (
    Pathology("diabetes", gettext_lazy("Diabète")),
    Pathology("hypertension", gettext_lazy("Hypertension artérielle")),
    Pathology("copd", gettext_lazy("BPCO et asthme")),
    Pathology("heart_failure", gettext_lazy("Insuffisance cardiaque")),
    Pathology("cognitive", gettext_lazy("Maladie d'Alzheimer et troubles cognitifs")),
    Pathology("obesity", gettext_lazy("Obésité et surpoids")),
    Pathology("kidney", gettext_lazy("Maladie rénale chronique")),
    Pathology("anticoagulants", gettext_lazy("Suivi des traitements anticoagulants")),
    Pathology("addictions", gettext_lazy("Addictions")),
    Pathology("frailty", gettext_lazy("Fragilité de la personne âgée")),
)
PATHOLOGY_BY_CODE: dict[str, Pathology] = {p.code: p for p in PATHOLOGIES}

# Staff see no patients of their own: no active patient file is asked of them.
STAFF_PROFESSIONS: frozenset[str] = frozenset({Profession.SECRETARY, Profession.COORDINATOR})


def has_patient_file(profession: str) -> bool:
    """Whether the profession follows patients of its own (not secretaries, coordinators)."""
    return profession not in STAFF_PROFESSIONS


# Upper bounds that catch typing slips (an extra zero) rather than real limits.
MAX_PROFESSIONALS = 500
MAX_PATIENTS_PER_PROFESSIONAL = 20_000
MAX_BANDWIDTH_MBPS = Decimal(10_000)


# --- who edits what --------------------------------------------------------------------

def editable_professions(*, role: str, own_profession: str, granted: Collection[str],
                         present: Iterable[str]) -> frozenset[str]:
    """Professions whose part of step 4 this member may fill.

    Seed 001 step 4: each professional is surveyed by the référent of their profession, so
    a référent métier fills their own profession only; the chef de projet and the AMOA fill
    every profession present.
    """
    if EDIT_EXISTING_STATE not in granted:
        return frozenset()
    present = frozenset(present)
    if role == Role.PROFESSION_REFERENT:
        return frozenset({own_profession}) & present
    return present


def may_edit_shared_sections(*, role: str, granted: Collection[str]) -> bool:
    """Whether the member fills the sections of the whole structure (organisation, IT…)."""
    return EDIT_EXISTING_STATE in granted and role != Role.PROFESSION_REFERENT


# --- one profession's figures ----------------------------------------------------------

@dataclass(frozen=True)
class ProfessionFigures:
    """What a profession reported; ``None`` means not filled yet."""

    profession: str
    count_today: int | None = None
    count_in_five_years: int | None = None
    active_patients_per_professional: int | None = None
    computerised_count: int | None = None
    software: str = ""
    site_counts: Mapping[str, int | None] | None = None  # site key → head count


def figures_problems(figures: ProfessionFigures) -> dict[str, str]:
    """Field → French message for every inconsistent number of a profession's part."""
    problems: dict[str, str] = {}
    numbers = {
        "count_today": (figures.count_today, MAX_PROFESSIONALS),
        "count_in_five_years": (figures.count_in_five_years, MAX_PROFESSIONALS),
        "active_patients_per_professional": (figures.active_patients_per_professional,
                                             MAX_PATIENTS_PER_PROFESSIONAL),
        "computerised_count": (figures.computerised_count, MAX_PROFESSIONALS),
    }
    for field, (value, maximum) in numbers.items():
        if value is not None and value < 0:
            problems[field] = _("Un nombre ne peut pas être négatif.")
        elif value is not None and value > maximum:
            problems[field] = _("Valeur trop élevée (maximum %s).") % maximum
    # Comparisons only against a valid head count of today.
    today = figures.count_today if "count_today" not in problems else None
    if ("computerised_count" not in problems and today is not None
            and figures.computerised_count is not None and figures.computerised_count > today):
        problems["computerised_count"] = _(
            "Il ne peut pas y avoir plus de professionnels informatisés que de professionnels "
            "aujourd'hui.")
    counts = figures.site_counts or {}
    for site, count in counts.items():
        if count is None:
            continue
        if count < 0:
            problems[f"site_{site}"] = _("Un nombre ne peut pas être négatif.")
        elif today is not None and count > today:
            problems[f"site_{site}"] = _(
                "L'effectif d'un site ne peut pas dépasser l'effectif de la profession.")
    # Everyone works somewhere; someone working on two sites is counted on both.
    given = [c for c in counts.values() if c is not None]
    if (today is not None and counts and len(given) == len(counts)
            and not any(k.startswith("site_") for k in problems) and sum(given) < today):
        problems["sites"] = _(
            "La répartition par site compte moins de professionnels que l'effectif "
            "d'aujourd'hui : chacun exerce sur au moins un site.")
    return problems


# --- completion, followed by the chef de projet ----------------------------------------

PART_LABELS: dict[str, StrOrPromise] = {
    "headcount": gettext_lazy("Effectifs"),
    "outlook": gettext_lazy("Perspective à cinq ans"),
    "sites": gettext_lazy("Répartition par site"),
    "patients": gettext_lazy("File active"),
    "computerisation": gettext_lazy("Informatisation"),
}


@dataclass(frozen=True)
class Completion:
    """Which parts of a profession's survey are filled."""

    profession: str
    parts: dict[str, bool]

    @property
    def filled(self) -> int:
        return sum(self.parts.values())

    @property
    def total(self) -> int:
        return len(self.parts)

    @property
    def is_complete(self) -> bool:
        return self.filled == self.total

    @property
    def ordered(self) -> list[tuple[str, bool]]:
        """(part label, filled) in the order of ``PART_LABELS``."""
        return [(str(label), self.parts[key]) for key, label in PART_LABELS.items()
                if key in self.parts]


def profession_completion(figures: ProfessionFigures, *, site_keys: Collection[str]) -> Completion:
    """Parts filled by a profession; the site split only counts for a multi-site MSP."""
    counts = figures.site_counts or {}
    parts = {
        "headcount": figures.count_today is not None,
        "outlook": figures.count_in_five_years is not None,
        # Computerised nobody: the software question is answered by that « 0 ».
        "computerisation": figures.computerised_count is not None and (
            figures.computerised_count == 0 or bool(figures.software.strip())),
    }
    if has_patient_file(figures.profession):
        parts["patients"] = figures.active_patients_per_professional is not None
    if len(site_keys) > 1:
        parts["sites"] = all(counts.get(key) is not None for key in site_keys)
    return Completion(profession=figures.profession, parts=parts)


# --- consolidated view -------------------------------------------------------------------

@dataclass(frozen=True)
class Totals:
    """Figures over every profession that answered."""

    count_today: int
    count_in_five_years: int
    estimated_patient_files: int
    computerised: int
    computerised_share: Decimal | None  # percent of professionals counted today


def consolidate(rows: Iterable[ProfessionFigures]) -> Totals:
    """Sum the professions' figures; the patient files are professionals × average file."""
    today = in_five = files = computerised = surveyed = 0
    for row in rows:
        today += row.count_today or 0
        in_five += row.count_in_five_years or 0
        if row.count_today is not None and row.active_patients_per_professional is not None:
            files += row.count_today * row.active_patients_per_professional
        if row.count_today is not None and row.computerised_count is not None:
            computerised += row.computerised_count
            surveyed += row.count_today
    share = None
    if surveyed:
        share = (Decimal(100) * computerised / surveyed).quantize(Decimal("1"), ROUND_HALF_UP)
    return Totals(count_today=today, count_in_five_years=in_five,
                  estimated_patient_files=files, computerised=computerised,
                  computerised_share=share)


# --- checks on the sections of the whole structure -------------------------------------

def organisation_problems(*, secretariat_count: int | None,
                          workstations_to_equip: int | None,
                          total_active_patients: int | None) -> dict[str, str]:
    """Field → message: negative numbers, fewer workstations than secretariats."""
    problems: dict[str, str] = {}
    for field, value in (("secretariat_count", secretariat_count),
                         ("workstations_to_equip", workstations_to_equip),
                         ("total_active_patients", total_active_patients)):
        if value is not None and value < 0:
            problems[field] = _("Un nombre ne peut pas être négatif.")
    if ("workstations_to_equip" not in problems and secretariat_count
            and workstations_to_equip is not None and workstations_to_equip < secretariat_count):
        problems["workstations_to_equip"] = _(
            "Chaque secrétariat compte au moins un poste : il faut au moins autant de postes "
            "à équiper que de secrétariats.")
    return problems


def bandwidth_problems(*, down: Decimal | None, up: Decimal | None,
                       is_guaranteed: bool) -> dict[str, str]:
    """Field → message: a bandwidth is a positive number of Mbit/s; guaranteed needs both."""
    problems: dict[str, str] = {}
    for field, value in (("bandwidth_down_mbps", down), ("bandwidth_up_mbps", up)):
        if value is None:
            if is_guaranteed:
                problems[field] = _("Indiquez le débit garanti par le contrat.")
        elif value <= 0:
            problems[field] = _("Le débit doit être supérieur à 0 Mbit/s.")
        elif value > MAX_BANDWIDTH_MBPS:
            problems[field] = _("Débit trop élevé (maximum %s Mbit/s).") % MAX_BANDWIDTH_MBPS
    return problems
