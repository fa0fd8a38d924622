"""Writes of the recette: cases from the grid, campaigns freezing their text, executions,
suspect links and the PV's decision."""

from __future__ import annotations

from datetime import date

import pytest

from acceptance.recette import selectors, services
from acceptance.recette.models import AcceptanceCase, CampaignCase, Execution
from msp_si.common.errors import DomainError
from requirements.needs.models import NeedsGrid, Requirement
from requirements.needs.rules import Editor
from requirements.needs.services import (
    grid_freeze,
    grid_unfreeze,
    requirement_create,
    requirement_update,
)

from .conftest import Team, anomaly_add

pytestmark = pytest.mark.django_db
START, END = date(2026, 12, 1), date(2026, 12, 18)


def verified_needs(team: Team) -> list[Requirement]:
    return list(Requirement.objects.filter(project=team.project,
                                           priority__in=("essential", "important")))


def open_campaign(team: Team, name: str = "Recette utilisateurs") -> object:
    return services.campaign_open(project=team.project, by=team.lead, name=name,
                                  kind="users", starts_on=START, ends_on=END)


def edit_need(team: Team, requirement: Requirement, text: str) -> Requirement:
    grid = NeedsGrid.objects.get(project=team.project)
    grid_unfreeze(grid=grid, by=team.lead)
    updated = requirement_update(requirement=requirement,
                                 editor=Editor(can_edit_needs=True, can_consolidate=True),
                                 text=text, priority=requirement.priority,
                                 revision=requirement.revision, by=team.lead)
    grid_freeze(grid=NeedsGrid.objects.get(pk=grid.pk), by=team.lead)
    return updated


def test_one_case_per_binding_need_indispensable_first(team: Team) -> None:
    created = services.cases_generate(project=team.project, by=team.lead)
    needs = verified_needs(team)
    assert len(created) == len(needs) > 0
    cases = list(AcceptanceCase.objects.filter(project=team.project))
    assert {c.requirement_id for c in cases} == {n.pk for n in needs}
    priorities = [c.priority for c in cases]
    assert priorities == sorted(priorities, key=("essential", "important").index)
    case = cases[0]
    assert case.code == f"CT-{case.requirement.code}"
    assert case.requirement_revision == case.requirement.revision
    assert case.requirement.text[:40] in case.steps
    assert case.history.count() == 1  # written into the project's history


def test_regeneration_keeps_edited_cases_and_adds_new_needs(team: Team) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    case = AcceptanceCase.objects.filter(project=team.project).first()
    services.case_update(case=case, by=team.amoa, title="Intitulé revu", steps="1. Ouvrir",
                         expected_result="Le dossier s'ouvre.", revision=1)
    grid = NeedsGrid.objects.get(project=team.project)
    grid_unfreeze(grid=grid, by=team.lead)
    need = Requirement.objects.filter(project=team.project).first()
    added = requirement_create(subdomain=need.subdomain,
                               editor=Editor(can_edit_needs=True, can_consolidate=True),
                               text="Imprimer une ordonnance bizone", profession="",
                               priority="essential", by=team.lead)
    grid_freeze(grid=NeedsGrid.objects.get(pk=grid.pk), by=team.lead)

    again = services.cases_generate(project=team.project, by=team.lead)

    assert [c.requirement_id for c in again] == [added.pk]
    case.refresh_from_db()
    assert (case.title, case.revision) == ("Intitulé revu", 2)
    assert services.cases_generate(project=team.project, by=team.lead) == []


def test_generation_needs_a_frozen_grid(team: Team) -> None:
    grid_unfreeze(grid=NeedsGrid.objects.get(project=team.project), by=team.lead)
    with pytest.raises(DomainError, match="n'est pas figée"):
        services.cases_generate(project=team.project, by=team.lead)
    assert not AcceptanceCase.objects.filter(project=team.project).exists()


