"""What the projects app reminds of: steps and tasks near or past their due date, the
contributions of step 1 not yet written, document relectures before their validation.

Every project at once, in a fixed number of queries; ``rules`` decides, this reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ..choices import DocumentStatus, StepStatus, TaskStatus
from ..models import Contribution, Document, DocumentComment, Membership, Step, Task
from ..plugins import ReminderItem, document_specs
from ..policy import REVIEW_DOCUMENT, WRITE_CONTRIBUTION, roles_holding
from . import rules
from .kinds import CONTRIBUTION_MISSING, REVIEW_DUE, STEP_DUE, TASK_DUE

OPEN_STEP = (StepStatus.TODO, StepStatus.IN_PROGRESS)


def reminders_due(*, today: date, now: datetime) -> Iterator[ReminderItem]:
    """Today's reminders of the projects app (``now`` unused: its deadlines are days)."""
    lead = settings.REMINDER_LEAD_DAYS
    horizon = today + timedelta(days=lead)
    yield from _steps(today, lead, horizon)
    yield from _tasks(today, lead, horizon)
    yield from _contributions(today, lead, horizon)
    yield from _reviews(today, lead, horizon)


def _steps(today: date, lead: int, horizon: date) -> Iterator[ReminderItem]:
    steps = (Step.objects.filter(status__in=OPEN_STEP, due_on__lte=horizon,
                                 owner__isnull=False, owner__is_active=True)
             .select_related("project"))
    for step in steps:
        assert step.due_on is not None
        assert step.owner_id is not None
        delta = rules.deadline_delta(due_on=step.due_on, today=today, lead_days=lead)
        if delta is None:
            continue
        yield ReminderItem(
            STEP_DUE, step.owner_id, f"step:{step.pk}:{delta}", step.project.name,
            _("Étape %(step)s : %(when)s") % {
                "step": step, "when": rules.deadline_phrase(due_on=step.due_on, delta=delta)},
            reverse("projects:step-detail", args=[step.project_id, step.number]))


def _tasks(today: date, lead: int, horizon: date) -> Iterator[ReminderItem]:
    tasks = (Task.objects.filter(due_on__lte=horizon, owner__isnull=False,
                                 owner__is_active=True)
             .exclude(status=TaskStatus.DONE).select_related("project"))
    for task in tasks:
        assert task.owner_id is not None
        delta = rules.deadline_delta(due_on=task.due_on, today=today, lead_days=lead)
        if delta is None:
            continue
        yield ReminderItem(
            TASK_DUE, task.owner_id, f"task:{task.pk}:{delta}", task.project.name,
            _("Tâche « %(title)s » : %(when)s") % {
                "title": task.title,
                "when": rules.deadline_phrase(due_on=task.due_on, delta=delta)},
            reverse("projects:calendar", args=[task.project_id]))


def _contributions(today: date, lead: int, horizon: date) -> Iterator[ReminderItem]:
    """Step 1 still open and near its due date: the professionals without a contribution."""
    due = {}
    for step in Step.objects.filter(number=1, status__in=OPEN_STEP, due_on__lte=horizon):
        assert step.due_on is not None
        delta = rules.deadline_delta(due_on=step.due_on, today=today, lead_days=lead)
        if delta is not None:
            due[step.project_id] = (step.due_on, delta)
    written = set(Contribution.objects.filter(project_id__in=due)
                  .values_list("project_id", "author_id"))
    members = (Membership.objects.filter(project_id__in=due, user__is_active=True,
                                         role__in=roles_holding(WRITE_CONTRIBUTION))
               .select_related("project"))
    for member in members:
        if (member.project_id, member.user_id) in written:
            continue
        due_on, delta = due[member.project_id]
        yield ReminderItem(
            CONTRIBUTION_MISSING, member.user_id, f"contribution:{member.project_id}:{delta}",
            member.project.name,
            _("Votre contribution au cadrage (étape 1) : %(when)s") % {
                "when": rules.deadline_phrase(due_on=due_on, delta=delta)},
            reverse("projects:contribution", args=[member.project_id]))


def _reviews(today: date, lead: int, horizon: date) -> Iterator[ReminderItem]:
    """The latest finished, not yet validated version of each document validated at a step
    near its due date: its reviewers who have not commented on it."""
    step_kinds = {number: spec for spec in document_specs().values()
                  for number in spec.validated_at_steps}
    due: dict[tuple[int, str], tuple[date, int]] = {}
    for step in Step.objects.filter(number__in=step_kinds, status__in=OPEN_STEP,
                                    due_on__lte=horizon).order_by("due_on"):
        assert step.due_on is not None
        delta = rules.deadline_delta(due_on=step.due_on, today=today, lead_days=lead)
        if delta is not None:  # the earliest step validating the document sets the date
            due.setdefault((step.project_id, step_kinds[step.number].kind),
                           (step.due_on, delta))
    if not due:
        return
    wanted = Q()
    for project_id, kind in due:
        wanted |= Q(project_id=project_id, kind=kind)
    latest: dict[tuple[int, str], Document] = {}
    for document in (Document.objects.filter(wanted, status=DocumentStatus.DONE)
                     .select_related("project").order_by("project", "kind", "-version")):
        latest.setdefault((document.project_id, document.kind), document)
    reviewing = [doc for doc in latest.values() if not doc.is_frozen]
    commented = set(DocumentComment.objects.filter(document__in=reviewing)
                    .values_list("document_id", "author_id"))
    reviewers = Membership.objects.filter(
        project_id__in={doc.project_id for doc in reviewing}, user__is_active=True,
        role__in=roles_holding(REVIEW_DOCUMENT))
    labels = {kind: spec.label for kind, spec in document_specs().items()}
    for document in reviewing:
        due_on, delta = due[(document.project_id, document.kind)]
        for member in reviewers:
            if member.project_id != document.project_id or \
                    (document.pk, member.user_id) in commented:
                continue
            yield ReminderItem(
                REVIEW_DUE, member.user_id, f"review:{document.pk}:{delta}",
                document.project.name,
                _("Relecture de « %(document)s » (version %(version)s), validation "
                  "%(when)s") % {"document": labels[document.kind],
                                 "version": document.version,
                                 "when": rules.deadline_phrase(due_on=due_on, delta=delta)},
                reverse("projects:document-review", args=[document.project_id, document.pk]))
