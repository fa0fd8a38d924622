"""The project of one MSP, its sites and professions, its members and invitations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from msp_si.common import clock

from ..choices import LegalStructure, Profession, Role
from ..policy import PERMISSIONS


class Project(models.Model):
    """The IS project of one maison de santé (its legal structure is the MOA)."""

    name = models.CharField(_("nom de la structure"), max_length=200)
    legal_structure = models.CharField(
        _("structure juridique"), max_length=20, choices=LegalStructure.choices
    )
    start_on = models.DateField(_("date de démarrage du projet"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Set once, when the chef de projet records the solution the assemblée générale chose
    # (end of phase 3): the project is then in phase 4 « Mise en œuvre ».
    chosen_solution = models.CharField(_("solution retenue"), max_length=300, blank=True)
    implementation_started_on = models.DateField(_("début de la mise en œuvre"), null=True,
                                                 blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        ordering = ("name",)
        default_permissions = ()
        permissions = PERMISSIONS

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    """A place where professionals of the MSP work."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("nom du site"), max_length=120)
    city = models.CharField(_("commune"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("site")
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("project", "name"), name="site_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectProfession(models.Model):
    """Head count of one profession in the MSP, and whether it uses the future IS."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="professions")
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices)
    headcount = models.PositiveSmallIntegerField(_("effectif"))
    is_in_scope = models.BooleanField(_("utilisateurs du futur SI"), default=True)
    scope_note = models.CharField(_("précision"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("profession présente")
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(
                fields=("project", "profession"), name="projectprofession_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_profession_display()} ({self.headcount})"


class Membership(models.Model):
    """A person's role on a project; permissions follow from it (``projects.policy``)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    # PROTECT: an account that belongs to a team is deactivated, never deleted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=24, choices=Role.choices)
    profession = models.CharField(
        _("profession"), max_length=20, choices=Profession.choices, blank=True
    )
    domain = models.CharField(_("domaine fonctionnel"), max_length=120, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membre de l'équipe")
        ordering = ("project", "role", "user__last_name")
        constraints = [
            models.UniqueConstraint(fields=("project", "user"), name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"

    @property
    def role_label(self) -> str:
        """Role with its profession or domain, e.g. « Référent métier (Infirmier·ère) »."""
        detail = self.get_profession_display() if self.role == Role.PROFESSION_REFERENT else (
            self.domain if self.role == Role.DOMAIN_REFERENT else ""
        )
        return f"{self.get_role_display()} ({detail})" if detail else self.get_role_display()


class Invitation(models.Model):
    """A single-use, expiring invitation to join a project with a role."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(_("rôle"), max_length=24, choices=Role.choices)
    profession = models.CharField(
        _("profession"), max_length=20, choices=Profession.choices, blank=True
    )
    domain = models.CharField(_("domaine fonctionnel"), max_length=120, blank=True)
    # Only a hash of the token is stored: the link in the e-mail is the secret.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.email} → {self.project}"

    @property
    def role_label(self) -> str:
        """The role offered, worded as the membership it will become."""
        return Membership(role=self.role, profession=self.profession,
                          domain=self.domain).role_label

    @property
    def is_pending(self) -> bool:
        """Neither used, revoked nor expired."""
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > clock.now()
        )


class ProjectUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key table for per-project user permissions (django-guardian)."""

    content_object = models.ForeignKey(Project, on_delete=models.CASCADE)


class ProjectGroupObjectPermission(GroupObjectPermissionBase):
    """Direct foreign-key table for per-project group permissions (unused by roles)."""

    content_object = models.ForeignKey(Project, on_delete=models.CASCADE)
