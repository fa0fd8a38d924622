"""Export a project: every app's rows, their history, the users named, the stored files."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import IO, Any

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError

from ..models import Project
from .archive import DATA, FILES_PREFIX, archive_write, manifest_build
from .models_map import Exported, exported_in_order, foreign_keys, user_model_label

Progress = Callable[[int], None]


class _Encoder(DjangoJSONEncoder):
    """Django's JSON encoder, keeping the microseconds it rounds away (exact round trip)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


@dataclass(frozen=True)
class ExportSummary:
    """What an archive holds: rows per model and the number and size of files."""

    counts: dict[str, int]
    file_count: int
    file_bytes: int


def _owned(item: Exported, project: Project) -> models.QuerySet[models.Model]:
    """The project's rows of a model (``project_field`` leads from a row to the project)."""
    lookup = {item.spec.project_field: project} if item.spec.project_field else {
        "pk": project.pk}
    return item.model._default_manager.filter(**lookup).order_by("pk")


def _history(item: Exported, project: Project) -> models.QuerySet[models.Model] | None:
    """The project's history rows of a model, oldest first, or None when it keeps none."""
    history = item.history_model
    if history is None:
        return None
    lookup = {item.spec.project_field: project.pk} if item.spec.project_field else {
        "id": project.pk}
    return history._default_manager.filter(**lookup).order_by("history_id")


def _references(rows: list[models.Model], target: type[models.Model] | str) -> set[Any]:
    """Ids the rows point to in ``target`` (a model, or the user model's label)."""
    found: set[Any] = set()
    for row in rows:
        for field in foreign_keys(type(row)):
            related = field.related_model
            is_target = (related._meta.label_lower == target if isinstance(target, str)
                         else related is target)
            if is_target and getattr(row, field.attname) is not None:
                found.add(getattr(row, field.attname))
    return found


def _collect(project: Project) -> list[tuple[Exported, bool, list[models.Model]]]:
    """(model, is_history, rows) for every exported table, targets before their users."""
    ordered = exported_in_order()
    owned = {item.model: list(_owned(item, project)) for item in ordered
             if not item.spec.match_field}
    everything = [row for rows in owned.values() for row in rows]
    tables: list[tuple[Exported, bool, list[models.Model]]] = []
    for item in ordered:
        if item.spec.match_field:
            rows = list(item.model._default_manager.filter(
                pk__in=_references(everything, item.model)).order_by("pk"))
        else:
            rows = owned[item.model]
        tables.append((item, False, rows))
    for item in ordered:
        history = _history(item, project)
        if history is not None:
            tables.append((item, True, list(history)))
    return tables


def _user_rows(tables: list[tuple[Exported, bool, list[models.Model]]]) -> list[dict[str, Any]]:
    """The people the rows name: the e-mail identifies them on the importing side."""
    from django.contrib.auth import get_user_model

    ids: set[Any] = set()
    for _item, _is_history, rows in tables:
        ids |= _references(rows, user_model_label())
    users = get_user_model()._default_manager.filter(pk__in=ids).order_by("pk")
    return [{"pk": user.pk, "email": user.email, "first_name": user.first_name,
             "last_name": user.last_name} for user in users]


def _files(tables: list[tuple[Exported, bool, list[models.Model]]]
           ) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """The stored files of the rows (documents, attachments), read from the storage."""
    entries: list[dict[str, Any]] = []
    members: dict[str, bytes] = {}
    for item, is_history, rows in tables:
        if is_history:
            continue
        file_fields = [f for f in item.model._meta.concrete_fields
                       if isinstance(f, models.FileField)]
        for row in rows:
            for field in file_fields:
                stored = getattr(row, field.attname)
                if not stored:
                    continue
                try:
                    with stored.open("rb") as handle:
                        content = handle.read()
                except (FileNotFoundError, OSError) as error:
                    raise DomainError(_("Export impossible : le fichier « %(name)s » est "
                                        "introuvable dans le stockage.")
                                      % {"name": stored.name}) from error
                member = f"{FILES_PREFIX}{len(members) + 1}"
                members[member] = content
                entries.append({"model": item.label, "pk": row.pk, "field": field.name,
                                "name": stored.name, "member": member})
    return entries, members


def project_export(*, project: Project, destination: IO[bytes],
                   progress: Progress | None = None) -> ExportSummary:
    """Write the project's archive (rows, history, users, files, manifest) to ``destination``."""
    report = progress or (lambda percent: None)
    tables = _collect(project)
    report(30)
    entries, files = _files(tables)
    report(70)
    data = {
        "users": _user_rows(tables),
        "models": [{"model": (item.history_model._meta.label_lower  # type: ignore[union-attr]
                              if is_history else item.label),
                    "history_of": item.label if is_history else None,
                    "rows": [{"pk": s["pk"], "fields": s["fields"]}
                             for s in serializers.serialize("python", rows)]}
                   for item, is_history, rows in tables],
        "files": entries,
    }
    members = {DATA: json.dumps(data, cls=_Encoder, ensure_ascii=False).encode(),
               **files}
    counts = {table["model"]: len(table["rows"]) for table in data["models"]}
    manifest = manifest_build(
        project={"id": project.pk, "name": project.name},
        exported_at=clock.now().isoformat(), counts=counts, members=members)
    archive_write(destination, manifest=manifest, members=members)
    report(100)
    return ExportSummary(counts, len(files), sum(len(c) for c in files.values()))
