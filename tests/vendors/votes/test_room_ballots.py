"""Professionals without an account voting in the room: the chef de projet lists them and
records their one ballot (paper or show of hands); it counts like any other."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.urls import reverse

from msp_si.accounts.models import User
from msp_si.common.errors import DomainError
from projects.choices import DocumentStatus
from projects.documents.services import document_generate_now
from projects.models import Project
from tests.typography import document_pdf_text, plain
from vendors.choices import VendorsDocument
from vendors.votes import services
from vendors.votes.models import Ballot, RoomBallotMode, RoomVoter, Vote
from vendors.votes.selectors import vote_outcome_of

from ..vote_helpers import LABELS, open_vote, option_pk, past_due

CONFLUENCE, LISSERON, PLURIEL = LABELS


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def member(project: Project, add_member: Callable[..., Any]) -> User:
    return add_member(project).user


@pytest.fixture
def vote(project: Project, lead: User, member: User) -> Vote:
    return open_vote(project, lead)


def listed(vote: Vote, lead: User, name: str = "Lucie Marchal",
           profession: str = "Orthophoniste") -> RoomVoter:
    return services.room_voter_add(vote=vote, by=lead, name=name, profession=profession)


def record(vote: Vote, lead: User, room: RoomVoter, label: str = CONFLUENCE,
           mode: str = RoomBallotMode.PAPER) -> Ballot:
    return services.room_ballot_record(vote=vote, by=lead, room_voter_pk=room.pk,
                                       option_pk=option_pk(vote, label), mode=mode)


def room_url(name: str, project: Project, vote: Vote, *rest: int) -> str:
    return reverse(f"vendors:{name}", args=[project.pk, vote.pk, *rest])


# --- Services -------------------------------------------------------------------------

@pytest.mark.django_db
def test_one_ballot_per_listed_person(vote: Vote, lead: User) -> None:
    room = listed(vote, lead)
    ballot = record(vote, lead, room, CONFLUENCE, RoomBallotMode.HANDS)
    assert ballot.cast_by == lead
    assert ballot.voter is None
    assert ballot.receipt
    with pytest.raises(DomainError, match="déjà enregistré : un seul bulletin"):
        record(vote, lead, room, LISSERON, RoomBallotMode.PAPER)
    only = Ballot.objects.get(room_voter=room)
    assert (only.pk, only.option.label, only.receipt) == (ballot.pk, CONFLUENCE, ballot.receipt)
    room.refresh_from_db()
    assert room.mode == RoomBallotMode.HANDS
    assert room.recorded_by == lead


@pytest.mark.django_db
def test_the_database_refuses_a_second_ballot_for_a_room_voter(vote: Vote, lead: User) -> None:
    room = listed(vote, lead)
    record(vote, lead, room)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(vote=vote, room_voter=room, cast_by=lead,
                              option_id=option_pk(vote, LISSERON), receipt="AAAA-BBBB-CCCC")
    with pytest.raises(IntegrityError), transaction.atomic():
        # A ballot is a member's or a room voter's, never both nor neither.
        Ballot.objects.create(vote=vote, cast_by=lead, option_id=option_pk(vote, LISSERON),
                              receipt="DDDD-EEEE-FFFF")


@pytest.mark.django_db
def test_a_person_is_listed_once(vote: Vote, lead: User) -> None:
    listed(vote, lead)
    with pytest.raises(DomainError, match="déjà inscrit"):
        listed(vote, lead, name=" lucie  marchal ", profession="orthophoniste")
    with pytest.raises(DomainError, match="nom et la profession"):
        listed(vote, lead, name="Paul Ravel", profession="  ")
    assert RoomVoter.objects.filter(vote=vote).count() == 1


@pytest.mark.django_db
def test_nothing_is_recorded_once_the_vote_is_closed(vote: Vote, lead: User) -> None:
    room = listed(vote, lead)
    services.vote_close(vote=vote, by=lead)
    with pytest.raises(DomainError, match="clos"):
        record(vote, lead, room)
    with pytest.raises(DomainError, match="clos"):
        listed(vote, lead, name="Paul Ravel", profession="Kinésithérapeute")
    assert not Ballot.objects.exists()
    assert RoomVoter.objects.count() == 1


@pytest.mark.django_db
def test_past_its_time_the_vote_refuses_room_ballots(vote: Vote, lead: User) -> None:
    room = listed(vote, lead)
    past_due(vote)
    with pytest.raises(DomainError, match="clos"):
        record(vote, lead, room)
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_a_room_voter_of_another_vote_or_a_bad_mode_is_refused(
        vote: Vote, project: Project, lead: User) -> None:
    other = open_vote(project, lead, labels=("Oui", "Non"))
    stranger = listed(other, lead)
    with pytest.raises(DomainError, match="pas inscrit"):
        services.room_ballot_record(vote=vote, by=lead, room_voter_pk=stranger.pk,
                                    option_pk=option_pk(vote, CONFLUENCE), mode="paper")
    room = listed(vote, lead)
    with pytest.raises(DomainError, match="bulletin papier ou à main levée"):
        record(vote, lead, room, mode="email")
    with pytest.raises(DomainError, match="ne fait pas partie"):
        services.room_ballot_record(vote=vote, by=lead, room_voter_pk=room.pk,
                                    option_pk=option_pk(other, "Oui"), mode="paper")
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_room_ballots_count_in_the_result_and_the_eligible_count(
        vote: Vote, lead: User, member: User) -> None:
    services.vote_cast(vote=vote, by=member, option_pk=option_pk(vote, LISSERON))
    record(vote, lead, listed(vote, lead), PLURIEL, RoomBallotMode.PAPER)
    record(vote, lead, listed(vote, lead, "Paul Ravel", "Kinésithérapeute"), PLURIEL,
           RoomBallotMode.HANDS)
    listed(vote, lead, "Inès Roux", "Diététicienne")   # listed, did not vote
    closed = services.vote_close(vote=vote, by=lead)
    # The chef and the member, plus three professionals in the room.
    assert closed.eligible_count == 5
    outcome = vote_outcome_of(vote=closed)
    assert {c.label: c.count for c in outcome.counts} == {
        CONFLUENCE: 0, LISSERON: 1, PLURIEL: 2}
    assert outcome.participants == 3
    assert outcome.winner is not None
    assert outcome.winner.label == PLURIEL


@pytest.mark.django_db
def test_history_says_who_listed_and_who_recorded(vote: Vote, lead: User) -> None:
    room = listed(vote, lead)
    record(vote, lead, room, mode=RoomBallotMode.HANDS)
    added, recorded = room.history.order_by("history_date", "history_id")
    assert added.history_type == "+"
    assert added.history_user == lead
    assert not added.mode
    assert recorded.history_user == lead
    assert recorded.mode == RoomBallotMode.HANDS
    assert recorded.recorded_by_id == lead.pk
    # The option is not on the room voter: its history never tells a secret choice.
    assert not hasattr(recorded, "option_id")


@pytest.mark.django_db
def test_a_room_voter_with_a_ballot_is_never_deleted(vote: Vote, lead: User) -> None:
    from django.db.models import ProtectedError

    room = listed(vote, lead)
    record(vote, lead, room)
    with pytest.raises(ProtectedError):
        room.delete()
    assert Ballot.objects.filter(room_voter=room).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_concurrent_records_for_one_person_make_one_ballot(vote: Vote, lead: User) -> None:
    room = listed(vote, lead)
    barrier = threading.Barrier(6)
    refused: list[DomainError] = []
    others: list[BaseException] = []

    def worker(label: str) -> None:
        try:
            barrier.wait(timeout=30)
            record(vote, lead, room, label)
        except DomainError as error:
            refused.append(error)
        except BaseException as error:
            others.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(LABELS[i % 3],)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not others
    assert len(refused) == 5
    assert Ballot.objects.filter(room_voter=room).count() == 1


# --- Pages ---------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_chef_lists_and_records_from_the_vote_page(
        vote: Vote, project: Project, lead: User, client_for: Callable[..., Any]) -> None:
    client = client_for(lead)
    page = plain(client.get(room_url("vote-detail", project, vote)).content.decode())
    assert "Votants dans la salle" in page
    assert "Aucun votant inscrit" in page
    response = client.post(room_url("vote-room-voter-add", project, vote),
                           {"name": "Lucie Marchal", "profession": "Orthophoniste"})
    assert response.status_code == 302
    assert response["Location"].endswith("#room")
    room = RoomVoter.objects.get(vote=vote)
    page = plain(client.get(room_url("vote-detail", project, vote)).content.decode())
    assert "Lucie Marchal (Orthophoniste)" in page
    assert "Enregistrer le bulletin de Lucie Marchal" in page
    client.post(room_url("vote-room-ballot", project, vote, room.pk),
                {"option": option_pk(vote, LISSERON), "mode": "hands"})
    page = plain(client.get(room_url("vote-detail", project, vote)).content.decode())
    assert "Le bulletin de Lucie Marchal est enregistré." in page
    assert "Bulletin enregistré (main levée) par" in page
    # A second submission of the same form: a clear refusal, nothing changed.
    client.post(room_url("vote-room-ballot", project, vote, room.pk),
                {"option": option_pk(vote, CONFLUENCE), "mode": "paper"})
    page = plain(client.get(room_url("vote-detail", project, vote)).content.decode())
    assert "Le bulletin de Lucie Marchal est déjà enregistré" in page
    ballot = Ballot.objects.get(vote=vote)
    assert ballot.option.label == LISSERON
    room.refresh_from_db()
    assert room.mode == RoomBallotMode.HANDS


@pytest.mark.django_db
def test_bad_room_input_changes_nothing(vote: Vote, project: Project, lead: User,
                                        client_for: Callable[..., Any]) -> None:
    client = client_for(lead)
    client.post(room_url("vote-room-voter-add", project, vote), {"name": "", "profession": ""})
    assert not RoomVoter.objects.exists()
    room = listed(vote, lead)
    client.post(room_url("vote-room-ballot", project, vote, room.pk),
                {"option": option_pk(vote, LISSERON)})
    page = plain(client.get(room_url("vote-detail", project, vote)).content.decode())
    assert "Choisissez une option et le mode de vote" in page
    assert "Indiquez le nom et la profession" in page
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_a_member_may_not_record_a_room_ballot(vote: Vote, project: Project, lead: User,
                                               member: User,
                                               client_for: Callable[..., Any]) -> None:
    room = listed(vote, lead)
    client = client_for(member)
    assert "Votants dans la salle" not in client.get(
        room_url("vote-detail", project, vote)).content.decode()
    assert client.post(room_url("vote-room-ballot", project, vote, room.pk),
                       {"option": option_pk(vote, LISSERON), "mode": "paper"}
                       ).status_code == 403
    assert client.post(room_url("vote-room-voter-add", project, vote),
                       {"name": "Paul Ravel", "profession": "Kiné"}).status_code == 403
    assert not Ballot.objects.exists()
    assert RoomVoter.objects.count() == 1


@pytest.mark.django_db
def test_another_projects_ids_are_not_found(vote: Vote, project: Project, lead: User,
                                            make_project: Callable[..., Project],
                                            client_for: Callable[..., Any]) -> None:
    room = listed(vote, lead)
    other = make_project(name="Autre MSP")
    other_vote = open_vote(other, other.created_by)
    other_room = listed(other_vote, other.created_by, "Paul Ravel", "Kinésithérapeute")
    client = client_for(lead)
    data = {"option": option_pk(vote, LISSERON), "mode": "paper"}
    # The other project's room voter under this project's vote, and the reverse.
    assert client.post(room_url("vote-room-ballot", project, vote, other_room.pk),
                       data).status_code == 404
    assert client.post(room_url("vote-room-ballot", other, vote, room.pk),
                       data).status_code == 404
    assert client.post(room_url("vote-room-voter-add", other, vote),
                       {"name": "X Y", "profession": "Z"}).status_code == 404
    outsider = client_for(other.created_by)
    assert outsider.post(room_url("vote-room-ballot", project, vote, room.pk),
                         data).status_code == 404
    assert not Ballot.objects.exists()
    assert RoomVoter.objects.count() == 2


# --- Procès-verbal ---------------------------------------------------------------------

@pytest.mark.django_db
def test_the_minutes_show_room_ballots_with_their_mode(
        project: Project, lead: User, member: User) -> None:
    vote = open_vote(project, lead, is_secret=False)
    services.vote_cast(vote=vote, by=member, option_pk=option_pk(vote, LISSERON))
    record(vote, lead, listed(vote, lead), PLURIEL, RoomBallotMode.PAPER)
    record(vote, lead, listed(vote, lead, "Paul Ravel", "Kinésithérapeute"), CONFLUENCE,
           RoomBallotMode.HANDS)
    listed(vote, lead, "Inès Roux", "Diététicienne")
    services.vote_close(vote=vote, by=lead)
    document = document_generate_now(project=project, kind=VendorsDocument.VOTE_MINUTES,
                                     by=lead, subject=str(vote.pk), subject_label="PV")
    assert document.status == DocumentStatus.DONE, document.error
    text = document_pdf_text(document, flat=True)
    chef = lead.display_name
    assert f"Lucie Marchal (Orthophoniste) dans la salle, bulletin papier, enregistré par {chef}" \
        in text
    assert f"Paul Ravel (Kinésithérapeute) dans la salle, main levée, enregistré par {chef}" \
        in text
    assert "3 votants sur 5 membres ayant droit de vote" in text
    assert "Inès Roux (Diététicienne)" in text   # listed, did not vote
