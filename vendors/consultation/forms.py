"""Forms of step 9: the deadline, a consulted vendor's sent date, an uploaded cadre."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .answers_import import MAX_FILE_BYTES


class DeadlineForm(forms.Form):
    response_deadline = forms.DateField(
        label=_("Date limite de réponse"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Les réponses sont attendues jusqu'à la fin de ce jour ; le lien de "
                    "dépôt des prestataires se ferme ensuite."),
    )


class SentForm(forms.Form):
    sent_on = forms.DateField(
        label=_("Envoyé le"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Cadre de réponse rempli (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        help_text=_("Le fichier est vérifié puis présenté avant tout enregistrement "
                    "(5 Mo au plus)."),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse 5 Mo : ce n'est pas un cadre "
                                          "de réponse."))
        return upload

    def content(self) -> bytes:
        upload = self.cleaned_data["file"]
        upload.seek(0)
        return upload.read(MAX_FILE_BYTES + 1)
