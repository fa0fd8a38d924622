"""French typography applied once: spacing, quotes, units, dates, numbers, HTML text nodes."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from msp_si.common.typography import (
    NBSP,
    NNBSP,
    french_date,
    french_datetime,
    french_euros,
    french_html,
    french_number,
    french_text,
    french_time,
)
from tests.typography import typography_faults
from vendors.consultation.rules import ConsultationTerms, closed_day, easter_sunday, terms_warnings

UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(("raw", "expected"), [
    ("Objet : devis", f"Objet{NNBSP}: devis"),
    ("Pourquoi ? Parce que ; voilà !", f"Pourquoi{NNBSP}? Parce que{NNBSP}; voilà{NNBSP}!"),
    ("pilotage\n»", f"pilotage{NBSP}»"),
    ("« \nreçu »", f"«{NBSP}reçu{NBSP}»"),
    ("«reçu»", f"«{NBSP}reçu{NBSP}»"),
    ("50 % et 9 800,00 €", f"50{NBSP}% et 9 800,00{NBSP}€"),
    ("l'équipe", "l\u2019équipe"),
    ("14:00 https://x.test a:b", "14:00 https://x.test a:b"),
    ("R&amp; D ; l&#x27;offre", f"R&amp; D{NNBSP}; l\u2019offre"),
    ("Santé&nbsp;»", f"Santé{NBSP}»"),
])
def test_french_text_spaces_punctuation_quotes_and_units(raw: str, expected: str) -> None:
    assert french_text(raw) == expected


def test_french_html_touches_text_nodes_only() -> None:
    html = ('<style>a:hover { color: red; }</style><p title="a : b">Note : <b>x</b> : y</p>'
            '<pre>code : ici</pre><textarea>saisie : intacte</textarea>')
    assert french_html(html) == (
        '<style>a:hover { color: red; }</style>'
        f'<p title="a : b">Note{NNBSP}: <b>x</b>{NNBSP}: y</p>'
        '<pre>code : ici</pre><textarea>saisie : intacte</textarea>')


@pytest.mark.parametrize(("value", "expected"), [
    (date(2027, 11, 1), f"1er{NBSP}novembre 2027"),
    (date(2027, 7, 14), f"14{NBSP}juillet 2027"),
    # 23:30 UTC on 31 October is already 1 November in Paris.
    (datetime(2027, 10, 31, 23, 30, tzinfo=UTC), f"1er{NBSP}novembre 2027"),
])
def test_french_date_writes_the_first_of_the_month_1er(value: date, expected: str) -> None:
    assert french_date(value) == expected


def test_times_are_written_as_french_prose_in_paris_time() -> None:
    assert french_time(time(14, 0)) == f"14{NBSP}h"
    assert french_time(time(9, 5)) == f"9{NBSP}h{NBSP}05"
    assert french_datetime(datetime(2027, 6, 14, 12, 0, tzinfo=UTC), weekday=True) == (
        f"lundi 14{NBSP}juin 2027 à 14{NBSP}h")


def test_numbers_are_grouped_with_a_french_decimal_comma() -> None:
    assert french_number(Decimal("9800.00"), 2) == f"9{NNBSP}800,00"
    assert french_number(Decimal("1.0")) == "1"
    assert french_number(Decimal("94.17")) == "94,17"
    assert french_euros(Decimal("1234567.5")) == f"1{NNBSP}234{NNBSP}567,50{NBSP}€"


def test_template_filters_are_built_in() -> None:
    template = Template('{{ d|jour }} · {{ m|jour_heure }} · {{ d|mois }} · {{ t|typo }}')
    with translation.override("fr"):
        out = template.render(Context({
            "d": date(2027, 11, 1), "m": datetime(2027, 11, 1, 13, 0, tzinfo=UTC),
            "t": "<b>Objet : x</b>"}))
    assert out == (f"1er{NBSP}novembre 2027 · 1er{NBSP}novembre 2027 à 14{NBSP}h · "
                   f"novembre 2027 · &lt;b&gt;Objet{NNBSP}: x&lt;/b&gt;")


@pytest.mark.parametrize("fault", [
    "Objet : x", "50 %", "« reçu»", "9800,00 € HT", "6800 patients", "1 novembre 2027",
    "14 Jui 2027", "9 Jul 2027", "6 Déc 2026", "le 3 mars 2027 à 14:00",
])
def test_the_read_back_check_catches_each_fault(fault: str) -> None:
    assert typography_faults(fault), fault


def test_the_read_back_check_accepts_french_typography() -> None:
    good = french_text("Objet : 9\u202f800,00 € HT le 1er novembre 2027 à 14 h, 50 % « ok ».")
    assert typography_faults(good) == []


def test_plural_rules_come_from_the_french_catalogue() -> None:
    # French says « 0 votant », English rules would say « 0 votants »: only a compiled
    # catalogue with « Plural-Forms: … (n > 1) » gives the French form.
    template = Template("{% load i18n %}{% blocktranslate count p=n %}{{ p }} votant"
                        "{% plural %}{{ p }} votants{% endblocktranslate %}")
    with translation.override("fr"):
        assert [template.render(Context({"n": n})) for n in (0, 1, 2)] == [
            "0 votant", "1 votant", "2 votants"]


def test_easter_and_closed_days() -> None:
    assert easter_sunday(2027) == date(2027, 3, 28)
    assert closed_day(date(2027, 3, 29)) == "un jour férié (lundi de Pâques)"
    assert closed_day(date(2026, 12, 27)) == "un dimanche"
    assert closed_day(date(2026, 12, 28)) is None
    warnings = terms_warnings(date(2026, 12, 25), ConsultationTerms(
        sender_address="1 rue X", questions_until=date(2026, 12, 18)))
    assert warnings == ["La date limite de réponse tombe un jour férié (Noël) : personne ne "
                        "sera là pour recevoir les plis ; choisissez un jour ouvré."]
