"""Pages of the anomaly log and the contract: filing, filters, moves, comments, IDOR."""

from __future__ import annotations

import pytest
from django.urls import reverse

from acceptance.anomalies import services
from acceptance.choices import AnomalyStatus as S
from acceptance.choices import Severity
from acceptance.models import Anomaly, AnomalyComment, Obligation
from projects.choices import Role
from requirements.models import Requirement
from requirements.needs.services import grid_initialise
from tests.typography import plain

from .helpers import contract_make

pytestmark = pytest.mark.django_db
NNBSP = "\u202f"


def _report(project, by, **extra):
    values = {"title": "Agenda vide", "description": "Les rendez-vous n'apparaissent pas.",
              "severity": Severity.MAJOR, **extra}
    return services.anomaly_report(project=project, by=by, **values)


def _url(name, project, *args):
    return reverse(f"acceptance:{name}", args=[project.pk, *args])


def test_a_member_files_an_anomaly_and_sees_its_due_time(contracted, client_for):
    project, _contract, users = contracted
    client = client_for(users[Role.MEMBER])
    response = client.post(_url("anomaly-create", project), {
        "title": "Ordonnance illisible", "description": "Le PDF est vide.",
        "reproduction": "1. Ouvrir un patient\n2. Imprimer", "severity": Severity.BLOCKING})
    anomaly = Anomaly.objects.get(project=project)
    assert response.status_code == 302
    assert response["Location"] == _url("anomaly-detail", project, anomaly.number)
    page = plain(client.get(response["Location"]).content.decode())
    assert "AN-001 — Ordonnance illisible" in page
    # 10:00 + 4 h of support on Monday 23 November 2026.
    assert "lundi 23 novembre 2026 à 14 h" in plain(page)


def test_a_bad_form_records_nothing_and_says_why(contracted, client_for):
    project, _contract, users = contracted
    response = client_for(users[Role.MEMBER]).post(_url("anomaly-create", project), {
        "title": "", "description": "x", "severity": "catastrophique"})
    assert response.status_code == 400
    assert "corrigez les erreurs" in plain(response.content.decode())
    assert not Anomaly.objects.exists()


def test_create_prefills_the_case_and_its_need(contracted, client_for):
    project, _contract, users = contracted
    grid_initialise(project=project)
    need = Requirement.objects.filter(project=project).first()
    case_model = Anomaly._meta.get_field("case").related_model
    case = case_model.objects.create(project=project, code="CAS-001", title="Prise de RDV",
                                     expected_result="Le RDV est créé", source="need",
                                     requirement=need)
    response = client_for(users[Role.MEMBER]).get(_url("anomaly-create", project)
                                                   + f"?case={case.pk}")
    form = response.context["form"]
    assert (form["case"].value(), str(form["requirement"].value())) == (case.pk, str(need.pk))


def test_the_list_filters_by_severity_status_and_lateness(contracted, client_for):
    project, _contract, users = contracted
    member = users[Role.MEMBER]
    _report(project, member, title="Majeure ouverte")
    minor = _report(project, member, title="Mineure prise en compte", severity=Severity.MINOR)
    services.anomaly_move(anomaly=minor, to=S.ACKNOWLEDGED, expected=S.OPEN, by=None)
    client = client_for(users[Role.OBSERVER])
    titles = lambda query: [a.title for a in client.get(  # noqa: E731
        _url("anomaly-list", project) + query).context["anomalies"]]
    assert titles("") == ["Mineure prise en compte", "Majeure ouverte"]
    assert titles("?severity=minor") == ["Mineure prise en compte"]
    assert titles("?status=open") == ["Majeure ouverte"]
    assert titles("?late=on") == []
    # htmx asks for the table alone.
    fragment = plain(client.get(_url("anomaly-list", project) + "?severity=major",
                          HTTP_HX_REQUEST="true").content.decode())
    assert fragment.startswith('<div id="anomaly-table"')
    assert "Majeure ouverte" in fragment


def test_the_list_page_has_a_bounded_number_of_queries(contracted, client_for,
                                                       django_assert_max_num_queries):
    project, _contract, users = contracted
    for n in range(12):
        _report(project, users[Role.MEMBER], title=f"Anomalie {n}")
    client = client_for(users[Role.MEMBER])
    with django_assert_max_num_queries(14):
        assert client.get(_url("anomaly-list", project)).status_code == 200


def test_the_amoa_moves_and_a_stale_form_is_refused(contracted, client_for):
    project, _contract, users = contracted
    anomaly = _report(project, users[Role.MEMBER])
    client = client_for(users[Role.AMOA])
    url = _url("anomaly-move", project, anomaly.number)
    client.post(url, {"move-to": S.REJECTED, "move-expected": S.OPEN,
                      "move-comment": "Fonctionne comme prévu", "move-is_internal": "on"})
    anomaly.refresh_from_db()
    assert anomaly.status == S.REJECTED
    # The same form sent again: nothing changes, the message says why.
    response = client.post(url, {"move-to": S.REJECTED, "move-expected": S.OPEN}, follow=True)
    assert "a changé entre-temps" in plain(response.content.decode())
    assert anomaly.history.count() == 2
    assert AnomalyComment.objects.get(anomaly=anomaly).is_internal


def test_another_projects_anomaly_is_hidden(contracted, client_for, make_project):
    project, _contract, users = contracted
    other = make_project(name="MSP voisine")
    contract_make(other)
    foreign = _report(other, other.created_by)
    client = client_for(users[Role.PROJECT_LEAD])
    # Same number in the URL, our project: only our own anomalies are reachable.
    assert client.get(_url("anomaly-detail", project, foreign.number)).status_code == 404
    for name, data in (("anomaly-move", {"move-to": S.REJECTED, "move-expected": S.OPEN}),
                       ("anomaly-comment", {"text": "intrusion"}),
                       ("anomaly-qualify", {"severity": Severity.MINOR})):
        assert client.post(_url(name, project, foreign.number), data).status_code == 404
    foreign.refresh_from_db()
    assert (foreign.status, foreign.severity) == (S.OPEN, Severity.MAJOR)
    assert not AnomalyComment.objects.exists()


def test_another_projects_obligation_is_hidden(contracted, client_for, make_project):
    project, _contract, users = contracted
    other = make_project(name="MSP voisine")
    grid_initialise(project=other)
    contract = contract_make(other)
    obligation = Obligation.objects.create(
        project=other, contract=contract, requirement=Requirement.objects.filter(
            project=other).first(), code="MET-01", need_text="Besoin", priority="essential",
        answer="Développement spécifique")
    response = client_for(users[Role.PROJECT_LEAD]).post(
        _url("obligation-edit", project, obligation.pk),
        {f"o{obligation.pk}-note": "détournée", f"o{obligation.pk}-promised_cost": "1"})
    assert response.status_code == 404
    obligation.refresh_from_db()
    assert obligation.note == ""


def test_the_chef_verifies_then_closes_a_corrected_anomaly(contracted, client_for):
    project, _contract, users = contracted
    anomaly = _report(project, users[Role.MEMBER])
    services.anomaly_move(anomaly=anomaly, to=S.CORRECTED, expected=S.OPEN, by=None)
    client = client_for(users[Role.PROJECT_LEAD])
    url = _url("anomaly-move", project, anomaly.number)
    page = plain(client.post(url, {"move-to": S.VERIFIED, "move-expected": S.CORRECTED},
                       follow=True).content.decode())
    assert "Passer à « Close »" in page
    client.post(url, {"move-to": S.CLOSED, "move-expected": S.VERIFIED})
    anomaly.refresh_from_db()
    assert anomaly.status == S.CLOSED
