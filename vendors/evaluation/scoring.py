"""Rules of step 11 « analyse et classement », as plain data: no ORM, no request.

Functional coverage from the vendor's answers, evaluators' marks and their divergences,
the weighted score explained line by line, the ranking with its
tie-break, and the sensitivity of the first place to the weights. Every figure is a
``Decimal``; scores are out of 100 and shown rounded to 0.01 (half up), but rankings
compare the unrounded values so the display never decides a tie.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum
from itertools import pairwise

from django.utils.translation import gettext as _

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# Scale of the cadre de réponse (requirements.rfp.cadre.ANSWERS): how much of the need an answer
# covers. A specific development or a third-party product covers the need, but later, at a
# cost and with an integration risk; a later version is a promise.
ANSWER_VALUES: dict[str, Decimal] = {
    "Standard": Decimal("1"),
    "Paramétrage": Decimal("0.9"),
    "Développement spécifique": Decimal("0.5"),
    "Version ultérieure": Decimal("0.4"),
    "Solution tierce": Decimal("0.6"),
    "Non couvert": Decimal("0"),
}
# Priorities of the needs grid (requirements.models.Priority values).
PRIORITY_WEIGHTS: dict[str, Decimal] = {
    "essential": Decimal(3), "important": Decimal(2), "desirable": Decimal(1),
}
ESSENTIAL = "essential"
# Step 11 example of an eliminatory criterion: every essential need covered « en standard »
# or by configuration, not by a promise.
ESSENTIAL_OK_ANSWERS = frozenset({"Standard", "Paramétrage"})

MARK_MIN = 0
MARK_MAX = 5
DIVERGENCE_SPREAD = 2  # marks of one criterion this far apart are discussed in meeting
SENSITIVITY_DELTA = Decimal("0.10")


def q2(value: Decimal) -> Decimal:
    """Round to 0.01, half up: the rounding of every score and amount shown."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# --- Functional coverage ------------------------------------------------------------------

@dataclass(frozen=True)
class CoverageResult:
    """Weighted coverage (out of 100) and the essential needs the offer leaves uncovered."""

    percent: Decimal
    answered: int
    total: int
    essential_not_covered: tuple[str, ...]
    unanswered: tuple[str, ...]


def functional_coverage(answers: Mapping[str, str],
                        priorities: Mapping[str, str]) -> CoverageResult | None:
    """Coverage = Σ weight(priority) × value(answer) / Σ weight(priority) × 100.

    ``priorities`` is the needs grid ``{code: priority}``; ``answers`` the vendor's
    ``{code: answer}``. A requirement left unanswered counts as « Non couvert ». Without any
    answer (none received yet), or without any requirement to cover, there is no figure:
    ``None``.
    """
    if not answers or not priorities:
        return None
    weighted = total_weight = Decimal(0)
    essential_missing: list[str] = []
    unanswered: list[str] = []
    for code in sorted(priorities):
        weight = PRIORITY_WEIGHTS.get(priorities[code], Decimal(0))
        answer = answers.get(code)
        if answer is None:
            unanswered.append(code)
        total_weight += weight
        weighted += weight * ANSWER_VALUES.get(answer or "", Decimal(0))
        if priorities[code] == ESSENTIAL and answer not in ESSENTIAL_OK_ANSWERS:
            essential_missing.append(code)
    percent = weighted / total_weight * HUNDRED
    return CoverageResult(percent=percent, answered=len(priorities) - len(unanswered),
                          total=len(priorities), essential_not_covered=tuple(essential_missing),
                          unanswered=tuple(unanswered))


# --- Secondary criteria and their weights ------------------------------------------------

class Secondary(StrEnum):
    """The secondary criteria of step 11 (seed 001); coverage is computed, others marked."""

    COVERAGE = "coverage"
    SERVICES = "services"
    IMPLEMENTATION = "implementation"
    ARCHITECTURE = "architecture"
    FINANCIAL_HEALTH = "financial_health"


SECONDARY_LABELS: dict[str, str] = {
    Secondary.COVERAGE: "Couverture fonctionnelle",
    Secondary.SERVICES: "Prestations et leur qualité",
    Secondary.IMPLEMENTATION: "Plan de mise en œuvre",
    Secondary.ARCHITECTURE: "Architecture technique",
    Secondary.FINANCIAL_HEALTH: "Santé financière de l'éditeur",
}
MARKED: tuple[str, ...] = (Secondary.SERVICES, Secondary.IMPLEMENTATION,
                           Secondary.ARCHITECTURE, Secondary.FINANCIAL_HEALTH)
