from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import User
from .services import user_deactivate


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_active", "is_staff")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Identité"), {"fields": ("first_name", "last_name")}),
        (_("Droits"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "password1", "password2")}),)
    actions = ("deactivate",)

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        """Never: ballots, marks and documents keep their author; deactivate instead."""
        return False

    @admin.action(description=_("Désactiver les comptes sélectionnés (sans rien supprimer)"),
                  permissions=["change"])
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = sum(user_deactivate(user=user) for user in queryset)
        self.message_user(request, ngettext(
            "%(n)d compte désactivé : il ne peut plus se connecter, ce qu'il a produit reste.",
            "%(n)d comptes désactivés : ils ne peuvent plus se connecter, ce qu'ils ont "
            "produit reste.", count) % {"n": count})
