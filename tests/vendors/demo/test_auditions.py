"""Demo auditions: two of the three answered offers shortlisted, one held, one to come."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from projects.demo.seed import DEMO_PROJECT_NAME, LEAD, NURSE
from projects.models import Project
from vendors.auditions.models import Audition, AuditionComplement, AuditionQuestion
from vendors.auditions.selectors import audition_syntheses, auditions_page
from vendors.consultation.models import ConsultedVendor
from vendors.demo.auditions import seed_auditions

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Project:
    call_command("seed_demo", stdout=None)
    return Project.objects.get(name=DEMO_PROJECT_NAME)


def test_two_of_the_three_answered_offers_are_shortlisted(demo: Project) -> None:
    page = auditions_page(project=demo)
    assert page.answered_count == 3
    assert len(page.shortlisted) == 2
    assert page.warnings == []  # two candidates: what the method advises


def test_one_audition_is_held_and_the_other_prepared(demo: Project) -> None:
    held, upcoming = sorted(Audition.objects.filter(project=demo),
                            key=lambda a: a.held_on is None)
    assert held.held_on is not None
    assert held.held_on < timezone.localdate()
    assert held.notes
    assert held.synthesis
    assert all(q.answer for q in held.questions.all())
    assert held.complements.count() == 1
    assert upcoming.held_on is None
    assert upcoming.scheduled_at > timezone.now()
    assert upcoming.questions.count() >= 2
    assert not upcoming.questions.exclude(answer="").exists()
    # Référents take part: the nurse proposed some of the questions.
    askers = set(AuditionQuestion.objects.filter(project=demo)
                 .values_list("asked_by__email", flat=True))
    assert askers == {LEAD.email, NURSE.email}


def test_the_dossier_de_choix_reads_the_held_audition(demo: Project) -> None:
    summaries = audition_syntheses(project=demo)
    assert len(summaries) == 2
    held = [s for s in summaries if s.held_on]
    assert len(held) == 1
    assert "reprise des données" in held[0].synthesis
    assert len(held[0].complements) == 1


def test_seeding_twice_adds_nothing(demo: Project) -> None:
    lead = demo.memberships.get(user__email=LEAD.email).user
    nurse = demo.memberships.get(user__email=NURSE.email).user
    consulted = list(ConsultedVendor.objects.filter(project=demo))
    seed_auditions(project=demo, consulted=consulted, lead=lead, nurse=nurse,
                   today=date.today())
    assert Audition.objects.filter(project=demo).count() == 2
    assert AuditionComplement.objects.filter(project=demo).count() == 1