# Defaults, in rank order: coverage first, as the method advises.
DEFAULT_WEIGHTS: dict[str, Decimal] = {
    Secondary.COVERAGE: Decimal(40), Secondary.SERVICES: Decimal(20),
    Secondary.IMPLEMENTATION: Decimal(15), Secondary.ARCHITECTURE: Decimal(15),
    Secondary.FINANCIAL_HEALTH: Decimal(10),
}


@dataclass(frozen=True)
class Criterion:
    """A secondary criterion as configured: its rank (1 = most important) and weight in %."""

    code: str
    label: str
    rank: int
    weight: Decimal


def weights_errors(criteria: Sequence[Criterion]) -> list[str]:
    """French messages for a configuration that breaks a rule; empty when it is valid."""
    errors: list[str] = []
    weights = {c.code: c.weight for c in criteria}
    if any(w < 0 or w > HUNDRED for w in weights.values()):
        errors.append(_("Chaque poids est compris entre 0 et 100 %."))
    total = sum(weights.values(), Decimal(0))
    if total != HUNDRED:
        errors.append(_("Les poids des critères secondaires totalisent %(total)s %% : "
                        "leur somme doit faire exactement 100 %%.") % {"total": total})
    ranks = sorted(c.rank for c in criteria)
    if ranks != list(range(1, len(criteria) + 1)):
        errors.append(_("Les rangs vont de 1 à %(n)d, chacun une seule fois.")
                      % {"n": len(criteria)})
    else:
        ordered = sorted(criteria, key=lambda c: c.rank)
        if any(a.weight < b.weight for a, b in pairwise(ordered)):
            errors.append(_("Un critère mieux classé ne peut pas peser moins qu'un critère "
                            "classé après lui."))
    # Step 11: « privilégier la couverture fonctionnelle par rapport aux préférences
    # techniques ».
    coverage = weights.get(Secondary.COVERAGE, Decimal(0))
    if coverage <= weights.get(Secondary.ARCHITECTURE, Decimal(0)):
        errors.append(_("La couverture fonctionnelle doit peser plus que l'architecture "
                        "technique : la méthode privilégie la couverture des besoins sur "
                        "les préférences techniques."))
    return errors


