"""Reminders in a real browser: the stop link of an e-mail opened without an account, then
« Mes rappels » signed in; every page passes axe-core."""

from __future__ import annotations

import re
from io import StringIO

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from msp_si.accounts.models import User
from msp_si.common import clock
from projects.models import Project, ReminderOptOut
from projects.planning.services import task_create

from .conftest import UI


def test_a_chef_stops_a_reminder_from_the_email_then_chooses_the_others(
        ui: UI, chef: User, chef_project: Project) -> None:
    task_create(project=chef_project, step=chef_project.steps.get(number=3),
                title="Recenser les postes", owner=chef, start_on=clock.today(),
                due_on=clock.today())
    call_command("send_reminders", stdout=StringIO())
    [message] = mail.outbox
    path = re.search(r"http://[^/\s]+(/rappels/arret/[^\s]+/)", message.body).group(1)
    page = ui.page

    ui.goto(path, context="stop link, signed out")
    expect(page.get_by_text("Ne plus envoyer le rappel « Tâches du calendrier qui me sont "
                            "confiées »")).to_be_visible()
    ui.follow(page.get_by_role("button", name="Ne plus recevoir ce rappel"),
              context="reminder stopped")
    expect(page.get_by_role("status")).to_contain_text("C'est fait")
    ui.goto(path[:-3] + "xx/", status=400, context="forged stop link")
    expect(page.get_by_role("alert")).to_contain_text("n'est pas valide")

    ui.sign_in(chef.email)
    ui.follow(ui.nav("Mes rappels"), context="reminder preferences")
    tasks = page.get_by_role("checkbox", name="Tâches du calendrier qui me sont confiées")
    expect(tasks).not_to_be_checked()
    page.get_by_role("checkbox", name="Étapes dont je suis responsable").uncheck()
    tasks.check()
    ui.follow(page.get_by_role("button", name="Enregistrer mes choix"),
              context="preferences saved")
    expect(page.get_by_role("status")).to_contain_text("Vos choix de rappels sont enregistrés")
    assert list(ReminderOptOut.objects.filter(user=chef).values_list("kind", flat=True)) == [
        "step_due"]
