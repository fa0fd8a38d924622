"""Members voting at once against a real server (gunicorn) on PostgreSQL: one ballot each.

The small-scale run of ``manage.py benchmark_vote``: it asserts that every ballot is
counted once and carries the voter's last choice, never how fast (machines differ).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from vendors.demo.vote_load import ballot_check, load_plan, phase_stats
from vendors.demo.vote_load_run import (
    app_server,
    ballots_found,
    expected_ballots,
    load_run,
    load_setup,
)

from .conftest import _database_url

GUNICORN = Path(settings.BASE_DIR) / ".venv" / "bin" / "gunicorn"

pytestmark = [
    pytest.mark.integration,
    # One xdist process for every test of the broker (see conftest.py), marked here at
    # collection so the load-group scheduler sees it whatever order the hooks run in.
    pytest.mark.xdist_group("broker"),
    pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"],
                       reason="vote simultané : base PostgreSQL requise (le serveur est un "
                              "autre processus)"),
    pytest.mark.skipif(not GUNICORN.exists() and shutil.which("gunicorn") is None,
                       reason="gunicorn absent"),
]

VOTERS, CHANGERS = 8, 3


def test_members_voting_at_once_each_have_exactly_one_ballot(transactional_db,
                                                              tmp_path: Path) -> None:
    setup = load_setup(voters=VOTERS, label="test")
    plan = load_plan(voters=VOTERS, options=len(setup.option_pks), changers=CHANGERS)
    env = {"DJANGO_SETTINGS_MODULE": "msp_si.settings.test", "DATABASE_URL": _database_url(),
           "DJANGO_SECRET_KEY": settings.SECRET_KEY, "REDIS_URL": "",
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "WARNING"}
    with app_server(env=env, log_path=tmp_path / "gunicorn.log", workers=2,
                    threads=4) as server:
        samples = load_run(setup=setup, plan=plan, port=server.port)
        log = server.log()
    assert [s.error for s in samples if s.error] == [], log
    assert phase_stats(samples, "page").count == VOTERS
    assert phase_stats(samples, "ballot").failed == 0, log
    assert phase_stats(samples, "change").count == CHANGERS
    check = ballot_check(expected=expected_ballots(setup, plan),
                         found=ballots_found(setup.vote_id))
    assert (check.ballots, check.distinct_voters) == (VOTERS, VOTERS)
    assert check.is_exact, check
