"""What the analysis of step 11 needs from each offer's imported answers (step 9).

The consultation imports, per consulted vendor, the cadre de réponse: an answer per
requirement code (``requirements.rfp.cadre.ANSWERS``) with the cost of a specific development,
and the price sheet (``requirements.rfp.cadre.PRICE_LINES`` keys). That import is built in its
own branch; this module is the single seam through which the analysis reads it, so that
nothing else in the analysis knows how answers are stored. Until an offer's answers are
imported and confirmed the analysis shows « réponse non reçue », never a figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

# The answer whose cost is a specific development (requirements.rfp.cadre.ANSWERS).
SPECIFIC = "Développement spécifique"

if TYPE_CHECKING:
    from projects.models import Project

    from ..market.models import VendorAssessment
    from .cost import Prices


@dataclass(frozen=True)
class OfferInputs:
    """One offer's answers as plain data, ready for ``vendors.evaluation.scoring`` and
    ``vendors.evaluation.cost``."""

    answers: Mapping[str, str]
    prices: Prices | None
    warranty_months: int | None = None
    specific_developments: Mapping[str, Decimal] = field(default_factory=dict)


def _decimal(value: str | None) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def offer_inputs(*, project: Project,
                 assessments: Sequence[VendorAssessment]) -> dict[int, OfferInputs]:
    """Current confirmed answers by assessment id, in one query; an offer whose answers
    were not imported (or not confirmed) is absent: « réponse non reçue »."""
    from ..consultation.models import AnswerSet

    current = AnswerSet.objects.filter(
        project=project, is_current=True,
        consulted__assessment_id__in=[a.pk for a in assessments],
    ).select_related("consulted")
    inputs: dict[int, OfferInputs] = {}
    for answer_set in current:
        rows = answer_set.answers
        inputs[answer_set.consulted.assessment_id] = OfferInputs(
            answers={row["code"]: row["answer"] for row in rows if row.get("answer")},
            prices={line["key"]: (_decimal(line.get("quantity")),
                                  Decimal(line["unit_price"]))
                    for line in answer_set.prices if line.get("unit_price") not in (None, "")},
            specific_developments={row["code"]: Decimal(row["cost"]) for row in rows
                                   if row.get("answer") == SPECIFIC and row.get("cost")},
        )
    return inputs
