"""MSP SI: the project office of a maison de santé choosing and deploying its IS."""

from .celery import app as celery_app

__all__ = ("celery_app",)
