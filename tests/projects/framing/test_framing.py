"""Step 1 page: paliers, objectives, modules, users and realism, section by section."""

from __future__ import annotations

import pytest
from django.urls import reverse

from msp_si.common.errors import DomainError
from projects.choices import Axis, Profession, Rating, Role, ScopeDecision
from projects.framing.services import framing_set_axes, framing_set_scope
from projects.method import MODULES, STRATEGIC_OBJECTIVES
from projects.models import AxisTarget, Framing, ObjectiveSelection, ScopeModule
from tests.typography import plain

pytestmark = pytest.mark.django_db

READERS = [Role.MEMBER, Role.OBSERVER, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT]
EDITORS = [Role.PROJECT_LEAD, Role.AMOA]


def _page(project) -> str:  # type: ignore[no-untyped-def]
    return reverse("projects:framing", args=[project.pk])


def _save(project, section: str) -> str:  # type: ignore[no-untyped-def]
    return reverse("projects:framing-save", args=[project.pk, section])


def _axes_post(**overrides: str) -> dict[str, str]:
    data = {}
    for axis in Axis.values:
        data.update({f"axes-{axis}_current": "1", f"axes-{axis}_target": "2",
                     f"axes-{axis}_notes": ""})
    data.update(overrides)
    return data


def _modules_post(**overrides: str) -> dict[str, str]:
    data = {}
    for module in MODULES:
        data.update({f"modules-{module.code}_decision": ScopeDecision.IN_SCOPE,
                     f"modules-{module.code}_reason": ""})
    data.update(overrides)
    return data


