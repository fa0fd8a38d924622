"""Data of phase 2 (définition): existing state (step 4), technical preferences (step 6),
services expected (step 7); the needs grid has its own modules."""

from .existing import (
    ExchangeUsage,
    ExistingState,
    PartnerKind,
    ProfessionProfile,
    ProtocolPathology,
    SiteStaffing,
    TerritoryPartner,
)
from .expected_services import (
    ComplementaryPricing,
    MigrationItem,
    ServiceExpectations,
    SupportDays,
)
from .technical import Hosting, PurchaseModel, TechnicalPreference

__all__ = [
    "ComplementaryPricing",
    "ExchangeUsage",
    "ExistingState",
    "Hosting",
    "MigrationItem",
    "PartnerKind",
    "ProfessionProfile",
    "ProtocolPathology",
    "PurchaseModel",
    "ServiceExpectations",
    "SiteStaffing",
    "SupportDays",
    "TechnicalPreference",
    "TerritoryPartner",
]
