"""Every project view × every role, plus anonymous and a member of another project.

The expected roles are written out here by hand from domain.md §1, not read from
``projects.policy``: the table checks the policy from the outside. A project URL missing
from the table fails ``test_every_project_url_is_in_the_matrix``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from acceptance.anomalies.services import anomaly_report
from acceptance.bilan.models import Survey, SurveyInvitation
from acceptance.bilan.services import survey_link_issue, survey_open
from acceptance.choices import OrderKind, TrainingGroupKind
from acceptance.maintenance.models import EvolutionRequest, Intervention
from acceptance.models import Obligation
from acceptance.orders.models import PurchaseOrder, PurchaseOrderLine
from acceptance.recette import services as recette_services
from acceptance.recette.models import CampaignCase
from acceptance.training.models import TrainingGroup, TrainingSession
from acceptance.training.services import trainee_add
from msp_si.accounts.models import User
from msp_si.common import clock
from projects.budget.services import budget_line_create, funding_create
from projects.choices import DocumentKind, DocumentStatus, ProjectBody, Role
from projects.core.services import membership_set_role
from projects.models import (
    DeploymentWave,
    Document,
    Meeting,
    Milestone,
    Project,
    ProjectArchive,
    ReminderOptOut,
    Task,
)
from projects.plugins import reminder_kinds
from projects.reminders.tokens import stop_token
from projects.risks.services import risk_create
from projects.steering.services import minutes_record
from projects.team import services as team
from requirements.existing.services import territory_partner_add
from requirements.expected.services import migration_item_add
from requirements.models import GridDomain, GridSubDomain, PartnerKind, Requirement
from requirements.needs.services import grid_freeze, grid_initialise
from tests.acceptance.anomalies.helpers import contract_make
from tests.conftest import PASSWORD
from vendors.auditions.services import (
    audition_complement_add,
    audition_question_add,
    audition_shortlist,
)
from vendors.choices import AssessmentDecision
from vendors.consultation.models import AnswerSet, AnswerSetStatus, AnswerSource
from vendors.consultation.services import consulted_add
from vendors.evaluation.models import EliminatoryCriterion
from vendors.evaluation.services import criteria_ensure
from vendors.market.services import assessment_start, assessment_update, vendor_create
from vendors.models import Audition, ConsultedVendor, Vendor, VendorAssessment
from vendors.votes.models import Vote
from vendors.votes.services import OptionSpec, room_voter_add, vote_open

LEAD, PROF_REF, DOMAIN_REF, AMOA, MEMBER, OBSERVER = (
    Role.PROJECT_LEAD, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT, Role.AMOA, Role.MEMBER,
    Role.OBSERVER,
)
ROLES = (LEAD, PROF_REF, DOMAIN_REF, AMOA, MEMBER, OBSERVER)
EVERYONE = frozenset(ROLES)
LEAD_ONLY = frozenset({LEAD})
LEAD_AND_AMOA = frozenset({LEAD, AMOA})
ASSEMBLY = frozenset({LEAD, PROF_REF, DOMAIN_REF, MEMBER})
REVIEWERS = frozenset({LEAD, PROF_REF, DOMAIN_REF, AMOA})
LEAD_AMOA_AND_NURSE = frozenset({LEAD, AMOA, PROF_REF})
EVALUATORS = frozenset({LEAD, PROF_REF, DOMAIN_REF})
EXECUTORS = frozenset({LEAD, PROF_REF, DOMAIN_REF, AMOA, MEMBER})

_serial = itertools.count(1)


@dataclass
class World:
    """A project with one member per role, and the chef de projet of another project."""

    project: Project
    users: dict[str, Any]
    outsider: Any
    other_project: Project


@dataclass(frozen=True)
class Case:
    """One URL and method, the roles that may use it, and how to build its arguments."""

    name: str  # « namespace:url-name »; « projects: » may be left out
    method: str
    allowed: frozenset[str]
    args: Callable[[World], list[Any]] = lambda world: []


def _task(world: World) -> list[Any]:
    step = world.project.steps.get(number=3)
    return [Task.objects.create(project=world.project, step=step, title="Tâche",
                                start_on=date(2026, 9, 1), due_on=date(2026, 9, 30)).pk]


def _milestone(world: World) -> list[Any]:
    return [Milestone.objects.create(project=world.project, title="Jalon",
                                     due_on=date(2026, 10, 1)).pk]


def _meeting(world: World) -> list[Any]:
    return [Meeting.objects.create(project=world.project, body=ProjectBody.PROJECT_TEAM,
                                   held_on=date(2026, 10, 2), topic="Point d'étape").pk]


def _wave(world: World) -> list[Any]:
    return [DeploymentWave.objects.create(project=world.project, number=next(_serial),
                                          title="Vague", start_on=date(2027, 1, 4)).pk]


def _document(world: World) -> list[Any]:
    version = next(_serial)
    return [Document.objects.create(project=world.project, kind=DocumentKind.NOTE_DE_CADRAGE,
                                    version=version, requested_by=world.users[LEAD]).pk]


def _finished_document(world: World) -> list[Any]:
    return [Document.objects.create(
        project=world.project, kind=DocumentKind.NOTE_DE_CADRAGE, version=next(_serial),
        requested_by=world.users[LEAD], status=DocumentStatus.DONE,
    ).pk]


def _archive(world: World) -> list[Any]:
    return [ProjectArchive.objects.create(project=world.project,
                                          requested_by=world.users[LEAD]).pk]


def _vendor(world: World) -> list[Any]:
    """A catalogue entry created from the project: the project's editors may correct it."""
    return [vendor_create(by=world.users[LEAD], project=world.project, values={
        "name": f"Éditeur fictif {next(_serial)}", "product": "Dossier partagé",
    }).pk]


