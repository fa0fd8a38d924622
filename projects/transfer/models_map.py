"""Which models travel in a project's archive, in an order where a row's targets come first.

Each app declares its models in its plug-in (``Plugin.exports``); this module resolves the
declarations to model classes and sorts them by their foreign keys, so an app only says
which models it has, never where they go in the archive.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models

from ..plugins import ExportedModel, exported_models


@dataclass(frozen=True)
class Exported:
    """A declared model resolved to its class."""

    spec: ExportedModel
    model: type[models.Model]

    @property
    def label(self) -> str:
        """``app_label.modelname``, the key of its rows in the archive."""
        return self.model._meta.label_lower

    @property
    def history_model(self) -> type[models.Model] | None:
        """Its django-simple-history table, when it keeps one and belongs to the project."""
        if self.spec.match_field:
            return None  # a shared row's history is the installation's, not the project's
        manager = getattr(self.model, "history", None)
        return getattr(manager, "model", None)


def user_model_label() -> str:
    """The user model's label (users travel apart: matched by e-mail on import)."""
    return str(settings.AUTH_USER_MODEL).lower()


def foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[models.Model, models.Model]]:
    """The model's concrete many-to-one fields."""
    return [field for field in model._meta.concrete_fields
            if isinstance(field, models.ForeignKey)]


def exported_in_order() -> list[Exported]:
    """The exported models, each after every model it points to (stable otherwise)."""
    declared = [Exported(spec, apps.get_model(spec.model))
                for spec in exported_models() if spec.is_exported]
    by_model = {item.model: item for item in declared}
    ordered: list[Exported] = []
    placed: set[type[models.Model]] = set()
    while len(ordered) < len(declared):
        ready = [item for item in declared if item.model not in placed and all(
            field.related_model in placed or field.related_model is item.model
            or field.related_model not in by_model for field in foreign_keys(item.model))]
        if not ready:
            cycle = sorted(item.label for item in declared if item.model not in placed)
            raise RuntimeError(f"export: foreign keys form a cycle between {cycle}")
        ordered.extend(ready)
        placed.update(item.model for item in ready)
    return ordered
