"""Reads of step 15: groups and trainees, sessions and their warnings, who is trained."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.choices import Profession, Role
from projects.models import Document, Project
from requirements.expected.selectors import service_expectations

from ..choices import AcceptanceDocument, AttendanceStatus
from ..contract.models import Contract
from . import rules
from .models import Attendance, Trainee, TrainingGroup, TrainingSession


@dataclass(frozen=True)
class SessionLine:
    """A session with who is convened and what goes against the method."""

    session: TrainingSession
    trainees: list[Trainee]
    warnings: list[str]
    present: int

    @property
    def invited(self) -> int:
        return len(self.trainees)


@dataclass
class TrainingPage:
    """Everything the step 15 page and the plan de formation show."""

    project: Project
    go_live_on: date | None
    groups: list[TrainingGroup]
    sessions: list[SessionLine]
    by_group: list[rules.TrainedCount]
    by_profession: list[rules.TrainedCount]
    training_text: str = ""
    lead_name: str = ""
    sections: tuple[tuple[str, str], ...] = field(default=())

    @property
    def trainee_count(self) -> int:
        return sum(len(g.trainees.all()) for g in self.groups)


def _go_live(project: Project) -> date | None:
    contract = Contract.objects.filter(project=project).only("go_live_on").first()
    return contract.go_live_on if contract else None


def _trainees_of(session: TrainingSession) -> list[Trainee]:
    return sorted((t for g in session.groups.all() for t in g.trainees.all()),
                  key=lambda t: (t.name, t.pk))


def training_page(*, project: Project) -> TrainingPage:
    """Groups with their trainees, sessions with warnings, trained counts (fixed queries)."""
    go_live_on = _go_live(project)
    trainees = Trainee.objects.select_related("user").order_by("name", "id")
    groups = list(TrainingGroup.objects.filter(project=project)
                  .prefetch_related(Prefetch("trainees", trainees)))
    sessions = list(TrainingSession.objects.filter(project=project).prefetch_related(
        Prefetch("groups", TrainingGroup.objects.prefetch_related(
            Prefetch("trainees", trainees))), "attendances"))
    present = set(Attendance.objects.filter(project=project, status=AttendanceStatus.PRESENT)
                  .values_list("trainee_id", flat=True))
    lines = []
    for session in sessions:
        invited = _trainees_of(session)
        warnings = [w for w in (
            rules.timing_warning(session_on=timezone.localdate(session.starts_at),
                                 go_live_on=go_live_on),
            rules.capacity_warning(invited=len(invited), capacity=session.capacity)) if w]
        lines.append(SessionLine(session, invited, warnings, sum(
            1 for a in session.attendances.all() if a.status == AttendanceStatus.PRESENT)))
    everyone = [t for g in groups for t in g.trainees.all()]
    professions = {key: str(label) for key, label in Profession.choices}
    professions[""] = _("Sans profession indiquée")
    return TrainingPage(
        project=project, go_live_on=go_live_on, groups=groups, sessions=lines,
        by_group=rules.trained_counts(((str(t.group_id), t.pk) for t in everyone), present,
                                      {str(g.pk): g.name for g in groups}),
        by_profession=rules.trained_counts(((t.profession, t.pk) for t in everyone), present,
                                           professions),
    )


def session_of(*, project: Project, pk: int) -> TrainingSession:
    """A session of this project (404 for another project's id is the view's business)."""
    return TrainingSession.objects.prefetch_related("groups__trainees").get(project=project,
                                                                           pk=pk)


def session_document(*, session: TrainingSession, kind: str) -> Document | None:
    """The latest convocation or sign-in sheet of a session."""
    return (Document.objects.filter(project_id=session.project_id, kind=kind,
                                    subject=str(session.pk)).order_by("-version").first())


def attendance_of(*, session: TrainingSession) -> dict[int, str]:
    """Trainee id → attendance status recorded for the session."""
    return dict(Attendance.objects.filter(session=session)
                .values_list("trainee_id", "status"))


def lead_name(project: Project) -> str:
    """The chef de projet's name, who signs the convocations."""
    lead = (project.memberships.filter(role=Role.PROJECT_LEAD).select_related("user")
            .order_by("id").first())
    return lead.user.display_name if lead else ""


# --- documents ---------------------------------------------------------------------------

PLAN_SECTIONS: tuple[tuple[str, str], ...] = (
    ("principes", "1. Principes"),
    ("groupes", "2. Groupes"),
    ("sessions", "3. Calendrier des sessions"),
    ("bilan", "4. Personnes formées"),
)


def training_plan_data(project: Project) -> TrainingPage:
    """The plan de formation: the page's data with step 7's training text."""
    page = training_page(project=project)
    page.training_text = service_expectations(project=project).training
    page.lead_name = lead_name(project)
    page.sections = PLAN_SECTIONS
    return page


@dataclass(frozen=True)
class SessionSheetData:
    """A session's convocation or sign-in sheet."""

    project: Project
    session: TrainingSession
    trainees: list[Trainee]
    lead_name: str
    go_live_on: date | None


def session_sheet_data(project: Project, subject: str) -> SessionSheetData:
    """One session (subject: its id) with the people convened."""
    session = session_of(project=project, pk=int(subject))
    return SessionSheetData(project=project, session=session, trainees=_trainees_of(session),
                            lead_name=lead_name(project), go_live_on=_go_live(project))


SESSION_KINDS = (AcceptanceDocument.TRAINING_CONVOCATION, AcceptanceDocument.TRAINING_SIGN_IN)
