"""The project's data revision moves once per committed transaction that changes its
rows, never for a rolled-back one, and follows rows that reach the project indirectly."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from msp_si.accounts.services import user_deactivate
from projects.choices import RiskNature, Role
from projects.models import Project, ProjectRevision
from projects.pagecache.revision import project_path
from projects.risks.services import risk_create

pytestmark = pytest.mark.django_db(transaction=True)


def _revision(project: Project) -> int:
    return ProjectRevision.objects.get(project=project).value


def _risk(project: Project, title: str = "Panne du serveur") -> None:
    risk_create(project=project, by=project.created_by, title=title,
                nature=RiskNature.TECHNICAL, probability=2, impact=3)


def test_a_new_project_has_its_revision(make_project: Any) -> None:
    project = make_project()
    assert ProjectRevision.objects.filter(project=project).exists()


def test_a_committed_service_call_moves_the_revision_once(make_project: Any) -> None:
    project = make_project()
    before = _revision(project)
    _risk(project)  # a risk and its first rating, in one transaction
    assert _revision(project) == before + 1


def test_each_call_of_the_same_service_moves_the_revision(make_project: Any) -> None:
    # ``@transaction.atomic`` reuses one Atomic object for every call of a service: the
    # second call is a new transaction and must bump again (the market study's second
    # decision once showed the first one's summary).
    project = make_project()
    before = _revision(project)
    _risk(project, "Coupure réseau")
    _risk(project, "Perte de données")
    assert _revision(project) == before + 2


def test_a_call_after_a_rolled_back_one_still_counts(make_project: Any) -> None:
    project = make_project()
    before = _revision(project)
    def failing() -> None:
        with transaction.atomic():
            _risk(project, "Coupure réseau")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing()
    _risk(project, "Perte de données")
    assert _revision(project) == before + 1


def test_a_rolled_back_transaction_leaves_the_revision(make_project: Any) -> None:
    project = make_project()
    before = _revision(project)
    def failing() -> None:
        with transaction.atomic():
            _risk(project)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing()
    assert _revision(project) == before


def test_a_write_after_a_rolled_back_savepoint_still_counts(make_project: Any) -> None:
    project = make_project()
    before = _revision(project)
    with transaction.atomic():
        try:
            with transaction.atomic():
                _risk(project, "Coupure réseau")
                raise RuntimeError
        except RuntimeError:
            pass
        _risk(project, "Perte de données")
    assert _revision(project) == before + 1


def test_renaming_a_person_moves_their_projects_and_signing_in_does_not(
        make_project: Any) -> None:
    project = make_project()
    lead = project.created_by
    before = _revision(project)
    lead.save(update_fields=["last_login"])
    assert _revision(project) == before
    lead.last_name = "Martin-Durand"
    lead.save()
    assert _revision(project) > before


def test_deactivating_a_member_moves_their_projects(make_project: Any,
                                                   make_user: Any, add_member: Any) -> None:
    project, other = make_project(), make_project(name="MSP du Lavoir")
    member = make_user("partant@msp.test")
    add_member(project, Role.MEMBER, user=member)
    before, other_before = _revision(project), _revision(other)
    assert user_deactivate(user=member) is True
    assert (_revision(project), _revision(other)) == (before + 1, other_before)


def test_every_model_of_ours_reaches_its_project() -> None:
    from django.apps import apps

    from projects.pagecache.revision import _tracked_models

    unreachable = [m._meta.label for m in _tracked_models()
                   if (path := project_path(m)) is None
                   or (not path.is_project and path.chain is None and not path.referrers
                       and m is not apps.get_model("projects", "SentReminder")
                       and m is not apps.get_model("projects", "ReminderOptOut"))]
    assert unreachable == []
