"""Health checks of the services the application relies on: database, Redis, worker.

Each check is cheap (one round trip, a one-second timeout) and never raises: it returns
a result with a short French detail. Without ``REDIS_URL`` documents are built in the web
process, so Redis and the worker are reported as not configured rather than failing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import DatabaseError, connection

OK = "ok"
ERROR = "erreur"
NOT_CONFIGURED = "non configuré"
NOT_CONFIGURED_DETAIL = "non configuré — documents générés dans le processus web"
TIMEOUT_SECONDS = 1.0


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one check: ok, erreur or non configuré, with a short detail."""

    status: str
    detail: str

    @property
    def is_failing(self) -> bool:
        """Only a configured service that does not answer fails the report."""
        return self.status == ERROR


@dataclass(frozen=True)
class HealthReport:
    """All checks, in a fixed order; healthy when no configured service fails."""

    checks: dict[str, CheckResult]

    @property
    def is_healthy(self) -> bool:
        """True when every configured service answers."""
        return not any(c.is_failing for c in self.checks.values())

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form: overall status and one entry per check."""
        return {
            "status": OK if self.is_healthy else ERROR,
            "checks": {
                name: {"status": c.status, "detail": c.detail} for name, c in self.checks.items()
            },
        }


def _elapsed_ms(started: float) -> int:
    """Milliseconds since ``started`` (a ``time.perf_counter`` value)."""
    return round((time.perf_counter() - started) * 1000)


def check_database() -> CheckResult:
    """Run ``SELECT 1`` on the default database."""
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        # The class name only: a driver message may carry host names or user names.
        return CheckResult(ERROR, f"base injoignable ({exc.__class__.__name__})")
    return CheckResult(OK, f"{connection.vendor} répond en {_elapsed_ms(started)} ms")


def check_redis(url: str) -> CheckResult:
    """PING the Redis server that serves as Celery broker."""
    started = time.perf_counter()
    try:
        client = redis.Redis.from_url(
            url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
        )
        try:
            client.ping()
        finally:
            client.close()
    except (redis.RedisError, OSError) as exc:
        return CheckResult(ERROR, f"Redis injoignable ({exc.__class__.__name__})")
    return CheckResult(OK, f"Redis répond en {_elapsed_ms(started)} ms")


def check_worker() -> CheckResult:
    """Count the Celery workers that answer a broadcast ping within one second."""
    from msp_si.celery import app as celery_app

    try:
        with celery_app.connection_for_write() as conn:
            # One connection attempt only: kombu would otherwise retry for minutes.
            # kombu takes float seconds; its stub (celery-types) says int.
            conn.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)  # type: ignore[arg-type]
            replies = celery_app.control.inspect(
                timeout=TIMEOUT_SECONDS, connection=conn
            ).ping() or {}
    except Exception as exc:  # any broker failure (kombu, redis, OS) fails the check
        return CheckResult(ERROR, f"diffusion impossible ({exc.__class__.__name__})")
    count = len(replies)
    if count == 0:
        return CheckResult(ERROR, "aucun worker ne répond")
    noun = "worker répond" if count == 1 else "workers répondent"
    return CheckResult(OK, f"{count} {noun}")


def health_report() -> HealthReport:
    """Check the database, then Redis and the worker when a broker is configured."""
    checks = {"database": check_database()}
    redis_url = settings.REDIS_URL
    if not redis_url:
        not_configured = CheckResult(NOT_CONFIGURED, NOT_CONFIGURED_DETAIL)
        checks["redis"] = checks["worker"] = not_configured
        return HealthReport(checks)
    checks["redis"] = check_redis(redis_url)
    if checks["redis"].is_failing:
        # No broker, no worker to reach: skip a broadcast that could only time out.
        checks["worker"] = CheckResult(ERROR, "non vérifié : Redis injoignable")
    else:
        checks["worker"] = check_worker()
    return HealthReport(checks)
