"""Step 4 « étude de l'existant »: organisation, IT diagnosis, relations with the territory.

Shared facts of the structure live on one ``ExistingState`` row per project; what each
profession reports (head counts, patients, computerisation) lives on ``ProfessionProfile``,
the part a référent métier fills for their own profession.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.choices import Profession, Rating


class ExchangeUsage(models.TextChoices):
    """How far a shared service (DMP, MSSanté) is used today."""

    UNKNOWN = "", _("Non renseigné")
    NONE = "none", _("Pas utilisé")
    OCCASIONAL = "occasional", _("Utilisé par quelques professionnels")
    ROUTINE = "routine", _("Utilisé couramment")


class PartnerKind(models.TextChoices):
    """Actors of the territory the MSP exchanges information with (seed 001, step 4 §3)."""

    LABORATORY = "laboratory", _("Laboratoire de biologie")
    HOSPITAL = "hospital", _("Établissement hospitalier")
    NETWORK = "network", _("Réseau de santé ou dispositif d'appui")
    SSIAD = "ssiad", _("SSIAD")
    EHPAD = "ehpad", _("EHPAD")
    RADIOLOGY = "radiology", _("Cabinet de radiologie")
    TELEMEDICINE = "telemedicine", _("Projet de télémédecine")
    OTHER = "other", _("Autre partenaire")


class ExistingState(models.Model):
    """Facts of the whole structure gathered at step 4 (one row per project)."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="existing_state"
    )
    # Organisation.
    structure_start_on = models.DateField(_("date de démarrage de la structure"), null=True,
                                          blank=True)
    is_start_planned = models.BooleanField(_("date prévisionnelle (structure pas encore "
                                             "ouverte)"), default=False)
    secretariat_count = models.PositiveSmallIntegerField(_("nombre de secrétariats"),
                                                         null=True, blank=True)
    workstations_to_equip = models.PositiveSmallIntegerField(_("postes de travail à équiper"),
                                                             null=True, blank=True)
    total_active_patients = models.PositiveIntegerField(
        _("patients pris en charge par la structure"), null=True, blank=True)
    organisation_note = models.TextField(_("précisions sur l'organisation"), blank=True)
    other_pathologies = models.TextField(_("autres pathologies suivies sous protocole"),
                                         blank=True)
    # IT diagnosis.
    coordination_practices = models.TextField(_("pratiques et outils de coordination actuels"),
                                              blank=True)
    # Step 6 asks « impérativement » how information passes between professionals today.
    sharing_processes = models.TextField(
        _("processus de partage d'informations entre professionnels"), blank=True)
    data_entry_quality = models.CharField(_("qualité du recueil et de la saisie"),
                                          max_length=8, choices=Rating.choices, blank=True)
    data_entry_note = models.TextField(_("précisions sur la saisie"), blank=True)
    workstation_count = models.PositiveSmallIntegerField(_("postes de travail actuels"),
                                                         null=True, blank=True)
    workstations_note = models.TextField(_("environnement des postes (système, ancienneté)"),
                                         blank=True)
    browsers = models.CharField(_("navigateurs et logiciels courants"), max_length=300,
                                blank=True)
    server_note = models.TextField(_("serveur existant"), blank=True)
    network_note = models.TextField(_("réseau local"), blank=True)
    bandwidth_down_mbps = models.DecimalField(_("débit descendant (Mbit/s)"), max_digits=7,
                                              decimal_places=1, null=True, blank=True)
    bandwidth_up_mbps = models.DecimalField(_("débit montant (Mbit/s)"), max_digits=7,
                                            decimal_places=1, null=True, blank=True)
    is_bandwidth_guaranteed = models.BooleanField(_("débit garanti par contrat"),
                                                  default=False)
    telecom_note = models.TextField(_("téléphonie et connexion internet"), blank=True)
    # Relations with the territory.
    dmp_usage = models.CharField(_("usage du DMP"), max_length=12,
                                 choices=ExchangeUsage.choices, blank=True)
    dmp_note = models.CharField(_("précisions sur le DMP"), max_length=300, blank=True)
    mssante_usage = models.CharField(_("usage de la messagerie sécurisée (MSSanté)"),
                                     max_length=12, choices=ExchangeUsage.choices, blank=True)
    mssante_note = models.CharField(_("précisions sur la messagerie sécurisée"),
                                    max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("étude de l'existant")

    def __str__(self) -> str:
        return f"Existant — {self.project}"


class ProfessionProfile(models.Model):
    """What one profession reports at step 4: head counts, patients, computerisation."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="profession_profiles"
    )
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices)
    count_today = models.PositiveSmallIntegerField(_("professionnels aujourd'hui"),
                                                   null=True, blank=True)
    count_in_five_years = models.PositiveSmallIntegerField(_("professionnels dans cinq ans"),
                                                           null=True, blank=True)
    outlook_note = models.CharField(_("arrivées ou départs prévus"), max_length=300,
                                    blank=True)
    active_patients_per_professional = models.PositiveIntegerField(
        _("file active moyenne par professionnel"), null=True, blank=True)
    computerised_count = models.PositiveSmallIntegerField(_("professionnels informatisés"),
                                                          null=True, blank=True)
    software = models.CharField(_("logiciels métier utilisés"), max_length=300, blank=True)
    software_functions = models.TextField(_("fonctions couvertes par ces logiciels"),
                                          blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("existant d'une profession")
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("project", "profession"),
                                    name="professionprofile_unique"),
        ]

    def __str__(self) -> str:
        return str(self.get_profession_display())


class SiteStaffing(models.Model):
    """How many professionals of one profession work on one site (pôle de santé)."""

    profile = models.ForeignKey(ProfessionProfile, on_delete=models.CASCADE,
                                related_name="site_staffing")
    site = models.ForeignKey("projects.Site", on_delete=models.CASCADE, related_name="+")
    headcount = models.PositiveSmallIntegerField(_("effectif sur le site"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("effectif par site")
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("profile", "site"), name="sitestaffing_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.profile} — {self.site}: {self.headcount}"


class ProtocolPathology(models.Model):
    """A chronic pathology the MSP follows under a protocol (catalogue code + note)."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="protocol_pathologies"
    )
    code = models.CharField(max_length=32)  # key of requirements.existing.rules.PATHOLOGIES
    note = models.CharField(_("précision"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pathologie suivie sous protocole")
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("project", "code"), name="protocolpathology_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class TerritoryPartner(models.Model):
    """An actor of the territory and the information exchanged with it."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="territory_partners"
    )
    kind = models.CharField(_("type de partenaire"), max_length=16, choices=PartnerKind.choices)
    name = models.CharField(_("nom"), max_length=200)
    exchanges = models.CharField(_("échanges d'informations"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partenaire du territoire")
        ordering = ("kind", "name")

    def __str__(self) -> str:
        return self.name
