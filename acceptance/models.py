"""The app's models, gathered from its capabilities (one app label, one migration set)."""

from .anomalies.models import Anomaly, AnomalyComment
from .bilan.models import Bilan, CostEntry, Survey, SurveyParticipation, SurveyResponse
from .contract.models import Contract, Obligation
from .maintenance.models import EvolutionRequest, Intervention
from .orders.models import PurchaseOrder, PurchaseOrderLine
from .recette.models import AcceptanceCase
from .training.models import Attendance, Trainee, TrainingGroup, TrainingSession

__all__ = ["AcceptanceCase", "Anomaly", "AnomalyComment", "Contract", "Obligation"]
__all__ += ["PurchaseOrder", "PurchaseOrderLine"]
__all__ += ["Attendance", "Trainee", "TrainingGroup", "TrainingSession"]
__all__ += ["EvolutionRequest", "Intervention"]
__all__ += ["Bilan", "CostEntry", "Survey", "SurveyParticipation", "SurveyResponse"]
