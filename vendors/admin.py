"""The catalogue in the admin: the instance's staff correct shared entries there.

A project corrects only an entry it created and no other project uses; every other
correction (proposed by projects in their assessments, shown beside the entry) is made
here, with the entry's history.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .market.models import Vendor, VendorAssessment
from .market.rules import vendor_key
from .market.services import VENDOR_FIELDS


class VendorAdminForm(forms.ModelForm):
    """A catalogue entry; renaming it onto another entry is refused as in the projects."""

    class Meta:
        model = Vendor
        fields = VENDOR_FIELDS

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("name") and data.get("product"):
            key = vendor_key(data["name"], data["product"])
            twin = Vendor.objects.filter(lookup_key=key).exclude(pk=self.instance.pk).first()
            if twin is not None:
                raise forms.ValidationError(
                    _("« %(vendor)s » figure déjà dans le catalogue.") % {"vendor": twin})
            self.instance.lookup_key = key
        return data


class AssessmentInline(admin.TabularInline):
    """The projects that assessed the entry, and the corrections they propose."""

    model = VendorAssessment
    fields = ("project", "decision", "catalogue_note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("évaluations des projets et corrections proposées")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Vendor)
class VendorAdmin(SimpleHistoryAdmin):
    form = VendorAdminForm
    list_display = ("name", "product", "label_level", "is_dmp_compatible",
                    "is_hds_certified", "created_in")
    search_fields = ("name", "product", "contact_email")
    readonly_fields = ("created_by", "created_in", "created_at", "updated_at")
    inlines = (AssessmentInline,)
