"""What the analysis of step 11 needs from each offer's imported answers (step 9).

The consultation imports, per consulted vendor, the cadre de réponse: an answer per
requirement code (``requirements.cadre.ANSWERS``) with the cost of a specific development,
and the price sheet (``requirements.cadre.PRICE_LINES`` keys). That import is built in its
own branch; this module is the single seam through which the analysis reads it, so that
connecting it changes one function. Until an offer's answers are imported the analysis
shows « réponse non reçue », never a figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from projects.models import Project

    from .cost import Prices
    from .models import VendorAssessment


@dataclass(frozen=True)
class OfferInputs:
    """One offer's answers as plain data, ready for ``vendors.scoring`` and ``vendors.cost``."""

    answers: Mapping[str, str]
    prices: Prices | None
    warranty_months: int | None = None
    specific_developments: Mapping[str, Decimal] = field(default_factory=dict)


def offer_inputs(*, project: Project,
                 assessments: Sequence[VendorAssessment]) -> dict[int, OfferInputs]:
    """Imported answers by assessment id; an offer without imported answers is absent.

    This branch has no imported answers yet (the import models arrive with the
    consultation): every offer is « réponse non reçue ».
    """
    return {}
