"""Fixtures shared by every test: people and projects made through the real services."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from msp_si.accounts.models import User
from msp_si.common import ratelimit
from projects.choices import LegalStructure, Profession, Role
from projects.core import services
from projects.models import Membership, Project

# The real S3 server (SeaweedFS) fixtures, for the tests that request them.
from tests.object_store import object_store, s3_location, s3_storage  # noqa: F401

# Property tests judge the rules, not the machine's speed: on a loaded 2-core machine (two
# xdist processes, a browser, a Celery worker) generating examples may pass Hypothesis's
# time limits, which would fail a correct rule.
hypothesis_settings.register_profile(
    "suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("suite")

PASSWORD = "motdepasse-de-test-42"
_counter = itertools.count(1)

# The instant every test starts at (Paris time), whatever the real date: the domain reads
# the time from ``msp_si.common.clock``, and time-machine moves that clock. Set
# MSP_SI_TEST_NOW (ISO 8601) to run the whole suite at another date.
FROZEN_AT = datetime.fromisoformat(os.environ.get("MSP_SI_TEST_NOW", "2026-11-23T10:00:00"))
if FROZEN_AT.tzinfo is None:
    FROZEN_AT = FROZEN_AT.replace(tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture(autouse=True)
def frozen_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """Start each test at ``FROZEN_AT``; the clock then runs on (``tick``).

    Tests marked ``integration`` keep the real clock: their Celery worker and gunicorn
    processes are outside this process and read the real time.
    """
    if request.node.get_closest_marker("integration"):
        yield
        return
    with time_machine.travel(FROZEN_AT, tick=True):
        yield


@pytest.fixture(autouse=True)
def tasks_in_process() -> Iterator[None]:
    """Run Celery tasks in this process, as ``make run`` does, even though ``REDIS_URL``
    points the suite at a real broker. Only the integration tests send messages to Redis
    (their ``celery_to_redis`` fixture, set up after this one, switches back): a message
    sent by another test would be taken by an integration test's worker in the other
    xdist process, on that process's database."""
    from msp_si import celery_app

    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = saved


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    """Create a user with a unique e-mail and the shared test password."""

    def make(email: str | None = None, **extra: str) -> User:
        n = next(_counter)
        extra.setdefault("first_name", f"Prénom{n}")
        extra.setdefault("last_name", f"Nom{n}")
        return User.objects.create_user(email or f"personne{n}@exemple.test", PASSWORD, **extra)

    return make


@pytest.fixture
def make_project(make_user: Callable[..., User]) -> Callable[..., Project]:
    """Create a project through ``project_create``; its creator is chef de projet."""

    def make(name: str = "MSP des Tilleuls", lead: User | None = None) -> Project:
        return services.project_create(
            creator=lead or make_user(),
            name=name,
            legal_structure=LegalStructure.SISA,
            start_on=date(2026, 9, 1),
            site_list=[("Site principal", "Villefranche"), ("Antenne", "Beaujeu")],
            professions=[(Profession.GP, 3), (Profession.NURSE, 4),
                         (Profession.PHYSIOTHERAPIST, 2)],
        )

    return make


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    return make_project()


@pytest.fixture
def lead(project: Project) -> User:
    """The chef de projet who created ``project``."""
    return project.created_by


@pytest.fixture
def add_member(make_user: Callable[..., User]) -> Callable[..., Membership]:
    """Add a person to a project with a role, through ``membership_set_role``."""

    def add(project: Project, role: str = Role.MEMBER, **kwargs: str) -> Membership:
        if role == Role.PROFESSION_REFERENT:
            kwargs.setdefault("profession", Profession.NURSE)
        if role == Role.DOMAIN_REFERENT:
            kwargs.setdefault("domain", "Sécurité et habilitations")
        user = kwargs.pop("user", None) or make_user()
        return services.membership_set_role(project=project, user=user, role=role, **kwargs)

    return add


@pytest.fixture
def client_for(client):  # type: ignore[no-untyped-def]
    """A test client signed in as the given user."""

    def login(user: User):  # type: ignore[no-untyped-def]
        client.force_login(user)
        return client

    return login


@pytest.fixture
def link_posts_allowed(monkeypatch: pytest.MonkeyPatch) -> int:
    """How many POSTs one secret link takes from one address; the same limits, counted
    over a day, so that a 10-minute window cannot roll over in the middle of a test."""
    limits = tuple((rate.replace("/10m", "/d"), methods)
                   for rate, methods in ratelimit.LINK_LIMITS)
    monkeypatch.setattr(ratelimit, "LINK_LIMITS", limits)
    return int(limits[0][0].split("/")[0])


@pytest.fixture(autouse=True)
def page_cache_empty() -> None:
    """Each test starts with no cached page and no uncounted revision bump (the previous
    test's transaction was rolled back)."""
    from django.core.cache import caches

    from projects.pagecache.revision import revision_reset_in_process

    caches["pages"].clear()
    revision_reset_in_process()
