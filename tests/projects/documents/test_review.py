"""Relecture: reviewers comment a finished version section by section until it is frozen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from msp_si.common.errors import DomainError
from projects.choices import DocumentKind, DocumentStatus, Role
from projects.documents.services import document_comment_add
from projects.models import Document, DocumentComment
from tests.typography import plain


@pytest.fixture
def version(project, lead) -> Document:
    return Document.objects.create(project=project, kind=DocumentKind.NOTE_DE_CADRAGE,
                                   version=1, requested_by=lead, status=DocumentStatus.DONE)


def _url(document: Document) -> str:
    return reverse("projects:document-review", args=[document.project_id, document.pk])


def test_a_referent_comments_a_section(version, project, add_member, client_for) -> None:
    referent = add_member(project, Role.PROFESSION_REFERENT).user
    response = client_for(referent).post(_url(version), {
        "section": "perimetre", "body": "Ajouter la télé-expertise en vague 2.",
    }, follow=True)
    assert response.status_code == 200
    comment = DocumentComment.objects.get()
    assert (comment.section, comment.author, comment.document) == ("perimetre", referent,
                                                                   version)
    page = plain(response.content.decode())
    assert "Ajouter la télé-expertise en vague 2." in page
    assert "Commentaire enregistré." in page


def test_comments_are_listed_under_their_section(version, lead, client_for) -> None:
    document_comment_add(document=version, section="equipe", author=lead,
                         body="Préciser le rôle du consultant.")
    page = plain(client_for(lead).get(_url(version)).content.decode())
    # The section titles appear in the form's list first, then as headings of the comments.
    where = page.index("Préciser le rôle du consultant.")
    assert page.rindex("5. Équipe projet") < where < page.rindex("6. Calendrier et jalons")


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OBSERVER])
def test_members_and_observers_read_but_cannot_comment(version, project, add_member,
                                                       client_for, role) -> None:
    client = client_for(add_member(project, role).user)
    assert client.get(_url(version)).status_code == 200
    response = client.post(_url(version), {"section": "equipe", "body": "Forgé"})
    assert response.status_code == 403
    assert not DocumentComment.objects.exists()


def test_another_projects_version_is_not_found(version, make_project, client_for) -> None:
    other_lead = make_project(name="MSP voisine").created_by
    response = client_for(other_lead).post(_url(version).replace(
        f"/projets/{version.project_id}/", f"/projets/{other_lead.memberships.get().project_id}/"
    ), {"section": "equipe", "body": "Intrus"})
    assert response.status_code == 404
    assert not DocumentComment.objects.exists()


def test_an_unknown_section_is_refused_with_a_message(version, lead, client_for) -> None:
    response = client_for(lead).post(_url(version), {"section": "annexe-9", "body": "Texte"})
    assert response.status_code == 400
    assert "Section inconnue." in plain(response.content.decode())
    assert not DocumentComment.objects.exists()


def test_a_frozen_version_takes_no_more_comments(version, lead) -> None:
    Document.objects.filter(pk=version.pk).update(is_frozen=True)
    with pytest.raises(DomainError, match="figée"):
        document_comment_add(document=version, section="equipe", author=lead, body="Trop tard")
    assert not DocumentComment.objects.exists()


@pytest.mark.parametrize(("status", "body", "message"), [
    (DocumentStatus.RUNNING, "Texte", "Seule une version prête"),
    (DocumentStatus.DONE, "   ", "vide"),
])
def test_comment_rules(version, lead, status, body, message) -> None:
    Document.objects.filter(pk=version.pk).update(status=status)
    version.refresh_from_db()
    with pytest.raises(DomainError, match=message):
        document_comment_add(document=version, section="equipe", author=lead, body=body)