def weights_normalise(raw: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Scale weights to sum to 100 exactly, in hundredths (largest remainder method)."""
    total = sum(raw.values(), Decimal(0))
    if total <= 0:
        raise ValueError("weights must have a positive sum")
    exact = {code: w * HUNDRED / total for code, w in raw.items()}
    floors = {code: (v / CENT).to_integral_value(rounding=ROUND_FLOOR) for code, v
              in exact.items()}
    missing = int(HUNDRED / CENT - sum(floors.values()))
    # Hundredths left over go to the largest remainders, ties by code for determinism.
    by_remainder = sorted(exact, key=lambda c: (-(exact[c] / CENT - floors[c]), c))
    for code in by_remainder[:missing]:
        floors[code] += 1
    return {code: floors[code] * CENT for code in raw}


# --- Evaluators' marks ------------------------------------------------------------------

@dataclass(frozen=True)
class MarkSummary:
    """The marks several evaluators gave one offer on one criterion."""

    marks: tuple[int, ...]
    mean: Decimal
    spread: int

    @property
    def is_divergent(self) -> bool:
        return self.spread >= DIVERGENCE_SPREAD

    @property
    def score(self) -> Decimal:
        """The mean mark out of 100 (5 → 100)."""
        return self.mean * HUNDRED / MARK_MAX


def marks_summary(marks: Sequence[int]) -> MarkSummary | None:
    """Mean and spread of the submitted marks; ``None`` when nobody marked."""
    if not marks:
        return None
    if any(not MARK_MIN <= m <= MARK_MAX for m in marks):
        raise ValueError("mark out of range")
    mean = Decimal(sum(marks)) / Decimal(len(marks))
    return MarkSummary(marks=tuple(sorted(marks)), mean=mean, spread=max(marks) - min(marks))


# --- Weighted score, explained ----------------------------------------------------------

@dataclass(frozen=True)
class ScoreLine:
    """One criterion's part of an offer's score: value out of 100 × weight = contribution."""

    code: str
    label: str
    weight: Decimal
    value: Decimal | None
    explanation: str

    @property
    def contribution(self) -> Decimal | None:
        return None if self.value is None else self.value * self.weight / HUNDRED


@dataclass(frozen=True)
class OfferScore:
    """The weighted total out of 100, or ``None`` while a weighted criterion lacks data."""

    lines: tuple[ScoreLine, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(line.code for line in self.lines if line.value is None and line.weight)

    @property
    def total(self) -> Decimal | None:
        if self.missing:
            return None
        return sum((line.contribution or Decimal(0) for line in self.lines), Decimal(0))


def offer_score(criteria: Sequence[Criterion], values: Mapping[str, Decimal | None],
                explanations: Mapping[str, str] | None = None) -> OfferScore:
    """Σ value × weight / 100 over the criteria, in rank order, one line per criterion."""
    explanations = explanations or {}
    lines = tuple(ScoreLine(code=c.code, label=c.label, weight=c.weight,
                            value=values.get(c.code), explanation=explanations.get(c.code, ""))
                  for c in sorted(criteria, key=lambda c: c.rank))
    return OfferScore(lines=lines)


def total_with(weights: Mapping[str, Decimal], values: Mapping[str, Decimal]) -> Decimal:
    """Weighted total for given weights (summing to 100) and complete criterion values."""
    return sum((values[code] * w / HUNDRED for code, w in weights.items()), Decimal(0))


# --- Ranking and sensitivity -------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    """An offer that passed the eliminatory criteria, with a complete score."""

    key: int
    name: str
    score: Decimal
    cost: Decimal | None


@dataclass(frozen=True)
class Ranked:
    """A candidate's place, and what broke its tie with the one above, if anything."""

    position: int
    candidate: Candidate
    tie_break: str


def ranking(candidates: Sequence[Candidate]) -> list[Ranked]:
    """Order by score, then lower total cost, then vendor name: never two at one place."""
    ordered = sorted(candidates, key=_sort_key)
    ranked: list[Ranked] = []
    for position, c in enumerate(ordered, start=1):
        reason = ""
        if ranked and ranked[-1].candidate.score == c.score:
            above = ranked[-1].candidate
            if above.cost is not None and c.cost is not None and above.cost != c.cost:
                reason = _("Ex æquo au score, départagé par le coût total plus bas de "
                           "l'offre précédente.")
            elif (above.cost is None) != (c.cost is None):
                reason = _("Ex æquo au score, départagé par le coût connu de l'offre "
                           "précédente.")
            else:
                reason = _("Ex æquo au score et au coût, départagé par l'ordre "
                           "alphabétique.")
        ranked.append(Ranked(position=position, candidate=c, tie_break=reason))
    return ranked


def _alphabetical(name: str) -> str:
    """« Éditions » sorts with the E's, as a French reader expects, not after « Z »."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def _sort_key(c: Candidate) -> tuple[Decimal, int, Decimal, str, str, int]:
    return (-c.score, 1 if c.cost is None else 0, c.cost or Decimal(0), _alphabetical(c.name),
            c.name, c.key)


@dataclass(frozen=True)
class Variation:
    """One weight moved by ±delta, the others rescaled, and who comes first then."""

    code: str
    direction: int
    weights: dict[str, Decimal]
    winner: int
    changes_winner: bool


@dataclass(frozen=True)
class Sensitivity:
    """The winner with the configured weights and under each variation."""

    winner: int
    variations: tuple[Variation, ...]

    @property
    def is_stable(self) -> bool:
        return not any(v.changes_winner for v in self.variations)


def _moved(weights: Mapping[str, Decimal], code: str, factor: Decimal) -> dict[str, Decimal]:
    """``code``'s weight × factor, every weight rescaled so the sum stays 100 (unrounded)."""
    moved = {c: (w * factor if c == code else w) for c, w in weights.items()}
    total = sum(moved.values(), Decimal(0))
    return {c: w * HUNDRED / total for c, w in moved.items()}


def sensitivity(weights: Mapping[str, Decimal], offers: Sequence[tuple[Candidate, Mapping[
        str, Decimal]]], delta: Decimal = SENSITIVITY_DELTA) -> Sensitivity | None:
    """Does the first place change if any one weight moves by ±delta (relative)?

    ``offers`` pairs each candidate with its criterion values (out of 100). A weight of 0
    stays 0 (10 % of nothing); the others are rescaled to keep a sum of 100.
    """
    if not offers:
        return None

    def winner_with(w: Mapping[str, Decimal]) -> int:
        rescored = [Candidate(c.key, c.name, total_with(w, values), c.cost)
                    for c, values in offers]
        return ranking(rescored)[0].candidate.key

    base = winner_with(weights)
    variations = []
    for code in weights:
        for direction in (1, -1):
            moved = _moved(weights, code, Decimal(1) + direction * delta)
            winner = winner_with(moved)
            variations.append(Variation(code, direction, moved, winner, winner != base))
    return Sensitivity(winner=base, variations=tuple(variations))
