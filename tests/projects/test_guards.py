"""Every URL of the application is guarded: no view escapes the one access policy."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from projects.policy import permission_table

KNOWN_PERMISSIONS = {spec.codename for spec in permission_table()}


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, object]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's admin guards itself (staff only)
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name} ({prefix}{entry.pattern})", entry.callback


def _guard(callback: object) -> object:
    # Class-based views are wrapped by as_view(); the tag sits on the outermost function.
    return getattr(callback, "guard", None)


def test_every_view_declares_a_guard() -> None:
    unguarded = [name for name, cb in _walk(get_resolver().url_patterns) if _guard(cb) is None]
    assert unguarded == []


def test_project_views_name_permissions_of_the_policy() -> None:
    unknown = [
        name for name, cb in _walk(get_resolver().url_patterns)
        if _guard(cb) and _guard(cb)[0] == "project"
        and not {p for p in _guard(cb)[1:] if p} <= KNOWN_PERMISSIONS
    ]
    assert unknown == []


def test_every_url_with_a_project_id_is_a_project_view() -> None:
    loose = [
        name for name, cb in _walk(get_resolver().url_patterns)
        if "<int:project_pk>" in name and (_guard(cb) or ("",))[0] != "project"
    ]
    assert loose == []
