"""Forms of the needs grid: parse and validate input, nothing else."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.choices import Profession
from projects.models import Membership

from ..models import Priority, Requirement

PRIORITY_CHOICES = Priority.choices


def _row_attrs(form_id: str, **extra: str) -> dict[str, str]:
    """Attach a field that sits in another table cell to its row's form."""
    return {"form": form_id, **extra}


class RequirementRowForm(forms.Form):
    """Inline edit of one requirement: text and priority, with the revision displayed."""

    text = forms.CharField(label=_("Besoin"), max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    priority = forms.ChoiceField(label=_("Priorité"), choices=PRIORITY_CHOICES)
    revision = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, requirement: Requirement, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"r{requirement.pk}")
        kwargs.setdefault("initial", {"text": requirement.text,
                                      "priority": requirement.priority,
                                      "revision": requirement.revision})
        super().__init__(*args, **kwargs)
        form_id = f"req-{requirement.pk}"
        for name, label in (("text", _("Besoin")), ("priority", _("Priorité"))):
            self.fields[name].label = f"{label} — {requirement.code}"
            self.fields[name].widget.attrs.update(_row_attrs(form_id))
        self.fields["revision"].widget.attrs.update(_row_attrs(form_id))


class ProfessionPriorityForm(forms.Form):
    """The priority a référent métier gives for their profession to a transversal need."""

    my_priority = forms.ChoiceField(label=_("Priorité pour ma profession"),
                                    choices=PRIORITY_CHOICES)

    def __init__(self, *args: Any, requirement: Requirement, current: str = "",
                 **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"r{requirement.pk}")
        kwargs.setdefault("initial", {"my_priority": current})
        super().__init__(*args, **kwargs)
        field = self.fields["my_priority"]
        field.label = f"{_('Priorité pour ma profession')} — {requirement.code}"
        if not current:
            field.choices = [("", _("— à donner —")), *PRIORITY_CHOICES]
        field.widget.attrs.update(_row_attrs(f"req-{requirement.pk}"))


class RequirementAddForm(forms.Form):
    """A new requirement in a sub-domain, transversal or for one profession."""

    text = forms.CharField(label=_("Nouveau besoin"), max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    priority = forms.ChoiceField(label=_("Priorité"), choices=PRIORITY_CHOICES,
                                 initial=Priority.IMPORTANT)
    profession = forms.ChoiceField(label=_("Concerne"), required=False)

    def __init__(self, *args: Any, subdomain_pk: int, allowed: list[str],
                 **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"add{subdomain_pk}")
        super().__init__(*args, **kwargs)
        labels = dict(Profession.choices)
        self.fields["profession"].choices = [
            (code, labels[code] if code else _("Toutes les professions (transversal)"))
            for code in allowed
        ]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Monter")), ("down", _("Descendre"))])


class ArbitrationForm(forms.Form):
    """The arbitrated priority of a requirement and why."""

    priority = forms.ChoiceField(label=_("Priorité arbitrée"), choices=PRIORITY_CHOICES)
    reason = forms.CharField(label=_("Motif"), max_length=500)
    revision = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, requirement: Requirement, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"a{requirement.pk}")
        kwargs.setdefault("initial", {"priority": requirement.priority,
                                      "reason": requirement.arbitration_reason,
                                      "revision": requirement.revision})
        super().__init__(*args, **kwargs)
        self.fields["priority"].label = f"{_('Priorité arbitrée')} — {requirement.code}"
        self.fields["reason"].label = f"{_('Motif')} — {requirement.code}"


class MergeForm(forms.Form):
    """Which duplicate disappears into which requirement."""

    drop = forms.ChoiceField(label=_("Doublon à fusionner (il quitte la grille)"))
    keep = forms.ChoiceField(label=_("Besoin conservé"))

    def __init__(self, *args: Any, requirements: list[Requirement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(r.pk), f"{r.code} — {r.text[:80]}") for r in requirements]
        self.fields["drop"].choices = [("", "—"), *choices]
        self.fields["keep"].choices = [("", "—"), *choices]


class DomainAssignForm(forms.Form):
    """The référent fonctionnel a grid domain is entrusted to (empty: nobody)."""

    referent = forms.ChoiceField(label=_("Référent fonctionnel"), required=False)

    def __init__(self, *args: Any, domain_pk: int, title: str, referents: list[Membership],
                 **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"d{domain_pk}")
        super().__init__(*args, **kwargs)
        field = self.fields["referent"]
        field.label = f"{_('Référent fonctionnel')} — {title}"
        field.choices = [("", _("— personne —")), *[
            (str(m.pk), f"{m.user.display_name} ({m.domain})" if m.domain
             else m.user.display_name) for m in referents]]
