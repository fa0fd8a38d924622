"""The migrations build, from an empty PostgreSQL database, the schema the models describe.

The suite's own databases are created straight from the models (``--no-migrations`` in
``pyproject.toml``: applying the 68 migrations costs each test process well over a minute).
This test applies every migration once, as an upgrade or a new deployment does
(``manage.py migrate`` in its own process, on a database of its own), and compares tables,
columns, constraints and indexes with the test database; ``makemigrations --check`` in
``make test`` already proves the models and the migrations agree on paper.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db

COLUMNS = """
    SELECT table_name, column_name, data_type, is_nullable,
           coalesce(character_maximum_length, 0), coalesce(numeric_precision, 0)
    FROM information_schema.columns WHERE table_schema = 'public'
"""
CONSTRAINTS = """
    SELECT conrelid::regclass::text, contype, pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
"""
INDEXES = "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'"
INDEX_NAME = re.compile(r"^CREATE (UNIQUE )?INDEX \S+ ON ")


def _params(name: str) -> dict[str, Any]:
    db = settings.DATABASES["default"]
    return {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432,
            "user": db["USER"], "password": db["PASSWORD"] or None, "dbname": name}


def _our_tables() -> set[str]:
    """The tables of our own apps' models (Django's and the libraries' migrations are
    theirs: Django's ``auth`` many-to-many table, for one, gets a wider key from its
    migrations than from its model)."""
    base = Path(settings.BASE_DIR)
    return {model._meta.db_table for model in apps.get_models(include_auto_created=True)
            if Path(apps.get_app_config(model._meta.app_label).path).is_relative_to(base)
            and "site-packages" not in Path(apps.get_app_config(
                model._meta.app_label).path).parts}


def _schema(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, set[tuple[Any, ...]]]:
    """Each part of the schema as a set, for our tables, the index names left out (the
    definition counts)."""
    ours = _our_tables()
    schema = {part: {row for row in found if row[0] in ours}
              for part, found in rows.items()}
    schema["indexes"] = {(table, INDEX_NAME.sub("CREATE \\1INDEX ON ", definition))
                         for table, definition in schema["indexes"]}
    return schema


def _read(cursor: Any) -> dict[str, set[tuple[Any, ...]]]:
    rows = {}
    for part, sql in (("columns", COLUMNS), ("constraints", CONSTRAINTS),
                      ("indexes", INDEXES)):
        cursor.execute(sql)
        rows[part] = [tuple(row) for row in cursor.fetchall()]
    return _schema(rows)


@pytest.fixture
def migrated_database() -> Iterator[str]:
    """A new, empty database next to the test database, dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("les migrations sont vérifiées sur PostgreSQL, la base de production")
    name = f"{settings.DATABASES['default']['NAME']}_migrations"
    with psycopg.connect(**_params("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(**_params("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_every_migration_applies_and_gives_the_models_schema(migrated_database: str) -> None:
    params = _params(migrated_database)
    url = (f"postgres://{params['user']}@{params['host']}:{params['port']}/"
           f"{migrated_database}")
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "msp_si.settings.test"}
    if params["password"]:
        env["PGPASSWORD"] = params["password"]
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]

    with psycopg.connect(**params) as migrated, migrated.cursor() as cursor:
        from_migrations = _read(cursor)
    with connection.cursor() as cursor:
        from_models = _read(cursor)
    assert len(from_models["columns"]) > 500  # every table of ours is there
    for part in ("columns", "constraints", "indexes"):
        assert from_migrations[part] == from_models[part], (
            part, sorted(from_migrations[part] - from_models[part])[:20],
            sorted(from_models[part] - from_migrations[part])[:20])
