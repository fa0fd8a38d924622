"""Keep each project's data revision moving: every saved, deleted or re-linked row of a
project bumps it, once per transaction, after the commit.

Which project a row belongs to is found from the model itself, once per model: its
``project`` field, or the shortest chain of foreign keys that leads to one (a ballot's
vote). A model with no project (an account, a vendor of the directory, the project
itself) bumps the projects whose rows point at the changed row.

Why after the commit: a page rendered from the new revision must see the new rows. The
bump is an ``UPDATE`` of its own, outside the service's transaction, so it never waits on
the locks a service holds. Inside Django's test transaction, which never commits, the bump
is counted in the process instead (``_in_process``), so the tests read their own writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from projects.models import Membership, Project, ProjectRevision

# Bumps counted in the process while a test transaction holds the rows (never committed).
_in_process: dict[int, int] = {}
# Fields of a login only: signing in changes nothing a page shows.
_LOGIN_ONLY = frozenset({"last_login"})


@dataclass(frozen=True)
class ProjectPath:
    """How a model reaches its project: the project itself, its ``project`` field, a
    ``chain`` of foreign keys to a model that has one, or the ``referrers`` (model, field)
    that point at it when it has none."""

    is_project: bool = False
    chain: tuple[str, ...] | None = None
    referrers: tuple[tuple[type[models.Model], str], ...] = ()


@dataclass
class _PendingStore:
    """The projects to bump when the current transaction commits (an ``on_commit``
    callback, completed by the later bumps of the same transaction and savepoints)."""

    ids: set[int]

    def __call__(self) -> None:
        _store(self.ids)


def revision_value(project: Project) -> int | None:
    """The project's revision as loaded with it (``select_related("data_revision")``),
    plus this process's uncommitted test bumps; None when the project has no revision."""
    try:
        stored = project.data_revision.value
    except ProjectRevision.DoesNotExist:
        return None
    return stored + _in_process.get(project.pk, 0)


def revision_bump(project_ids: Iterable[int | None]) -> None:
    """Bump these projects' revisions once the current transaction commits."""
    ids = {pk for pk in project_ids if pk}
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _store(ids)
        return
    outermost = connection.atomic_blocks[0]
    if getattr(outermost, "_from_testcase", False):
        for pk in ids:
            _in_process[pk] = _in_process.get(pk, 0) + 1
        return
    # One pending store per savepoint stack of this transaction: a callback registered
    # inside a savepoint is dropped if that savepoint rolls back, so a later bump never
    # relies on a dropped one. The pending stores are looked up among the transaction's
    # own commit callbacks, which Django clears at every commit and rollback (an Atomic
    # object is reused by every call of an ``@transaction.atomic`` service: it cannot
    # tell one transaction from the next).
    savepoints = set(connection.savepoint_ids)
    for sids, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _PendingStore) and sids == savepoints:
            callback.ids |= ids
            return
    transaction.on_commit(_PendingStore(set(ids)))


def revision_reset_in_process() -> None:
    """Forget the uncommitted test bumps (the test transaction was rolled back)."""
    _in_process.clear()


def _store(ids: set[int]) -> None:
    if ids:
        ProjectRevision.objects.filter(project_id__in=sorted(ids)) \
            .update(value=F("value") + 1)


def revision_track() -> None:
    """Connect the signals for every model of our own apps (not Django's nor libraries')."""
    for model in _tracked_models():
        post_save.connect(_saved, sender=model, weak=False,
                          dispatch_uid=f"revision-save-{model._meta.label}")
        post_delete.connect(_deleted, sender=model, weak=False,
                            dispatch_uid=f"revision-delete-{model._meta.label}")
    m2m_changed.connect(_linked, weak=False, dispatch_uid="revision-m2m")


def _tracked_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models()
            if _is_ours(model) and model is not ProjectRevision
            and not model.__name__.startswith("Historical")]


_paths: dict[type[models.Model], ProjectPath | None] = {}


