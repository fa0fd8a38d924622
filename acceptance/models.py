"""The app's models, gathered from its capabilities (one app label, one migration set)."""

from .anomalies.models import Anomaly, AnomalyComment
from .bilan.models import Bilan, CostEntry, Survey, SurveyParticipation, SurveyResponse
from .cases.models import AcceptanceCase
from .contract.models import Contract, Obligation
from .maintenance.models import EvolutionRequest, Intervention
from .migration.models import MigrationDecision, MigrationLine, MigrationNote, SampleCheck
from .orders.models import PurchaseOrder, PurchaseOrderLine
from .recette.models import (
    Campaign,
    CampaignCase,
    Execution,
    RecetteDecision,
    TraceCheck,
)
from .settings.models import (
    HabilitationMatrix,
    HabilitationProfile,
    HabilitationValidation,
    PatientInformation,
    SettingItem,
)
from .training.models import Attendance, Trainee, TrainingGroup, TrainingSession

__all__ = ["AcceptanceCase", "Anomaly", "AnomalyComment", "Contract", "Obligation"]
__all__ += ["HabilitationMatrix", "HabilitationProfile", "HabilitationValidation",
            "PatientInformation", "SettingItem"]
__all__ += ["MigrationDecision", "MigrationLine", "MigrationNote", "SampleCheck"]
__all__ += ["Campaign", "CampaignCase", "Execution", "RecetteDecision", "TraceCheck"]
__all__ += ["PurchaseOrder", "PurchaseOrderLine"]
__all__ += ["Attendance", "Trainee", "TrainingGroup", "TrainingSession"]
__all__ += ["EvolutionRequest", "Intervention"]
__all__ += ["Bilan", "CostEntry", "Survey", "SurveyParticipation", "SurveyResponse"]
