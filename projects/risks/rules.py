"""The risk register's rules: rating scale, criticality levels, the 4 × 4 matrix, the
method's known risks of an MSP project and when a risk is overdue for review.
Pure: no ORM.

Seed 004: risks are identified, rated by impact and probability, given preventive actions
with owners and due dates, and re-evaluated regularly (at each COPIL).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from ..choices import RiskNature, RiskStatus

SCALE = (1, 2, 3, 4)
PROBABILITY_LABELS: dict[int, StrOrPromise] = {
    1: _("Peu probable"), 2: _("Possible"), 3: _("Probable"), 4: _("Quasi certain")}
IMPACT_LABELS: dict[int, StrOrPromise] = {
    1: _("Faible"), 2: _("Modéré"), 3: _("Important"), 4: _("Majeur")}
# A risk not re-evaluated for this many weeks is flagged (a COPIL every month or so).
REVIEW_WEEKS = 6
# Statuses of the risks the register follows (the matrix, the reviews, the top risks).
FOLLOWED: frozenset[str] = frozenset({RiskStatus.OPEN, RiskStatus.OCCURRED})
# Moves the chef de projet may make by hand; a proposal is accepted or refused.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    RiskStatus.PROPOSED: frozenset({RiskStatus.OPEN, RiskStatus.REFUSED}),
    RiskStatus.OPEN: frozenset({RiskStatus.MITIGATED, RiskStatus.OCCURRED, RiskStatus.CLOSED}),
    RiskStatus.MITIGATED: frozenset({RiskStatus.OPEN, RiskStatus.CLOSED}),
    RiskStatus.OCCURRED: frozenset({RiskStatus.OPEN, RiskStatus.CLOSED}),
    RiskStatus.CLOSED: frozenset({RiskStatus.OPEN}),
    RiskStatus.REFUSED: frozenset({RiskStatus.OPEN}),
}


def is_valid_rating(value: int) -> bool:
    """A probability or an impact is an integer from 1 to 4."""
    return value in SCALE


def criticality(probability: int, impact: int) -> int:
    """Probability × impact, from 1 to 16."""
    return probability * impact


LOW, MEDIUM, HIGH, CRITICAL = "low", "medium", "high", "critical"
LEVEL_LABELS: dict[str, StrOrPromise] = {
    LOW: _("faible"), MEDIUM: _("moyenne"), HIGH: _("élevée"), CRITICAL: _("critique")}


def level(value: int) -> str:
    """Criticality level: 1–3 low, 4–6 medium, 8–9 high, 12–16 critical."""
    if value >= 12:
        return CRITICAL
    if value >= 8:
        return HIGH
    if value >= 4:
        return MEDIUM
    return LOW


def can_move(from_status: str, to_status: str) -> bool:
    """Whether the register allows this status change."""
    return to_status in ALLOWED_MOVES.get(from_status, frozenset())


def is_review_overdue(*, status: str, assessed_on: date, today: date,
                      weeks: int = REVIEW_WEEKS) -> bool:
    """A followed risk whose last rating is older than ``weeks`` weeks."""
    return status in FOLLOWED and assessed_on < today - timedelta(weeks=weeks)


@dataclass(frozen=True)
class Rated:
    """What the matrix needs of a risk."""

    number: int
    probability: int
    impact: int


@dataclass(frozen=True)
class Cell:
    """One cell of the 4 × 4 matrix: its rating and the risks in it."""

    probability: int
    impact: int
    numbers: tuple[int, ...]

    @property
    def criticality(self) -> int:
        return criticality(self.probability, self.impact)

    @property
    def level(self) -> str:
        return level(self.criticality)


def matrix(risks: Iterable[Rated]) -> list[list[Cell]]:
    """Rows from probability 4 down to 1, columns impact 1 to 4 (the usual drawing)."""
    by_cell: dict[tuple[int, int], list[int]] = {}
    for risk in risks:
        by_cell.setdefault((risk.probability, risk.impact), []).append(risk.number)
    return [[Cell(p, i, tuple(sorted(by_cell.get((p, i), [])))) for i in SCALE]
            for p in reversed(SCALE)]


def top(risks: Sequence[Rated], count: int = 5) -> list[Rated]:
    """The most critical risks first; equal ones by number (deterministic)."""
    return sorted(risks, key=lambda r: (-criticality(r.probability, r.impact), r.number))[
        :count]


@dataclass(frozen=True)
class KnownRisk:
    """A risk the method knows MSP projects run into, with a starting rating and action."""

    code: str
    title: StrOrPromise
    nature: str
    description: StrOrPromise
    probability: int
    impact: int
    action: StrOrPromise


N = RiskNature
KNOWN_RISKS: tuple[KnownRisk, ...] = (
    KnownRisk("availability", _("Disponibilité insuffisante des professionnels"), N.HUMAN,
              _("Les référents manquent de temps entre deux consultations : contributions, "
                "grille et recette prennent du retard."), 3, 3,
              _("Bloquer une demi-journée par mois et par référent, indemnisée.")),
    KnownRisk("vendor_failure", _("Défaillance du prestataire"), N.VENDOR,
              _("L'éditeur retenu disparaît, est racheté ou ne tient pas ses engagements."),
              2, 4, _("Vérifier la santé financière et exiger une clause de réversibilité.")),
    KnownRisk("non_hds_hosting", _("Hébergement non certifié HDS"), N.LEGAL,
              _("Les données de santé seraient hébergées hors d'un hébergeur certifié, ce "
                "que la loi interdit."), 2, 4,
              _("Exiger le certificat HDS de l'hébergeur dans le cahier des charges.")),
    KnownRisk("free_text_migration", _("Reprise de dossiers en texte libre"), N.TECHNICAL,
              _("Les anciens dossiers, saisis en texte libre, se reprennent mal ou pas "
                "du tout dans la fiche de synthèse."), 3, 3,
              _("Tester la reprise sur un échantillon de dossiers avant la recette.")),
    KnownRisk("secretaries_training", _("Formation insuffisante des secrétariats"), N.HUMAN,
              _("Les secrétaires, premières utilisatrices de l'agenda, sont formées trop "
                "tôt ou trop peu."), 2, 3,
              _("Former les secrétariats la semaine du démarrage, avec un support sur "
                "place.")),
    KnownRisk("budget_overrun", _("Dépassement du budget"), N.FINANCIAL,
              _("Options, développements spécifiques et jours de formation font dépasser "
                "l'enveloppe votée."), 2, 3,
              _("Suivre le budget engagé à chaque COPIL et plafonner le coût sur trois ans.")),
    KnownRisk("lead_loss", _("Départ du chef de projet"), N.ORGANISATIONAL,
              _("Le chef de projet quitte la structure ou s'épuise : le projet s'arrête."),
              1, 4, _("Nommer un suppléant et tenir la documentation du projet à jour.")),
)
KNOWN_BY_CODE: dict[str, KnownRisk] = {risk.code: risk for risk in KNOWN_RISKS}
