"""Logs: one line per event, JSON in production, with the request, user, project and job.

django-structlog binds ``request_id``, ``user_id`` and ``ip`` for each request (and passes
the request id to the Celery task it enqueues); the project guard binds ``project_id`` and
the document and archive jobs their own id. Records of plain ``logging`` loggers (Django,
Celery, the app's) go through the same formatter, so every line carries those fields.
"""

from __future__ import annotations

from typing import Any

import structlog

JSON = "json"
CONSOLE = "console"

SHARED_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.stdlib.ExtraAdder(),
]


def logging_config(*, level: str, output: str) -> dict[str, Any]:
    """The ``LOGGING`` dict: every record through structlog's formatter, JSON or text."""
    renderer = (structlog.processors.JSONRenderer(ensure_ascii=False) if output == JSON
                else structlog.dev.ConsoleRenderer(colors=False))
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info,
                    renderer,
                ],
                "foreign_pre_chain": SHARED_PROCESSORS,
            },
        },
        "handlers": {"console": {"class": "logging.StreamHandler",
                                 "formatter": "structured"}},
        "root": {"handlers": ["console"], "level": level},
        # WeasyPrint logs every layout pass at INFO: keep worker logs to what matters.
        "loggers": {"weasyprint.progress": {"level": "WARNING"}},
    }


def structlog_configure() -> None:
    """Send structlog's events through the standard library (and so through LOGGING)."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *SHARED_PROCESSORS,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.processors.UnicodeDecoder(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def sentry_init(*, dsn: str, environment: str, traces_sample_rate: float) -> None:
    """Report errors to Sentry (web and workers) when a DSN is configured; no personal data."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn, environment=environment, traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        # Names and e-mails of the MSP's professionals stay out of the error reports.
        send_default_pii=False,
    )
