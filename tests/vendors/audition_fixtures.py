"""Fixtures of the audition tests: consulted vendors whose offer is in, an audition."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from projects.models import Project
from vendors.auditions import services
from vendors.auditions.models import Audition
from vendors.choices import AssessmentDecision
from vendors.consultation import services as consultation_services
from vendors.consultation.models import AnswerSet, AnswerSetStatus, AnswerSource, ConsultedVendor
from vendors.models import VendorAssessment


def offer_in(consulted: ConsultedVendor) -> AnswerSet:
    """A confirmed, current answer set, as ``answers_confirm`` leaves it."""
    return AnswerSet.objects.create(
        project_id=consulted.project_id, consulted=consulted, source=AnswerSource.TEAM,
        status=AnswerSetStatus.CONFIRMED, is_current=True, file_name="reponse.xlsx",
        file_sha256="0" * 64, grid_version=1,
        received_at=datetime(2026, 10, 1, 9, 0, tzinfo=UTC),
        answers=[{"code": "A1", "priority": "essential", "answer": "Standard"}])


@pytest.fixture
def make_consulted(make_assessment: Callable[..., VendorAssessment]
                   ) -> Callable[..., ConsultedVendor]:
    """A vendor kept by the study and consulted; ``answered`` adds its confirmed offer."""

    def make(project: Project, *, answered: bool = True, **vendor: Any) -> ConsultedVendor:
        assessment = make_assessment(project, decision=AssessmentDecision.KEPT)
        if vendor:
            for key, value in vendor.items():
                setattr(assessment.vendor, key, value)
            assessment.vendor.save()
        consulted = consultation_services.consulted_add(project=project, assessment=assessment)
        if answered:
            offer_in(consulted)
        return consulted

    return make


@pytest.fixture
def audition(project: Project, lead: Any,
             make_consulted: Callable[..., ConsultedVendor]) -> Audition:
    """A shortlisted candidate of ``project``, not scheduled yet."""
    return services.audition_shortlist(project=project, consulted=make_consulted(project),
                                       by=lead)


def soon(days: int = 7) -> datetime:
    """An audition time to come, on the hour."""
    return (timezone.now() + timedelta(days=days)).replace(minute=0, second=0,
                                                           microsecond=0)
