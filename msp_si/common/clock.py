"""The one clock of the domain: every "now" and "today" the services compare with.

Rules modules receive the moment as an argument; services, views, forms and the demo ask
this module. Tests freeze it with time-machine (``tests/conftest.py``), so that the suite
gives the same answers on any date.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    """The current instant, aware (UTC)."""
    return timezone.now()


def today() -> date:
    """Today's date in the project's time zone (Europe/Paris): what a user calls today."""
    return timezone.localdate(now())