def _assessment(world: World) -> list[Any]:
    vendor = Vendor.objects.get(pk=_vendor(world)[0])
    return [assessment_start(project=world.project, vendor=vendor).pk]


def _vote(world: World) -> list[Any]:
    """An open vote of the assemblée générale."""
    now = clock.now()
    return [vote_open(project=world.project, by=world.users[LEAD], question="Quel logiciel ?",
                      options=[OptionSpec("Logiciel A"), OptionSpec("Logiciel B")],
                      opens_at=now - timedelta(minutes=1), closes_at=now + timedelta(days=1),
                      quorum_kind="share", quorum_value=50, majority="simple",
                      is_secret=True, max_proxies=1).pk]


def _room_voter(world: World) -> list[Any]:
    """An open vote and a professional listed to vote in the room."""
    vote = Vote.objects.get(pk=_vote(world)[0])
    room = room_voter_add(vote=vote, by=world.users[LEAD], name="Lucie Marchal",
                          profession="Orthophoniste")
    return [vote.pk, room.pk]


def _decision_target(world: World) -> list[Any]:
    criteria_ensure(project=world.project)
    criterion = EliminatoryCriterion.objects.filter(project=world.project).first()
    assert criterion is not None
    return [*_assessment(world), criterion.pk]


def _partner(world: World) -> list[Any]:
    return [territory_partner_add(project=world.project, kind=PartnerKind.LABORATORY,
                                  name="Laboratoire fictif", exchanges="Résultats").pk]


def _migration_item(world: World) -> list[Any]:
    return [migration_item_add(project=world.project, data="Dossiers", source_software="Ancien",
                               data_format="CSV").pk]


def _nurses_need(world: World) -> list[Any]:
    """A need specific to nurses: theirs to edit through their référent métier."""
    grid_initialise(project=world.project)
    return [Requirement.objects.filter(project=world.project, profession="nurse")
            .order_by("pk").first().pk]


def _subdomain(world: World) -> list[Any]:
    grid_initialise(project=world.project)
    return [GridSubDomain.objects.filter(project=world.project).order_by("pk").first().pk]


def _domain(world: World) -> list[Any]:
    grid_initialise(project=world.project)
    return [GridDomain.objects.filter(project=world.project).order_by("pk").first().pk]


def _risk(world: World) -> list[Any]:
    return [risk_create(project=world.project, by=world.users[LEAD],
                        title=f"Risque {next(_serial)}", nature="technical", probability=2,
                        impact=3).pk]


def _budget_line(world: World) -> list[Any]:
    return [budget_line_create(project=world.project, by=world.users[LEAD], nature="hardware",
                               label=f"Ligne {next(_serial)}", estimated=Decimal(100)).pk]


def _funding(world: World) -> list[Any]:
    return [funding_create(project=world.project, by=world.users[LEAD], kind="own_funds",
                           label=f"Apport {next(_serial)}", requested=Decimal(100)).pk]


def _copil(world: World) -> list[Any]:
    return [Meeting.objects.create(project=world.project, body=ProjectBody.STEERING_COMMITTEE,
                                   held_on=date(2026, 11, 2), topic="COPIL").pk]


def _copil_with_minutes(world: World) -> list[Any]:
    meeting = Meeting.objects.get(pk=_copil(world)[0])
    minutes_record(meeting=meeting, by=world.users[LEAD], agenda="Revue",
                   attendees=list(world.project.memberships.all()), decisions=["Décision"])
    return [meeting.pk]


def _invitation(world: World) -> list[Any]:
    invitation, _token = team.invitation_create(
        project=world.project, email=f"invite{next(_serial)}@exemple.test", role=MEMBER,
        invited_by=world.users[LEAD],
    )
    return [invitation.pk]


def _membership(world: World) -> list[Any]:

    user = User.objects.create_user(f"cible{next(_serial)}@exemple.test", PASSWORD)
    return [membership_set_role(project=world.project, user=user, role=MEMBER).pk]


def _consulted(world: World) -> list[Any]:
    """A vendor kept by the study and consulted (step 9)."""
    assessment = _assessment(world)[0]
    kept = assessment_update(assessment=VendorAssessment.objects.get(pk=assessment),
                             values={"decision": AssessmentDecision.KEPT})
    return [consulted_add(project=world.project, assessment=kept).pk]


def _answer_set(world: World) -> list[Any]:
    consulted = _consulted(world)[0]
    answer_set = AnswerSet.objects.create(
        project=world.project, consulted_id=consulted, source=AnswerSource.TEAM,
        file_name="r.xlsx", file_sha256="0" * 64, grid_version=1,
        received_at=datetime(2026, 10, 1, 9, 0, tzinfo=UTC))
    return [consulted, answer_set.pk]


def _answered(world: World) -> list[Any]:
    """A consulted vendor whose answers are confirmed (step 10 may shortlist it)."""
    consulted, answer_set = _answer_set(world)
    AnswerSet.objects.filter(pk=answer_set).update(status=AnswerSetStatus.CONFIRMED,
                                                   is_current=True)
    return [consulted]


def _audition(world: World) -> list[Any]:
    consulted = ConsultedVendor.objects.get(pk=_answered(world)[0])
    return [audition_shortlist(project=world.project, consulted=consulted).pk]


def _audition_question(world: World) -> list[Any]:
    """A question the chef de projet prepared (a référent edits only their own)."""
    audition = Audition.objects.get(pk=_audition(world)[0])
    return [audition.pk, audition_question_add(audition=audition, text="Délai ?",
                                               by=world.users[LEAD]).pk]


def _audition_complement(world: World) -> list[Any]:
    audition = Audition.objects.get(pk=_audition(world)[0])
    return [audition.pk, audition_complement_add(
        audition=audition, received_on=date(2026, 10, 1), summary="Prix révisé",
        content=b"%PDF-1.4\n%%EOF\n", file_name="devis.pdf").pk]


