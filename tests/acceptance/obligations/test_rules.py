"""The state of a contract obligation from the recette: pure rule, hand-made facts."""

from __future__ import annotations

from datetime import date

import pytest

from acceptance.obligations.rules import STATES, ObligationFacts, obligation_state

TODAY = date(2026, 11, 23)


def state(*results: str, promised_on: date | None = None, anomalies: int = 0,
          pronounced: bool = False) -> str:
    facts = ObligationFacts(promised_on=promised_on, results=results, open_anomalies=anomalies)
    return obligation_state(facts, today=TODAY, is_recette_pronounced=pronounced)


@pytest.mark.parametrize(("promised_on", "expected"), [
    (None, "no_case"), (date(2026, 11, 23), "no_case"), (date(2026, 11, 22), "overdue")])
def test_without_a_case_only_the_promised_date_speaks(promised_on, expected) -> None:
    assert state(promised_on=promised_on) == expected


def test_cases_never_run_or_not_tested_are_not_executed() -> None:
    assert state("") == "not_executed"
    assert state("", "not_tested") == "not_executed"
    # A case exists: a passed promised date no longer makes it « dépassée ».
    assert state("", promised_on=date(2026, 1, 1)) == "not_executed"


def test_one_ko_case_is_enough_and_outweighs_blocked_and_ok() -> None:
    assert state("ok", "ko") == "ko"
    assert state("blocked", "ko", "") == "ko"
    assert state("ok", "blocked") == "blocked"


def test_some_ok_and_the_rest_to_run_is_in_recette() -> None:
    assert state("ok", "") == "in_recette"
    assert state("not_tested", "ok") == "in_recette"


def test_every_case_ok_is_verified_then_accepted_with_the_pv() -> None:
    assert state("ok", "ok") == "ok"
    assert state("ok", "ok", pronounced=True) == "accepted"
    # The PV does not turn a KO or an untested case into « recetté ».
    assert state("ok", "ko", pronounced=True) == "ko"
    assert state("ok", "", pronounced=True) == "in_recette"


def test_an_open_anomaly_outweighs_everything() -> None:
    assert state(anomalies=1) == "open_anomaly"
    assert state("ok", anomalies=2, pronounced=True) == "open_anomaly"
    assert state(promised_on=date(2026, 1, 1), anomalies=1) == "open_anomaly"


def test_every_state_has_a_french_label() -> None:
    assert {str(label) for label in STATES.values()} >= {
        "anomalie ouverte", "aucun cas de test", "cas non exécuté", "KO en recette",
        "vérifié OK", "recetté"}
