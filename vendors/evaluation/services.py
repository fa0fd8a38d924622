"""Writes of step 11: criteria configuration, evaluators' marks, eliminatory decisions."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from msp_si.common.errors import DomainError

from ..choices import AssessmentDecision
from .cost import MIN_YEARS
from .models import (
    MAX_YEARS,
    CriteriaSettings,
    EliminatoryCriterion,
    EliminatoryDecision,
    EliminatoryKind,
    EvaluationMark,
    EvaluationSubmission,
    SecondaryCriterion,
)
from .scoring import DEFAULT_WEIGHTS, MARK_MAX, MARK_MIN, MARKED, SECONDARY_LABELS, Criterion
from .scoring import weights_errors as rule_weights_errors

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

    from ..market.models import VendorAssessment

# Seed 001 step 11, examples of « critères indispensables », worded for the project.
DEFAULT_ELIMINATORY: tuple[tuple[str, str], ...] = (
    (EliminatoryKind.ESSENTIAL_COVERAGE,
     "Besoins indispensables couverts en standard ou par paramétrage"),
    (EliminatoryKind.LABEL, "Logiciel labellisé e-santé (ANS)"),
    (EliminatoryKind.DMP, "Compatible avec le DMP"),
    (EliminatoryKind.HDS, "Données hébergées par un hébergeur certifié (HDS)"),
    (EliminatoryKind.BUDGET, "Coût total dans le plafond budgétaire sur la durée d'analyse"),
)
SETTINGS_FIELDS = ("horizon_years", "budget_ceiling", "new_professionals_per_year",
                   "extra_training_days_per_year", "new_configuration_days_per_year",
                   "departures_per_year", "include_full_reversibility")


@transaction.atomic
def criteria_ensure(*, project: Project) -> CriteriaSettings:
    """Give the project the method's default criteria the first time; idempotent."""
    settings, created = CriteriaSettings.objects.get_or_create(project=project)
    if created or not EliminatoryCriterion.objects.filter(project=project).exists():
        for position, (kind, label) in enumerate(DEFAULT_ELIMINATORY, start=1):
            EliminatoryCriterion.objects.get_or_create(
                project=project, kind=kind, defaults={"label": label, "position": position})
    existing = set(SecondaryCriterion.objects.filter(project=project)
                   .values_list("code", flat=True))
    if not existing:
        for rank, (code, weight) in enumerate(DEFAULT_WEIGHTS.items(), start=1):
            SecondaryCriterion.objects.create(project=project, code=code, rank=rank,
                                              weight=weight)
    return settings


def _check_settings(values: Mapping[str, Any]) -> None:
    years = values.get("horizon_years")
    if not isinstance(years, int) or not MIN_YEARS <= years <= MAX_YEARS:
        raise DomainError(_("La durée d'analyse du coût va de %(min)d à %(max)d ans : la "
                            "méthode demande au moins trois ans.")
                          % {"min": MIN_YEARS, "max": MAX_YEARS})
    ceiling = values.get("budget_ceiling")
    if ceiling is not None and ceiling <= 0:
        raise DomainError(_("Le plafond budgétaire est un montant positif."))


@transaction.atomic
def criteria_update(*, project: Project, settings_values: Mapping[str, Any],
                    enabled: Mapping[int, bool],
                    weights: Mapping[str, tuple[int, Decimal]]) -> CriteriaSettings:
    """Save the assumptions, the enabled eliminatory criteria and the ranks and weights.

    All or nothing: a rule broken anywhere (weights not summing to 100, coverage not
    weighing more than architecture…) changes nothing.
    """
    settings = criteria_ensure(project=project)
    settings = CriteriaSettings.objects.select_for_update().get(pk=settings.pk)
    _check_settings(settings_values)
    secondaries = list(SecondaryCriterion.objects.filter(project=project))
    if {c.code for c in secondaries} != set(weights):
        raise DomainError(_("Indiquez le rang et le poids de chaque critère secondaire."))
    proposed = [Criterion(c.code, SECONDARY_LABELS[c.code], weights[c.code][0],
                          weights[c.code][1]) for c in secondaries]
    errors = rule_weights_errors(proposed)
    if errors:
        raise DomainError(" ".join(errors))
    for field in SETTINGS_FIELDS:
        setattr(settings, field, settings_values[field])
    settings.save()
    for c in secondaries:
        rank, weight = weights[c.code]
        if (c.rank, c.weight) != (rank, weight):
            c.rank, c.weight = rank, weight
            c.save(update_fields=["rank", "weight"])
    for criterion in EliminatoryCriterion.objects.filter(project=project,
                                                         pk__in=list(enabled)):
        if criterion.is_enabled != enabled[criterion.pk]:
            criterion.is_enabled = enabled[criterion.pk]
            criterion.save(update_fields=["is_enabled"])
    return settings