# Phase 4 (acceptance app): the contract and the anomaly log.
REPORTERS = frozenset({LEAD, PROF_REF, DOMAIN_REF, AMOA, MEMBER})


def _contract(world: World) -> list[Any]:
    """The project's contract with its vendor (recorded with the choice)."""
    contract_make(world.project)
    return []


def _obligation(world: World) -> list[Any]:
    grid_initialise(project=world.project)
    need = Requirement.objects.filter(project=world.project).order_by("pk").first()
    obligation, _created = Obligation.objects.get_or_create(
        project=world.project, contract=contract_make(world.project), requirement=need,
        defaults={"code": need.code, "need_text": need.text, "priority": "essential",
                  "answer": "Développement spécifique"})
    return [obligation.pk]


def _anomaly(world: World) -> list[Any]:
    contract_make(world.project)
    return [anomaly_report(project=world.project, by=world.users[LEAD],
                           title=f"Anomalie {next(_serial)}", description="Écran figé",
                           severity="major").number]
def _setting_item(world: World) -> list[Any]:
    """A setting item of nobody's domain: only the chef and the AMOA edit it."""
    from acceptance.settings.services import setting_item_save
    return [setting_item_save(project=world.project, by=world.users[LEAD], codes="",
                              values={"area": "users_rights",
                                      "title": f"Élément {next(_serial)}"}).pk]


def _habilitation_profile(world: World) -> list[Any]:
    from acceptance.models import HabilitationProfile
    from acceptance.settings.services import habilitation_profile_add
    known = HabilitationProfile.objects.filter(project=world.project).first()
    return [known.pk if known else habilitation_profile_add(
        project=world.project, profession="gp", status="holder").pk]


def _migration_line(world: World) -> list[Any]:
    from acceptance.migration.services import migration_checklist_generate
    from acceptance.models import MigrationLine
    _migration_item(world)
    migration_checklist_generate(project=world.project, by=world.users[LEAD])
    return [MigrationLine.objects.filter(project=world.project).first().pk]


def _migration_note(world: World) -> list[Any]:
    from acceptance.migration.services import migration_note_attach
    return [migration_note_attach(project=world.project, by=world.users[LEAD],
                                  content=b"%%PDF-1.4\n%d\n%%%%EOF\n" % next(_serial),
                                  file_name="note.pdf").pk]
def _recette_campaign(world: World) -> list[Any]:
    """Step 14: cases written from the frozen grid, and a campaign opened on them."""
    grid = grid_initialise(project=world.project)
    if not grid.is_frozen:
        grid_freeze(grid=grid, by=world.users[LEAD])
    recette_services.cases_generate(project=world.project, by=world.users[LEAD])
    return [recette_services.campaign_open(
        project=world.project, by=world.users[LEAD], name="Recette", kind="users",
        starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 18)).pk]


def _recette_item(world: World) -> list[Any]:
    campaign = _recette_campaign(world)[0]
    return [campaign, CampaignCase.objects.filter(campaign_id=campaign).first().pk]


def _recette_case(world: World) -> list[Any]:
    return [CampaignCase.objects.get(pk=_recette_item(world)[1]).case_id]
def _order(world: World) -> list[Any]:
    """A draft bon de commande (step 18), written directly: this project has no contract."""
    now = clock.now()
    return [PurchaseOrder.objects.create(
        project=world.project, number=next(_serial), kind=OrderKind.NEWCOMER, title="Arrivée",
        scope="Reprise", requested_by=world.users[LEAD], created_at=now,
        status_changed_at=now).number]


def _order_line(world: World) -> list[Any]:
    number = _order(world)[0]
    order = PurchaseOrder.objects.get(project=world.project, number=number)
    return [number, PurchaseOrderLine.objects.create(
        order=order, project=world.project, price_key="new_professional", label="Arrivée",
        unit="forfait", quantity=1, unit_price=250, total=250).pk]


def _training_session(world: World) -> list[Any]:
    """A past session (attendance can be recorded), for no group."""
    return [TrainingSession.objects.create(
        project=world.project, title=f"Session {next(_serial)}",
        starts_at=clock.now() - timedelta(days=1)).pk]


def _evolution(world: World) -> list[Any]:
    now = clock.now()
    return [EvolutionRequest.objects.create(
        project=world.project, number=next(_serial), title="Évolution", description="—",
        requested_by=world.users[LEAD], created_at=now, status_changed_at=now).number]


def _intervention(world: World) -> list[Any]:
    return [Intervention.objects.create(
        project=world.project, title="Mise à jour", content="—", created_by=world.users[LEAD],
        starts_at=clock.now() + timedelta(days=2)).pk]


def _survey_link(world: World) -> list[Any]:
    """A personal survey link of someone listed without an account."""
    survey = (Survey.objects.filter(project=world.project).first()
              or survey_open(project=world.project, by=world.users[LEAD]))
    group, _created = TrainingGroup.objects.get_or_create(
        project=world.project, name="Accueil", defaults={"kind": TrainingGroupKind.SECRETARIAT})
    trainee = trainee_add(group=group, name=f"Personne {next(_serial)}")
    survey_link_issue(survey=survey, trainee=trainee, by=world.users[LEAD])
    return [SurveyInvitation.objects.get(trainee=trainee).pk]


