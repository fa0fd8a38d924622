"""Import a project archive: new ids, people matched by e-mail, files after the commit.

The archive is checked whole before anything is written (``archive.archive_read``). The rows
go in within one transaction: a refusal leaves the database as it was. The files are
written once the rows are committed; if one cannot be, the written ones are removed and the
imported project is deleted again, so nothing half-imported stays.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.serializers.base import DeserializationError
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from ..core.removal import project_delete
from ..core.services import project_permissions_rebuild
from ..models import Project
from ..plugins import ExportedModel, exported_models
from .archive import ArchiveContent, ArchiveError, archive_read
from .models_map import foreign_keys, user_model_label

logger = logging.getLogger(__name__)

# Imported files keep their former name under a folder of the new project: two imports of
# the same archive never collide, and the guarded views serve them like any other file.
IMPORTED_FILES = "projets-importes/{project}/{name}"


@dataclass
class ImportResult:
    """The project created, the people created (inactive) and the rows per model."""

    project: Project
    users_created: list[str]
    counts: dict[str, int]


@dataclass
class _State:
    """Old id → new id for each model, and the work left for after the rows."""

    ids: dict[str, dict[Any, Any]] = field(default_factory=dict)
    renames: dict[str, str] = field(default_factory=dict)
    deferred: list[tuple[type[models.Model], Any, str, str, Any]] = field(default_factory=list)
    project: Project | None = None


def _model(label: str) -> type[models.Model]:
    """The model of a label of the archive, or a refusal naming it."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise ArchiveError(_("Archive d'une autre version de MSP SI : les données « %(label)s » "
                             "sont inconnues de cette installation.") % {"label": label}
                           ) from error


@contextlib.contextmanager
def _dates_as_recorded(model_classes: list[type[models.Model]]) -> Iterator[None]:
    """Keep the archive's creation and update dates (auto_now fields would reset them)."""
    changed = []
    for model in model_classes:
        for date_field in model._meta.concrete_fields:
            for flag in ("auto_now", "auto_now_add"):
                if getattr(date_field, flag, False):
                    setattr(date_field, flag, False)
                    changed.append((date_field, flag))
    try:
        yield
    finally:
        for date_field, flag in changed:
            setattr(date_field, flag, True)


def _users(rows: list[dict[str, Any]], state: _State) -> list[str]:
    """Map the archive's people to accounts: same e-mail, or a new inactive account."""
    user_model = get_user_model()
    created: list[str] = []
    mapping: dict[Any, Any] = {}
    for row in rows:
        email = str(row["email"]).strip().lower()
        user = user_model._default_manager.filter(email__iexact=email).first()
        if user is None:
            # No password and inactive: the person is named in the project but signs in
            # only once an administrator activates the account (or resets its password).
            user = user_model._default_manager.create_user(
                email, None, first_name=row.get("first_name", ""),
                last_name=row.get("last_name", ""), is_active=False)
            created.append(email)
        mapping[row["pk"]] = user.pk
    state.ids[user_model_label()] = mapping
    return created


def _reserved_id(model: type[models.Model]) -> Any:
    """A fresh id of ``model`` for the history of a row deleted before the export."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s))",
                       [model._meta.db_table, model._meta.pk.column])
        return cursor.fetchone()[0]


def _remap(row: models.Model, state: _State, *, is_history: bool) -> None:
    """Point the row's foreign keys at the new ids (files at their new names)."""
    for fk in foreign_keys(type(row)):
        old = getattr(row, fk.attname)
        if old is None:
            continue
        label = fk.related_model._meta.label_lower
        new = state.ids.get(label, {}).get(old)
        if new is None and fk.related_model is type(row) and not is_history:
            # A row pointing to a later row of its own table: set once both exist.
            state.deferred.append((type(row), row.pk, fk.attname, label, old))
        elif new is None and not (fk.null or is_history):
            raise ArchiveError(_("Archive incohérente : « %(label)s » n° %(pk)s est cité "
                                 "mais absent.") % {"label": label, "pk": old})
        setattr(row, fk.attname, new)
    for file_field in type(row)._meta.concrete_fields:
        value = getattr(row, file_field.attname)
        name = getattr(value, "name", value)
        if isinstance(name, str) and name in state.renames:
            setattr(row, file_field.attname, state.renames[name])


def _deserialized(label: str, rows: list[dict[str, Any]]) -> list[Any]:
    """The archive's rows as unsaved model instances (fields gone since are ignored)."""
    try:
        return list(serializers.deserialize(
            "python", [{"model": label, "pk": r["pk"], "fields": r["fields"]} for r in rows],
            ignorenonexistent=True))
    except (DeserializationError, KeyError, TypeError) as error:
        raise ArchiveError(_("Archive illisible : données de « %(label)s » invalides.")
                           % {"label": label}) from error


