"""The project's change history: who changed what and when, gathered from simple-history.

Every historical table is filtered by the project (``project_id``, or ``id`` for the project
itself). One UNION query pages through all tables at once; the page's rows are then loaded
with a fixed number of queries per table and per related model, never one per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import CharField, OuterRef, Subquery, Value
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from msp_si.common.typography import french_date, french_datetime

from .method import MODULE_BY_CODE, OBJECTIVE_BY_CODE, STEP_BY_NUMBER
from .models import (
    AxisTarget,
    Contribution,
    DeploymentWave,
    Framing,
    Meeting,
    Membership,
    Milestone,
    ObjectiveSelection,
    Project,
    ProjectProfession,
    ScopeModule,
    Site,
    Step,
    Task,
    TeamCharter,
)

PAGE_SIZE = 50
MAX_VALUE_CHARS = 160
# Fields that change on every save and would only add noise to the diff.
# (``revision`` and ``last_number`` are counters of the needs grid, not content.)
EXCLUDED_FIELDS = frozenset({"updated_at", "revision", "last_number"})

CHANGE_LABELS = {
    "+": gettext_lazy("création"),
    "~": gettext_lazy("modification"),
    "-": gettext_lazy("suppression"),
}

Refs = dict[tuple[type[models.Model], Any], str]
Labeller = Callable[[Any, Refs], str]


def ref_label(refs: Refs, model: type[models.Model], pk: Any) -> str:
    """Label of a related row loaded in bulk, or a neutral mark if it is gone."""
    if pk is None:
        return "—"
    return refs.get((model, pk), _("n° %s (supprimé)") % pk)


def _user_model() -> type[models.Model]:
    """The user model, read from a foreign key to avoid importing settings here."""
    return Membership._meta.get_field("user").related_model


@dataclass(frozen=True)
class Tracked:
    """A model whose history belongs to the project, and how to name one of its rows."""

    key: str
    model: type[models.Model]
    project_field: str
    label: Labeller
    # Foreign keys (attname → model) needed by ``label``, resolved in bulk.
    label_refs: tuple[tuple[str, Callable[[], type[models.Model]]], ...] = ()

    @property
    def verbose_name(self) -> str:
        """« Tâche », « Jalon »…"""
        return capfirst(str(self.model._meta.verbose_name))


def title_label(key: str) -> Labeller:
    """Label a row by one of its text fields."""
    return lambda record, refs: str(getattr(record, key))


# Other apps add their own models from their AppConfig.ready() via ``history_track``.
TRACKED: list[Tracked] = [
    Tracked("projet", Project, "id", title_label("name")),
    Tracked("site", Site, "project_id", title_label("name")),
    Tracked("profession", ProjectProfession, "project_id",
            lambda r, refs: str(r.get_profession_display())),
    Tracked("membre", Membership, "project_id",
            lambda r, refs: ref_label(refs, _user_model(), r.user_id),
            (("user_id", _user_model),)),
    Tracked("etape", Step, "project_id",
            lambda r, refs: f"{r.number}. {STEP_BY_NUMBER[r.number].title}"
            if r.number in STEP_BY_NUMBER else str(r.number)),
    Tracked("palier", AxisTarget, "project_id", lambda r, refs: str(r.get_axis_display())),
    Tracked("objectif", ObjectiveSelection, "project_id",
            lambda r, refs: str(OBJECTIVE_BY_CODE[r.code].title)
            if r.code in OBJECTIVE_BY_CODE else r.code),
    Tracked("module", ScopeModule, "project_id",
            lambda r, refs: str(MODULE_BY_CODE[r.code].title)
            if r.code in MODULE_BY_CODE else r.code),
    Tracked("realisme", Framing, "project_id", lambda r, refs: _("Facteurs de réalisme")),
    Tracked("contribution", Contribution, "project_id",
            lambda r, refs: ref_label(refs, _user_model(), r.author_id),
            (("author_id", _user_model),)),
    Tracked("equipe", TeamCharter, "project_id",
            lambda r, refs: _("Organisation de l'équipe projet")),
    Tracked("tache", Task, "project_id", title_label("title")),
    Tracked("jalon", Milestone, "project_id", title_label("title")),
    Tracked("reunion", Meeting, "project_id",
            lambda r, refs: f"{r.get_body_display()} — {french_date(r.held_on)}"),
    Tracked("vague", DeploymentWave, "project_id",
            lambda r, refs: _("Vague %(n)s — %(t)s") % {"n": r.number, "t": r.title}),
]
TRACKED_BY_KEY: dict[str, Tracked] = {t.key: t for t in TRACKED}


def history_track(*tracked: Tracked) -> None:
    """Add models of another app to the project's history (once, at start-up)."""
    for item in tracked:
        if item.key not in TRACKED_BY_KEY:
            TRACKED.append(item)
            TRACKED_BY_KEY[item.key] = item