CASES = [
    Case("project-home", "get", EVERYONE),
    Case("project-edit", "get", LEAD_ONLY),
    Case("project-edit", "post", LEAD_ONLY),
    Case("team", "get", EVERYONE),
    Case("invitation-create", "post", LEAD_ONLY),
    Case("invitation-revoke", "post", LEAD_ONLY, _invitation),
    Case("membership-role", "post", LEAD_ONLY, _membership),
    Case("membership-revoke", "post", LEAD_ONLY, _membership),
    Case("step-detail", "get", EVERYONE, lambda w: [4]),
    Case("step-transition", "post", LEAD_AND_AMOA, lambda w: [4]),
    Case("step-edit", "post", LEAD_AND_AMOA, lambda w: [4]),
    Case("step-validate", "get", LEAD_ONLY, lambda w: [1]),
    Case("step-validate", "post", LEAD_ONLY, lambda w: [1]),
    Case("framing", "get", EVERYONE),
    Case("framing-save", "post", LEAD_AND_AMOA, lambda w: ["axes"]),
    Case("contribution", "get", ASSEMBLY),
    Case("contribution", "post", ASSEMBLY),
    Case("contribution-list", "get", LEAD_AND_AMOA),
    Case("charter", "get", EVERYONE),
    Case("charter", "post", LEAD_AND_AMOA),
    Case("calendar", "get", EVERYONE),
    Case("wave-modules", "post", LEAD_AND_AMOA),
    Case("history", "get", LEAD_AND_AMOA),
    Case("document-list", "get", EVERYONE),
    Case("document-generate", "post", LEAD_AND_AMOA, lambda w: [DocumentKind.NOTE_DE_CADRAGE]),
    Case("document-status", "get", EVERYONE, _document),
    Case("document-retry", "post", LEAD_AND_AMOA, _document),
    Case("document-review", "get", EVERYONE, _finished_document),
    Case("document-review", "post", REVIEWERS, _finished_document),
    # Step 5: the market study (vendors app).
    Case("vendors:market-study", "get", EVERYONE),
    Case("vendors:assessment-detail", "get", EVERYONE, _assessment),
    Case("vendors:assessment-detail", "post", LEAD_AND_AMOA, _assessment),
    Case("vendors:assessment-add", "post", LEAD_AND_AMOA),
    Case("vendors:assessment-remove", "post", LEAD_AND_AMOA, _assessment),
    Case("vendors:vendor-create", "get", LEAD_AND_AMOA),
    Case("vendors:vendor-create", "post", LEAD_AND_AMOA),
    Case("vendors:vendor-update", "get", LEAD_AND_AMOA, _vendor),
    Case("vendors:vendor-update", "post", LEAD_AND_AMOA, _vendor),
    Case("vendors:vendor-delete", "post", LEAD_AND_AMOA, _vendor),
    # Step 11: the vote of the assemblée générale (vendors app).
    Case("vendors:vote-list", "get", EVERYONE),
    Case("vendors:vote-create", "get", LEAD_ONLY),
    Case("vendors:vote-create", "post", LEAD_ONLY),
    Case("vendors:vote-detail", "get", EVERYONE, _vote),
    Case("vendors:vote-cast", "post", ASSEMBLY, _vote),
    Case("vendors:vote-proxy-give", "post", ASSEMBLY, _vote),
    Case("vendors:vote-proxy-revoke", "post", ASSEMBLY, _vote),
    Case("vendors:vote-close", "post", LEAD_ONLY, _vote),
    Case("vendors:vote-room-voter-add", "post", LEAD_ONLY, _vote),
    Case("vendors:vote-room-ballot", "post", LEAD_ONLY, _room_voter),
    Case("vendors:vote-minutes", "post", LEAD_AND_AMOA, _vote),
    # Step 11: every member reads; evaluators (chef, référents) mark; the chef decides.
    Case("vendors:analysis", "get", EVERYONE),
    Case("vendors:criteria", "get", EVERYONE),
    Case("vendors:criteria", "post", LEAD_AND_AMOA),
    Case("vendors:criteria-eliminatory-add", "post", LEAD_AND_AMOA),
    Case("vendors:marks", "get", EVALUATORS),
    Case("vendors:marks", "post", EVALUATORS),
    Case("vendors:eliminatory-decide", "post", LEAD_ONLY, _decision_target),
    Case("vendors:choice", "get", EVERYONE),
    Case("vendors:choice", "post", LEAD_AND_AMOA),
    Case("vendors:choice-record", "post", LEAD_ONLY),
    # Step 9: the consultation (vendors app).
    Case("vendors:consultation", "get", EVERYONE),
    Case("vendors:consultation-deadline", "post", LEAD_AND_AMOA),
    Case("vendors:consulted-add", "post", LEAD_AND_AMOA),
    Case("vendors:consulted-remove", "post", LEAD_AND_AMOA, _consulted),
    Case("vendors:consulted-sent", "post", LEAD_AND_AMOA, _consulted),
    Case("vendors:consulted-document", "post", LEAD_AND_AMOA,
         lambda w: [*_consulted(w), "autre"]),
    Case("vendors:consulted-link", "post", LEAD_AND_AMOA, _consulted),
    Case("vendors:answers-upload", "get", LEAD_AND_AMOA, _consulted),
    Case("vendors:answers-upload", "post", LEAD_AND_AMOA, _consulted),
    Case("vendors:answers-preview", "get", LEAD_AND_AMOA, _answer_set),
    Case("vendors:answers-preview", "post", LEAD_AND_AMOA, _answer_set),
    # Steps 9 and 11: the answers comparison, read by every member.
    Case("vendors:answers-compare", "get", EVERYONE),
    # Step 10: the auditions; référents (evaluators) also propose questions.
    Case("vendors:auditions", "get", EVERYONE),
    Case("vendors:audition-shortlist", "post", LEAD_AND_AMOA, _answered),
    Case("vendors:audition-detail", "get", EVERYONE, _audition),
    Case("vendors:audition-unshortlist", "post", LEAD_AND_AMOA, _audition),
    Case("vendors:audition-schedule", "post", LEAD_AND_AMOA, _audition),
    Case("vendors:audition-question-add", "post", REVIEWERS, _audition),
    Case("vendors:audition-question-edit", "post", LEAD_AND_AMOA, _audition_question),
    Case("vendors:audition-question-delete", "post", LEAD_AND_AMOA, _audition_question),
    Case("vendors:audition-question-move", "post", LEAD_AND_AMOA, _audition_question),
    Case("vendors:audition-letter", "post", LEAD_AND_AMOA, _audition),
    Case("vendors:audition-record", "post", LEAD_AND_AMOA, _audition),
    Case("vendors:audition-complement-add", "post", LEAD_AND_AMOA, _audition),
    Case("vendors:audition-complement-delete", "post", LEAD_AND_AMOA, _audition_complement),
    Case("vendors:audition-complement-file", "get", EVERYONE, _audition_complement),
    # Steps 4, 6 (technical preferences) and 7 (requirements app).
    Case("requirements:existing", "get", EVERYONE),
    Case("requirements:existing-save", "post", LEAD_AND_AMOA, lambda w: ["organisation"]),
    # The nurses' référent saves the nurses' part (add_member makes them a nurse).
    Case("requirements:existing-profession-save", "post", LEAD_AMOA_AND_NURSE, lambda w: ["nurse"]),
    Case("requirements:existing-profession-save", "post", LEAD_AND_AMOA, lambda w: ["gp"]),
    Case("requirements:partner-create", "post", LEAD_AND_AMOA),
    Case("requirements:partner-delete", "post", LEAD_AND_AMOA, _partner),
    Case("requirements:services", "get", EVERYONE),
    Case("requirements:services-save", "post", LEAD_AND_AMOA, lambda w: ["migration"]),
    Case("requirements:migration-item-create", "post", LEAD_AND_AMOA),
    Case("requirements:migration-item-delete", "post", LEAD_AND_AMOA, _migration_item),
    Case("requirements:technical", "get", EVERYONE),
    Case("requirements:technical", "post", LEAD_AND_AMOA),
    # Step 6: the needs grid; a référent métier edits the needs of their profession only.
    Case("requirements:grid", "get", EVERYONE),
    Case("requirements:requirement-save", "post", LEAD_AMOA_AND_NURSE, _nurses_need),
    Case("requirements:requirement-move", "post", LEAD_AMOA_AND_NURSE, _nurses_need),
    Case("requirements:requirement-remove", "post", LEAD_AMOA_AND_NURSE, _nurses_need),
    Case("requirements:requirement-restore", "post", LEAD_AMOA_AND_NURSE, _nurses_need),
    Case("requirements:requirement-add", "post", LEAD_AMOA_AND_NURSE, _subdomain),
    Case("requirements:grid-consolidation", "get", LEAD_AND_AMOA),
    Case("requirements:requirement-arbitrate", "post", LEAD_AND_AMOA, _nurses_need),
    Case("requirements:requirement-merge", "post", LEAD_AND_AMOA),
    Case("requirements:domain-assign", "post", LEAD_AND_AMOA, _domain),
    Case("requirements:grid-freeze", "post", LEAD_ONLY),
    Case("requirements:grid-unfreeze", "post", LEAD_ONLY),
    *[
        case
        for kind, builder in (("task", _task), ("milestone", _milestone),
                              ("meeting", _meeting), ("wave", _wave))
        for case in (
            Case(f"{kind}-create", "get", LEAD_AND_AMOA),
            Case(f"{kind}-create", "post", LEAD_AND_AMOA),
            Case(f"{kind}-edit", "get", LEAD_AND_AMOA, builder),
            Case(f"{kind}-edit", "post", LEAD_AND_AMOA, builder),
            Case(f"{kind}-delete", "post", LEAD_AND_AMOA, builder),
        )
    ],
    # Phase 4: the contract (everyone reads; the chef and the AMOA edit; the chef alone
    # manages the vendor's link) and the anomaly log (the observer only reads).
    Case("acceptance:contract", "get", EVERYONE, _contract),
    Case("acceptance:contract", "post", LEAD_AND_AMOA, _contract),
    Case("acceptance:obligation-edit", "post", LEAD_AND_AMOA, _obligation),
    Case("acceptance:vendor-link", "post", LEAD_ONLY, _contract),
    Case("acceptance:vendor-link-revoke", "post", LEAD_ONLY, _contract),
    Case("acceptance:anomaly-list", "get", EVERYONE),
    Case("acceptance:anomaly-create", "get", REPORTERS, _contract),
    Case("acceptance:anomaly-create", "post", REPORTERS, _contract),
    Case("acceptance:anomaly-detail", "get", EVERYONE, _anomaly),
    Case("acceptance:anomaly-move", "post", LEAD_AND_AMOA, _anomaly),
    Case("acceptance:anomaly-comment", "post", REPORTERS, _anomaly),
    Case("acceptance:anomaly-qualify", "post", LEAD_AND_AMOA, _anomaly),
    # Step 12 (acceptance app): setting items (référents: their own only), the matrix.
    Case("acceptance:settings", "get", EVERYONE),
    Case("acceptance:setting-items-propose", "post", LEAD_AND_AMOA),
    Case("acceptance:setting-item-create", "get", LEAD_AND_AMOA),
    Case("acceptance:setting-item-create", "post", LEAD_AND_AMOA),
    Case("acceptance:setting-item-edit", "get", LEAD_AND_AMOA, _setting_item),
    Case("acceptance:setting-item-edit", "post", LEAD_AND_AMOA, _setting_item),
    Case("acceptance:setting-item-move", "post", LEAD_AND_AMOA, _setting_item),
    Case("acceptance:patient-information", "post", LEAD_AND_AMOA),
    Case("acceptance:habilitations", "get", EVERYONE),
    Case("acceptance:habilitations", "post", frozenset({LEAD, AMOA, DOMAIN_REF})),
    Case("acceptance:habilitation-build", "post", frozenset({LEAD, AMOA, DOMAIN_REF})),
    Case("acceptance:habilitation-profile-add", "post", frozenset({LEAD, AMOA, DOMAIN_REF})),
    Case("acceptance:habilitation-cell", "post", frozenset({LEAD, AMOA, DOMAIN_REF}),
         _habilitation_profile),
    Case("acceptance:habilitation-validate", "post", LEAD_ONLY),
    Case("acceptance:habilitation-reopen", "post", LEAD_ONLY),
    # Step 13: the migration checklist; the go / no-go is the chef de projet's.
    Case("acceptance:migration", "get", EVERYONE),
    Case("acceptance:migration-generate", "post", LEAD_AND_AMOA),
    Case("acceptance:migration-line-edit", "get", LEAD_AND_AMOA, _migration_line),
    Case("acceptance:migration-line-edit", "post", LEAD_AND_AMOA, _migration_line),
    Case("acceptance:migration-line-move", "post", LEAD_AND_AMOA, _migration_line),
    Case("acceptance:sample-check-add", "post", LEAD_AND_AMOA, _migration_line),
    Case("acceptance:migration-note-upload", "post", LEAD_AND_AMOA),
    Case("acceptance:migration-note-file", "get", EVERYONE, _migration_note),
    Case("acceptance:migration-decide", "post", LEAD_ONLY),
    # Step 14: the recette (acceptance app).
    Case("acceptance:recette", "get", EVERYONE),
    Case("acceptance:case-list", "get", EVERYONE),
    Case("acceptance:case-generate", "post", LEAD_AND_AMOA),
    Case("acceptance:case-edit", "get", LEAD_AND_AMOA, _recette_case),
    Case("acceptance:case-edit", "post", LEAD_AND_AMOA, _recette_case),
    Case("acceptance:campaign-create", "post", LEAD_AND_AMOA),
    Case("acceptance:campaign-detail", "get", EVERYONE, _recette_campaign),
    Case("acceptance:campaign-execute", "post", EXECUTORS, _recette_item),
    Case("acceptance:campaign-assign", "post", LEAD_AND_AMOA, _recette_campaign),
    Case("acceptance:coverage", "get", EVERYONE),
    Case("acceptance:traceability", "get", EVERYONE),
    Case("acceptance:trace-recheck", "post", LEAD_AND_AMOA, _recette_case),
    Case("acceptance:recette-decide", "post", LEAD_ONLY),
    Case("project-archive", "get", LEAD_ONLY),
    Case("project-archive", "post", LEAD_ONLY),
    Case("project-archive-status", "get", LEAD_ONLY, _archive),
    # The risk register: everyone reads it, the AMOA proposes, the chef de projet holds it.
    Case("risk-list", "get", EVERYONE),
    Case("risk-create", "get", LEAD_AND_AMOA),
    Case("risk-create", "post", LEAD_AND_AMOA),
    Case("risk-detail", "get", EVERYONE, _risk),
    Case("risk-assess", "post", LEAD_ONLY, _risk),
    Case("risk-action-add", "get", LEAD_ONLY, _risk),
    Case("risk-action-add", "post", LEAD_ONLY, _risk),
    Case("risk-status", "post", LEAD_ONLY, _risk),
    Case("known-risk-decide", "post", LEAD_ONLY, lambda world: ["availability"]),
    # The budget: everyone reads it, the chef de projet keeps it.
    Case("budget", "get", EVERYONE),
    Case("budget-line-create", "get", LEAD_ONLY),
    Case("budget-line-create", "post", LEAD_ONLY),
    Case("budget-line-edit", "get", LEAD_ONLY, _budget_line),
    Case("budget-line-edit", "post", LEAD_ONLY, _budget_line),
    Case("funding-create", "get", LEAD_ONLY),
    Case("funding-create", "post", LEAD_ONLY),
    Case("funding-edit", "get", LEAD_ONLY, _funding),
    Case("funding-edit", "post", LEAD_ONLY, _funding),
    # The COPIL: everyone reads, the chef de projet and the AMOA record the minutes.
    Case("copil", "get", EVERYONE),
    Case("copil-minutes", "get", EVERYONE, _copil_with_minutes),
    Case("copil-minutes-record", "get", LEAD_AND_AMOA, _copil),
    Case("copil-minutes-record", "post", LEAD_AND_AMOA, _copil),
    Case("copil-minutes-document", "post", LEAD_AND_AMOA, _copil_with_minutes),
]
# Step 18: every member reads the orders; chef, AMOA and référents prepare them (the chef
# alone signs: checked by the service, see tests/acceptance/orders).
CASES += [
    Case("acceptance:orders", "get", EVERYONE),
    Case("acceptance:orders", "post", REVIEWERS),
    Case("acceptance:order-detail", "get", EVERYONE, _order),
    Case("acceptance:order-line-add", "post", REVIEWERS, _order),
    Case("acceptance:order-line-remove", "post", REVIEWERS, _order_line),
    Case("acceptance:order-justify", "post", REVIEWERS, _order),
    Case("acceptance:order-move", "post", REVIEWERS, _order),
    Case("acceptance:order-document", "post", REVIEWERS, _order),
]
# Step 15: every member reads the training; chef and AMOA organise it; référents and the
# AMOA also record attendance.
CASES += [
    Case("acceptance:training", "get", EVERYONE),
    Case("acceptance:training-groups-build", "post", LEAD_AND_AMOA),
    Case("acceptance:trainee-add", "post", LEAD_AND_AMOA),
    Case("acceptance:training-session-create", "post", LEAD_AND_AMOA),
    Case("acceptance:training-session", "get", EVERYONE, _training_session),
    Case("acceptance:training-convocations", "post", LEAD_AND_AMOA, _training_session),
    Case("acceptance:training-attendance", "post", REVIEWERS, _training_session),
    Case("acceptance:training-document", "post", LEAD_AND_AMOA, _training_session),
]
# Step 16: every member reads; members, référents and AMOA propose evolutions; référents
# and AMOA qualify them (the chef decides: checked by the rule); chef and AMOA plan.
CASES += [
    Case("acceptance:maintenance", "get", EVERYONE),
    Case("acceptance:evolution-create", "post", REVIEWERS | {MEMBER}),
    Case("acceptance:evolution-move", "post", REVIEWERS, _evolution),
    Case("acceptance:intervention-create", "post", LEAD_AND_AMOA),
    Case("acceptance:intervention-announce", "post", LEAD_AND_AMOA, _intervention),
    Case("acceptance:evolution-vote", "post", EVALUATORS, _evolution),
    Case("acceptance:intervention-follow-up", "post", LEAD_AND_AMOA, _intervention),
    Case("acceptance:intervention-notice", "post", LEAD_AND_AMOA, _intervention),
]
# Step 17: every member reads the bilan; chef and AMOA prepare it; members and référents
# answer the survey (the AMOA and the observer do not).
CASES += [
    Case("acceptance:bilan", "get", EVERYONE),
    Case("acceptance:bilan-cost-add", "post", LEAD_AND_AMOA),
    Case("acceptance:survey-open", "post", LEAD_AND_AMOA),
    Case("acceptance:survey-answer", "get", ASSEMBLY),
    Case("acceptance:survey-answer", "post", ASSEMBLY),
    Case("acceptance:survey-paper", "post", LEAD_AND_AMOA),
    Case("acceptance:bilan-save", "post", LEAD_AND_AMOA),
    Case("acceptance:survey-link-issue", "post", LEAD_AND_AMOA),
    Case("acceptance:survey-link-revoke", "post", LEAD_AND_AMOA, _survey_link),
]
# The download of a finished file is covered in test_documents_views (it needs a file).
NOT_IN_MATRIX = {"projects:document-download", "projects:project-archive-download"}


