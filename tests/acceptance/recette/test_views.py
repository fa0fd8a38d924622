"""The recette's pages: what each role sees and may do, other projects' ids, query budgets."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from acceptance.recette import services
from acceptance.recette.models import AcceptanceCase, Campaign, CampaignCase, RecetteDecision
from projects.choices import Profession, Role
from requirements.needs.models import Requirement
from tests.typography import plain

from .conftest import Team, anomaly_add

pytestmark = pytest.mark.django_db
START, END = date(2026, 12, 1), date(2026, 12, 18)


def campaign_of(team: Team) -> Campaign:
    services.cases_generate(project=team.project, by=team.lead)
    return services.campaign_open(project=team.project, by=team.lead, name="Recette",
                                  kind="users", starts_on=START, ends_on=END)


def url(name: str, team: Team, *args: object) -> str:
    return reverse(f"acceptance:{name}", args=[team.project.pk, *args])


@pytest.mark.parametrize("name", ["recette", "case-list", "coverage", "traceability"])
def test_every_member_reads_the_recette_pages(team: Team, client_for, name: str) -> None:
    campaign_of(team)
    response = client_for(team.observer).get(url(name, team))
    assert response.status_code == 200
    assert "CT-" in plain(response.content.decode()) or name in ("recette", "coverage")


def test_the_amoa_generates_cases_and_opens_a_campaign(team: Team, client_for) -> None:
    client = client_for(team.amoa)
    response = client.post(url("case-generate", team), follow=True)
    count = AcceptanceCase.objects.filter(project=team.project).count()
    assert count > 0
    assert f"{count} cas de test écrits" in plain(response.content.decode())
    response = client.post(url("campaign-create", team), {
        "name": "Recette utilisateurs", "kind": "users", "starts_on": "2026-12-01",
        "ends_on": "2026-12-18"})
    campaign = Campaign.objects.get(project=team.project)
    assert response["Location"] == url("campaign-detail", team, campaign.pk)
    page = plain(client.get(response["Location"]).content.decode())
    assert "Recette utilisateurs" in page
    assert f"0 cas exécutés sur {count}" in page


def test_a_campaign_ending_before_it_starts_is_refused(team: Team, client_for) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    response = client_for(team.lead).post(url("campaign-create", team), {
        "name": "À l'envers", "kind": "users", "starts_on": "2026-12-18",
        "ends_on": "2026-12-01"}, follow=True)
    assert "La fin précède le début." in plain(response.content.decode())
    assert not Campaign.objects.exists()


def test_a_tester_records_their_result_and_ko_links_to_the_anomaly_log(
        team: Team, client_for) -> None:
    campaign = campaign_of(team)
    item = CampaignCase.objects.filter(campaign=campaign, tester=team.nurse).first()
    client = client_for(team.nurse)
    response = client.post(url("campaign-execute", team, campaign.pk, item.pk),
                           {"result": "ko", "comment": "Le courrier ne s'imprime pas",
                            "version": "0"}, follow=True)
    item.refresh_from_db()
    assert (item.result, item.comment) == ("ko", "Le courrier ne s'imprime pas")
    page = plain(response.content.decode())
    assert f"Résultat enregistré pour {item.code}." in page
    try:
        anomaly_form = reverse("acceptance:anomaly-create", args=[team.project.pk])
    except Exception:  # the anomaly log is another capability; without it, no link
        assert "Signaler une anomalie" not in page
    else:
        assert f"{anomaly_form}?case={item.case_id}" in page


def test_a_member_cannot_record_a_case_assigned_to_someone_else(team: Team, client_for) -> None:
    campaign = campaign_of(team)
    item = CampaignCase.objects.filter(campaign=campaign, tester=team.nurse).first()
    client = client_for(team.member)
    page = plain(client.get(url("campaign-detail", team, campaign.pk)).content.decode())
    assert f'id="resultat-{item.pk}"' not in page  # no form on someone else's case
    response = client.post(url("campaign-execute", team, campaign.pk, item.pk),
                           {"result": "ok", "version": "0"}, follow=True)
    assert "attribué à un autre testeur" in plain(response.content.decode())
    item.refresh_from_db()
    assert item.result == ""


def test_the_second_of_two_simultaneous_results_is_told(team: Team, client_for) -> None:
    campaign = campaign_of(team)
    item = CampaignCase.objects.filter(campaign=campaign, tester=team.nurse).first()
    path = url("campaign-execute", team, campaign.pk, item.pk)
    client_for(team.nurse).post(path, {"result": "ok", "version": "0"})
    response = client_for(team.amoa).post(path, {"result": "blocked", "comment": "Accès",
                                                 "version": "0"}, follow=True)
    assert "un résultat pour ce cas : le vôtre n" in plain(response.content.decode())
    item.refresh_from_db()
    assert (item.result, item.version) == ("ok", 1)


def test_another_projects_ids_are_not_found(team: Team, make_project, client_for) -> None:
    campaign = campaign_of(team)
    item = CampaignCase.objects.filter(campaign=campaign).first()
    other = make_project(name="MSP voisine")
    other_campaign = Campaign.objects.create(
        project=other, name="Autre", kind="users", starts_on=START, ends_on=END,
        created_at=campaign.created_at, created_by=other.created_by)
    case = item.case
    client = client_for(team.lead)
    assert client.get(url("campaign-detail", team, other_campaign.pk)).status_code == 404
    # An item reached through another campaign's id, or another project's URL.
    assert client.post(url("campaign-execute", team, other_campaign.pk, item.pk),
                       {"result": "ok", "version": "0"}).status_code == 404
    other_lead = client_for(other.created_by)
    for path in (reverse("acceptance:case-edit", args=[other.pk, case.pk]),
                 reverse("acceptance:trace-recheck", args=[other.pk, case.pk])):
        assert other_lead.post(path, {"title": "x", "expected_result": "y",
                                      "revision": "1"}).status_code == 404
    # Another project's chef, through their own campaign: the item is not theirs.
    response = other_lead.post(reverse("acceptance:campaign-assign",
                                       args=[other.pk, other_campaign.pk]),
                               {"tester": other.created_by.pk, "items": [item.pk]})
    assert response.status_code == 302
    assert other_lead.post(reverse("acceptance:campaign-assign", args=[other.pk, campaign.pk]),
                           {"tester": other.created_by.pk, "items": [item.pk]}
                           ).status_code == 404
    item.refresh_from_db()
    assert item.tester_id != other.created_by.pk
    case.refresh_from_db()
    assert case.revision == 1


def test_only_the_chef_records_the_decision(team: Team, client_for) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    for user in (team.amoa, team.nurse, team.member):
        response = client_for(user).post(url("recette-decide", team), {
            "verdict": "refused", "decided_on": "2026-12-18", "comment": "Non"})
        assert response.status_code == 403
    anomaly_add(team.project, team.lead, severity="blocking", number=1)
    response = client_for(team.lead).post(url("recette-decide", team), {
        "verdict": "pronounced", "decided_on": "2026-12-18"}, follow=True)
    assert "1 anomalie bloquante est encore ouverte" in plain(response.content.decode())
    assert not RecetteDecision.objects.exists()


def test_a_case_edit_raises_its_revision(team: Team, client_for) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    case = AcceptanceCase.objects.filter(project=team.project).first()
    client = client_for(team.amoa)
    assert client.get(url("case-edit", team, case.pk)).status_code == 200
    response = client.post(url("case-edit", team, case.pk), {
        "title": "Créer un dossier", "steps": "1. Ouvrir", "expected_result": "Créé",
        "revision": "1"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.title, case.revision) == ("Créer un dossier", 2)
    assert client_for(team.member).get(url("case-edit", team, case.pk)).status_code == 403


# --- query budgets: the same number of queries at two sizes -----------------------------

def grow(team: Team, extra: int, add_member) -> Campaign:
    """``extra`` more needs, their cases, a campaign spread over four testers, half run."""
    model = Requirement.objects.filter(project=team.project, priority="essential").first()
    Requirement.objects.bulk_create([
        Requirement(project=team.project, subdomain_id=model.subdomain_id, code=f"X-{n:04d}",
                    text=f"Besoin complémentaire n° {n}", priority="essential",
                    profession=(Profession.NURSE, Profession.GP, "")[n % 3], position=100 + n)
        for n in range(extra)])
    add_member(team.project, Role.PROFESSION_REFERENT, profession=Profession.GP)
    campaign = campaign_of(team)
    items = list(CampaignCase.objects.filter(campaign=campaign))
    testers = [team.lead, team.nurse, team.amoa, team.member]
    for index, tester in enumerate(testers):
        services.campaign_cases_assign(campaign=campaign, item_ids=[i.pk for i in items[index::4]],
                                       tester=tester, by=team.lead)
    for item in items[::2]:
        services.execution_record(item=item, by=team.lead, result=("ok", "ko")[item.pk % 2],
                                  comment="Vu", version=0, can_prepare=True)
    return campaign


@pytest.mark.parametrize("extra", [0, 120])
def test_campaign_and_coverage_pages_have_a_fixed_query_count(
        team: Team, add_member, client_for, django_assert_max_num_queries, extra: int) -> None:
    campaign = grow(team, extra, add_member)
    client = client_for(team.lead)
    assert CampaignCase.objects.filter(campaign=campaign).count() > extra
    # Session, user, membership and permissions are 5 of them; the rest does not grow.
    for name, args, budget in (("campaign-detail", [campaign.pk], 9), ("coverage", [], 8),
                               ("traceability", [], 14), ("recette", [], 16),
                               ("case-list", [], 10)):
        with django_assert_max_num_queries(budget):
            assert client.get(url(name, team, *args)).status_code == 200


def test_the_step_page_shows_the_recette_panel(team: Team, client_for) -> None:
    campaign = campaign_of(team)
    page = plain(client_for(team.member).get(
        reverse("projects:step-detail", args=[team.project.pk, 14])).content.decode())
    count = AcceptanceCase.objects.filter(project=team.project).count()
    assert f"{count} cas de test écrits" in page
    assert url("campaign-detail", team, campaign.pk) in page
    assert f"0 cas exécutés sur {count}" in page
    assert url("recette", team) in page  # the step's working page
