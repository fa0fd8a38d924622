"""The fingerprint of a document's input: what its builder gathered, as canonical JSON.

A builder's ``gather`` returns plain data (dataclasses, lists, dicts, numbers, text, dates)
and the model rows it read. Two gathers of unchanged data give the same fingerprint, so a
request for an unchanged document can be answered with the version already built. The PDF
itself cannot serve: it carries its version, date and author.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.utils import translation
from django.utils.functional import Promise

# Bumped when the serialisation below changes: older fingerprints then never match.
FORMAT = "1"


def _model(row: Model, seen: frozenset[tuple[str, Any]]) -> dict[str, Any]:
    """A row's stored values, with the related rows and lists it was loaded with."""
    key = (row._meta.label, row.pk)
    if key in seen:
        # A row met again below itself (a membership's project…): its reference suffices.
        return {"@ref": [key[0], _plain(key[1], seen)]}
    inner = seen | {key}
    out: dict[str, Any] = {"@model": row._meta.label}
    for model_field in row._meta.concrete_fields:
        out[model_field.attname] = _plain(getattr(row, model_field.attname), inner)
    # Rows reached through this row's own foreign keys (select_related or read on the way)
    # are part of what the document shows; reverse one-to-one caches only mirror a row
    # the data holds elsewhere, and depend on how it was loaded.
    cached = row._state.fields_cache
    forward = {f.name for f in row._meta.concrete_fields if f.is_relation}
    for name in sorted(forward & cached.keys()):
        out[f"@{name}"] = _plain(cached[name], inner)
    prefetched = getattr(row, "_prefetched_objects_cache", {})
    for name in sorted(prefetched):
        out[f"@@{name}"] = [_plain(item, inner) for item in prefetched[name]]
    return out


def _plain(value: Any, seen: frozenset[tuple[str, Any]]) -> Any:
    """``value`` as JSON-ready data, the same for equal data whatever its identity."""
    if value is None or isinstance(value, (bool, int, str)):
        # Choices (str/int enums) reduce to their stored value here as well.
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        # By value: a row just created holds Decimal("0") where the database returns "0.0".
        return format(value.normalize(), "f")
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Enum):
        return _plain(value.value, seen)
    if isinstance(value, Model):
        return _model(value, seen)
    if isinstance(value, FieldFile):
        return value.name or ""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@data": type(value).__qualname__,
                **{f.name: _plain(getattr(value, f.name), seen)
                   for f in dataclasses.fields(value)}}
    if isinstance(value, Mapping):
        return {"@map": sorted(([_plain(k, seen), _plain(v, seen)] for k, v in value.items()),
                               key=_dump)}
    if isinstance(value, (set, frozenset)):
        return {"@set": sorted((_plain(item, seen) for item in value), key=_dump)}
    if isinstance(value, (list, tuple)) or hasattr(value, "__iter__"):
        # Lists keep their order (it is the document's order); querysets are evaluated.
        return [_plain(item, seen) for item in value]
    # Anything else would hash by its identity and never match: refuse it loudly.
    raise TypeError(f"no canonical form for {type(value).__qualname__}")


def _dump(value: Any) -> str:
    """Canonical JSON text: sorted keys, no spaces, non-ASCII kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def input_fingerprint(kind: str, data: Any) -> str:
    """SHA-256 of the canonical form of the data gathered for a document of ``kind``."""
    # Labels are French in every document: the request's language must not change the hash.
    with translation.override("fr"):
        text = _dump([FORMAT, kind, _plain(data, frozenset())])
    return hashlib.sha256(text.encode()).hexdigest()
