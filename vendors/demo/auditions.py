"""Demo auditions (step 10): two of the three answered offers shortlisted.

The first candidate was auditioned yesterday (questions answered, notes, synthesis, and a
revised price received today); the second is convoked in six days with its questions
prepared. Everything is invented, through the services.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from ..auditions import services
from ..auditions.models import Audition
from ..consultation.models import ConsultedVendor

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

ATTENDEES = ("Claire Fontanel, cheffe de projet ; Marc Lefort-Dumas, AMOA ; "
             "Sophie Marchetti, référente des infirmières")
LOCATION = "Pôle santé du Confluent, salle de réunion du premier étage"
# (question, answer noted at the audition, proposed by the nurse?)
HELD_QUESTIONS: tuple[tuple[str, str, bool], ...] = (
    ("Comment reprenez-vous les dossiers des deux logiciels actuels des médecins "
     "(données reprises, format, contrôle après reprise) ?",
     "Reprise des antécédents, traitements et comptes rendus par export standard ; "
     "contrôle sur un échantillon de vingt dossiers avant la bascule.", False),
    ("Les infirmières peuvent-elles saisir leurs transmissions en tournée, sans réseau, "
     "et les synchroniser au retour ?",
     "Oui avec l'application mobile, synchronisation automatique au retour du réseau ; "
     "démonstration faite sur une tournée fictive.", True),
    ("Que couvre exactement la maintenance annuelle : mises à jour, assistance, délai "
     "d'intervention pour une anomalie bloquante ?",
     "Mises à jour comprises, assistance du lundi au vendredi, prise en charge d'une "
     "anomalie bloquante sous quatre heures ouvrées.", False),
)
HELD_NOTES = (
    "L'éditeur a travaillé sur notre offre et nos protocoles : démonstration sur le "
    "parcours d'un patient diabétique suivi par médecin, infirmière et podologue.\n"
    "Point faible : indicateurs de pilotage limités, export tableur seulement.\n"
    "Négociation : remise proposée sur la formation si signature avant la fin du trimestre.")
# Agrees with the demo's analysis, where this offer is eliminated (host not certified HDS,
# essential needs not covered): the dossier de choix must not contradict its ranking.
HELD_SYNTHESIS = (
    "Démonstration convaincante du dossier partagé et de la coordination ; réponses précises "
    "sur la reprise des données et la maintenance. Mais l'hébergement proposé sur un serveur "
    "de la maison de santé n'est pas certifié HDS et des besoins indispensables restent non "
    "couverts : l'offre ne peut pas être retenue en l'état. Complément attendu sur le prix "
    "de la formation.")
COMPLEMENT = ("Devis révisé : deux journées de formation offertes, maintenance garantie "
              "trois ans au même tarif ; clause de réversibilité précisée (export complet "
              "en formats ouverts sous trente jours).")
UPCOMING_QUESTIONS: tuple[tuple[str, bool], ...] = (
    ("Votre offre prévoit un développement spécifique pour l'agenda partagé : quel délai, "
     "quel coût, et qui le maintient ensuite ?", False),
    ("Comment l'antenne du Vieux-Moulin travaille-t-elle si la connexion internet est "
     "coupée ?", False),
    ("Comment les kinésithérapeutes et l'orthophoniste accèdent-ils aux seules parties du "
     "dossier qui les concernent ?", True),
)


def _local(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _held(audition: Audition, *, lead: User, nurse: User, today: date) -> None:
    held_at = _local(today - timedelta(days=1), time(14, 0))
    services.audition_schedule(audition=audition, scheduled_at=held_at, duration_minutes=120,
                               location=LOCATION, attendees=ATTENDEES,
                               now=held_at - timedelta(days=7))
    answers = {}
    for text, answer, by_nurse in HELD_QUESTIONS:
        question = services.audition_question_add(audition=audition, text=text,
                                                   by=nurse if by_nurse else lead)
        answers[question.pk] = answer
    services.audition_record(audition=audition, notes=HELD_NOTES, synthesis=HELD_SYNTHESIS,
                             held_on=held_at.date(), answers=answers, today=today)
    services.audition_complement_add(audition=audition, received_on=today,
                                     summary=COMPLEMENT, by=lead, today=today)


def _upcoming(audition: Audition, *, lead: User, nurse: User, today: date) -> None:
    services.audition_schedule(audition=audition,
                               scheduled_at=_local(today + timedelta(days=6), time(10, 0)),
                               duration_minutes=90, location="Visioconférence (lien envoyé "
                               "avec la convocation)", attendees=ATTENDEES)
    for text, by_nurse in UPCOMING_QUESTIONS:
        services.audition_question_add(audition=audition, text=text,
                                       by=nurse if by_nurse else lead)


@transaction.atomic
def seed_auditions(*, project: Project, consulted: list[ConsultedVendor], lead: User,
                   nurse: User, today: date) -> list[Audition]:
    """Shortlist the first two answered offers; one audition held, one to come.

    Idempotent: a project that already has auditions is left alone.
    """
    if Audition.objects.filter(project=project).exists():
        return list(Audition.objects.filter(project=project))
    held, upcoming = (services.audition_shortlist(project=project, consulted=item, by=lead)
                      for item in consulted[:2])
    _held(held, lead=lead, nurse=nurse, today=today)
    _upcoming(upcoming, lead=lead, nurse=nurse, today=today)
    return [held, upcoming]
