"""Where an obligation of the contract stands, from the recette: pure rules, no ORM.

An obligation is a binding need the chosen offer did not cover natively (step 11). Phase 4
says whether the vendor kept it: the need's test cases, the latest result of each across
campaigns, the anomalies still open on the need, and the PV de recette once validated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

# Results of the recette (recette.choices.ExecutionResult values), spelled out here so the
# rule stays free of the models' enumerations.
OK, KO, BLOCKED = "ok", "ko", "blocked"

STATES: dict[str, StrOrPromise] = {
    "open_anomaly": _("anomalie ouverte"),
    "overdue": _("date promise dépassée, aucun cas de test"),
    "no_case": _("aucun cas de test"),
    "not_executed": _("cas non exécuté"),
    "ko": _("KO en recette"),
    "blocked": _("test bloqué"),
    "in_recette": _("en recette"),
    "ok": _("vérifié OK"),
    "accepted": _("recetté"),
}
# States the contract page marks as needing attention.
ALERT_STATES = frozenset({"open_anomaly", "overdue", "ko", "blocked"})


@dataclass(frozen=True)
class ObligationFacts:
    """What the recette knows of one obligation's need."""

    promised_on: date | None
    results: Sequence[str]  # latest result of each case on the need, "" if never run
    open_anomalies: int


def obligation_state(facts: ObligationFacts, *, today: date, is_recette_pronounced: bool
                     ) -> str:
    """The obligation's state, the most pressing first.

    An anomaly still open on the need outweighs everything. Without a case, only the
    promised date speaks. Then the cases' latest results: one KO (or blocked) case is
    enough; every case OK makes it verified, and recetté once the PV is validated; some OK
    and the rest still to run is « en recette »; none run yet (« non testé » included) is
    « cas non exécuté ».
    """
    if facts.open_anomalies:
        return "open_anomaly"
    if not facts.results:
        return "overdue" if facts.promised_on is not None and facts.promised_on < today \
            else "no_case"
    if KO in facts.results:
        return "ko"
    if BLOCKED in facts.results:
        return "blocked"
    passed = sum(1 for result in facts.results if result == OK)
    if passed == len(facts.results):
        return "accepted" if is_recette_pronounced else "ok"
    return "in_recette" if passed else "not_executed"
