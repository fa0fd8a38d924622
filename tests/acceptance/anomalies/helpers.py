"""Set-up shared by the anomaly tests and the permission matrix: a contract without the
whole choice (``chosen_msp`` takes ~10 s; these tests need only the service levels)."""

from __future__ import annotations

from typing import Any

from acceptance.models import Contract
from projects.models import Project

SLA = {"blocking_response_hours": 4, "major_response_hours": 16, "minor_response_hours": 40,
       "support_start_hour": 9, "support_end_hour": 18, "support_days": "weekdays"}


def contract_make(project: Project, **values: Any) -> Contract:
    """The project's contract with the demo's service levels (step 7 figures)."""
    existing = Contract.objects.filter(project=project).first()
    if existing is not None:
        return existing
    return Contract.objects.create(project=project, vendor_name="Éditeur fictif Santé",
                                   created_by=project.created_by, **{**SLA, **values})