def test_an_edit_on_a_stale_revision_is_refused(team: Team) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    case = AcceptanceCase.objects.filter(project=team.project).first()
    services.case_update(case=case, by=team.amoa, title="A", steps="", expected_result="B",
                         revision=1)
    with pytest.raises(DomainError, match="modifié entre-temps"):
        services.case_update(case=case, by=team.lead, title="C", steps="", expected_result="D",
                             revision=1)
    case.refresh_from_db()
    assert case.title == "A"


def test_a_campaign_freezes_the_text_of_its_cases_and_assigns_testers(team: Team) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    campaign = open_campaign(team)
    items = list(CampaignCase.objects.filter(campaign=campaign))
    assert len(items) == AcceptanceCase.objects.filter(project=team.project).count()
    nurse_items = [i for i in items if i.profession == "nurse"]
    transversal = [i for i in items if not i.profession]
    gp_items = [i for i in items if i.profession == "gp"]
    assert nurse_items
    assert all(i.tester_id == team.nurse.pk for i in nurse_items)
    # No référent for the GPs: the chef de projet tests them, as the transversal ones.
    assert all(i.tester_id == team.lead.pk for i in transversal + gp_items)

    item = items[0]
    services.case_update(case=item.case, by=team.amoa, title="Texte changé", steps="",
                         expected_result="Autre", revision=1)
    item.refresh_from_db()
    assert item.title != "Texte changé"
    assert item.case_revision == 1


def test_the_assigned_tester_records_a_result_and_the_second_at_once_is_told(
        team: Team) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    campaign = open_campaign(team)
    item = CampaignCase.objects.filter(campaign=campaign, tester=team.nurse).first()
    services.execution_record(item=item, by=team.nurse, result="ok", comment="",
                              version=0, can_prepare=False)
    # The AMOA loaded the page at the same moment (version 0): refused, told who won.
    with pytest.raises(DomainError, match="vient d'enregistrer un résultat"):
        services.execution_record(item=item, by=team.amoa, result="ko", comment="Écran vide",
                                  version=0, can_prepare=True)
    item.refresh_from_db()
    assert (item.result, item.executed_by_id, item.version) == ("ok", team.nurse.pk, 1)
    assert Execution.objects.filter(item=item).count() == 1
    assert selectors.latest_results(project=team.project) == {item.case_id: "ok"}


def test_a_member_records_only_the_cases_assigned_to_them(team: Team) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    campaign = open_campaign(team)
    item = CampaignCase.objects.filter(campaign=campaign, tester=team.nurse).first()
    with pytest.raises(DomainError, match="attribué à un autre testeur"):
        services.execution_record(item=item, by=team.member, result="ok", comment="",
                                  version=0, can_prepare=False)
    assert services.campaign_cases_assign(campaign=campaign, item_ids=[item.pk],
                                          tester=team.member, by=team.amoa) == 1
    services.execution_record(item=item, by=team.member, result="ko", comment="Pas d'alerte",
                              version=0, can_prepare=False)
    item.refresh_from_db()
    assert item.result == "ko"
    with pytest.raises(DomainError, match="n'est pas membre"):
        services.campaign_cases_assign(campaign=campaign, item_ids=[item.pk],
                                       tester=team.observer, by=team.amoa)


def test_latest_results_take_the_last_execution_across_campaigns(team: Team) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    first, second = open_campaign(team, "Première"), open_campaign(team, "Seconde")
    case = AcceptanceCase.objects.filter(project=team.project).first()
    for campaign, result in ((first, "ko"), (second, "ok")):
        item = CampaignCase.objects.get(campaign=campaign, case=case)
        services.execution_record(item=item, by=team.lead, result=result, comment="Vu",
                                  version=0, can_prepare=True)
    assert selectors.latest_results(project=team.project)[case.pk] == "ok"