@pytest.fixture
def world(make_project, make_user, add_member) -> World:
    project = make_project()
    users = {LEAD: project.created_by}
    for role in ROLES[1:]:
        users[role] = add_member(project, role).user
    other_project = make_project(name="MSP voisine")
    return World(project=project, users=users, outsider=other_project.created_by,
                 other_project=other_project)


def _outcome(response: Any) -> str:
    """What the person sees: refused (403), hidden (404), sent to sign in, or served."""
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return "login"
    return {403: "refused", 404: "hidden"}.get(response.status_code, "served")


def _request(case: Case, world: World, user: Any | None) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    url = reverse(_full_name(case.name), args=[world.project.pk, *case.args(world)])
    return _outcome(getattr(client, case.method)(url))


def _full_name(name: str) -> str:
    return name if ":" in name else f"projects:{name}"


def _project_url_names() -> set[str]:
    """``namespace:name`` of every URL that takes a project id, in every app."""
    names = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace not in (None, "admin"):
            names |= {f"{entry.namespace}:{p.name}" for p in entry.url_patterns
                      if isinstance(p, URLPattern) and "project_pk" in str(p.pattern)}
    return names


def test_every_project_url_is_in_the_matrix() -> None:
    assert _project_url_names() - NOT_IN_MATRIX == {_full_name(c.name) for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method.upper()} {c.name}")
