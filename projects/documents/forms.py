"""Forms of the documents page: a reviewer's comment on one section of a version."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _


class DocumentCommentForm(forms.Form):
    """The section commented on (among the document's own) and the remark."""

    section = forms.ChoiceField(
        label=_("Section"), error_messages={"invalid_choice": _("Section inconnue.")},
    )
    body = forms.CharField(
        label=_("Commentaire"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Écrivez votre commentaire.")},
    )

    def __init__(self, *args: Any, sections: tuple[tuple[str, str], ...], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["section"]).choices = list(sections)
