"""Data of phase 2 (définition): existing state (step 4), the needs grid and technical
preferences (step 6), services expected (step 7)."""

from .existing.models import (
    ExchangeUsage,
    ExistingState,
    PartnerKind,
    ProfessionProfile,
    ProtocolPathology,
    SiteStaffing,
    TerritoryPartner,
)
from .expected.models import (
    ComplementaryPricing,
    MigrationItem,
    ServiceExpectations,
    SupportDays,
)
from .needs.models import (
    GridDomain,
    GridSubDomain,
    NeedsGrid,
    Priority,
    ProfessionPriority,
    Requirement,
)
from .technical.models import Hosting, PurchaseModel, TechnicalPreference

__all__ = [
    "ComplementaryPricing",
    "ExchangeUsage",
    "ExistingState",
    "GridDomain",
    "GridSubDomain",
    "Hosting",
    "MigrationItem",
    "NeedsGrid",
    "PartnerKind",
    "Priority",
    "ProfessionPriority",
    "ProfessionProfile",
    "ProtocolPathology",
    "PurchaseModel",
    "Requirement",
    "ServiceExpectations",
    "SiteStaffing",
    "SupportDays",
    "TechnicalPreference",
    "TerritoryPartner",
]
