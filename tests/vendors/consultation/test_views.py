"""Views of step 9: permissions, 404 across projects, upload → preview → confirm, the link."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.choices import Role
from projects.documents import services as document_services
from projects.models import Document
from tests.typography import plain
from vendors.choices import VendorsDocument
from vendors.consultation import services
from vendors.consultation.models import AnswerSet, AnswerSetStatus, AnswerSource, Consultation

from ..cadre_files import shared_strings_bomb
from ..consultation_fixtures import filled_for


def url(name: str, consulted=None, **kwargs) -> str:  # type: ignore[no-untyped-def]
    if consulted is not None:
        kwargs = {"project_pk": consulted.project_id, "consulted_pk": consulted.pk, **kwargs}
    return reverse(f"vendors:{name}", kwargs=kwargs)


def upload(client: Client, address: str, content: bytes, name: str = "reponse.xlsx"):  # type: ignore[no-untyped-def]
    return client.post(address, {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def enqueued(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    sent: list[int] = []
    monkeypatch.setattr(document_services, "_enqueue", sent.append)
    return sent


def test_the_lead_sees_consulted_and_available_vendors(consulted, kept, lead,
                                                       client_for) -> None:
    other = kept(consulted.project)
    response = client_for(lead).get(url("consultation", project_pk=consulted.project_id))
    assert response.status_code == 200
    page = plain(response.content.decode())
    assert consulted.vendor.name in page
    assert f'<option value="{other.pk}">' in page
    assert "Réponse attendue" in page


def test_the_step_page_links_to_the_consultation(project, lead, client_for) -> None:
    response = client_for(lead).get(reverse("projects:step-detail",
                                            kwargs={"project_pk": project.pk, "number": 9}))
    assert url("consultation", project_pk=project.pk) in plain(response.content.decode())


def test_the_amoa_conducts_the_consultation(consulted, add_member, client_for) -> None:
    amoa = add_member(consulted.project, Role.AMOA).user
    client = client_for(amoa)
    assert client.get(url("consultation", project_pk=consulted.project_id)).status_code == 200
    response = upload(client, url("answers-upload", consulted), filled_for(consulted))
    assert response.status_code == 302


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OBSERVER, Role.PROFESSION_REFERENT,
                                  Role.DOMAIN_REFERENT])
def test_other_roles_read_the_page_but_are_refused_every_action(consulted, add_member,
                                                                client_for, role) -> None:
    client = client_for(add_member(consulted.project, role).user)
    page = client.get(url("consultation", project_pk=consulted.project_id))
    assert page.status_code == 200
    html = plain(page.content.decode())
    assert "Lecture seule" in html
    assert consulted.vendor.name in html
    assert 'method="post"' not in html.split("<main", 1)[1]
    assert url("answers-upload", consulted) not in html
    assert client.get(url("answers-upload", consulted)).status_code == 403
    assert upload(client, url("answers-upload", consulted),
                  filled_for(consulted)).status_code == 403
    assert client.post(url("consulted-link", consulted)).status_code == 403
    assert client.post(url("consulted-add", project_pk=consulted.project_id),
                       {"assessment": consulted.assessment_id}).status_code == 403
    assert not AnswerSet.objects.exists()


def test_another_projects_ids_give_404(consulted, make_project, client_for,
                                       make_user) -> None:
    stranger = make_user()
    other = make_project(name="Autre MSP", lead=stranger)
    client = client_for(stranger)
    for name in ("answers-upload", "consulted-link", "consulted-remove", "consulted-sent"):
        address = reverse(f"vendors:{name}", kwargs={"project_pk": other.pk,
                                                     "consulted_pk": consulted.pk})
        assert client.post(address).status_code == 404
    pending = services.answers_preview(consulted=consulted, content=filled_for(consulted),
                                       file_name="r.xlsx", by=None)
    address = reverse("vendors:answers-preview", kwargs={
        "project_pk": other.pk, "consulted_pk": consulted.pk, "answer_set_pk": pending.pk})
    assert client.post(address).status_code == 404
    pending.refresh_from_db()
    assert pending.status == AnswerSetStatus.PENDING


def test_upload_preview_then_confirm_once(consulted, lead, client_for) -> None:
    client = client_for(lead)
    response = upload(client, url("answers-upload", consulted), filled_for(consulted))
    answer_set = AnswerSet.objects.get()
    assert response["Location"] == url("answers-preview", consulted,
                                       answer_set_pk=answer_set.pk)
    page = plain(client.get(response["Location"]).content.decode())
    assert "Réponses par priorité" in page
    assert "Indispensable" in page
    assert re.search(r"Total HT</th><td>5\W?900,00</td>", page)
    assert client.post(response["Location"]).status_code == 302
    assert client.post(response["Location"]).status_code == 302
    answer_set.refresh_from_db()
    assert (answer_set.status, answer_set.is_current) == (AnswerSetStatus.CONFIRMED, True)
    assert AnswerSet.objects.count() == 1
    page = plain(client.get(url("consultation", project_pk=consulted.project_id)).content.decode())
    assert "Réponse reçue dans les délais" in page


def test_a_hostile_upload_is_explained_and_records_nothing(consulted, lead,
                                                           client_for) -> None:
    response = upload(client_for(lead), url("answers-upload", consulted), b"MZ\x90\x00 exe")
    assert response.status_code == 200
    page = plain(response.content.decode())
    assert "rien n'a été enregistré" in page
    assert "classeur Excel" in page
    assert not AnswerSet.objects.exists()


def test_the_document_buttons_queue_the_vendors_letter_and_cadre(consulted, lead,
                                                                 client_for,
                                                                 enqueued) -> None:
    client = client_for(lead)
    for slug in ("lettre", "cadre"):
        assert client.post(url("consulted-document", consulted, kind=slug)).status_code == 302
    documents = Document.objects.filter(project=consulted.project)
    assert sorted(documents.values_list("kind", "subject")) == [
        (VendorsDocument.CONSULTATION_LETTER, str(consulted.pk)),
        (VendorsDocument.VENDOR_CADRE, str(consulted.pk))]
    assert len(enqueued) == 2
    assert client.post(url("consulted-document", consulted, kind="autre")).status_code == 302
    assert documents.count() == 2


def test_the_sent_date_is_recorded(consulted, lead, client_for) -> None:
    today = timezone.localdate()
    client_for(lead).post(url("consulted-sent", consulted),
                          {f"sent-{consulted.pk}-sent_on": today.isoformat()})
    consulted.refresh_from_db()
    assert consulted.sent_on == today


def _link(client: Client, consulted) -> str:  # type: ignore[no-untyped-def]
    response = client.post(url("consulted-link", consulted))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = plain(response.content.decode())
    start = page.index('value="http') + len('value="')
    return page[start:page.index('"', start)]


def test_the_vendor_uploads_through_its_secret_link(consulted, lead, client_for) -> None:
    link = _link(client_for(lead), consulted)
    anonymous = Client()
    assert anonymous.get(link).status_code == 200
    response = upload(anonymous, link, filled_for(consulted))
    assert response.status_code == 302
    answer_set = AnswerSet.objects.get()
    assert answer_set.source == AnswerSource.VENDOR_LINK
    assert "Transmettre ma réponse" in plain(anonymous.get(response["Location"]).content.decode())
    done = anonymous.post(response["Location"])
    assert "Réponse transmise" in plain(done.content.decode())
    anonymous.post(response["Location"])
    answer_set.refresh_from_db()
    assert answer_set.is_current
    assert AnswerSet.objects.count() == 1


def test_a_hostile_file_through_the_link_records_nothing(consulted, lead, client_for) -> None:
    link = _link(client_for(lead), consulted)
    response = upload(Client(), link, b"PK\x03\x04 broken")
    assert response.status_code == 200
    assert "rien n'a été enregistré" in plain(response.content.decode())
    assert not AnswerSet.objects.exists()


def test_a_table_of_millions_of_strings_through_the_link_is_refused(consulted, lead,
                                                                   client_for) -> None:
    link = _link(client_for(lead), consulted)
    response = upload(Client(), link, shared_strings_bomb(filled_for(consulted),
                                                          megabytes=55))
    assert response.status_code == 200
    page = plain(response.content.decode())
    assert "trop volumineux pour un cadre de réponse" in page
    assert "rien n'a été enregistré" in page
    assert not AnswerSet.objects.exists()


def test_a_link_used_too_often_answers_429_in_french_and_records_nothing(
        consulted, lead, client_for, link_posts_allowed) -> None:
    link = _link(client_for(lead), consulted)
    vendor = Client()
    for _attempt in range(link_posts_allowed):
        assert vendor.post(link).status_code == 200  # no file: the form says so
    response = upload(vendor, link, filled_for(consulted))
    assert response.status_code == 429
    assert "Trop de demandes" in plain(response.content.decode())
    assert "Réessayez dans une dizaine de minutes" in plain(response.content.decode())
    assert not AnswerSet.objects.exists()
    assert vendor.get(link).status_code == 200
    assert upload(Client(REMOTE_ADDR="203.0.113.9"), link,
                  filled_for(consulted)).status_code == 302


def test_a_wrong_or_expired_link_is_refused_in_french(consulted, lead, client_for) -> None:
    link = _link(client_for(lead), consulted)
    anonymous = Client()
    wrong = anonymous.get(link[:-4] + "abc/")
    assert wrong.status_code == 404
    assert "Lien de dépôt invalide ou expiré" in plain(wrong.content.decode())
    Consultation.objects.filter(project=consulted.project).update(
        response_deadline=timezone.localdate() - timedelta(days=1))
    assert anonymous.get(link).status_code == 404
    response = upload(anonymous, link, filled_for(consulted))
    assert response.status_code == 404
    assert "Lien de dépôt invalide ou expiré" in plain(response.content.decode())
    assert not AnswerSet.objects.exists()


def test_a_regenerated_link_replaces_the_old_one(consulted, lead, client_for) -> None:
    client = client_for(lead)
    first = _link(client, consulted)
    second = _link(client, consulted)
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200


def test_the_vendor_cannot_confirm_a_set_uploaded_by_the_team(consulted, lead,
                                                              client_for) -> None:
    link = _link(client_for(lead), consulted)
    pending = services.answers_preview(consulted=consulted, content=filled_for(consulted),
                                       file_name="r.xlsx", by=lead)
    assert Client().post(f"{link}{pending.pk}/").status_code == 404
    pending.refresh_from_db()
    assert pending.status == AnswerSetStatus.PENDING


def test_only_kept_vendors_can_be_added(project, grid, lead, client_for,
                                        make_assessment) -> None:
    studied = make_assessment(project)
    client_for(lead).post(url("consulted-add", project_pk=project.pk),
                          {"assessment": studied.pk})
    assert not project.consulted_vendors.exists()


def test_an_oversized_upload_is_refused_before_it_is_read(consulted, lead,
                                                          client_for) -> None:
    big = b"PK" + b"\0" * (6 * 1024 * 1024)
    response = upload(client_for(lead), url("answers-upload", consulted), big)
    assert response.status_code == 200
    assert "dépasse 5 Mo" in plain(response.content.decode())
    assert not AnswerSet.objects.exists()


def test_adding_a_sixth_vendor_warns_about_the_method(project, grid, kept, lead,
                                                      client_for) -> None:
    client = client_for(lead)
    for _ in range(6):
        response = client.post(url("consulted-add", project_pk=project.pk),
                               {"assessment": kept(project).pk}, follow=True)
    assert "la méthode en conseille 3" in plain(response.content.decode())
    assert project.consulted_vendors.count() == 6


def test_the_documents_page_lists_the_vendors_letter_and_cadre(consulted, lead,
                                                               client_for) -> None:
    document = document_services.document_generate_now(
        project=consulted.project, kind=VendorsDocument.VENDOR_CADRE, by=lead,
        subject=str(consulted.pk), subject_label=str(consulted.vendor))
    client = client_for(lead)
    response = client.get(reverse("projects:document-list", args=[consulted.project_id]))
    assert response.status_code == 200
    download = client.get(reverse("projects:document-download",
                                  args=[consulted.project_id, document.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith(f'cadre-de-reponse-{consulted.pk}-v1.xlsx"')


def test_the_consultation_page_query_count_does_not_grow_with_vendors(
        project, grid, kept, lead, client_for) -> None:
    client = client_for(lead)
    address = url("consultation", project_pk=project.pk)

    def consult_one() -> None:
        consulted = services.consulted_add(project=project, assessment=kept(project))
        services.answers_confirm(answer_set=services.answers_preview(
            consulted=consulted, content=filled_for(consulted), file_name="r.xlsx", by=lead),
            by=lead)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured.captured_queries)

    consult_one()
    client.get(address)
    one = queries()
    for _ in range(3):
        consult_one()
    assert queries() == one


def test_an_unconfirmed_file_is_shown_on_the_consultation_page(consulted, lead,
                                                               client_for) -> None:
    pending = services.answers_preview(consulted=consulted, content=filled_for(consulted),
                                       file_name="depose.xlsx", by=None,
                                       source=AnswerSource.VENDOR_LINK)
    page = client_for(lead).get(url("consultation", project_pk=consulted.project_id))
    assert "« depose.xlsx »" in plain(page.content.decode())
    assert url("answers-preview", consulted, answer_set_pk=pending.pk) in plain(
        page.content.decode())
    assert "Réponse attendue" in plain(page.content.decode())


def test_the_letters_terms_are_recorded_and_dates_on_closed_days_flagged(
        consulted, lead, client_for) -> None:
    client = client_for(lead)
    address = url("consultation-deadline", project_pk=consulted.project_id)
    page = plain(client.post(address, {
        # 2026-12-25 is Christmas, 2026-12-19 a Saturday.
        "response_deadline": "2026-12-25", "questions_until": "2026-12-19",
        "sender_address": "3 place des Trois-Rivières\n07999 Confluent", "contact_email":
        "projet@msp.test", "contact_phone": "01 99 00 70 07", "offer_validity_days": "90",
    }, follow=True).content.decode())
    consultation = Consultation.objects.get(project=consulted.project)
    assert (consultation.offer_validity_days, consultation.contact_email) == (90,
                                                                              "projet@msp.test")
    assert consultation.sender_address.startswith("3 place des Trois-Rivières")
    assert "La date limite de réponse tombe un jour férié (Noël)" in page
    assert "La date limite des questions tombe un samedi" in page

    # Bad input: a clear message, nothing changed.
    refused = client.post(address, {"response_deadline": "2027-01-15",
                                    "offer_validity_days": "5"}, follow=True)
    assert "Rien n&#x27;est enregistré" in plain(refused.content.decode())
    consultation.refresh_from_db()
    assert consultation.offer_validity_days == 90
