"""Views of step 10: who reads and acts, forged posts, htmx questions, complements."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from projects.choices import Role
from tests.typography import plain
from vendors.auditions import services
from vendors.auditions.models import Audition, AuditionComplement, AuditionQuestion

from ..audition_fixtures import soon

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def url(name: str, project_pk: int, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"vendors:{name}", kwargs={"project_pk": project_pk, **kwargs})


def one(name: str, audition: Audition, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return url(name, audition.project_id, audition_pk=audition.pk, **kwargs)


def test_the_lead_shortlists_a_candidate_whose_offer_is_in(project, lead, client_for,
                                                          make_consulted) -> None:
    answered = make_consulted(project)
    waiting = make_consulted(project, answered=False)
    client = client_for(lead)
    page = plain(client.get(url("auditions", project.pk)).content.decode())
    assert "Offre reçue" in page
    assert "Offre attendue" in page
    assert url("audition-shortlist", project.pk, consulted_pk=answered.pk) in page
    assert url("audition-shortlist", project.pk, consulted_pk=waiting.pk) not in page
    response = client.post(url("audition-shortlist", project.pk, consulted_pk=answered.pk),
                           follow=True)
    html = plain(response.content.decode())
    assert "est retenu pour une audition" in html
    assert "deux à trois" in html  # one candidate only: the method's advice
    # Double submission: still one audition, no error.
    client.post(url("audition-shortlist", project.pk, consulted_pk=answered.pk))
    assert Audition.objects.filter(consulted=answered).count() == 1
    # A forged post for the vendor whose answer is not in is refused with the reason.
    refused = plain(client.post(url("audition-shortlist", project.pk, consulted_pk=waiting.pk),
                          follow=True).content.decode())
    assert "réponse confirmée" in refused
    assert not Audition.objects.filter(consulted=waiting).exists()


def test_another_projects_ids_are_hidden(project, lead, client_for, make_project,
                                         make_consulted) -> None:
    other = make_project(name="MSP voisine")
    foreign = make_consulted(other)
    foreign_audition = services.audition_shortlist(project=other, consulted=foreign)
    question = services.audition_question_add(audition=foreign_audition, text="Q ?",
                                              by=other.created_by)
    client = client_for(lead)
    assert client.post(url("audition-shortlist", project.pk,
                           consulted_pk=foreign.pk)).status_code == 404
    assert client.get(url("audition-detail", project.pk,
                          audition_pk=foreign_audition.pk)).status_code == 404
    assert client.post(url("audition-question-delete", project.pk,
                           audition_pk=foreign_audition.pk,
                           question_pk=question.pk)).status_code == 404
    assert not Audition.objects.filter(project=project).exists()
    assert AuditionQuestion.objects.filter(pk=question.pk).exists()


def test_a_question_of_another_audition_is_hidden(audition, lead, client_for, project,
                                                  make_consulted) -> None:
    other = services.audition_shortlist(project=project, consulted=make_consulted(project))
    question = services.audition_question_add(audition=other, text="Q ?", by=lead)
    response = client_for(lead).post(one("audition-question-delete", audition,
                                         question_pk=question.pk))
    assert response.status_code == 404
    assert AuditionQuestion.objects.filter(pk=question.pk).exists()


@pytest.mark.parametrize("role", [Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT])
def test_a_referent_proposes_questions_but_cannot_shortlist(audition, add_member, client_for,
                                                           make_consulted, role) -> None:
    project = audition.project
    referent = add_member(project, role).user
    client = client_for(referent)
    candidate = make_consulted(project)
    assert client.post(url("audition-shortlist", project.pk,
                           consulted_pk=candidate.pk)).status_code == 403
    assert client.post(one("audition-schedule", audition), {
        "scheduled_at": soon().strftime("%Y-%m-%dT%H:%M"), "duration_minutes": 60,
    }).status_code == 403
    assert client.post(one("audition-letter", audition)).status_code == 403
    page = plain(client.get(one("audition-detail", audition)).content.decode())
    assert "Vous pouvez proposer des questions" in page
    assert one("audition-schedule", audition) not in page
    response = client.post(one("audition-question-add", audition),
                           {"text": "Comment sont gérés les remplaçants ?"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Comment sont gérés les remplaçants ?" in plain(response.content.decode())
    question = audition.questions.get()
    assert question.asked_by == referent
    # Their own question: editable; the chef's: not; the order is the chef's.
    chef_question = services.audition_question_add(audition=audition, text="Prix ?",
                                                   by=project.created_by)
    assert client.post(one("audition-question-edit", audition, question_pk=question.pk),
                       {f"q{question.pk}-text": "Et les internes ?"}).status_code == 302
    assert client.post(one("audition-question-delete", audition,
                           question_pk=chef_question.pk)).status_code == 403
    assert client.post(one("audition-question-move", audition, question_pk=question.pk),
                       {"direction": "down"}).status_code == 403
    question.refresh_from_db()
    assert question.text == "Et les internes ?"


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OBSERVER])
def test_members_and_observers_only_read(audition, add_member, client_for, role) -> None:
    client = client_for(add_member(audition.project, role).user)
    assert client.get(url("auditions", audition.project_id)).status_code == 200
    page = plain(client.get(one("audition-detail", audition)).content.decode())
    assert "Lecture seule" in page
    assert 'method="post"' not in page.split("<main", 1)[1]
    assert client.post(one("audition-question-add", audition),
                       {"text": "Q ?"}).status_code == 403
    assert not audition.questions.exists()


def test_htmx_questions_add_move_and_refuse_empty(audition, lead, client_for) -> None:
    client = client_for(lead)
    for text in ("Première ?", "Seconde ?"):
        client.post(one("audition-question-add", audition), {"text": text},
                    HTTP_HX_REQUEST="true")
    second = audition.questions.get(text="Seconde ?")
    response = client.post(one("audition-question-move", audition, question_pk=second.pk),
                           {"direction": "up"}, HTTP_HX_REQUEST="true")
    html = plain(response.content.decode())
    assert html.index("Seconde ?") < html.index("Première ?")
    assert "<html" not in html  # the block only
    refused = client.post(one("audition-question-add", audition), {"text": "  "},
                          HTTP_HX_REQUEST="true")
    assert 'role="alert"' in plain(refused.content.decode())
    assert audition.questions.count() == 2


def test_schedule_in_the_past_shows_the_error_and_keeps_the_input(audition, lead,
                                                                  client_for) -> None:
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(lead).post(one("audition-schedule", audition), {
        "scheduled_at": past, "duration_minutes": 90, "location": "Salle B"})
    assert response.status_code == 400
    html = plain(response.content.decode())
    assert "à venir" in html
    assert 'value="Salle B"' in html
    audition.refresh_from_db()
    assert audition.scheduled_at is None


def test_the_lead_schedules_and_requests_the_convocation(audition, lead, client_for,
                                                        monkeypatch) -> None:
    from projects.documents import services as document_services

    monkeypatch.setattr(document_services, "_enqueue", lambda pk: None)
    client = client_for(lead)
    refused = plain(client.post(one("audition-letter", audition), follow=True).content.decode())
    assert "Programmez d&#x27;abord l&#x27;audition" in refused
    at = soon()
    client.post(one("audition-schedule", audition), {
        "scheduled_at": timezone.localtime(at).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": 90, "location": "Salle B", "attendees": "Cheffe, AMOA"})
    services.audition_question_add(audition=audition, text="Q ?", by=lead)
    response = client.post(one("audition-letter", audition), follow=True)
    assert "Convocation demandée" in plain(response.content.decode())
    audition.refresh_from_db()
    assert audition.scheduled_at == at
    listing = plain(client.get(url("auditions", audition.project_id)).content.decode())
    assert "En attente" in listing or "rechargez la page" in listing


def test_record_with_answers(audition, lead, client_for) -> None:
    question = services.audition_question_add(audition=audition, text="Délai ?", by=lead)
    today = timezone.localdate()
    response = client_for(lead).post(one("audition-record", audition), {
        "held_on": today.isoformat(), "notes": "Démonstration sur nos cas.",
        "synthesis": "Offre solide, formation à préciser.",
        f"answer-{question.pk}": "Trois mois."})
    assert response.status_code == 302
    audition.refresh_from_db()
    question.refresh_from_db()
    assert audition.held_on == today
    assert question.answer == "Trois mois."
    listing = plain(client_for(lead).get(url("auditions", audition.project_id)).content.decode())
    assert "Offre solide, formation à préciser." in listing
    assert "Audition tenue" in listing


def test_an_invalid_pdf_complement_is_refused_and_nothing_is_stored(
        audition, lead, client_for, media_root: Path) -> None:
    response = client_for(lead).post(one("audition-complement-add", audition), {
        "received_on": timezone.localdate().isoformat(), "summary": "Prix révisé",
        "file": SimpleUploadedFile("devis.pdf", b"PK\x03\x04 pas un pdf")})
    assert response.status_code == 400
    assert "pas un PDF" in plain(response.content.decode())
    assert not AuditionComplement.objects.exists()
    assert not (media_root / "auditions").exists()


def test_a_pdf_complement_is_downloadable_by_members(audition, lead, client_for,
                                                     add_member) -> None:
    client = client_for(lead)
    response = client.post(one("audition-complement-add", audition), {
        "received_on": timezone.localdate().isoformat(), "summary": "Prix révisé",
        "file": SimpleUploadedFile("devis.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 302
    complement = AuditionComplement.objects.get()
    member = client_for(add_member(audition.project, Role.MEMBER).user)
    download = member.get(one("audition-complement-file", audition,
                              complement_pk=complement.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    # The complement keeps the audition on the list.
    refused = client_for(lead).post(one("audition-unshortlist", audition), follow=True)
    assert "reste dans la liste" in plain(refused.content.decode())
    assert Audition.objects.filter(pk=audition.pk).exists()


def test_the_step_page_and_the_consultation_link_to_the_auditions(audition, lead,
                                                                  client_for) -> None:
    client = client_for(lead)
    step = client.get(reverse("projects:step-detail",
                              kwargs={"project_pk": audition.project_id, "number": 10}))
    assert url("auditions", audition.project_id) in plain(step.content.decode())
    consultation = client.get(url("consultation", audition.project_id))
    assert url("auditions", audition.project_id) in plain(consultation.content.decode())


def test_the_auditions_page_reads_in_few_queries(project, lead, client_for, make_consulted,
                                                 django_assert_max_num_queries) -> None:
    for _ in range(4):
        services.audition_shortlist(project=project, consulted=make_consulted(project))
    client = client_for(lead)
    with django_assert_max_num_queries(14):
        assert client.get(url("auditions", project.pk)).status_code == 200
