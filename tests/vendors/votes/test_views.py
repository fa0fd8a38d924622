"""Pages of the AG vote: who may do what (403/404), receipts shown once, results hidden."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from msp_si import celery_app
from msp_si.accounts.models import User
from projects.choices import Role
from projects.demo import seed as demo
from projects.documents import services as document_services
from projects.models import Document, Project
from tests.typography import plain
from vendors.choices import VendorsDocument
from vendors.models import VendorAssessment
from vendors.votes import services
from vendors.votes.models import Ballot, Vote, VoteProxy

from ..vote_helpers import LABELS, open_vote, option_pk, past_due

pytestmark = pytest.mark.django_db

CONFLUENCE, LISSERON, PLURIEL = LABELS


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def eager() -> Iterator[None]:
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def member(project: Project, add_member: Callable[..., Any]) -> User:
    return add_member(project).user


@pytest.fixture
def vote(project: Project, lead: User, member: User) -> Vote:
    return open_vote(project, lead)


def url(name: str, project: Project, vote: Vote | None = None) -> str:
    args = [project.pk] if vote is None else [project.pk, vote.pk]
    return reverse(f"vendors:{name}", args=args)


def valid_form(**overrides: str) -> dict[str, str]:
    now = timezone.localtime()
    data = {
        "question": "Quel logiciel retenir ?", "other_options": "Confluence\nLisseron",
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
        "quorum_kind": "share", "quorum_value": "50", "majority": "absolute",
        "is_secret": "on", "max_proxies": "1",
    }
    data.update(overrides)
    return data


def test_the_chef_opens_a_vote(project: Project, lead: User, member: User,
                               client_for: Callable[..., Any],
                               make_assessment: Callable[..., Any],
                               make_vendor: Callable[..., Any]) -> None:
    # HDS-certified: an offer out on an eliminatory criterion is not offered to the vote.
    assessment = make_assessment(project, vendor=make_vendor(is_hds_certified=True),
                                 decision="kept")
    response = client_for(lead).post(url("vote-create", project), valid_form(
        assessments=[str(assessment.pk)], other_options="Poursuivre la consultation"))
    vote = Vote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("vote-detail", project, vote)
    assert [(o.label, o.assessment_id) for o in vote.options.all()] == [
        (str(assessment.vendor), assessment.pk), ("Poursuivre la consultation", None)]
    assert vote.is_secret
    assert vote.majority == "absolute"
    assert vote.quorum_value == 50


@pytest.mark.parametrize(("overrides", "message"), [
    ({"closes_at": "2020-01-01T10:00"}, "postérieure à l&#x27;ouverture"),
    ({"quorum_value": "120"}, "entre 0 et 100"),
    ({"quorum_kind": "count", "quorum_value": "3"}, "(2)"),
    ({"other_options": "Confluence\n confluence "}, "même libellé"),
    ({"other_options": "Confluence"}, "au moins deux options"),
])
def test_open_form_refuses_bad_input(project: Project, lead: User, member: User,
                                     client_for: Callable[..., Any],
                                     overrides: dict[str, str], message: str) -> None:
    response = client_for(lead).post(url("vote-create", project), valid_form(**overrides))
    assert response.status_code == 400
    assert message in plain(response.content.decode())
    assert not Vote.objects.exists()


@pytest.mark.parametrize("role", [Role.AMOA, Role.MEMBER, Role.OBSERVER,
                                  Role.PROFESSION_REFERENT])
def test_only_the_chef_opens_and_closes(project: Project, vote: Vote, role: str,
                                        add_member: Callable[..., Any],
                                        client_for: Callable[..., Any]) -> None:
    client = client_for(add_member(project, role).user)
    assert client.get(url("vote-create", project)).status_code == 403
    assert client.post(url("vote-create", project), valid_form()).status_code == 403
    assert client.post(url("vote-close", project, vote)).status_code == 403
    assert Vote.objects.count() == 1
    vote.refresh_from_db()
    assert not vote.is_closed


def test_a_member_votes_and_sees_the_receipt_once(vote: Vote, project: Project, member: User,
                                                  client_for: Callable[..., Any]) -> None:
    client = client_for(member)
    response = client.post(url("vote-cast", project, vote),
                           {"option": option_pk(vote, LISSERON)})
    assert response.status_code == 302
    ballot = Ballot.objects.get(vote=vote)
    first = plain(client.get(url("vote-detail", project, vote)).content.decode())
    assert ballot.receipt in first
    assert "Votre choix actuel : « Lisseron Coordination »" in first
    again = plain(client.get(url("vote-detail", project, vote)).content.decode())
    assert ballot.receipt not in again
    assert "Votre choix actuel : « Lisseron Coordination »" in again
    # A change replaces the ballot and gives a new receipt.
    client.post(url("vote-cast", project, vote), {"option": option_pk(vote, PLURIEL)})
    changed = Ballot.objects.get(vote=vote)
    assert changed.option.label == PLURIEL
    assert changed.receipt != ballot.receipt
    assert changed.receipt in plain(client.get(url("vote-detail", project, vote)).content.decode())


@pytest.mark.parametrize("role", [Role.AMOA, Role.OBSERVER])
def test_amoa_and_observers_are_refused_server_side(
        vote: Vote, project: Project, lead: User, role: str,
        add_member: Callable[..., Any], client_for: Callable[..., Any]) -> None:
    client = client_for(add_member(project, role).user)
    page = client.get(url("vote-detail", project, vote))
    assert page.status_code == 200
    assert 'name="option"' not in plain(page.content.decode())
    assert client.post(url("vote-cast", project, vote),
                       {"option": option_pk(vote, CONFLUENCE)}).status_code == 403
    assert client.post(url("vote-proxy-give", project, vote),
                       {"holder": lead.pk}).status_code == 403
    assert client.post(url("vote-proxy-revoke", project, vote)).status_code == 403
    assert not Ballot.objects.exists()
    assert not VoteProxy.objects.exists()


def test_another_projects_vote_is_not_found(vote: Vote, make_project: Callable[..., Project],
                                            client_for: Callable[..., Any]) -> None:
    other = make_project(name="Autre MSP")
    client = client_for(other.created_by)
    for name in ("vote-detail",):
        assert client.get(url(name, other, vote)).status_code == 404
    for name in ("vote-cast", "vote-proxy-give", "vote-proxy-revoke", "vote-close",
                 "vote-minutes"):
        assert client.post(url(name, other, vote),
                           {"option": option_pk(vote, CONFLUENCE)}).status_code == 404
    assert not Ballot.objects.exists()
    vote.refresh_from_db()
    assert not vote.is_closed


def test_a_holder_votes_on_behalf_of_the_giver(vote: Vote, project: Project, member: User,
                                               add_member: Callable[..., Any],
                                               make_user: Callable[..., User],
                                               client_for: Callable[..., Any]) -> None:
    giver = add_member(project, user=make_user(first_name="Inès", last_name="Mandante")).user
    giver_client = client_for(giver)
    giver_client.post(url("vote-proxy-give", project, vote), {"holder": member.pk})
    assert VoteProxy.objects.get().holder_id == member.pk
    holder_client = client_for(member)
    page = plain(holder_client.get(url("vote-detail", project, vote)).content.decode())
    assert "Voter au nom de Inès Mandante" in page
    holder_client.post(url("vote-cast", project, vote),
                       {"option": option_pk(vote, CONFLUENCE), "on_behalf_of": giver.pk})
    ballot = Ballot.objects.get()
    assert ballot.voter_id == giver.pk
    assert ballot.cast_by_id == member.pk
    after = plain(holder_client.get(url("vote-detail", project, vote)).content.decode())
    assert "Au nom de Inès Mandante" in after
    assert ballot.receipt in after
    # The giver can no longer take the pouvoir back.
    giver_client = client_for(giver)
    giver_client.post(url("vote-proxy-revoke", project, vote))
    assert VoteProxy.objects.count() == 1


def _cast_some(vote: Vote, project: Project, add_member: Callable[..., Any]) -> list[str]:
    """Five ballots: 3 for Confluence, 2 for Lisseron; returns their receipts."""
    receipts = []
    for label in (CONFLUENCE, CONFLUENCE, CONFLUENCE, LISSERON, LISSERON):
        voter = add_member(project).user
        receipts.append(services.vote_cast(vote=vote, by=voter,
                                           option_pk=option_pk(vote, label)).receipt)
    return receipts


COUNT_MARKERS = ("Participation", "Quorum atteint", "Quorum non atteint", "Voix",
                 "Suffrages par option", "Empreinte", "l&#x27;emporte", "votants")


def test_no_result_appears_anywhere_before_the_close(
        vote: Vote, project: Project, lead: User, member: User,
        add_member: Callable[..., Any], client_for: Callable[..., Any]) -> None:
    receipts = _cast_some(vote, project, add_member)
    giver = add_member(project).user
    services.proxy_give(vote=vote, giver=giver, holder=member)
    services.vote_cast(vote=vote, by=member, option_pk=option_pk(vote, PLURIEL),
                       on_behalf_of=giver)
    amoa = add_member(project, Role.AMOA).user
    pages = [url("vote-list", project), url("vote-detail", project, vote),
             url("vote-create", project), reverse("projects:document-list", args=[project.pk]),
             reverse("projects:history", args=[project.pk]),
             reverse("projects:step-detail", args=[project.pk, 11])]
    for user in (lead, member, giver, amoa):
        client = client_for(user)
        for page in pages:
            response = client.get(page)
            if response.status_code == 403:
                continue
            html = plain(response.content.decode())
            assert response.status_code == 200, page
            for marker in COUNT_MARKERS:
                assert marker not in html, (user, page, marker)
            for receipt in receipts:
                assert receipt not in html
            # No tally such as « 3 voix » or « 60.0 % » in any form.
            assert not re.search(r"\b[0-9]+ voix\b", html)
    # Nor through the procès-verbal: refused before the close, no document created.
    client_for(lead).post(url("vote-minutes", project, vote))
    assert not Document.objects.filter(kind=VendorsDocument.VOTE_MINUTES).exists()
    # Control: the very same markers do appear once the vote is closed.
    services.vote_close(vote=vote, by=lead)
    closed = plain(client_for(member).get(url("vote-detail", project, vote)).content.decode())
    assert all(marker in closed for marker in ("Participation", "Voix", "Empreinte"))
    assert re.search(r"\b3 voix\b", closed)
    assert all(receipt not in closed for receipt in receipts)


def test_the_chef_closes_and_everyone_sees_the_result(
        vote: Vote, project: Project, lead: User, member: User,
        add_member: Callable[..., Any], client_for: Callable[..., Any]) -> None:
    _cast_some(vote, project, add_member)
    response = client_for(lead).post(url("vote-close", project, vote))
    assert response.status_code == 302
    html = plain(client_for(member).get(url("vote-detail", project, vote)).content.decode())
    assert "Participation : 5 votants sur 7 membres ayant droit de vote" in " ".join(html.split())
    assert "Quorum atteint (4 participants requis)" in html
    assert "« Confluence MSP » l&#x27;emporte avec 3 voix sur 5 suffrages." in plain(html)
    vote.refresh_from_db()
    assert vote.ballots_digest in html
    assert 'name="option"' not in html


def test_a_tie_is_announced_without_a_winner(vote: Vote, project: Project, lead: User,
                                             add_member: Callable[..., Any],
                                             client_for: Callable[..., Any]) -> None:
    for label in (CONFLUENCE, LISSERON, CONFLUENCE, LISSERON):
        services.vote_cast(vote=vote, by=add_member(project).user,
                           option_pk=option_pk(vote, label))
    client = client_for(lead)
    client.post(url("vote-close", project, vote))
    html = plain(client.get(url("vote-detail", project, vote)).content.decode())
    assert "Égalité entre « Confluence MSP » et « Lisseron Coordination »" in plain(html)
    assert "l&#x27;emporte" not in html


def test_a_past_due_vote_is_closed_by_reading_it(vote: Vote, project: Project, member: User,
                                                 client_for: Callable[..., Any]) -> None:
    services.vote_cast(vote=vote, by=member, option_pk=option_pk(vote, CONFLUENCE))
    past_due(vote)
    html = plain(client_for(member).get(url("vote-list", project)).content.decode())
    assert "Clos" in html
    vote.refresh_from_db()
    assert vote.is_closed
    assert vote.closed_by is None
    detail = plain(client_for(member).get(url("vote-detail", project, vote)).content.decode())
    assert "automatiquement, à l'heure prévue" in detail


def test_the_minutes_are_generated_after_the_close(
        vote: Vote, project: Project, lead: User, member: User, eager: None,
        client_for: Callable[..., Any], monkeypatch: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    monkeypatch.setattr(document_services, "html_to_pdf", lambda html: b"%PDF-1.7 test")
    services.vote_cast(vote=vote, by=member, option_pk=option_pk(vote, CONFLUENCE))
    services.vote_close(vote=vote, by=lead)
    client = client_for(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("vote-minutes", project, vote))
    assert response.status_code == 302
    document = Document.objects.get(kind=VendorsDocument.VOTE_MINUTES)
    assert document.subject == str(vote.pk)
    assert document.status == "done"
    html = plain(client.get(url("vote-detail", project, vote)).content.decode())
    assert reverse("projects:document-download", args=[project.pk, document.pk]) in html
    # A member may read the page but not generate.
    assert client_for(member).post(url("vote-minutes", project, vote)).status_code == 403


def test_the_vote_list_keeps_a_fixed_number_of_queries(
        project: Project, lead: User, member: User, client_for: Callable[..., Any],
        django_assert_max_num_queries: Any) -> None:
    for n in range(4):
        open_vote(project, lead, question=f"Question {n} ?")
    client = client_for(member)
    with django_assert_max_num_queries(12):
        assert client.get(url("vote-list", project)).status_code == 200


def test_the_vote_form_offers_the_ranked_offers_and_never_an_eliminated_one(
        demo_msp: tuple[Project, dict[str, Any]], client: Any) -> None:
    project, people = demo_msp
    client.force_login(people[demo.LEAD.key])
    page = plain(client.get(url("vote-create", project)).content.decode())
    # Rank and score next to each offer, the ranked ones ticked, the eliminated one absent.
    assert "Solutions Confluence Santé — Confluence MSP (rang 1, " in page
    assert "Éditions Médicales du Lisseron — Lisseron Coordination (rang 2, " in page
    assert page.count('checked') >= 2
    assert "Atelier Numérique Pluriel" not in page
    # A forged post with the eliminated offer is refused with a message, nothing opened.
    eliminated = VendorAssessment.objects.get(project=project,
                                              vendor__name="Atelier Numérique Pluriel")
    before = Vote.objects.filter(project=project).count()
    response = client.post(url("vote-create", project), valid_form(
        other_options="", assessments=[str(eliminated.pk)]))
    assert response.status_code == 400
    assert ("Seules les offres retenues et non éliminées peuvent être soumises au vote."
            in plain(response.content.decode()))
    assert Vote.objects.filter(project=project).count() == before