@transaction.atomic
def eliminatory_add(*, project: Project, label: str) -> EliminatoryCriterion:
    """Add an eliminatory criterion of the project's own, settled by a recorded decision."""
    label = label.strip()
    if not label:
        raise DomainError(_("Décrivez le critère éliminatoire."))
    if EliminatoryCriterion.objects.filter(project=project, label__iexact=label).exists():
        raise DomainError(_("Ce critère éliminatoire existe déjà."))
    last = EliminatoryCriterion.objects.filter(project=project).order_by("-position").first()
    return EliminatoryCriterion.objects.create(
        project=project, kind=EliminatoryKind.CUSTOM, label=label,
        position=(last.position + 1) if last else 1)


def _kept(project: Project) -> list[VendorAssessment]:
    from ..market.models import VendorAssessment

    return list(VendorAssessment.objects.filter(project=project,
                                                decision=AssessmentDecision.KEPT))


def marked_codes(*, project: Project) -> list[str]:
    """Marked criteria that count (weight above 0), in rank order."""
    return list(SecondaryCriterion.objects.filter(project=project, weight__gt=0,
                                                         code__in=MARKED)
            .order_by("rank").values_list("code", flat=True))


@transaction.atomic
def marks_save(*, project: Project, evaluator: User,
               marks: Mapping[tuple[int, str], int | None]) -> int:
    """Save an evaluator's draft marks ``{(assessment_pk, criterion): mark or None}``.

    Refused once they have submitted (their marks are then frozen and seen by others), for
    an offer not kept for the consultation, a criterion not marked, or a mark out of 0–5.
    """
    if EvaluationSubmission.objects.filter(project=project, evaluator=evaluator).exists():
        raise DomainError(_("Vos notes sont déjà soumises : elles ne peuvent plus changer."))
    kept = {a.pk for a in _kept(project)}
    codes = set(marked_codes(project=project))
    for (assessment_pk, code), mark in marks.items():
        if assessment_pk not in kept or code not in codes:
            raise DomainError(_("Seules les offres retenues sont notées, sur les critères "
                                "notés par les évaluateurs."))
        if mark is not None and not MARK_MIN <= mark <= MARK_MAX:
            raise DomainError(_("Une note va de %(min)d à %(max)d.")
                              % {"min": MARK_MIN, "max": MARK_MAX})
    for (assessment_pk, code), mark in marks.items():
        lookup: dict[str, Any] = {"project": project, "assessment_id": assessment_pk,
                                  "evaluator": evaluator, "criterion": code}
        if mark is None:
            EvaluationMark.objects.filter(**lookup).delete()
        else:
            EvaluationMark.objects.update_or_create(**lookup, defaults={"mark": mark})
    return len(marks)


@transaction.atomic
def marks_submit(*, project: Project, evaluator: User) -> EvaluationSubmission:
    """Freeze an evaluator's marks once every kept offer is marked on every marked criterion."""
    if EvaluationSubmission.objects.filter(project=project, evaluator=evaluator).exists():
        raise DomainError(_("Vos notes sont déjà soumises."))
    kept = _kept(project)
    codes = marked_codes(project=project)
    if not kept:
        raise DomainError(_("Il n'y a encore aucune offre à noter."))
    if not codes:
        raise DomainError(_("Aucun critère n'est noté par les évaluateurs : tous leurs "
                            "poids sont à 0."))
    given = set(EvaluationMark.objects.filter(project=project, evaluator=evaluator,
                                              assessment__in=kept)
                .values_list("assessment_id", "criterion"))
    missing = len(kept) * len(codes) - len(given & {(a.pk, c) for a in kept for c in codes})
    if missing:
        raise DomainError(ngettext(
            "Il manque %(n)d note : notez chaque offre sur chaque critère avant de soumettre.",
            "Il manque %(n)d notes : notez chaque offre sur chaque critère avant de soumettre.",
            missing) % {"n": missing})
    return EvaluationSubmission.objects.create(project=project, evaluator=evaluator)


@transaction.atomic
def eliminatory_decide(*, project: Project, assessment: VendorAssessment,
                       criterion: EliminatoryCriterion, is_met: bool, reason: str,
                       by: User) -> EliminatoryDecision:
    """Record (or revise) the chef de projet's decision on one criterion for one offer."""
    if assessment.project_id != project.pk or criterion.project_id != project.pk:
        raise DomainError(_("Cette offre ou ce critère n'appartient pas au projet."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Motivez la décision : le motif figure au dossier de choix."))
    decision, _created = EliminatoryDecision.objects.update_or_create(
        assessment=assessment, criterion=criterion,
        defaults={"project": project, "is_met": is_met, "reason": reason, "decided_by": by})
    return decision
