"""Settings of ``make benchmark-load``: production, plus the bare view pages are measured
against. Never deployed: the bare view exists only in ``msp_si.urls_benchmark``."""

from .production import *  # noqa: F403

ROOT_URLCONF = "msp_si.urls_benchmark"