def test_matrix(case: Case, world: World) -> None:
    seen = {role: _request(case, world, world.users[role]) for role in ROLES}
    seen["member of another project"] = _request(case, world, world.outsider)
    seen["anonymous"] = _request(case, world, None)
    expected = {role: "served" if role in case.allowed else "refused" for role in ROLES}
    expected["member of another project"] = "hidden"
    expected["anonymous"] = "login"
    assert seen == expected


# Shared objects: the vendor catalogue is read by every project, but an entry's shared facts
# (HDS certification, contact…) are changed only by the project that created it, and only
# while no other project uses it; everyone else gets 403 (the instance's staff correct it in
# the admin). An id outside the catalogue is 404.

def _entry_of_the_project(world: World) -> int:
    """An entry the project created and alone assesses."""
    return _assessment_vendor(world)


def _entry_both_projects_use(world: World) -> int:
    """An entry the project created, which the other project assesses too."""
    vendor_pk = _assessment_vendor(world)
    assessment_start(project=world.other_project, vendor=Vendor.objects.get(pk=vendor_pk))
    return vendor_pk


def _entry_gone(world: World) -> int:
    """The id of an entry deleted from the catalogue."""
    vendor = Vendor.objects.get(pk=_vendor(world)[0])
    vendor_pk = vendor.pk
    vendor.delete()
    return vendor_pk


