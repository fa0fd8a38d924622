"""Celery application, configured from Django settings (``CELERY_`` namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msp_si.settings.base")

app = Celery("msp_si")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
