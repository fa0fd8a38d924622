"""Forms of step 9: the deadline, a consulted vendor's sent date, an uploaded cadre."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .answers_import import MAX_FILE_BYTES
from .rules import MAX_OFFER_VALIDITY_DAYS, MIN_OFFER_VALIDITY_DAYS, ConsultationTerms


class DeadlineForm(forms.Form):
    response_deadline = forms.DateField(
        label=_("Date limite de réponse"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Les réponses sont attendues jusqu'à la fin de ce jour ; le lien de "
                    "dépôt des prestataires se ferme ensuite."),
    )


class TermsForm(DeadlineForm):
    """What the letters say besides the deadline: sender, questions, validity of offers."""

    sender_address = forms.CharField(
        label=_("Adresse postale de la maison de santé"), required=False, max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Expéditeur des lettres : rue, code postal, commune."))
    contact_email = forms.EmailField(label=_("Adresse e-mail pour les questions"),
                                     required=False)
    contact_phone = forms.CharField(label=_("Téléphone pour les questions"), required=False,
                                    max_length=30)
    questions_until = forms.DateField(
        label=_("Questions reçues jusqu'au"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    offer_validity_days = forms.IntegerField(
        label=_("Durée de validité des offres (jours)"), initial=120, required=False,
        min_value=MIN_OFFER_VALIDITY_DAYS, max_value=MAX_OFFER_VALIDITY_DAYS,
        help_text=_("Assez longue pour l'analyse, les auditions et le vote (120 jours "
                    "conseillés)."))

    def terms(self) -> ConsultationTerms:
        """The cleaned values as the rules and the service take them."""
        data = self.cleaned_data
        return ConsultationTerms(
            sender_address=data["sender_address"].strip(),
            contact_email=data["contact_email"], contact_phone=data["contact_phone"].strip(),
            questions_until=data["questions_until"],
            offer_validity_days=(data["offer_validity_days"]
                                 or ConsultationTerms.offer_validity_days))


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
