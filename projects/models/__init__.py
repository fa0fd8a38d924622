"""Data of a project: identity, team, steps, framing (steps 1–3), planning, documents."""

from .archives import ProjectArchive
from .budget import BudgetLine, FundingSource
from .documents import Document, DocumentComment
from .framing import AxisTarget, Contribution, Framing, ObjectiveSelection, ScopeModule, TeamCharter
from .planning import DeploymentWave, Meeting, Milestone, Task
from .project import (
    Invitation,
    Membership,
    Project,
    ProjectGroupObjectPermission,
    ProjectProfession,
    ProjectUserObjectPermission,
    Site,
)
from .reminders import ReminderOptOut, SentReminder
from .revision import ProjectRevision
from .risks import Risk, RiskAction, RiskAssessment
from .steering import MeetingAction, MeetingDecision, MeetingMinutes
from .steps import Step, StepTransition, StepValidation

__all__ = [
    "AxisTarget",
    "BudgetLine",
    "Contribution",
    "DeploymentWave",
    "Document",
    "DocumentComment",
    "Framing",
    "FundingSource",
    "Invitation",
    "Meeting",
    "MeetingAction",
    "MeetingDecision",
    "MeetingMinutes",
    "Membership",
    "Milestone",
    "ObjectiveSelection",
    "Project",
    "ProjectArchive",
    "ProjectGroupObjectPermission",
    "ProjectProfession",
    "ProjectRevision",
    "ProjectUserObjectPermission",
    "ReminderOptOut",
    "Risk",
    "RiskAction",
    "RiskAssessment",
    "ScopeModule",
    "SentReminder",
    "Site",
    "Step",
    "StepTransition",
    "StepValidation",
    "Task",
    "TeamCharter",
]