def _import_rows(label: str, rows: list[dict[str, Any]], spec: ExportedModel,
                 state: _State) -> None:
    """Insert one model's rows with new ids (a shared row is reused when it exists)."""
    mapping = state.ids.setdefault(label, {})
    fresh: list[tuple[Any, Any]] = []
    for item in _deserialized(label, rows):
        row, old_pk = item.object, item.object.pk
        _remap(row, state, is_history=False)
        if spec.match_field:
            existing = type(row)._default_manager.filter(
                **{spec.match_field: getattr(row, spec.match_field)}).first()
            if existing is not None:
                mapping[old_pk] = existing.pk
                continue
        row.pk = None
        fresh.append((old_pk, item))
    created = type(fresh[0][1].object)._default_manager.bulk_create(
        [item.object for _old, item in fresh]) if fresh else []
    for (old_pk, item), row in zip(fresh, created, strict=True):
        mapping[old_pk] = row.pk
        for name, old_ids in (item.m2m_data or {}).items():
            related = type(row)._meta.get_field(name).related_model._meta.label_lower
            getattr(row, name).set([state.ids[related][old] for old in old_ids])
    if label == "projects.project" and created:
        state.project = created[0]


def _import_history(label: str, of_label: str, rows: list[dict[str, Any]],
                    state: _State) -> None:
    """Insert a model's history rows, each pointing at the new id of its row."""
    instances = state.ids.setdefault(of_label, {})
    model = apps.get_model(of_label)
    kept = []
    for item in _deserialized(label, rows):
        row = item.object
        _remap(row, state, is_history=True)
        old_id = row.id
        if old_id not in instances:
            # The row was deleted before the export: its history keeps a fresh id.
            reserved = _reserved_id(model)
            if reserved is None:
                continue
            instances[old_id] = reserved
        row.id = instances[old_id]
        row.history_id = None
        kept.append(row)
    apps.get_model(label)._default_manager.bulk_create(kept)


def _prepare_renames(content: ArchiveContent, state: _State, project: Project) -> None:
    """Name each file of the archive under the new project's folder."""
    for entry in content.data.get("files", []):
        state.renames[entry["name"]] = IMPORTED_FILES.format(project=project.pk,
                                                              name=entry["name"])


def _import_data(content: ArchiveContent, state: _State) -> None:
    """Every table of the archive, in its order (targets before the rows naming them)."""
    specs = {spec.model.lower(): spec for spec in exported_models()}
    for table in content.data["models"]:
        label, of_label = table["model"], table.get("history_of")
        if of_label:
            _import_history(label, of_label, table["rows"], state)
            continue
        spec = specs.get(label)
        if spec is None or not spec.is_exported:
            raise ArchiveError(_("Archive refusée : les données « %(label)s » ne s'importent "
                                 "pas.") % {"label": label})
        _import_rows(label, table["rows"], spec, state)
        if label == "projects.project" and state.project is not None:
            _prepare_renames(content, state, state.project)
    for model, old_pk, attname, label, old_target in state.deferred:
        new_pk = state.ids[model._meta.label_lower][old_pk]
        model._default_manager.filter(pk=new_pk).update(
            **{attname: state.ids[label].get(old_target)})


def _write_files(content: ArchiveContent, state: _State) -> None:
    """Store the archive's files under their new names; undo everything if one fails."""
    written = []
    try:
        for entry in content.data.get("files", []):
            model = apps.get_model(entry["model"])
            storage = model._meta.get_field(entry["field"]).storage
            name = state.renames[entry["name"]]
            saved = storage.save(name, ContentFile(content.file_bytes(entry["member"])))
            written.append((storage, saved))
            if saved != name:
                model._default_manager.filter(pk=state.ids[entry["model"]][entry["pk"]]).update(
                    **{entry["field"]: saved})
    except Exception as error:
        logger.exception("import: files could not be written, import undone")
        for storage, saved in written:
            storage.delete(saved)
        if state.project is not None:
            project_delete(project=state.project)
        raise ArchiveError(_("Import annulé : les fichiers du projet n'ont pas pu être "
                             "enregistrés (%(error)s).") % {"error": error}) from error


def project_import(*, source: IO[bytes]) -> ImportResult:
    """Recreate an archived project with new ids; refuse a bad archive with nothing changed."""
    content = archive_read(source)
    labels = [table["model"] for table in content.data["models"]]
    model_classes = [_model(label) for label in labels]
    state = _State()
    with transaction.atomic(), _dates_as_recorded(model_classes):
        users_created = _users(content.data.get("users", []), state)
        _import_data(content, state)
        if state.project is None:
            raise ArchiveError(_("Archive refusée : elle ne contient aucun projet."))
        project_permissions_rebuild(project=state.project)
    _write_files(content, state)
    return ImportResult(state.project, users_created, dict(content.manifest["counts"]))