def test_a_change_after_execution_flags_the_link_until_rechecked(team: Team) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    campaign = open_campaign(team)
    item = CampaignCase.objects.filter(campaign=campaign).first()
    case = item.case

    def flagged() -> bool:
        return next(r for r in selectors.case_rows(project=team.project)
                    if r.case.pk == case.pk).is_suspect

    assert not flagged()  # never executed: nothing to re-check
    services.execution_record(item=item, by=team.lead, result="ok", comment="",
                              version=0, can_prepare=True)
    assert not flagged()
    edit_need(team, case.requirement, "Texte du besoin précisé après la recette")
    assert flagged()
    row = next(r for r in selectors.traceability(project=team.project)
               if r.need.requirement_id == case.requirement_id)
    assert row.is_suspect
    services.trace_recheck(case=case, by=team.amoa)
    assert not flagged()
    case.refresh_from_db()
    services.case_update(case=case, by=team.amoa, title="Nouveau", steps="",
                         expected_result="Nouveau résultat", revision=case.revision)
    assert flagged()


def test_coverage_counts_ok_ko_and_needs_without_case(team: Team) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    AcceptanceCase.objects.filter(project=team.project).order_by("-position").first().delete()
    campaign = open_campaign(team)
    ok_item, ko_item = CampaignCase.objects.filter(campaign=campaign)[:2]
    for item, result in ((ok_item, "ok"), (ko_item, "ko")):
        services.execution_record(item=item, by=team.lead, result=result, comment="Vu",
                                  version=0, can_prepare=True)
    result = selectors.coverage_of(project=team.project)
    assert result.total.total == len(verified_needs(team))
    assert (result.total.ok, result.total.ko, len(result.without_case)) == (1, 1, 1)
    assert [n.requirement_id for n in result.failing] == [ko_item.case.requirement_id]


def test_the_decision_is_refused_while_a_blocking_anomaly_is_open(team: Team) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    case = AcceptanceCase.objects.filter(project=team.project).first()
    blocking = anomaly_add(team.project, team.lead, severity="blocking", number=1, case=case)
    minor = anomaly_add(team.project, team.lead, severity="minor", number=2, case=case)
    anomaly_add(team.project, team.lead, severity="major", number=3, status="closed")
    with pytest.raises(DomainError, match="1 anomalie bloquante"):
        services.recette_decide(project=team.project, by=team.lead, verdict_code="pronounced",
                                decided_on=START)
    with pytest.raises(DomainError, match="Motivez"):
        services.recette_decide(project=team.project, by=team.lead, verdict_code="refused",
                                decided_on=START)
    blocking.status = "closed"
    blocking.save()
    assert [a.pk for a in selectors.reserves(project=team.project)] == [minor.pk]
    with pytest.raises(DomainError, match="avec réserves"):
        services.recette_decide(project=team.project, by=team.lead, verdict_code="pronounced",
                                decided_on=START)
    decision = services.recette_decide(project=team.project, by=team.lead,
                                       verdict_code="with_reserves", decided_on=START)
    assert selectors.latest_decision(project=team.project) == decision


def test_removing_the_project_removes_the_recette(team: Team) -> None:
    from acceptance.recette.models import Campaign, RecetteDecision, TraceCheck
    from projects.core.removal import project_delete

    services.cases_generate(project=team.project, by=team.lead)
    campaign = open_campaign(team)
    item = CampaignCase.objects.filter(campaign=campaign).first()
    services.execution_record(item=item, by=team.lead, result="ko", comment="Vu", version=0,
                              can_prepare=True)
    services.trace_recheck(case=item.case, by=team.lead)
    anomaly_add(team.project, team.lead, severity="minor", number=1, case=item.case)
    services.recette_decide(project=team.project, by=team.lead, verdict_code="with_reserves",
                            decided_on=START)
    project_pk = team.project.pk
    project_delete(project=team.project)
    for model in (AcceptanceCase, Campaign, CampaignCase, Execution, TraceCheck,
                  RecetteDecision):
        assert not model.objects.filter(project_id=project_pk).exists()
