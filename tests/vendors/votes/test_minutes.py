"""The procès-verbal of a vote, rendered by WeasyPrint and read back from the PDF."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from msp_si.accounts.models import User
from msp_si.common.errors import DomainError
from projects.choices import DocumentStatus
from projects.documents.services import document_generate_now
from projects.models import Document, Project
from vendors.choices import VendorsDocument
from vendors.votes import rules as voting
from vendors.votes import services
from vendors.votes.models import Ballot, Vote
from vendors.votes.selectors import vote_minutes_data

from ..vote_helpers import LABELS, open_vote, option_pk

pytestmark = pytest.mark.django_db

CONFLUENCE, LISSERON, PLURIEL = LABELS


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def people(project: Project, add_member: Callable[..., Any],
           make_user: Callable[..., User]) -> dict[str, User]:
    """Four named voters besides the chef de projet."""
    names = {"ana": ("Anaïs", "Berthelot"), "bruno": ("Bruno", "Castagne"),
             "chloe": ("Chloé", "Dumoulin"), "denis": ("Denis", "Escoffier")}
    return {key: add_member(project, user=make_user(first_name=first, last_name=last)).user
            for key, (first, last) in names.items()}


def closed_vote(project: Project, lead: User, people: dict[str, User], *,
                is_secret: bool) -> Vote:
    """Ana and the chef for Confluence, Bruno for Lisseron, Chloé by Bruno's hand for
    Confluence; Denis abstains."""
    vote = open_vote(project, lead, is_secret=is_secret)
    services.proxy_give(vote=vote, giver=people["chloe"], holder=people["bruno"])
    services.vote_cast(vote=vote, by=people["ana"], option_pk=option_pk(vote, CONFLUENCE))
    services.vote_cast(vote=vote, by=lead, option_pk=option_pk(vote, CONFLUENCE))
    services.vote_cast(vote=vote, by=people["bruno"], option_pk=option_pk(vote, LISSERON))
    services.vote_cast(vote=vote, by=people["bruno"], option_pk=option_pk(vote, CONFLUENCE),
                       on_behalf_of=people["chloe"])
    return services.vote_close(vote=vote, by=lead)


def pdf_text(document: Document) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def generate(project: Project, lead: User, vote: Vote) -> str:
    document = document_generate_now(project=project, kind=VendorsDocument.VOTE_MINUTES,
                                     by=lead, subject=str(vote.pk), subject_label="PV")
    assert document.status == DocumentStatus.DONE, document.error
    return pdf_text(document)


def recomputed_digest(vote: Vote) -> str:
    return voting.ballots_digest((b.receipt, b.option.label)
                                 for b in Ballot.objects.filter(vote=vote))


def test_secret_minutes_list_participants_not_their_choices(
        project: Project, lead: User, people: dict[str, User]) -> None:
    vote = closed_vote(project, lead, people, is_secret=True)
    text = generate(project, lead, vote)
    flat = re.sub(r"\s+", "", text)
    for name in ("Anaïs Berthelot", "Bruno Castagne", "Chloé Dumoulin", lead.display_name):
        assert name in text
    assert "par pouvoir, voté par Bruno Castagne" in text
    assert "Denis Escoffier" in text          # listed among those who did not vote
    assert "4 votants sur 5 membres" in " ".join(text.split())
    assert "participation de 80,0\u00a0%" in text
    assert "Quorum atteint (3 participants requis)." in text
    assert "Confluence MSP 3 75,0\u00a0%" in text
    assert "«\u00a0Confluence MSP\u00a0» l\u2019emporte avec 3 voix sur 4 suffrages." in text
    # How each one voted is nowhere: no « Choix » column, no name next to an option.
    assert "Choix" not in text
    for line in text.splitlines():
        if "Berthelot" in line or "Castagne" in line or "Dumoulin" in line:
            assert not any(label in line for label in LABELS), line
    # Every receipt is listed with its option, and the digest is the recomputed one.
    for ballot in Ballot.objects.filter(vote=vote).select_related("option"):
        assert re.sub(r"\s+", "", f"{ballot.receipt}{ballot.option.label}") in flat
    assert vote.ballots_digest == recomputed_digest(vote)
    assert vote.ballots_digest in flat


def test_open_minutes_show_each_choice(project: Project, lead: User,
                                       people: dict[str, User]) -> None:
    vote = closed_vote(project, lead, people, is_secret=False)
    text = generate(project, lead, vote)
    assert "Choix" in text
    assert any("Bruno Castagne" in line and "Lisseron Coordination" in line
               for line in text.splitlines())


def test_minutes_data_is_refused_while_the_vote_is_open(
        project: Project, lead: User, people: dict[str, User]) -> None:
    vote = open_vote(project, lead)
    with pytest.raises(DomainError):
        vote_minutes_data(project, str(vote.pk))


def test_minutes_of_another_projects_vote_are_refused(
        project: Project, lead: User, people: dict[str, User],
        make_project: Callable[..., Project]) -> None:
    vote = closed_vote(project, lead, people, is_secret=True)
    with pytest.raises(DomainError):
        vote_minutes_data(make_project(name="Autre MSP"), str(vote.pk))


def test_minutes_data_flags_a_tampered_ballot(project: Project, lead: User,
                                              people: dict[str, User]) -> None:
    vote = closed_vote(project, lead, people, is_secret=True)
    assert vote_minutes_data(project, str(vote.pk)).is_digest_consistent
    ballot = Ballot.objects.filter(vote=vote, option__label=CONFLUENCE).first()
    assert ballot is not None
    Ballot.objects.filter(pk=ballot.pk).update(option=vote.options.get(label=PLURIEL))
    assert not vote_minutes_data(project, str(vote.pk)).is_digest_consistent
