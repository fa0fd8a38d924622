"""The plug-in contract: apps declare their pages, documents, history and permissions;
``projects`` gathers them without importing any app, and the README's table is generated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from projects import plugins, policy
from projects.choices import DocumentKind, Role
from projects.management.commands.permission_table import permission_table_markdown
from projects.models import Document
from projects.plugins import PermissionSpec, Plugin, StepPage, StepPanel
from tests.typography import plain

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_shows_the_generated_role_permission_table() -> None:
    assert permission_table_markdown() in README.read_text()


def test_each_installed_app_declares_its_part_in_installed_apps_order() -> None:
    assert [p.app_label for p in plugins.plugins()] == ["projects", "requirements", "vendors",
                                                         "acceptance"]
    assert plugins.working_page(4) == "requirements:existing"
    assert plugins.working_page(11) == "vendors:analysis"
    assert plugins.working_page(12) == "acceptance:settings"
    assert plugins.working_page(13) == "acceptance:migration"
    assert plugins.working_page(14) == "acceptance:recette"
    assert [p.url_name for p in plugins.step_pages(11)] == [
        "vendors:analysis", "vendors:vote-list", "vendors:choice"]
    assert plugins.working_page(15) == "acceptance:training"
    assert plugins.working_page(16) == "acceptance:maintenance"
    assert plugins.working_page(17) == "acceptance:bilan"
    assert plugins.working_page(18) == "acceptance:orders"


def test_document_kinds_come_from_the_plugins_and_need_no_choices_on_the_model() -> None:
    assert Document._meta.get_field("kind").choices is None
    assert list(plugins.document_specs())[:5] == [
        DocumentKind.NOTE_DE_CADRAGE, DocumentKind.COPIL_MINUTES, DocumentKind.DASHBOARD,
        "cahier_des_charges", "cadre_de_reponse"]
    assert plugins.step_document_kind(2) == DocumentKind.NOTE_DE_CADRAGE
    assert plugins.step_document_kind(8) == "cahier_des_charges"
    assert plugins.step_document_kind(11) == "dossier_de_choix"
    assert plugins.step_document_kind(9) is None
    assert Document(kind="dossier_de_choix", version=2).kind_label == "Dossier de choix"


@pytest.mark.parametrize(("role", "expected"), [
    (Role.AMOA, {"consolidate_needs", "conduct_consultation", "configure_criteria"}),
    (Role.PROFESSION_REFERENT, {"edit_existing_state", "edit_needs", "evaluate_offers",
                                "cast_vote"}),
    (Role.MEMBER, {"cast_vote", "write_contribution"}),
])
def test_the_roles_hold_the_plugins_permissions(role: str, expected: set[str]) -> None:
    assert expected <= policy.permissions_for(role)


def test_the_amoa_never_decides_and_the_observer_only_reads() -> None:
    assert {"record_decision", "run_vote", "cast_vote", "validate_deliverable", "reopen_step",
            "pronounce_recette", "decide_migration"}.isdisjoint(
        policy.permissions_for(Role.AMOA))
    assert policy.permissions_for(Role.OBSERVER) == {"view_project"}
    assert policy.permissions_for("astrologer") == frozenset()


@pytest.mark.django_db
def test_a_new_app_plugs_in_pages_panels_and_a_permission(
        monkeypatch: Any, project: Any, client_for: Any) -> None:
    """What a phase 4 app will do: no edit of ``projects`` is needed."""
    monkeypatch.setitem(plugins._PLUGINS, "acceptance", Plugin(
        app_label="acceptance",
        step_pages=(StepPage(12, "projects:calendar", "Paramétrage"),
                    StepPage(12, "projects:document-list", "Matrice des habilitations",
                             is_working_page=False)),
        step_panels=(StepPanel(12, "projects/steps/_history.html"),),
        permissions=(PermissionSpec("run_acceptance", "Conduire la recette",
                                    frozenset({Role.AMOA})),),
    ))
    assert "run_acceptance" in policy.permissions_for(Role.AMOA)
    assert "run_acceptance" in policy.permissions_for(Role.PROJECT_LEAD)
    page = client_for(project.created_by).get(f"/projets/{project.pk}/etapes/12/")
    html = plain(page.content.decode())
    assert f'href="/projets/{project.pk}/calendrier/" role="button"' in html
    assert "Matrice des habilitations</a>" in html
    assert html.count('id="step-history"') == 2
