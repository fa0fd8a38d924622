"""Forms of the needs grid: parse and validate posted input, nothing else.

The grid's rows are rendered by hand in the templates (hundreds of rows through widget
templates would be slow); these forms read what the rows post, under the same prefixes:
``r<pk>-`` for a grid row, ``a<pk>-`` for an arbitration, ``add<pk>-`` for a new need.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.choices import Profession
from projects.models import Membership

from .models import Priority, Requirement


class RequirementRowForm(forms.Form):
    """Inline edit of one requirement: text and priority, with the revision displayed."""

    text = forms.CharField(label=_("Besoin"), max_length=1000)
    priority = forms.ChoiceField(label=_("Priorité"), choices=Priority.choices)
    revision = forms.IntegerField(min_value=1)

    def __init__(self, *args: Any, requirement: Requirement, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"r{requirement.pk}")
        super().__init__(*args, **kwargs)


class ProfessionPriorityForm(forms.Form):
    """The priority a référent métier gives for their profession to a transversal need."""

    my_priority = forms.ChoiceField(label=_("Priorité pour ma profession"),
                                    choices=Priority.choices)
    my_comment = forms.CharField(label=_("Commentaire"), max_length=300, required=False)

    def __init__(self, *args: Any, requirement: Requirement, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"r{requirement.pk}")
        super().__init__(*args, **kwargs)


class RequirementAddForm(forms.Form):
    """A new requirement in a sub-domain, transversal or for one profession."""

    text = forms.CharField(label=_("Nouveau besoin"), max_length=1000)
    priority = forms.ChoiceField(label=_("Priorité"), choices=Priority.choices)
    profession = forms.ChoiceField(label=_("Concerne"), required=False)

    def __init__(self, *args: Any, subdomain_pk: int, allowed: list[str],
                 **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"add{subdomain_pk}")
        super().__init__(*args, **kwargs)
        # Only what this member may create is a valid choice; anything else is refused.
        labels = dict(Profession.choices)
        cast(forms.ChoiceField, self.fields["profession"]).choices = [
            (code, labels.get(code, "")) for code in allowed]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Monter")), ("down", _("Descendre"))])


class ArbitrationForm(forms.Form):
    """The arbitrated priority of a requirement and why."""

    priority = forms.ChoiceField(label=_("Priorité arbitrée"), choices=Priority.choices)
    reason = forms.CharField(label=_("Motif"), max_length=500)
    revision = forms.IntegerField(min_value=1)

    def __init__(self, *args: Any, requirement: Requirement, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"a{requirement.pk}")
        super().__init__(*args, **kwargs)


class DomainAssignForm(forms.Form):
    """The référent fonctionnel a grid domain is entrusted to (empty: nobody)."""

    referent = forms.ChoiceField(label=_("Référent fonctionnel"), required=False)

    def __init__(self, *args: Any, domain_pk: int, title: str, referents: list[Membership],
                 **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"d{domain_pk}")
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["referent"])
        field.label = f"{_('Référent fonctionnel')} — {title}"
        field.choices = [("", _("— personne —")), *[
            (str(m.pk), f"{m.user.display_name} ({m.domain})" if m.domain
             else m.user.display_name) for m in referents]]
