"""Celery application, configured from Django settings (``CELERY_`` namespace)."""

import os

from celery import Celery
from django_structlog.celery.steps import DjangoStructLogInitStep

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msp_si.settings.base")

app = Celery("msp_si")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# django-structlog: the request id bound by the page that queued a task is bound again in
# the worker, so a document job's lines name the request that asked for it.
app.steps["worker"].add(DjangoStructLogInitStep)
