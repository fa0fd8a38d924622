"""The chef de projet's history shows each vote opened and closed, never a ballot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from msp_si.accounts.models import User
from projects.models import Project
from tests.typography import plain
from vendors.votes import services

from ..vote_helpers import LABELS, open_vote, option_pk

pytestmark = pytest.mark.django_db


def test_a_vote_appears_in_its_projects_history_only(
        project: Project, lead: User, add_member: Callable[..., Any],
        make_project: Callable[..., Project], client_for: Callable[..., Any]) -> None:
    vote = open_vote(project, lead, question="Quel logiciel pour la maison de santé ?")
    cast = services.vote_cast(vote=vote, by=add_member(project).user,
                              option_pk=option_pk(vote, LABELS[0]))
    services.vote_close(vote=vote, by=lead)
    page = plain(
        client_for(lead).get(reverse("projects:history", args=[project.pk])).content.decode())
    assert "Quel logiciel pour la maison de santé ?" in plain(page)
    assert cast.receipt not in page
    other = make_project(name="MSP voisine")
    other_page = plain(client_for(other.created_by).get(
        reverse("projects:history", args=[other.pk])).content.decode())
    assert "Quel logiciel pour la maison de santé ?" not in other_page


def test_the_history_page_says_who_recorded_a_room_ballot_and_how_not_the_choice(
        project: Project, lead: User, client_for: Callable[..., Any]) -> None:
    vote = open_vote(project, lead, labels=("Oui, Confluence", "Non, Lisseron"))
    room = services.room_voter_add(vote=vote, by=lead, name="Lucie Marchal",
                                   profession="Orthophoniste")
    ballot = services.room_ballot_record(vote=vote, by=lead, room_voter_pk=room.pk,
                                         option_pk=option_pk(vote, "Non, Lisseron"),
                                         mode="paper")
    page = plain(
        client_for(lead).get(reverse("projects:history", args=[project.pk])).content.decode())
    assert "Votant dans la salle" in page
    assert "Lucie Marchal" in page
    assert "Bulletin papier" in page
    assert "Bulletin enregistré par" in page
    assert ballot.receipt not in page
    assert "Non, Lisseron" not in page   # the option chosen is never in the history