def _assessment_vendor(world: World) -> int:
    return VendorAssessment.objects.get(pk=_assessment(world)[0]).vendor_id


@dataclass(frozen=True)
class SharedCase:
    """Who asks (through their own project's URL), for which entry, and what they get."""

    principal: str  # « other project » or « own project »
    name: str
    method: str
    entry: Callable[[World], int]
    expected: str


SHARED_CASES = [
    SharedCase("other project", "vendors:vendor-update", "get", _entry_of_the_project,
               "served"),
    SharedCase("other project", "vendors:vendor-update", "post", _entry_of_the_project,
               "refused"),
    SharedCase("other project", "vendors:vendor-delete", "post", _entry_of_the_project,
               "refused"),
    SharedCase("other project", "vendors:vendor-update", "get", _entry_gone, "hidden"),
    SharedCase("other project", "vendors:vendor-update", "post", _entry_gone, "hidden"),
    SharedCase("other project", "vendors:vendor-delete", "post", _entry_gone, "hidden"),
    SharedCase("own project", "vendors:vendor-update", "get", _entry_both_projects_use,
               "served"),
    SharedCase("own project", "vendors:vendor-update", "post", _entry_both_projects_use,
               "refused"),
    SharedCase("own project", "vendors:vendor-delete", "post", _entry_both_projects_use,
               "refused"),
    SharedCase("own project", "vendors:vendor-update", "post", _entry_of_the_project,
               "served"),
]


