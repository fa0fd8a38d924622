"""Demo consultation (step 9): the three kept vendors consulted, each one's answers imported.

Each answer file is the vendor's real cadre de réponse, filled programmatically with
plausible, clearly fictitious answers and prices, then imported through the services —
the same path as a file uploaded by the chef de projet.
"""

from __future__ import annotations

import io
import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook

from msp_si.common import clock
from requirements.rfp.cadre import (
    ANSWERS,
    GRID_HEADERS,
    GRID_SHEET,
    PRICE_HEADERS,
    PRICE_LINES,
    PRICE_SHEET,
    cadre_de_reponse_xlsx,
)

from ..choices import AssessmentDecision
from ..consultation import services
from ..consultation.models import AnswerSet, ConsultedVendor
from ..consultation.rules import ConsultationTerms, closed_day
from ..consultation.selectors import vendor_cadre_data
from ..market.models import VendorAssessment

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

DEMO_DEADLINE_DAYS = 21  # the deadline, from today
# Per consulted vendor (in catalogue order): answer weights (same order as ANSWERS),
# price level, days before today the answer arrived, and whether every Indispensable need
# is covered in standard or by paramétrage (the first offer misses some: the eliminatory
# criterion then shows in the analysis; the other two stay in the ranking).
_PROFILES: tuple[tuple[tuple[int, ...], float, int, bool], ...] = (
    ((60, 25, 6, 4, 2, 3), 1.0, 4, False),
    ((45, 30, 10, 5, 3, 7), 0.85, 2, True),
    ((35, 25, 15, 10, 5, 10), 0.7, 1, True),
)
ESSENTIAL_LABEL = "Indispensable"
_COMMENTS = {
    "Standard": "Disponible dans la version actuelle.",
    "Paramétrage": "Réglé lors de la mise en place, sans développement.",
    "Développement spécifique": "Chiffré sur devis, livrable après recette.",
    "Version ultérieure": "Prévu dans la feuille de route de l'éditeur.",
    "Solution tierce": "Assuré par un logiciel partenaire interfacé.",
    "Non couvert": "",
}
# Price key → (quantity, base unit price HT, comment).
_PRICES: dict[str, tuple[int, int, str]] = {
    "subscription_prescriber": (12, 95, "Médecins et sages-femmes"),
    "subscription_other": (18, 45, "Paramédicaux et secrétariat"),
    "installation": (1, 1800, ""),
    "configuration": (1, 3500, "Protocoles et modèles de la MSP"),
    "data_migration": (1, 4200, "Reprise depuis les logiciels actuels"),
    "training_day": (4, 950, "Sur site"),
    "start_up_support": (1, 1500, "Deux semaines"),
    "maintenance_year": (1, 2400, ""),
    "hosting_year": (1, 3100, "Hébergeur certifié HDS"),
    "new_professional": (1, 250, ""),
    "extra_training_day": (1, 950, ""),
    "full_reversibility": (1, 2000, "Export complet, formats ouverts"),
}


def _column(headers: tuple[tuple[str, int], ...], title: str) -> int:
    return [h for h, _w in headers].index(title) + 1


def demo_answers_file(content: bytes, *, seed: int, weights: tuple[int, ...],
                      price_level: float, covers_essentials: bool = False) -> bytes:
    """A blank cadre filled as a vendor would: varied answers, delays, costs and prices."""
    rng = random.Random(seed)  # noqa: S311 — reproducible demo data, no secret
    workbook = load_workbook(io.BytesIO(content))
    grid = workbook[GRID_SHEET]
    answer_col, delay_col, cost_col, comment_col, priority_col = (
        _column(GRID_HEADERS, t) for t in ("Réponse", "Délai (jours)", "Coût HT (€)",
                                           "Commentaire", "Priorité"))
    for row in range(2, grid.max_row + 1):
        answer = rng.choices(ANSWERS, weights=weights)[0]
        if covers_essentials and grid.cell(row=row, column=priority_col).value \
                == ESSENTIAL_LABEL:
            answer = rng.choices(ANSWERS[:2], weights=weights[:2])[0]
        grid.cell(row=row, column=answer_col).value = answer
        if answer in ("Développement spécifique", "Version ultérieure"):
            grid.cell(row=row, column=delay_col).value = rng.choice((30, 60, 90, 180))
            grid.cell(row=row, column=cost_col).value = rng.choice((0, 800, 1500, 3000)) \
                if answer == "Développement spécifique" else 0
        if _COMMENTS[answer]:
            grid.cell(row=row, column=comment_col).value = _COMMENTS[answer]
    prices = workbook[PRICE_SHEET]
    quantity_col, unit_col, comment_col = (
        _column(PRICE_HEADERS, t) for t in ("Quantité", "Prix unitaire HT (€)", "Commentaire"))
    labels = {line.label: line.key for line in PRICE_LINES}
    for row in range(2, prices.max_row + 1):
        key = labels.get(str(prices.cell(row=row, column=2).value))
        if key in _PRICES:
            quantity, unit, comment = _PRICES[key]
            prices.cell(row=row, column=quantity_col).value = quantity
            prices.cell(row=row, column=unit_col).value = round(
                unit * price_level * rng.uniform(0.9, 1.1), 2)
            if comment:
                prices.cell(row=row, column=comment_col).value = comment
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _working_day(day: date, *, step: int) -> date:
    """The nearest day, forwards or backwards, that is no weekend nor public holiday."""
    while closed_day(day):
        day += timedelta(days=step)
    return day


@transaction.atomic
def seed_consultation(*, project: Project, lead: User, today: date) -> list[ConsultedVendor]:
    """Consult the kept vendors (three in the demo), set a deadline, import their answers.

    Idempotent: vendors already consulted and answers already imported are left alone.
    """
    deadline = _working_day(today + timedelta(days=DEMO_DEADLINE_DAYS), step=1)
    terms = ConsultationTerms(
        sender_address="Pôle santé du Confluent\n3 place des Trois-Rivières\n"
                       "07999 Confluent-sur-Rhône (fictif)",
        contact_email="projet-si@trois-rivieres.test", contact_phone="01 99 00 70 07",
        questions_until=_working_day(deadline - timedelta(days=7), step=-1),
        offer_validity_days=120)
    services.consultation_settle(project=project, response_deadline=deadline, terms=terms)
    kept = VendorAssessment.objects.filter(
        project=project, decision=AssessmentDecision.KEPT).select_related("vendor")[:3]
    consulted = []
    for index, assessment in enumerate(kept):
        item = ConsultedVendor.objects.filter(project=project,
                                              vendor_id=assessment.vendor_id).first()
        if item is None:
            item = services.consulted_add(project=project, assessment=assessment)
            services.consulted_mark_sent(consulted=item, sent_on=today - timedelta(days=10))
        consulted.append(item)
        if AnswerSet.objects.filter(consulted=item, is_current=True).exists():
            continue
        weights, price_level, days_ago, essentials = _PROFILES[index % len(_PROFILES)]
        blank = cadre_de_reponse_xlsx(vendor_cadre_data(project, str(item.pk)),
                                      generated_at=clock.now())
        content = demo_answers_file(blank, seed=item.vendor_id, weights=weights,
                                    price_level=price_level, covers_essentials=essentials)
        received = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago),
                                                        time(10, 30)))
        answer_set = services.answers_preview(
            consulted=item, content=content,
            file_name=f"cadre-de-reponse-{assessment.vendor.name}.xlsx".replace(" ", "-"),
            by=lead, now=received)
        services.answers_confirm(answer_set=answer_set, by=lead)
    return consulted
