"""The one-year bilan (step 17): pure rules, no ORM.

Seed 001, step 17: an economic review (the real total cost against the estimate) and an
overall evaluation (satisfaction, ease of use, quality of operation, functional quality,
impact, relationship with the vendor). Results per profession are shown only when enough
people answered that nobody can be recognised.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

# Phase4.md §6: below three answers a profession's results are not shown.
MIN_GROUP_SIZE = 3
SCALE = (1, 2, 3, 4, 5)
# A personal link (someone without an account) is valid four weeks: the survey's usual
# campaign, with a reminder in between; a new link can be issued after that.
LINK_VALID_DAYS = 28

# The six dimensions of the method's overall evaluation: (field, label).
DIMENSIONS: tuple[tuple[str, StrOrPromise], ...] = (
    ("overall", _("Satisfaction globale")),
    ("ease_of_use", _("Facilité d'utilisation et ergonomie")),
    ("operation", _("Qualité de fonctionnement (anomalies, temps de réponse, disponibilité)")),
    ("functional", _("Qualité fonctionnelle")),
    ("impact", _("Impact sur la coordination, le pilotage et la prise en charge")),
    ("vendor", _("Relation avec le prestataire")),
)
DIMENSION_KEYS = tuple(key for key, _label in DIMENSIONS)

# Step 11 cost line keys (vendors.evaluation.cost, requirements.rfp.cadre) → CostNature.
NATURE_OF_LINE: Mapping[str, str] = {
    "licence": "licences", "subscription_prescriber": "licences",
    "subscription_other": "licences", "installation": "implementation",
    "configuration": "implementation", "data_migration": "implementation",
    "start_up_support": "implementation", "training_day": "training",
    "extra_training_day": "training", "maintenance_year": "maintenance",
    "hosting_year": "hosting", "hardware": "hardware", "new_professional": "complementary",
    "new_configuration_day": "complementary", "partial_reversibility": "complementary",
    "full_reversibility": "complementary",
}
# A line the sheet does not name (hidden costs) counts as implementation.
DEFAULT_NATURE = "implementation"
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class CostRow:
    """One nature: estimated at step 11, actually spent, and the gap."""

    nature: str
    estimated: Decimal
    actual: Decimal

    @property
    def gap(self) -> Decimal:
        return self.actual - self.estimated


def cost_rows(*, estimates: Iterable[tuple[str, Decimal]], actuals: Iterable[tuple[str, Decimal]],
              natures: Sequence[str]) -> list[CostRow]:
    """Estimate (step 11 line key, amount) and actual (nature, amount) summed per nature,
    in the given order; natures with neither are left out."""
    estimated = dict.fromkeys(natures, Decimal("0.00"))
    actual = dict.fromkeys(natures, Decimal("0.00"))
    for key, amount in estimates:
        estimated[NATURE_OF_LINE.get(key, DEFAULT_NATURE)] += amount
    for nature, amount in actuals:
        actual[nature] += amount
    return [CostRow(n, estimated[n].quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                    actual[n]) for n in natures if estimated[n] or actual[n]]


@dataclass(frozen=True)
class Answer:
    """One survey answer as the results see it: profession and the six marks (or None)."""

    profession: str
    marks: Mapping[str, int | None]


@dataclass(frozen=True)
class DimensionResult:
    """Average and distribution of one dimension over a set of answers."""

    key: str
    average: Decimal | None
    counts: tuple[int, ...]  # how many gave 1, 2, 3, 4, 5
    answered: int


@dataclass(frozen=True)
class GroupResult:
    """A profession's results, or why they are hidden."""

    profession: str
    size: int
    dimensions: tuple[DimensionResult, ...] | None  # None: fewer than MIN_GROUP_SIZE


def _dimensions(answers: Sequence[Answer]) -> tuple[DimensionResult, ...]:
    results = []
    for key in DIMENSION_KEYS:
        marks = [a.marks[key] for a in answers if a.marks.get(key) in SCALE]
        counts = tuple(sum(1 for m in marks if m == value) for value in SCALE)
        average = ((Decimal(sum(m for m in marks if m is not None)) / len(marks)).quantize(
            TENTH, rounding=ROUND_HALF_UP) if marks else None)
        results.append(DimensionResult(key, average, counts, len(marks)))
    return tuple(results)


@dataclass(frozen=True)
class SurveyResults:
    """All answers together, then per profession above the minimum group size."""

    respondents: int
    overall: tuple[DimensionResult, ...]
    groups: tuple[GroupResult, ...]

    @property
    def hidden_groups(self) -> int:
        return sum(1 for g in self.groups if g.dimensions is None)


def survey_results(answers: Sequence[Answer], *,
                   min_group_size: int = MIN_GROUP_SIZE) -> SurveyResults:
    """Averages and distributions; a profession with too few answers is hidden."""
    by_profession: dict[str, list[Answer]] = {}
    for answer in answers:
        by_profession.setdefault(answer.profession, []).append(answer)
    groups = tuple(
        GroupResult(profession, len(group),
                    _dimensions(group) if len(group) >= min_group_size else None)
        for profession, group in sorted(by_profession.items()))
    return SurveyResults(len(answers), _dimensions(answers), groups)


def mark_error(marks: Mapping[str, object]) -> str | None:
    """Refuse a mark outside 1–5 and an answer with no mark at all."""
    values = [marks.get(key) for key in DIMENSION_KEYS]
    if any(v is not None and v not in SCALE for v in values):
        return str(_("Chaque note va de 1 à 5."))
    if all(v is None for v in values):
        return str(_("Donnez au moins une note."))
    return None


# States of a personal link, as the bilan page lists them.
LINK_ACTIVE, LINK_EXPIRED, LINK_REVOKED, LINK_ANSWERED = "active", "expired", "revoked", "answered"


def link_state(*, is_answered: bool, revoked_at: datetime | None, expires_at: datetime,
               now: datetime) -> str:
    """Answered first (whatever became of the link), then revoked, expired, active."""
    if is_answered:
        return LINK_ANSWERED
    if revoked_at is not None:
        return LINK_REVOKED
    return LINK_EXPIRED if expires_at <= now else LINK_ACTIVE
