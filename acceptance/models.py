"""The app's models, gathered from its capabilities (one app label, one migration set)."""

from .anomalies.models import Anomaly, AnomalyComment
from .contract.models import Contract, Obligation
from .recette.models import (
    AcceptanceCase,
    Campaign,
    CampaignCase,
    Execution,
    RecetteDecision,
    TraceCheck,
)

__all__ = ["AcceptanceCase", "Anomaly", "AnomalyComment", "Contract", "Obligation"]
__all__ += ["Campaign", "CampaignCase", "Execution", "RecetteDecision", "TraceCheck"]
