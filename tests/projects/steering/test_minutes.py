"""COPIL minutes: recorded once, decisions numbered and searchable, actions as tasks, the
dashboard frozen into them, and their PDF read back."""

from __future__ import annotations

import io
import itertools
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from msp_si.common.errors import DomainError
from projects.choices import DocumentKind, DocumentStatus, ProjectBody, RiskNature
from projects.documents.services import document_generate_now
from projects.models import Meeting, MeetingDecision, Project, Task
from projects.planning.services import meeting_delete
from projects.risks.services import risk_create
from projects.steering import selectors, services
from tests.typography import plain

pytestmark = pytest.mark.django_db
_serial = itertools.count(1)


def _copil(project: Project, days_ago: int = 2, topic: str = "Revue du projet") -> Meeting:
    return Meeting.objects.create(project=project, body=ProjectBody.STEERING_COMMITTEE,
                                  held_on=timezone.localdate() - timedelta(days=days_ago),
                                  topic=topic)


def _record(project: Project, meeting: Meeting, lead: Any, decisions: tuple[str, ...]) -> Any:
    risk = risk_create(project=project, by=lead, title=f"Risque {next(_serial)}",
                       nature=RiskNature.HUMAN, probability=3, impact=3)
    step = project.steps.get(number=3)
    return services.minutes_record(
        meeting=meeting, by=lead, attendees=list(project.memberships.all()),
        agenda="Avancement ; risques", decisions=decisions,
        actions=[services.ActionSpec("Relancer les référents",
                                     timezone.localdate() + timedelta(days=7), step, lead)],
        risks_reviewed=[risk],
        snapshot=selectors.dashboard_snapshot(project=project, today=timezone.localdate()))


def test_decisions_are_numbered_across_meetings_and_actions_become_tasks(
        project: Project, lead: Any) -> None:
    first = _record(project, _copil(project, 30), lead, ("Retenir deux éditeurs",))
    second = _record(project, _copil(project, 2), lead,
                     ("Auditionner les deux éditeurs", "Garder le plafond de budget"))
    assert [d.number for d in first.decisions.all()] == [1]
    assert [d.number for d in second.decisions.all()] == [2, 3]
    assert Task.objects.filter(project=project, meeting_action__minutes=second).count() == 1
    assert second.snapshot["current_phase"] == "1. Cadrage"
    assert set(second.snapshot["budget"]) == {"estimated", "committed", "paid", "variance"}
    assert second.attendee_names == [lead.display_name]


def test_minutes_are_recorded_once_for_a_past_copil_only(project: Project, lead: Any) -> None:
    meeting = _copil(project)
    _record(project, meeting, lead, ("Décision",))
    with pytest.raises(DomainError, match="déjà enregistré"):
        _record(project, meeting, lead, ("Autre décision",))
    with pytest.raises(DomainError, match="pas encore eu lieu"):
        _record(project, _copil(project, -3), lead, ())
    team = Meeting.objects.create(project=project, body=ProjectBody.PROJECT_TEAM,
                                  held_on=timezone.localdate(), topic="Point")
    with pytest.raises(DomainError, match="comité de pilotage"):
        _record(project, team, lead, ())
    with pytest.raises(DomainError, match="compte rendu enregistré"):
        meeting_delete(meeting=meeting)
    assert MeetingDecision.objects.filter(project=project).count() == 1


def test_decisions_are_searchable_by_text_and_number(project: Project, lead: Any,
                                                     client_for: Any) -> None:
    _record(project, _copil(project, 30), lead, ("Retenir deux éditeurs",))
    _record(project, _copil(project, 2), lead, ("Garder le plafond de budget",))
    client = client_for(lead)
    url = reverse("projects:copil", args=[project.pk])
    found = plain(client.get(url, {"q": "plafond"}).content.decode())
    assert "Garder le plafond de budget" in found
    assert "Retenir deux éditeurs" not in found
    assert "Retenir deux éditeurs" in plain(client.get(url, {"q": "D1"}).content.decode())


def test_the_chef_records_minutes_from_the_page(project: Project, lead: Any,
                                                client_for: Any) -> None:
    meeting = _copil(project)
    url = reverse("projects:copil-minutes-record", args=[project.pk, meeting.pk])
    membership = project.memberships.get()
    response = client_for(lead).post(url, {
        "attendees": [membership.pk], "agenda": "Avancement", "notes": "",
        "decisions": "Valider le calendrier\n\nLancer la consultation",
        "actions-TOTAL_FORMS": "3", "actions-INITIAL_FORMS": "0",
        "actions-0-description": "Envoyer le cahier des charges",
        "actions-0-due_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
    }, follow=True)
    content = plain(response.content.decode())
    assert "Le compte rendu est enregistré." in content
    assert "D2" in content
    assert "Lancer la consultation" in content
    assert Task.objects.filter(title="Envoyer le cahier des charges").exists()


def test_another_projects_copil_is_hidden(project: Project, lead: Any, make_project: Any,
                                          client_for: Any) -> None:
    other = _copil(make_project(name="MSP voisine"))
    client = client_for(lead)
    assert client.get(reverse("projects:copil-minutes",
                              args=[project.pk, other.pk])).status_code == 404


def test_the_minutes_pdf_reads_back(project: Project, lead: Any) -> None:
    minutes = _record(project, _copil(project), lead, ("Retenir deux éditeurs",))
    document = document_generate_now(project=project, kind=DocumentKind.COPIL_MINUTES,
                                     by=lead, subject=str(minutes.pk))
    assert document.status == DocumentStatus.DONE, document.error
    with document.file.open("rb") as stored:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(stored.read()))
                        .pages)
    for expected in ("Compte rendu de COPIL", "3. Décisions", "D1", "Retenir deux éditeurs",
                     "Relancer les référents", "Tableau de bord"):
        assert expected in text
