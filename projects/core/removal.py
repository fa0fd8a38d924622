"""Removing a whole project: its rows in dependency order, then its files.

User-produced data is protected against accidental cascades (``PROTECT`` on documents,
assessments, votes…), so ``Project.delete()`` alone refuses. Removing a project on purpose
(the demo's reset) walks those protections: every row that blocks the deletion must itself
belong to the project, and goes first. Shared rows (users, the vendor catalogue) are
never touched; another project's rows stop the removal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.storage import Storage
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError

from ..models import Project

# Each round removes one layer of protecting rows; the schema has a handful of layers.
_MAX_ROUNDS = 50


@transaction.atomic
def project_delete(*, project: Project) -> None:
    """Delete the project, everything recorded in it and its stored files, and nothing else."""
    files: list[tuple[Storage, str]] = []
    _delete_rows(project=project, roots=[project], files=files, depth=0)
    transaction.on_commit(lambda: _delete_files(files))


def _delete_rows(*, project: Project, roots: Sequence[models.Model],
                 files: list[tuple[Storage, str]], depth: int) -> None:
    """Delete ``roots`` and their cascade once the rows that protect them are gone."""
    for _round in range(_MAX_ROUNDS):
        collector = Collector(using=DEFAULT_DB_ALIAS, origin=project)
        try:
            for batch in _by_model(roots):
                collector.collect(batch)
        except ProtectedError as error:
            blockers = list(error.protected_objects)
        except RestrictedError as error:
            blockers = list(error.restricted_objects)
        else:
            files.extend(_stored_files(collector))
            collector.delete()
            return
        _check_owned(project=project, rows=blockers)
        if depth >= _MAX_ROUNDS:
            break
        _delete_rows(project=project, roots=blockers, files=files, depth=depth + 1)
    raise DomainError(_("Le projet n° %(pk)s n'a pas pu être supprimé.") % {"pk": project.pk})


def _by_model(rows: Sequence[models.Model]) -> list[list[models.Model]]:
    """The rows grouped by model: the collector takes one model at a time."""
    groups: dict[type[models.Model], list[models.Model]] = {}
    for row in rows:
        groups.setdefault(type(row), []).append(row)
    return list(groups.values())


def _check_owned(*, project: Project, rows: Iterable[models.Model]) -> None:
    """Refuse when a protecting row carries another project's id."""
    for row in rows:
        owner = getattr(row, "project_id", project.pk)
        if owner != project.pk:
            raise DomainError(
                _("Le projet n° %(pk)s n'est pas supprimé : une donnée du projet "
                  "n° %(other)s y fait référence.") % {"pk": project.pk, "other": owner})


def _stored_files(collector: Collector) -> list[tuple[Storage, str]]:
    """The stored files of every row the collector is about to delete."""
    found: list[tuple[Storage, str]] = []
    batches: list[Iterable[Any]] = list(collector.data.values())
    batches.extend(collector.fast_deletes)
    for rows in batches:
        for row in rows:
            for field in row._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    stored = getattr(row, field.attname)
                    if stored:
                        found.append((field.storage, str(stored)))
    return found


def _delete_files(files: list[tuple[Storage, str]]) -> None:
    """Remove the files once the rows are gone for good (after the commit)."""
    for storage, name in files:
        storage.delete(name)
