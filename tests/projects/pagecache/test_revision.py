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


def _risk_rolled_back(project: Project, title: str = "Panne du serveur") -> None:
    """A risk written in a transaction that then fails and rolls back."""
    def failing() -> None:
        with transaction.atomic():
            _risk(project, title)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing()


def test_a_new_project_has_its_revision(make_project: Any) -> None:
    project = make_project()
    assert ProjectRevision.objects.filter(project=project).exists()


@pytest.mark.parametrize(("transactions", "moves"), [
    pytest.param(["commit"], 1, id="a service call, risk and first rating: once"),
    # ``@transaction.atomic`` reuses one Atomic object for every call of a service: the
    # second call is a new transaction and must bump again (the market study's second
    # decision once showed the first one's summary).
    pytest.param(["commit", "commit"], 2, id="each call of the same service"),
    pytest.param(["rollback", "commit"], 1, id="a call after a rolled-back one"),
    pytest.param(["rollback"], 0, id="a rolled-back call: never"),
])
def test_each_committed_transaction_moves_the_revision(
        make_project: Any, transactions: list[str], moves: int) -> None:
    project = make_project()
    before = _revision(project)
    for n, outcome in enumerate(transactions):
        write = _risk if outcome == "commit" else _risk_rolled_back
        write(project, f"Risque {n}")
    assert _revision(project) == before + moves


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
