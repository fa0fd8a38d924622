"""Forms of step 10: schedule, a question, the record of an audition, a complement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AuditionQuestion
from .rules import MAX_COMPLEMENT_BYTES, MAX_DURATION_MINUTES, MIN_DURATION_MINUTES


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Date et heure de l'audition"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )
    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"), min_value=MIN_DURATION_MINUTES,
        max_value=MAX_DURATION_MINUTES, initial=90,
    )
    location = forms.CharField(
        label=_("Lieu ou lien de visioconférence"), required=False, max_length=300,
        help_text=_("Adresse de la maison de santé, ou « visioconférence » et son lien."),
    )
    attendees = forms.CharField(
        label=_("Participants de la maison de santé"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Chef de projet, AMOA, référents métier qui assistent à l'audition."),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Nouvelle question"), max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=(("up", "up"), ("down", "down")))


class RecordForm(forms.Form):
    """Notes, synthesis, day held, and one answer field per question (``answer-<pk>``)."""

    held_on = forms.DateField(
        label=_("Audition tenue le"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    notes = forms.CharField(label=_("Notes prises pendant l'audition"), required=False,
                            widget=forms.Textarea(attrs={"rows": 6}))
    synthesis = forms.CharField(
        label=_("Synthèse de l'audition"), required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Points forts, réserves, engagements pris : elle figure dans le dossier "
                    "de choix."),
    )

    def __init__(self, *args: Any, questions: list[AuditionQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[f"answer-{question.pk}"] = forms.CharField(
                label=_("Réponse à la question %(n)d") % {"n": number}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}), initial=question.answer,
                help_text=question.text)

    def answer_fields(self) -> list[tuple[AuditionQuestion, forms.BoundField]]:
        return [(q, self[f"answer-{q.pk}"]) for q in self.questions]

    def answers(self) -> dict[int, str]:
        """Answers posted; a question added since the form was shown keeps its own."""
        return {q.pk: self.cleaned_data.get(f"answer-{q.pk}", "") for q in self.questions
                if f"answer-{q.pk}" in self.data}


class ComplementForm(forms.Form):
    received_on = forms.DateField(
        label=_("Reçu le"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    summary = forms.CharField(
        label=_("Contenu du complément"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Prix révisé, précision, clause contractuelle…"),
    )
    file = forms.FileField(
        label=_("Document du candidat (PDF, 10 Mo au plus)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def content(self) -> bytes | None:
        """The attached file's bytes (at most one byte past the limit), or None."""
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        upload.seek(0)
        return upload.read(MAX_COMPLEMENT_BYTES + 1)

    def file_name(self) -> str:
        upload = self.cleaned_data.get("file")
        return upload.name if upload else ""
