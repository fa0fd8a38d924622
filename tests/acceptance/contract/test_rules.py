"""Which needs become the vendor's obligations, and the dates they carry (pure rules)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from acceptance.contract.rules import NeedLine, add_months, obligation_drafts

NEEDS = [
    NeedLine(1, "DPA-001", "Dossier partagé", "essential"),
    NeedLine(2, "DPA-002", "Courriers types", "important"),
    NeedLine(3, "DPA-003", "Statistiques", "desirable"),
    NeedLine(4, "PAR-001", "Profils vacataires", "essential"),
    NeedLine(5, "PAR-002", "Agenda partagé", "important"),
]


def test_binding_needs_not_covered_in_standard_become_obligations() -> None:
    answers = [
        {"code": "DPA-001", "answer": "Standard"},
        {"code": "DPA-002", "answer": "Développement spécifique", "delay_days": 60,
         "cost": "1500.00", "comment": "Livré avec la version 4.2"},
        {"code": "DPA-003", "answer": "Non couvert"},
        {"code": "PAR-001", "answer": "Paramétrage", "delay_days": None, "cost": None},
    ]
    drafts = obligation_drafts(NEEDS, answers, chosen_on=date(2027, 1, 15))
    # Désirable needs never bind; an unanswered binding need (PAR-002) binds as « sans réponse ».
    assert [(d.code, d.answer) for d in drafts] == [
        ("DPA-002", "Développement spécifique"), ("PAR-001", "Paramétrage"), ("PAR-002", "")]
    specific = drafts[0]
    assert specific.promised_on == date(2027, 3, 16)
    assert specific.promised_cost == Decimal("1500.00")
    assert specific.vendor_comment == "Livré avec la version 4.2"
    assert drafts[1].promised_on is None
    assert drafts[1].promised_cost is None


def test_months_are_added_on_the_calendar_clamped_to_the_month_end() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2027, 11, 15), 2) == date(2028, 1, 15)
    assert add_months(date(2027, 6, 30), 12) == date(2028, 6, 30)