def project_path(model: type[models.Model]) -> ProjectPath | None:
    """How rows of ``model`` reach their project (computed once per model)."""
    if model not in _paths:
        _paths[model] = _find_path(model)
    return _paths[model]


def _find_path(model: type[models.Model]) -> ProjectPath | None:
    if model is Project:
        return ProjectPath(is_project=True)
    chain = _chain(model, depth=4)
    if chain is not None:
        return ProjectPath(chain=chain)
    if model is apps.get_model(settings.AUTH_USER_MODEL):
        # A person's name shows on the pages of the projects they are a member of.
        return ProjectPath(referrers=((Membership, "user"),))
    tracked = set(_tracked_models())
    referrers = tuple(
        (other, f.name) for other in sorted(tracked, key=lambda m: m._meta.label)
        for f in other._meta.concrete_fields
        if f.is_relation and f.related_model is model
        and _has_project(other) and f.name != "project")
    return ProjectPath(referrers=referrers)


def _has_project(model: type[models.Model]) -> bool:
    return any(f.name == "project" and f.is_relation for f in model._meta.concrete_fields)


def _chain(model: type[models.Model], depth: int) -> tuple[str, ...] | None:
    """The shortest chain of foreign keys from ``model`` to the project (the last one
    points at ``Project``): ``("project",)``, ``("vote", "project")``…"""
    if any(f.name == "project" and f.related_model is Project
           for f in model._meta.concrete_fields):
        return ("project",)
    if depth == 0:
        return None
    best: tuple[str, ...] | None = None
    for f in model._meta.concrete_fields:
        if not (f.is_relation and (f.many_to_one or f.one_to_one)):
            continue
        target = f.related_model
        if target is Project:
            return (f.name,)
        if target is None or target is model or not _is_ours(target):
            continue
        rest = _chain(target, depth - 1)
        if rest is not None and (best is None or len(rest) + 1 < len(best)):
            best = (f.name, *rest)
    return best


def _is_ours(model: type[models.Model]) -> bool:
    """A model of the project's own apps (not Django's, nor an installed library's)."""
    path = Path(apps.get_app_config(model._meta.app_label).path)
    return path.is_relative_to(settings.BASE_DIR) and "site-packages" not in path.parts


def _project_ids(instance: models.Model, *, created: bool = False) -> set[int]:
    path = project_path(type(instance))
    if path is None:
        return set()
    if path.is_project:
        return {instance.pk}
    if path.chain:
        first = instance._meta.get_field(path.chain[0])
        assert isinstance(first, models.ForeignKey)
        target_pk = getattr(instance, first.attname)
        if target_pk is None or len(path.chain) == 1:
            return {target_pk} if target_pk is not None else set()
        related: type[models.Model] = first.related_model
        return set(related._base_manager.filter(pk=target_pk)
                   .values_list("__".join(path.chain[1:]), flat=True))
    if created:
        # A new row of a shared table (a vendor of the directory) may appear on any
        # project's lists; a new account appears only through its membership.
        if type(instance) is apps.get_model(settings.AUTH_USER_MODEL):
            return set()
        return set(Project.objects.values_list("pk", flat=True))
    ids: set[int] = set()
    for other, name in path.referrers:
        ids.update(other._base_manager.filter(**{name: instance.pk})
                   .values_list("project_id", flat=True).distinct())
    return ids


def _saved(sender: type[models.Model], instance: models.Model, created: bool,
           update_fields: frozenset[str] | None = None, raw: bool = False,
           **_kwargs: Any) -> None:
    if created and sender is Project:
        ProjectRevision.objects.get_or_create(project_id=instance.pk)
    if raw or (update_fields is not None and set(update_fields) <= _LOGIN_ONLY):
        return
    revision_bump(_project_ids(instance, created=created))


def _deleted(sender: type[models.Model], instance: models.Model, **_kwargs: Any) -> None:
    revision_bump(_project_ids(instance))


def _linked(sender: type[models.Model], instance: models.Model, action: str,
            **_kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") \
            and _is_ours(type(instance)):
        revision_bump(_project_ids(instance))
