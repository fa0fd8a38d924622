"""When the chosen solution may be recorded: the pure rule, case by case."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from vendors.decision.rules import ChoiceSituation, choice_error

CLOSED = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
READY = ChoiceSituation(already_chosen="", has_closed_vote=True,
                        winner="Solutions Confluence Santé — Confluence MSP",
                        winner_is_offer=True, vote_closed_at=CLOSED,
                        validated_dossier_at=CLOSED + timedelta(hours=2))


def test_a_vote_designating_an_offer_and_a_later_validated_dossier_allow_the_choice() -> None:
    assert choice_error(READY) is None


def test_the_choice_is_made_once() -> None:
    error = choice_error(replace(READY, already_chosen="Confluence MSP"))
    assert error == "La solution retenue est déjà enregistrée : « Confluence MSP »."


def test_no_closed_vote_means_the_assembly_has_not_decided() -> None:
    error = choice_error(replace(READY, has_closed_vote=False, winner=None,
                                 vote_closed_at=None))
    assert error.startswith("L'assemblée générale n'a pas encore voté")


def test_a_vote_without_result_asks_for_a_new_vote() -> None:
    error = choice_error(replace(READY, winner=None, winner_is_offer=False))
    assert "ne désigne aucune offre" in error
    assert "nouveau vote" in error


def test_a_free_option_winning_is_not_an_offer() -> None:
    error = choice_error(replace(READY, winner="Poursuivre la consultation",
                                 winner_is_offer=False))
    assert error == ("Le vote désigne « Poursuivre la consultation », qui n'est pas une des "
                     "offres analysées : aucune solution ne peut être retenue.")


def test_the_dossier_must_be_validated_first() -> None:
    error = choice_error(replace(READY, validated_dossier_at=None))
    assert "valider le dossier de choix" in error


def test_a_dossier_validated_before_the_vote_closed_does_not_carry_its_result() -> None:
    error = choice_error(replace(READY, validated_dossier_at=CLOSED - timedelta(minutes=1)))
    assert "produit avant la clôture du vote" in error
    # The same instant counts as after: the data was read once the vote was closed.
    assert choice_error(replace(READY, validated_dossier_at=CLOSED)) is None
