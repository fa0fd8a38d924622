"""Rules of step 9 « consultation », as plain data: no ORM, no request."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from django.utils.translation import gettext as _

from requirements.rfp.cadre import ANSWERS

from ..market.rules import MAX_KEPT, RECOMMENDED_KEPT


def consulted_count_warning(count: int) -> str | None:
    """The method's advice on how many vendors to consult (at most five, three is best)."""
    if count > MAX_KEPT:
        return _("%(n)d prestataires consultés : la méthode en conseille %(rec)d, %(max)d au "
                 "plus. Les réponses seront longues à analyser.") % {
            "n": count, "rec": RECOMMENDED_KEPT, "max": MAX_KEPT}
    return None


def deadline_end(deadline: date, zone: tzinfo) -> datetime:
    """The last instant an answer is on time: the end of the deadline day, locally."""
    return datetime.combine(deadline + timedelta(days=1), time.min, tzinfo=zone)


def is_late(received_at: datetime, deadline: date | None, zone: tzinfo) -> bool:
    """Received after the deadline day (never late when no deadline is set)."""
    return deadline is not None and received_at >= deadline_end(deadline, zone)


def link_is_open(now: datetime, deadline: date | None, zone: tzinfo) -> bool:
    """The vendor's secret link works until the end of the deadline day."""
    return deadline is not None and now < deadline_end(deadline, zone)


@dataclass(frozen=True)
class AnswersSummary:
    """A vendor's current answers counted, for the consultation page and the scoring."""

    answered: int
    missing: int
    by_answer: dict[str, int]
    # Priority code → answer → count ("" = no answer).
    by_priority: dict[str, dict[str, int]]
    price_total: Decimal
    prices: dict[str, Decimal | None] = field(default_factory=dict)


def answers_summary(answers: Iterable[Mapping[str, object]],
                    prices: Iterable[Mapping[str, object]]) -> AnswersSummary:
    """Count stored answers per answer and per priority; add up the price lines."""
    rows = list(answers)
    by_answer = Counter(str(r.get("answer") or "") for r in rows)
    by_priority: dict[str, Counter[str]] = {}
    for row in rows:
        by_priority.setdefault(str(row.get("priority") or ""), Counter())[
            str(row.get("answer") or "")] += 1
    totals: dict[str, Decimal | None] = {}
    for line in prices:
        total = line.get("total")
        totals[str(line["key"])] = None if total in (None, "") else Decimal(str(total))
    return AnswersSummary(
        answered=sum(n for a, n in by_answer.items() if a),
        missing=by_answer.get("", 0),
        by_answer={a: by_answer.get(a, 0) for a in ANSWERS},
        by_priority={p: dict(c) for p, c in by_priority.items()},
        price_total=sum((t for t in totals.values() if t is not None), Decimal(0)),
        prices=totals,
    )


# Offers must hold long enough for the analysis, the auditions and the vote (steps 9–11).
MIN_OFFER_VALIDITY_DAYS = 30
MAX_OFFER_VALIDITY_DAYS = 365
SATURDAY, SUNDAY = 5, 6


@dataclass(frozen=True)
class ConsultationTerms:
    """What the consultation letter tells every vendor besides the response deadline."""

    sender_address: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    questions_until: date | None = None
    offer_validity_days: int = 120


def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> dict[date, str]:
    """France's public holidays (metropolitan, Code du travail L3133-1) of ``year``."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1): _("jour de l'an"), easter + timedelta(days=1): _("lundi de Pâques"),
        date(year, 5, 1): _("fête du Travail"), date(year, 5, 8): _("Victoire 1945"),
        easter + timedelta(days=39): _("Ascension"),
        easter + timedelta(days=50): _("lundi de Pentecôte"),
        date(year, 7, 14): _("fête nationale"), date(year, 8, 15): _("Assomption"),
        date(year, 11, 1): _("Toussaint"), date(year, 11, 11): _("Armistice 1918"),
        date(year, 12, 25): _("Noël"),
    }


def closed_day(day: date) -> str | None:
    """Why nobody may be there to receive a letter that day (weekend, public holiday)."""
    holiday = public_holidays(day.year).get(day)
    if holiday:
        return _("un jour férié (%s)") % holiday
    if day.weekday() == SATURDAY:
        return _("un samedi")
    if day.weekday() == SUNDAY:
        return _("un dimanche")
    return None


def terms_warnings(deadline: date | None, terms: ConsultationTerms) -> list[str]:
    """What the chef de projet should fix before sending the letters."""
    warnings = []
    for label, day in ((_("La date limite de réponse"), deadline),
                       (_("La date limite des questions"), terms.questions_until)):
        reason = closed_day(day) if day else None
        if reason:
            warnings.append(_("%(what)s tombe %(why)s : personne ne sera là pour recevoir "
                              "les plis ; choisissez un jour ouvré.")
                            % {"what": label, "why": reason})
    if deadline and terms.questions_until and terms.questions_until > deadline:
        warnings.append(_("La date limite des questions est postérieure à celle des "
                          "réponses."))
    if deadline and not terms.questions_until:
        warnings.append(_("Aucune date limite pour les questions des prestataires : la "
                          "lettre ne dit pas jusqu'à quand ils peuvent en poser."))
    if not terms.sender_address:
        warnings.append(_("L'adresse postale de la maison de santé manque : les lettres "
                          "n'ont pas d'expéditeur complet."))
    return warnings