@dataclass
class FieldChange:
    """One field of a modification: « ancienne valeur → nouvelle valeur »."""

    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One line of the history page."""

    at: datetime
    author: str
    type_label: str
    object_label: str
    change_type: str
    change_label: str
    changes: list[FieldChange] = field(default_factory=list)
    has_previous: bool = True


def _index_rows(project: Project, tracked: Iterable[Tracked]) -> models.QuerySet:
    """One queryset of (date, history id, table key) over every tracked table, newest first."""
    parts = [
        # ``history`` is added by simple_history at run time, which ships no types.
        t.model.history.filter(**{t.project_field: project.pk})  # type: ignore[attr-defined]
        .annotate(table=Value(t.key, output_field=CharField()))
        .values_list("history_date", "history_id", "table")
        .order_by()
        for t in tracked
    ]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return combined.order_by("-history_date", "-history_id")


def history_page(*, project: Project, table: str | None = None,
                 page_number: Any = 1) -> tuple[Page, list[HistoryEntry]]:
    """One page of the project's history (optionally one object type), newest first."""
    tracked = [TRACKED_BY_KEY[table]] if table in TRACKED_BY_KEY else list(TRACKED)
    page = Paginator(_index_rows(project, tracked), PAGE_SIZE).get_page(page_number)
    ids_by_table: dict[str, list[int]] = defaultdict(list)
    for _at, history_id, key in page.object_list:
        ids_by_table[key].append(history_id)
    records: dict[tuple[str, int], Any] = {}
    previous: dict[tuple[str, int], Any] = {}
    for key, ids in ids_by_table.items():
        _load_records(TRACKED_BY_KEY[key], ids, records, previous)
    refs = _resolve_refs(records, previous)
    entries = [
        _entry(TRACKED_BY_KEY[key], records[(key, history_id)],
               previous.get((key, history_id)), refs)
        for _at, history_id, key in page.object_list
    ]
    return page, entries


def _load_records(tracked: Tracked, ids: list[int], records: dict, previous: dict) -> None:
    """Load the page's records of one table and their previous versions: two queries."""
    history = tracked.model.history  # type: ignore[attr-defined]  # simple_history, untyped
    prev_id = Subquery(
        history.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id").values("history_id")[:1]
    )
    rows = list(history.filter(history_id__in=ids).select_related("history_user")
                .annotate(prev_id=prev_id))
    wanted = {r.prev_id: r.history_id for r in rows
              if r.history_type == "~" and r.prev_id is not None}
    for record in rows:
        records[(tracked.key, record.history_id)] = record
    for old in history.filter(history_id__in=list(wanted)):
        previous[(tracked.key, wanted[old.history_id])] = old


def _fk_targets(model: type[models.Model]) -> dict[str, type[models.Model]]:
    """attname → related model of a model's foreign keys."""
    return {f.attname: f.related_model for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is not None}


def _resolve_refs(records: dict, previous: dict) -> Refs:
    """Labels of every row the page mentions by id (owner, step, wave…), one query per model."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for (key, _hid), record in records.items():
        tracked = TRACKED_BY_KEY[key]
        for attname, model_of in tracked.label_refs:
            wanted[model_of()].add(getattr(record, attname))
        old = previous.get((key, _hid))
        if old is not None:
            for attname, model in _fk_targets(tracked.model).items():
                wanted[model].update({getattr(record, attname), getattr(old, attname)})
    refs: Refs = {}
    for model, pks in wanted.items():
        pks.discard(None)
        if pks:
            refs.update({(model, obj.pk): str(obj)
                         for obj in model._default_manager.filter(pk__in=pks)})
    return refs


def _entry(tracked: Tracked, record: Any, old: Any, refs: Refs) -> HistoryEntry:
    """Turn one historical record (and its previous version) into a line of the page."""
    user = record.history_user
    entry = HistoryEntry(
        at=record.history_date,
        author=str(user) if user is not None else _("système"),
        type_label=tracked.verbose_name,
        object_label=tracked.label(record, refs),
        change_type=record.history_type,
        change_label=str(CHANGE_LABELS.get(record.history_type, record.history_type)),
        has_previous=old is not None,
    )
    if record.history_type == "~" and old is not None:
        entry.changes = field_changes(tracked.model, record, old, refs)
    return entry


def field_changes(model: type[models.Model], record: Any, old: Any,
                  refs: Refs) -> list[FieldChange]:
    """Changed fields in the model's own order, values shown as a user would read them."""
    delta = record.diff_against(old, excluded_fields=EXCLUDED_FIELDS)
    order = {f.name: i for i, f in enumerate(model._meta.concrete_fields)}
    changes = sorted(delta.changes, key=lambda c: order.get(c.field, len(order)))
    result = []
    for change in changes:
        model_field = model._meta.get_field(change.field)
        result.append(FieldChange(
            label=capfirst(str(getattr(model_field, "verbose_name", change.field))),
            old=display_value(model_field, change.old, refs),
            new=display_value(model_field, change.new, refs),
        ))
    return result


def display_value(model_field: Any, value: Any, refs: Refs) -> str:
    """A stored value as French text: choice label, related row, Oui/Non, date…"""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        # A many-to-many field (the sessions' groups): simple_history gives its through
        # rows, whose targets are not among the page's references; their number is shown.
        return _("%(count)d × %(what)s") % {
            "count": len(value), "what": model_field.related_model._meta.verbose_name}
    if getattr(model_field, "is_relation", False):
        return ref_label(refs, model_field.related_model, value)
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(value, datetime):
        return french_datetime(value)
    if isinstance(value, date):
        return french_date(value)
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2)
    text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def table_choices() -> list[tuple[str, str]]:
    """Object types the page can be filtered by."""
    return [(t.key, t.verbose_name) for t in TRACKED]
