"""Data of a project: identity, team, steps, framing (steps 1–3), planning, documents."""

from .archives import ProjectArchive
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
from .steps import Step, StepTransition, StepValidation

__all__ = [
    "AxisTarget",
    "Contribution",
    "DeploymentWave",
    "Document",
    "DocumentComment",
    "Framing",
    "Invitation",
    "Meeting",
    "Membership",
    "Milestone",
    "ObjectiveSelection",
    "Project",
    "ProjectArchive",
    "ProjectGroupObjectPermission",
    "ProjectProfession",
    "ProjectUserObjectPermission",
    "ScopeModule",
    "Site",
    "Step",
    "StepTransition",
    "StepValidation",
    "Task",
    "TeamCharter",
]
