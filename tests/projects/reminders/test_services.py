"""Sending today's reminders: who gets what, read from the test outbox; never twice."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection

from acceptance.anomalies.services import anomaly_report
from acceptance.choices import Severity, TrainingMode
from acceptance.models import Anomaly
from acceptance.training.models import TrainingGroup
from acceptance.training.services import session_create, training_groups_build
from msp_si.common import clock
from msp_si.common.errors import DomainError
from projects.choices import DocumentKind, DocumentStatus, Profession, Role
from projects.framing.services import contribution_save
from projects.models import Document, ReminderOptOut, SentReminder
from projects.planning.services import task_create
from projects.reminders import services
from projects.steps.services import step_update
from requirements.models import Priority, Requirement
from requirements.needs.rules import Editor
from requirements.needs.services import grid_initialise, profession_priority_set
from tests.acceptance.anomalies.helpers import contract_make
from vendors.votes.services import OptionSpec, vote_cast, vote_open


def _today():  # type: ignore[no-untyped-def]
    return clock.today()


def _sent_to(email: str) -> list[mail.EmailMultiAlternatives]:
    return [m for m in mail.outbox if m.to == [email]]


def _text(message) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"[ \n]+", " ", message.body)  # keeps the no-break spaces


def test_a_task_due_in_three_days_and_a_late_step_go_in_one_french_email(
        project, lead, add_member) -> None:
    nurse = add_member(project, Role.PROFESSION_REFERENT).user
    step = project.steps.get(number=3)
    task_create(project=project, step=step, title="Recenser les postes", owner=nurse,
                start_on=_today() - timedelta(days=10), due_on=_today() + timedelta(days=3))
    step_update(step=project.steps.get(number=2), owner=nurse, start_on=None,
                due_on=_today() - timedelta(days=1))
    assert services.reminders_send() == 1
    [message] = _sent_to(nurse.email)
    assert message.subject == "MSP SI : 2 rappels"
    body = _text(message)
    assert "Tâche « Recenser les postes » : à rendre dans 3 jours (le 26\u00a0novembre 2026)" \
        in body
    assert "Étape 2. Équipe projet : en retard de 1 jour (échéance le 22\u00a0novembre 2026)" \
        in body
    # Steps come before tasks: the order of the declared kinds.
    assert body.index("Étape 2.") < body.index("Tâche «")
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Recenser les postes" in html
    assert f"/projets/{project.pk}/calendrier/" in html
    assert re.search(r"/rappels/arret/[^/\s]+/", body)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert _sent_to(lead.email) == []


def test_a_second_tick_the_same_day_sends_nothing_the_next_day_sends_what_is_due(
        project, lead) -> None:
    task_create(project=project, step=project.steps.get(number=3), title="Tâche", owner=lead,
                start_on=_today() - timedelta(days=3), due_on=_today())
    assert services.reminders_send() == 1
    assert services.reminders_send() == 0
    assert len(mail.outbox) == 1
    assert SentReminder.objects.filter(user=lead).count() == 1
    # The next day, between the day itself and the first late day: nothing.
    tomorrow = _today() + timedelta(days=1)
    assert services.reminders_send(today=tomorrow, now=clock.now() + timedelta(days=1)) == 1
    assert "en retard de 1 jour" in _text(mail.outbox[-1])


def test_a_stopped_kind_is_not_sent_the_others_are(project, lead) -> None:
    step = project.steps.get(number=3)
    task_create(project=project, step=step, title="Tâche", owner=lead,
                start_on=_today(), due_on=_today())
    step_update(step=step, owner=lead, start_on=None, due_on=_today())
    services.reminder_preferences_set(user=lead, enabled=["step_due"])
    assert services.reminders_send() == 1
    [message] = mail.outbox
    assert message.subject == "MSP SI : 1 rappel"
    assert "Étape 3." in _text(message)
    assert "Tâche «" not in _text(message)


def test_the_professionals_without_a_contribution_are_reminded(project, lead,
                                                                  add_member) -> None:
    writer = add_member(project, Role.MEMBER).user
    silent = add_member(project, Role.MEMBER).user
    amoa = add_member(project, Role.AMOA).user   # no contribution expected from the AMOA
    contribution_save(project=project, author=writer, expectations="Un agenda partagé",
                      wished_record_sharing=2, wished_coordination=2, wished_steering=1)
    step_update(step=project.steps.get(number=1), owner=None, start_on=None,
                due_on=_today() + timedelta(days=3))
    services.reminders_send()
    assert {m.to[0] for m in mail.outbox} == {lead.email, silent.email}
    assert "Votre contribution au cadrage (étape 1) : à rendre dans 3 jours" in _text(
        _sent_to(silent.email)[0])
    assert _sent_to(writer.email) == _sent_to(amoa.email) == []


def test_reviewers_who_have_not_commented_are_reminded_before_validation(
        project, lead, add_member) -> None:
    referent = add_member(project, Role.PROFESSION_REFERENT).user
    member = add_member(project, Role.MEMBER).user   # a member does not review
    Document.objects.create(project=project, kind=DocumentKind.NOTE_DE_CADRAGE, version=1,
                            requested_by=lead, status=DocumentStatus.DONE)
    step_update(step=project.steps.get(number=1), owner=None, start_on=None,
                due_on=_today() + timedelta(days=3))
    services.reminder_preferences_set(user=referent, enabled=["review_due"])
    services.reminders_send()
    [message] = _sent_to(referent.email)
    assert "Relecture de « Note de cadrage » (version 1), validation à rendre dans 3 jours" \
        in _text(message)
    assert all("Relecture" not in _text(m) for m in _sent_to(member.email))


def test_referents_who_have_not_prioritised_are_reminded_before_the_freeze(
        project, lead, add_member) -> None:
    nurse = add_member(project, Role.PROFESSION_REFERENT, profession=Profession.NURSE).user
    doctor = add_member(project, Role.PROFESSION_REFERENT, profession=Profession.GP).user
    grid_initialise(project=project)
    transversal = list(Requirement.objects.filter(project=project, profession=""))
    for requirement in transversal:
        profession_priority_set(requirement=requirement, by=doctor,
                                editor=Editor(can_edit_needs=True, profession=Profession.GP),
                                profession=Profession.GP, priority=Priority.IMPORTANT,
                                comment="")
    profession_priority_set(requirement=transversal[0], by=nurse,
                            editor=Editor(can_edit_needs=True, profession=Profession.NURSE),
                            profession=Profession.NURSE, priority=Priority.ESSENTIAL,
                            comment="")
    step_update(step=project.steps.get(number=6), owner=None, start_on=None, due_on=_today())
    services.reminders_send()
    [message] = _sent_to(nurse.email)
    missing = len(transversal) - 1
    assert (f"{missing} besoins transversaux attendent la priorité de votre profession "
            f"(Infirmier·ère) ; grille à figer à rendre aujourd'hui") in _text(message)
    assert _sent_to(doctor.email) == []


def test_members_who_have_not_voted_are_reminded_the_day_before_the_close(
        project, lead, add_member) -> None:
    voter, idle = add_member(project, Role.MEMBER).user, add_member(project, Role.MEMBER).user
    now = clock.now()
    vote = vote_open(project=project, by=lead, question="Quel logiciel ?",
                     options=[OptionSpec("Logiciel A"), OptionSpec("Logiciel B")],
                     opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=1),
                     quorum_kind="share", quorum_value=50, majority="simple",
                     is_secret=True, max_proxies=1)
    vote_cast(vote=vote, by=voter, option_pk=vote.options.first().pk)
    services.reminders_send()
    assert {m.to[0] for m in mail.outbox} == {lead.email, idle.email}
    assert "Vote « Quel logiciel ? » : clôture le mardi 24\u00a0novembre 2026 à 10\u00a0h" \
        in _text(_sent_to(idle.email)[0])


def test_trainees_are_reminded_the_day_before_their_session(project, lead, add_member) -> None:
    nurse = add_member(project, Role.MEMBER, profession=Profession.NURSE).user
    member = add_member(project, Role.MEMBER, profession=Profession.GP).user
    training_groups_build(project=project)
    nurses = TrainingGroup.objects.get(project=project, profession=Profession.NURSE)
    session_create(project=project, title="Prise en main de l'agenda",
                   starts_at=clock.now() + timedelta(days=1), duration_minutes=120,
                   mode=TrainingMode.IN_PERSON, location="Salle de réunion", groups=[nurses])
    services.reminders_send()
    [message] = _sent_to(nurse.email)
    assert ("Formation « Prise en main de l'agenda » demain, mardi 24\u00a0novembre 2026 à "
            "10\u00a0h — Salle de réunion") in _text(message)
    assert _sent_to(member.email) == []


def test_the_chef_is_told_of_anomalies_past_their_sla(project, lead, add_member) -> None:
    amoa = add_member(project, Role.AMOA).user
    contract_make(project)
    anomaly = anomaly_report(project=project, by=amoa, title="L'agenda ne s'affiche pas",
                             description="Écran blanc", severity=Severity.BLOCKING)
    Anomaly.objects.filter(pk=anomaly.pk).update(due_at=clock.now() - timedelta(hours=3))
    services.reminders_send()
    [message] = mail.outbox
    assert message.to == [lead.email]
    assert (f"AN-{anomaly.number:03d} — L'agenda ne s'affiche pas : pas prise en compte "
            "par le prestataire, délai dépassé depuis moins d'un jour") in _text(message)


def test_a_mail_server_failure_records_nothing_and_the_next_tick_retries(
        project, lead, settings) -> None:
    task_create(project=project, step=project.steps.get(number=3), title="Tâche", owner=lead,
                start_on=_today(), due_on=_today())
    settings.EMAIL_BACKEND = "tests.projects.reminders.failing_mail.Backend"
    assert services.reminders_send() == 0
    assert not SentReminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.reminders_send() == 1


def test_an_inactive_account_gets_nothing(project, lead, add_member) -> None:
    member = add_member(project, Role.MEMBER).user
    task_create(project=project, step=project.steps.get(number=3), title="Tâche",
                owner=member, start_on=_today(), due_on=_today())
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert services.reminders_send() == 0


def test_preferences_refuse_an_unknown_kind_and_change_nothing(lead) -> None:
    services.reminder_preferences_set(user=lead, enabled=["task_due"])
    before = set(ReminderOptOut.objects.filter(user=lead).values_list("kind", flat=True))
    with pytest.raises(DomainError, match="existe pas"):
        services.reminder_preferences_set(user=lead, enabled=["task_due", "inconnu"])
    assert set(ReminderOptOut.objects.filter(user=lead).values_list("kind", flat=True)) \
        == before
    assert "task_due" not in before
    assert "step_due" in before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="verrous de PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_ticks_at_once_send_each_reminder_once(project, lead, add_member) -> None:
    people = [lead] + [add_member(project, Role.MEMBER).user for _ in range(4)]
    step = project.steps.get(number=3)
    for person in people:
        task_create(project=project, step=step, title=f"Tâche de {person.last_name}",
                    owner=person, start_on=_today(), due_on=_today())
    barrier = threading.Barrier(2)
    counts: list[int] = []

    def tick() -> None:
        barrier.wait()
        try:
            counts.append(services.reminders_send())
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == len(people)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert SentReminder.objects.count() == len(people)


def _busy_project(make_project, add_member):  # type: ignore[no-untyped-def]
    """A project with something due of every kind of reminder."""
    project = make_project(name=f"MSP {Role.MEMBER}")
    member = add_member(project, Role.MEMBER).user
    add_member(project, Role.PROFESSION_REFERENT)
    today = _today()
    for number in (1, 2, 3, 6):
        step_update(step=project.steps.get(number=number), owner=member, start_on=None,
                    due_on=today)
    task_create(project=project, step=project.steps.get(number=3), title="Tâche",
                owner=member, start_on=today, due_on=today)
    Document.objects.create(project=project, kind=DocumentKind.NOTE_DE_CADRAGE, version=1,
                            requested_by=project.created_by, status=DocumentStatus.DONE)
    grid_initialise(project=project)
    now = clock.now()
    vote_open(project=project, by=project.created_by, question="Quel logiciel ?",
              options=[OptionSpec("A"), OptionSpec("B")], opens_at=now - timedelta(hours=1),
              closes_at=now + timedelta(days=1), quorum_kind="share", quorum_value=50,
              majority="simple", is_secret=True, max_proxies=1)
    training_groups_build(project=project)
    session_create(project=project, title="Agenda", starts_at=now + timedelta(days=1),
                   duration_minutes=60, mode=TrainingMode.IN_PERSON, location="Salle",
                   groups=TrainingGroup.objects.filter(project=project))
    contract_make(project)
    anomaly = anomaly_report(project=project, by=project.created_by, title="Écran blanc",
                             description="Rien ne s'affiche", severity=Severity.BLOCKING)
    Anomaly.objects.filter(pk=anomaly.pk).update(due_at=now - timedelta(hours=1))
    return project


def test_what_is_due_is_found_in_a_fixed_number_of_queries(make_project, add_member) -> None:
    from django.test.utils import CaptureQueriesContext

    _busy_project(make_project, add_member)
    with CaptureQueriesContext(connection) as one:
        first = services.reminders_due(today=_today(), now=clock.now())
    for _ in range(3):
        _busy_project(make_project, add_member)
    with CaptureQueriesContext(connection) as four:
        second = services.reminders_due(today=_today(), now=clock.now())
    assert {item.kind for item in first} >= {"step_due", "task_due", "contribution_missing",
                                             "review_due", "priorities_missing",
                                             "vote_closing", "training_tomorrow",
                                             "anomaly_late"}
    assert len(second) == 4 * len(first)
    assert len(four.captured_queries) == len(one.captured_queries)
