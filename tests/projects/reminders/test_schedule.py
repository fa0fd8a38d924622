"""The beat schedule of the deployment: the reminders every morning at 7 (Paris time)."""

from __future__ import annotations

from celery.schedules import crontab
from django.conf import settings

from msp_si import celery_app


def test_beat_sends_the_reminders_task_every_morning() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["reminders-send"]
    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert entry["task"] in celery_app.tasks
    assert celery_app.conf.timezone == "Europe/Paris"
