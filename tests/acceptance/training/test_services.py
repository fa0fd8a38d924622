"""Step 15: groups from the team, convocations with their .ics, attendance, documents."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from acceptance.choices import AcceptanceDocument, AttendanceStatus, TrainingMode
from acceptance.training import selectors, services
from acceptance.training.models import TrainingGroup
from msp_si.common.errors import DomainError
from projects.choices import DocumentStatus, Profession
from projects.documents.services import document_generate_now

pytestmark = pytest.mark.django_db


def _at(day: int, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime(2026, 11, day, hour, 0))


def _session(team, *, day: int, groups, title: str = "Prise en main du dossier patient"):
    return services.session_create(
        project=team.project, title=title, starts_at=_at(day), duration_minutes=180,
        mode=TrainingMode.IN_PERSON, location="Salle de réunion du pôle",
        trainer="Formatrice de l'éditeur", capacity=10, groups=groups)


def test_groups_come_from_the_team_and_list_people_without_account(team) -> None:
    assert services.training_groups_build(project=team.project) == 4
    assert services.training_groups_build(project=team.project) == 0  # idempotent
    groups = {g.name: sorted(t.user_id for t in g.trainees.all())
              for g in TrainingGroup.objects.filter(project=team.project)}
    assert groups == {
        "Administrateurs": sorted([team.lead.pk, team.nurse_referent.pk]),
        "Médecin généraliste": [team.doctor.pk],
        "Secrétariat et accueil": [team.secretary.pk],
    }
    desk = TrainingGroup.objects.get(project=team.project, name="Secrétariat et accueil")
    services.trainee_add(group=desk, name="Inès  Morel", profession=Profession.SECRETARY)
    with pytest.raises(DomainError, match="déjà dans ce groupe"):
        services.trainee_add(group=desk, name="inès morel")
    assert desk.trainees.filter(user__isnull=True, name="Inès Morel").exists()


def test_convocations_leave_once_with_an_ics_for_those_with_an_account(team) -> None:
    services.training_groups_build(project=team.project)
    desk = TrainingGroup.objects.get(project=team.project, name="Secrétariat et accueil")
    services.trainee_add(group=desk, name="Inès Morel", profession=Profession.SECRETARY)
    session = _session(team, day=30, groups=[desk])
    assert services.session_convocations_send(session=session) == 1
    [message] = mail.outbox
    assert message.to == [team.secretary.email]
    assert "Prise en main du dossier patient" in message.subject
    assert "30 novembre 2026" in message.subject
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == ("formation.ics", "text/calendar")
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == _at(30)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=3)
    assert str(event["location"]) == "Salle de réunion du pôle"
    with pytest.raises(DomainError, match="déjà parties"):
        services.session_convocations_send(session=session)
    assert len(mail.outbox) == 1


def test_attendance_counts_who_is_trained_and_warns_on_timing(team) -> None:
    services.training_groups_build(project=team.project)
    admins = TrainingGroup.objects.get(project=team.project, name="Administrateurs")
    doctors = TrainingGroup.objects.get(project=team.project, name="Médecin généraliste")
    past = _session(team, day=9, groups=[admins])   # > 4 weeks before the 14 December
    future = _session(team, day=30, groups=[doctors], title="Formation des médecins")
    lead_trainee = admins.trainees.get(user=team.lead)
    nurse_trainee = admins.trainees.get(user=team.nurse_referent)
    with pytest.raises(DomainError, match="une fois la session commencée"):
        services.attendance_record(session=future, statuses={
            doctors.trainees.get().pk: AttendanceStatus.PRESENT})
    with pytest.raises(DomainError, match="pas convoquée"):
        services.attendance_record(session=past, statuses={
            doctors.trainees.get().pk: AttendanceStatus.PRESENT})
    services.attendance_record(session=past, statuses={
        lead_trainee.pk: AttendanceStatus.PRESENT, nurse_trainee.pk: AttendanceStatus.EXCUSED})
    page = selectors.training_page(project=team.project)
    by_group = {c.label: (c.trained, c.to_train) for c in page.by_group}
    assert by_group == {"Administrateurs": (1, 1), "Médecin généraliste": (0, 1),
                        "Secrétariat et accueil": (0, 1)}
    warnings = {line.session.title: line.warnings for line in page.sessions}
    assert "5 semaines avant la mise en service" in warnings[past.title][0]
    assert warnings["Formation des médecins"] == []


def _pdf_text(document) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_plan_convocation_and_sign_in_sheet_read_back(team) -> None:
    services.training_groups_build(project=team.project)
    desk = TrainingGroup.objects.get(project=team.project, name="Secrétariat et accueil")
    services.trainee_add(group=desk, name="Inès Morel", profession=Profession.SECRETARY)
    session = _session(team, day=9, groups=[desk], title="Agenda et accueil des patients")
    services.attendance_record(session=session, statuses={
        desk.trainees.get(name="Inès Morel").pk: AttendanceStatus.PRESENT})

    plan = document_generate_now(project=team.project, kind=AcceptanceDocument.TRAINING_PLAN,
                                 by=team.lead)
    assert plan.status == DocumentStatus.DONE, plan.error
    text = _pdf_text(plan)
    assert "Plan de formation" in text
    assert "Mise en service prévue le 14 décembre 2026" in text
    assert "Secrétariat et accueil (2 personnes)" in text
    assert "Inès Morel (Secrétaire / assistant·e médical·e)" in text
    assert "Agenda et accueil des patients" in text
    assert "5 semaines avant la mise en service" in text

    for kind, expected in ((AcceptanceDocument.TRAINING_CONVOCATION, "Vous êtes convoqué·e"),
                           (AcceptanceDocument.TRAINING_SIGN_IN, "2 personnes convoquées.")):
        document = document_generate_now(project=team.project, kind=kind, by=team.lead,
                                         subject=str(session.pk), subject_label=session.title)
        assert document.status == DocumentStatus.DONE, document.error
        text = _pdf_text(document)
        assert expected in text
        assert "Inès Morel" in text
        assert "lundi 9 novembre 2026 à 9 h" in text
