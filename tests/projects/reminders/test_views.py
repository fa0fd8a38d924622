"""The preferences page and the stop link, as a person uses them from an e-mail."""

from __future__ import annotations

import re
from html import unescape
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from msp_si.common import clock
from projects.models import ReminderOptOut
from projects.planning.services import task_create
from projects.plugins import reminder_kinds
from tests.typography import plain


def _task_due_today(project, owner) -> None:  # type: ignore[no-untyped-def]
    task_create(project=project, step=project.steps.get(number=3), title="Tâche du jour",
                owner=owner, start_on=clock.today(), due_on=clock.today())


def test_the_preferences_page_lists_every_kind_checked_by_default(lead, client_for) -> None:
    page = unescape(client_for(lead).get(reverse("projects:reminder-preferences"))
                    .content.decode())
    for kind in reminder_kinds():
        assert str(kind.label) in page
    assert page.count(" checked") == len(reminder_kinds())
    assert "Vote de l'assemblée générale qui se clôt demain" in page  # vendors' kind
    assert "Anomalies hors délai du prestataire" in page             # phase 4's kind


def test_unchecking_a_kind_stops_it(lead, client_for) -> None:
    client = client_for(lead)
    kept = [kind.code for kind in reminder_kinds() if kind.code != "task_due"]
    response = client.post(reverse("projects:reminder-preferences"), {"kinds": kept})
    assert response.status_code == 302
    assert list(ReminderOptOut.objects.filter(user=lead).values_list("kind", flat=True)) \
        == ["task_due"]
    page = unescape(client.get(response["Location"]).content.decode())
    assert "Vos choix de rappels sont enregistrés." in page


def test_an_unknown_kind_is_refused_with_a_french_message(lead, client_for) -> None:
    response = client_for(lead).post(reverse("projects:reminder-preferences"),
                                     {"kinds": ["task_due", "rappel-invente"]})
    assert response.status_code == 400
    assert "Ce type de rappel n'existe pas : rien n'a été changé." in plain(unescape(
        response.content.decode()))
    assert not ReminderOptOut.objects.exists()


def test_the_stop_link_of_an_email_stops_that_kind_in_one_click(project, lead, client) -> None:
    _task_due_today(project, lead)
    call_command("send_reminders", stdout=StringIO())
    [message] = mail.outbox
    link = re.search(r"http://[^\s]+/rappels/arret/[^\s]+/", message.body).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")
    page = plain(unescape(client.get(path).content.decode()))
    assert "Ne plus envoyer le rappel « Tâches du calendrier qui me sont confiées »" in page
    assert not ReminderOptOut.objects.exists()  # opening the link changes nothing
    response = client.post(path)   # the mail client's one-click POST carries no CSRF token
    assert response.status_code == 200
    assert "C'est fait" in unescape(response.content.decode())
    assert list(ReminderOptOut.objects.values_list("user_id", "kind")) == [(lead.pk, "task_due")]
    # The next day, the task is late: nothing is sent any more.
    mail.outbox.clear()
    call_command("send_reminders", stdout=StringIO())
    assert mail.outbox == []


def test_the_command_sends_then_says_nothing_is_left(project, lead) -> None:
    _task_due_today(project, lead)
    out = StringIO()
    call_command("send_reminders", "--apercu", stdout=out)
    assert "task_due" in out.getvalue()
    assert mail.outbox == []
    call_command("send_reminders", stdout=out)
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines()[-2:] == ["1 e-mail de rappel envoyé.",
                                                "0 e-mail de rappel envoyé."]
    assert len(mail.outbox) == 1