@pytest.mark.parametrize("case", SHARED_CASES,
                         ids=lambda c: f"{c.principal}: {c.method.upper()} {c.name} "
                                       f"{c.entry.__name__.strip('_')}")
def test_shared_catalogue_matrix(case: SharedCase, world: World) -> None:
    entry = case.entry(world)
    project, user = ((world.other_project, world.outsider) if case.principal == "other project"
                     else (world.project, world.users[LEAD]))
    before = list(Vendor.objects.filter(pk=entry).values())
    client = Client()
    client.force_login(user)
    # The outsider's attempt of the audit: switch the HDS certification and the contact.
    response = getattr(client, case.method)(
        reverse(case.name, args=[project.pk, entry]),
        {"name": "Éditeur détourné", "product": "Produit", "label_level": "none",
         "is_hds_certified": "on", "contact_email": "pirate@exemple.test"})
    assert _outcome(response) == case.expected
    changed = list(Vendor.objects.filter(pk=entry).values()) != before
    assert changed is (case.expected == "served" and case.method == "post")


# The vendor's secret link (no account, no project id in the URL): served to anyone who
# holds a valid link, signed in or not; hidden (404) for a wrong or revoked one.

@pytest.mark.parametrize("who", ["anonymous", "member of another project", LEAD])
@pytest.mark.parametrize("link", ["valid", "wrong", "revoked"])
def test_vendor_link_matrix(world: World, who: str, link: str) -> None:
    from acceptance.contract.services import contract_link_issue, contract_link_revoke

    contract = contract_make(world.project)
    token = contract_link_issue(contract=contract, by=world.users[LEAD])
    if link == "wrong":
        token = token[::-1]
    elif link == "revoked":
        contract_link_revoke(contract=contract, by=world.users[LEAD])
    client = Client()
    user = {"anonymous": None, "member of another project": world.outsider}.get(
        who, world.users.get(who))
    if user is not None:
        client.force_login(user)
    outcome = _outcome(client.get(reverse("acceptance:vendor-portal", args=[token])))
    assert outcome == ("served" if link == "valid" else "hidden")


# A person's reminder preferences: their own, whoever they are (no id in the URL); the
# « ne plus recevoir » link of an e-mail: its signed token is the only key, signed in or
# not, and it stops the reminders of the person it names, never of whoever opens it.

@pytest.mark.parametrize("who", [*ROLES, "member of another project", "anonymous"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_reminder_preferences_matrix(world: World, who: str, method: str) -> None:
    user = {"anonymous": None, "member of another project": world.outsider}.get(
        who, world.users.get(who))
    client = Client()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(reverse("projects:reminder-preferences"),
                                       {"kinds": ["step_due"]})
    assert _outcome(response) == ("login" if user is None else "served")
    if user is not None and method == "post":
        assert set(ReminderOptOut.objects.filter(user=user).values_list("kind", flat=True)) \
            == {kind.code for kind in reminder_kinds()} - {"step_due"}
    assert not ReminderOptOut.objects.exclude(user=user).exists()


@pytest.mark.parametrize("who", ["anonymous", "member of another project", LEAD, MEMBER])
@pytest.mark.parametrize("link", ["valid", "forged", "expired"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_reminder_stop_link_matrix(world: World, who: str, link: str, method: str) -> None:
    addressee = world.users[MEMBER]
    issued_on = clock.today() - timedelta(days=61 if link == "expired" else 1)
    token = stop_token(user_id=addressee.pk, kind="task_due", issued_on=issued_on)
    if link == "forged":  # someone else's id in a payload they cannot sign
        payload, rest = token.split(":", 1)
        token = payload[:-1] + ("A" if payload[-1] != "A" else "B") + ":" + rest
    client = Client()
    user = {"anonymous": None, "member of another project": world.outsider}.get(
        who, world.users.get(who))
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(reverse("projects:reminder-stop", args=[token]))
    stopped = list(ReminderOptOut.objects.values_list("user_id", "kind"))
    if link == "valid":
        assert response.status_code == 200
        assert stopped == ([(addressee.pk, "task_due")] if method == "post" else [])
    else:
        assert response.status_code == 400
        assert ("n'est pas valide" if link == "forged" else "a expiré") in \
            unescape(response.content.decode())
        assert stopped == []


# A personal survey link (step 17, someone without an account): served to anyone who holds
# a valid link, signed in or not; hidden (404) for a wrong or revoked one.

@pytest.mark.parametrize("who", ["anonymous", "member of another project", LEAD])
@pytest.mark.parametrize("link", ["valid", "wrong", "revoked"])
def test_survey_link_matrix(world: World, who: str, link: str) -> None:
    from acceptance.bilan.services import survey_link_revoke

    survey = survey_open(project=world.project, by=world.users[LEAD])
    group = TrainingGroup.objects.create(project=world.project, name="Accueil",
                                         kind=TrainingGroupKind.SECRETARIAT)
    trainee = trainee_add(group=group, name="Inès Morel")
    token = survey_link_issue(survey=survey, trainee=trainee, by=world.users[LEAD])
    if link == "wrong":
        token = token[::-1]
    elif link == "revoked":
        survey_link_revoke(invitation=SurveyInvitation.objects.get(trainee=trainee))
    client = Client()
    user = {"anonymous": None, "member of another project": world.outsider}.get(
        who, world.users.get(who))
    if user is not None:
        client.force_login(user)
    outcome = _outcome(client.get(reverse("acceptance:survey-link", args=[token])))
    assert outcome == ("served" if link == "valid" else "hidden")
