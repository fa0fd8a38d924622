"""The app's models, gathered from its capabilities (one app label, one migration set)."""

from .anomalies.models import Anomaly, AnomalyComment
from .cases.models import AcceptanceCase
from .contract.models import Contract, Obligation
from .migration.models import MigrationDecision, MigrationLine, MigrationNote, SampleCheck
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

__all__ = ["AcceptanceCase", "Anomaly", "AnomalyComment", "Contract", "Obligation"]
__all__ += ["HabilitationMatrix", "HabilitationProfile", "HabilitationValidation",
            "PatientInformation", "SettingItem"]
__all__ += ["MigrationDecision", "MigrationLine", "MigrationNote", "SampleCheck"]
__all__ += ["Campaign", "CampaignCase", "Execution", "RecetteDecision", "TraceCheck"]