def _levels(project) -> dict[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    return {t.axis: (t.current_level, t.target_level)
            for t in AxisTarget.objects.filter(project=project)}


@pytest.mark.parametrize("role", READERS + EDITORS)
def test_every_member_reads_the_framing_page(project, add_member, client_for, role: str) -> None:
    response = client_for(add_member(project, role).user).get(_page(project))
    content = plain(response.content.decode())
    assert response.status_code == 200
    assert "Partage des dossiers patients" in content
    assert "Palier 2 — Fiche de synthèse partagée" in content
    assert "Prévention" in content
    assert "Agenda partagé" in content
    assert "Infirmier·ère" in content


@pytest.mark.parametrize("role", READERS)
def test_readers_see_no_save_button_and_cannot_post(project, add_member, client_for,
                                                    role: str) -> None:
    client = client_for(add_member(project, role).user)
    content = plain(client.get(_page(project)).content.decode())
    before = _levels(project)
    response = client.post(_save(project, "axes"), _axes_post())
    assert "Lecture seule" in content
    assert "Enregistrer les paliers" not in content
    assert response.status_code == 403
    assert _levels(project) == before


@pytest.mark.parametrize("role", EDITORS)
def test_editors_save_the_paliers(project, add_member, client_for, role: str) -> None:
    client = client_for(add_member(project, role).user)
    response = client.post(_save(project, "axes"), _axes_post(
        **{f"axes-{Axis.STEERING}_current": "0", f"axes-{Axis.STEERING}_target": "3"}))
    assert response.status_code == 302
    assert response["Location"].endswith("#axes")
    assert _levels(project) == {Axis.RECORD_SHARING: (1, 2), Axis.COORDINATION: (1, 2),
                                Axis.STEERING: (0, 3)}
    assert "Les paliers visés sont enregistrés." in plain(
        client.get(_page(project)).content.decode())


def test_a_target_below_the_current_palier_is_refused(project, lead, client_for) -> None:
    before = _levels(project)
    response = client_for(lead).post(_save(project, "axes"), _axes_post(
        **{f"axes-{Axis.COORDINATION}_current": "3", f"axes-{Axis.COORDINATION}_target": "1"}))
    assert response.status_code == 200
    assert "Le palier visé ne peut pas être inférieur au palier actuel." in (
        plain(response.content.decode()))
    assert _levels(project) == before


@pytest.mark.parametrize("forged", ["7", "-1", "deux", ""])
def test_a_forged_palier_is_a_form_error(project, lead, client_for, forged: str) -> None:
    before = _levels(project)
    response = client_for(lead).post(_save(project, "axes"),
                                     _axes_post(**{f"axes-{Axis.STEERING}_target": forged}))
    assert response.status_code == 200
    assert "field-error" in plain(response.content.decode())
    assert _levels(project) == before


def test_the_service_also_refuses_a_target_below_current(project) -> None:
    with pytest.raises(DomainError, match="inférieur au palier actuel"):
        framing_set_axes(project=project, levels={Axis.STEERING: (2, 1, "")})
    assert _levels(project)[Axis.STEERING] == (0, 1)


def test_selected_objectives_highlight_their_modules(project, lead, client_for) -> None:
    data = {f"objectives-{o.code}_comment": "" for o in STRATEGIC_OBJECTIVES}
    data.update({"objectives-prevention_selected": "on",
                 "objectives-prevention_comment": "Vaccination des seniors"})
    client = client_for(lead)
    client.post(_save(project, "objectives"), data)
    content = plain(client.get(_page(project)).content.decode())
    selection = ObjectiveSelection.objects.get(project=project, code="prevention")
    assert (selection.is_selected, selection.comment) == (True, "Vaccination des seniors")
    assert ObjectiveSelection.objects.filter(project=project, is_selected=True).count() == 1
    assert content.count('<tr class="suggested">') == 2  # plan de prévention, aide-mémoires


@pytest.mark.parametrize("decision", [ScopeDecision.OUT_OF_SCOPE, ScopeDecision.LATER])
def test_a_module_left_out_or_postponed_needs_a_reason(project, lead, client_for,
                                                       decision: str) -> None:
    response = client_for(lead).post(_save(project, "modules"), _modules_post(
        **{"modules-billing_decision": decision}))
    assert response.status_code == 200
    assert "Indiquez le motif d&#x27;un module hors périmètre ou reporté." in (
        plain(response.content.decode()))
    assert not ScopeModule.objects.filter(project=project).exclude(
        decision=ScopeDecision.UNDECIDED).exists()


def test_module_decisions_are_saved_with_their_reason(project, lead, client_for) -> None:
    response = client_for(lead).post(_save(project, "modules"), _modules_post(
        **{"modules-billing_decision": ScopeDecision.LATER,
           "modules-billing_reason": "Logiciel de facturation actuel conservé la 1re année"}))
    billing = ScopeModule.objects.get(project=project, code="billing")
    assert response.status_code == 302
    assert (billing.decision, billing.reason) == (
        ScopeDecision.LATER, "Logiciel de facturation actuel conservé la 1re année")
    assert ScopeModule.objects.filter(project=project,
                                      decision=ScopeDecision.IN_SCOPE).count() == 12


def test_a_forged_decision_is_a_form_error(project, lead, client_for) -> None:
    response = client_for(lead).post(_save(project, "modules"), _modules_post(
        **{"modules-synthesis_decision": "peut-etre"}))
    assert "Décision inconnue." in plain(response.content.decode())
    assert ScopeModule.objects.get(project=project, code="synthesis").decision == (
        ScopeDecision.UNDECIDED)


def test_the_scope_service_refuses_an_unknown_module(project) -> None:
    with pytest.raises(DomainError):
        framing_set_scope(project=project, decisions={"teleportation": ("in_scope", "")})


def test_saving_one_section_leaves_the_others_untouched(project, lead, client_for) -> None:
    client = client_for(lead)
    client.post(_save(project, "axes"), _axes_post())
    # A post carrying fields of two sections only saves the section of its URL.
    client.post(_save(project, "modules"), {
        **_modules_post(), **_axes_post(**{f"axes-{Axis.STEERING}_target": "3"})})
    assert _levels(project)[Axis.STEERING] == (1, 2)
    assert ScopeModule.objects.filter(project=project,
                                      decision=ScopeDecision.IN_SCOPE).count() == 13


def test_users_in_scope_are_saved_per_profession(project, lead, client_for) -> None:
    response = client_for(lead).post(_save(project, "users"), {
        f"users-{Profession.GP}_in_scope": "on", f"users-{Profession.GP}_note": "",
        f"users-{Profession.NURSE}_in_scope": "on", f"users-{Profession.NURSE}_note": "",
        f"users-{Profession.PHYSIOTHERAPIST}_note": "Cabinet externe, accès en lecture",
    })
    scope = {p.profession: (p.is_in_scope, p.scope_note) for p in project.professions.all()}
    assert response.status_code == 302
    assert scope == {Profession.GP: (True, ""), Profession.NURSE: (True, ""),
                     Profession.PHYSIOTHERAPIST: (False, "Cabinet externe, accès en lecture")}


def test_realism_factors_and_summary_are_saved(project, lead, client_for) -> None:
    response = client_for(lead).post(_save(project, "realism"), {
        "realism-maturity": Rating.LOW, "realism-maturity_note": "Dossiers papier",
        "realism-ambition": Rating.MEDIUM, "realism-ambition_note": "",
        "realism-resources": Rating.HIGH, "realism-resources_note": "Subvention ARS",
        "realism-scope_summary": "Partager une synthèse d'ici un an.",
    })
    framing = Framing.objects.get(project=project)
    assert response.status_code == 302
    assert (framing.maturity, framing.resources_note, framing.scope_summary) == (
        Rating.LOW, "Subvention ARS", "Partager une synthèse d'ici un an.")


def test_a_forged_rating_is_a_form_error(project, lead, client_for) -> None:
    response = client_for(lead).post(_save(project, "realism"), {"realism-maturity": "max"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide." in plain(response.content.decode())
    assert Framing.objects.get(project=project).maturity == ""


def test_an_unknown_section_is_not_found(project, lead, client_for) -> None:
    assert client_for(lead).post(_save(project, "budget"), {}).status_code == 404


def test_another_projects_framing_is_not_found(project, make_project, client_for) -> None:
    outsider = client_for(make_project(name="Autre MSP").created_by)
    before = _levels(project)
    assert outsider.get(_page(project)).status_code == 404
    assert outsider.post(_save(project, "axes"), _axes_post()).status_code == 404
    assert _levels(project) == before
