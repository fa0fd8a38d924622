"""Models of the vendors app, one ``models.py`` per capability; Django loads them here.

Every capability's models keep the app label ``vendors``: moving them changes no migration.
"""

from .auditions.models import Audition, AuditionComplement, AuditionQuestion
from .consultation.models import (
    AnswerSet,
    AnswerSetStatus,
    AnswerSource,
    Consultation,
    ConsultedVendor,
)
from .decision.models import SolutionChoice
from .evaluation.models import (
    CriteriaSettings,
    EliminatoryCriterion,
    EliminatoryDecision,
    EliminatoryKind,
    EvaluationMark,
    EvaluationSubmission,
    SecondaryCode,
    SecondaryCriterion,
)
from .market.models import Vendor, VendorAssessment
from .votes.models import Ballot, RoomBallotMode, RoomVoter, Vote, VoteOption, VoteProxy, VoteState

__all__ = [
    "AnswerSet",
    "AnswerSetStatus",
    "AnswerSource",
    "Audition",
    "AuditionComplement",
    "AuditionQuestion",
    "Ballot",
    "Consultation",
    "ConsultedVendor",
    "CriteriaSettings",
    "EliminatoryCriterion",
    "EliminatoryDecision",
    "EliminatoryKind",
    "EvaluationMark",
    "EvaluationSubmission",
    "RoomBallotMode",
    "RoomVoter",
    "SecondaryCode",
    "SecondaryCriterion",
    "SolutionChoice",
    "Vendor",
    "VendorAssessment",
    "Vote",
    "VoteOption",
    "VoteProxy",
    "VoteState",
]
