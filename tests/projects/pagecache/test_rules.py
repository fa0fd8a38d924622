"""When a page may come from the cache, may be kept, and what its key depends on."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from projects.pagecache import rules

GET = rules.RequestFacts(method="GET", is_htmx=False, asks_fresh=False, has_messages=False,
                         csrf_secret="secret", session_key="session")
PAGE = rules.ResponseFacts(status=200, is_plain=True, content_type="text/html; charset=utf-8",
                           sets_cookies=False, session_modified=False, added_messages=False,
                           has_htmx_headers=False, is_attachment=False, no_store=False)
IDENTITY = rules.PageIdentity(
    path="/projets/1/risques/", user_id=7, role="project_lead",
    granted=frozenset({"view_project", "edit_risks"}), language="fr", csrf_secret="secret",
    session_key="session", revision=12, moment=datetime(2026, 11, 23, 9, 30, 5, tzinfo=UTC))


def test_a_plain_page_view_may_use_the_cache() -> None:
    assert rules.request_may_use_cache(GET)


@pytest.mark.parametrize("change", [
    {"method": "POST"}, {"method": "HEAD"}, {"is_htmx": True}, {"asks_fresh": True},
    {"has_messages": True}, {"csrf_secret": ""}, {"session_key": ""},
])
def test_anything_unsettled_or_shown_once_goes_to_the_view(change: dict[str, object]) -> None:
    assert not rules.request_may_use_cache(replace(GET, **change))  # type: ignore[arg-type]


def test_a_whole_html_page_may_be_kept() -> None:
    assert rules.response_may_be_kept(PAGE)


@pytest.mark.parametrize("change", [
    {"status": 302}, {"status": 404}, {"is_plain": False}, {"content_type": "text/csv"},
    {"sets_cookies": True}, {"session_modified": True}, {"added_messages": True},
    {"has_htmx_headers": True}, {"is_attachment": True}, {"no_store": True},
])
def test_an_answer_with_side_effects_is_never_kept(change: dict[str, object]) -> None:
    assert not rules.response_may_be_kept(replace(PAGE, **change))  # type: ignore[arg-type]


def test_the_key_keeps_the_same_page_within_the_minute() -> None:
    later = replace(IDENTITY, moment=IDENTITY.moment.replace(second=59))
    assert rules.page_key(later) == rules.page_key(IDENTITY)


@pytest.mark.parametrize("change", [
    {"path": "/projets/1/risques/?statut=open"}, {"user_id": 8}, {"role": "member"},
    {"granted": frozenset({"view_project"})}, {"language": "en"}, {"csrf_secret": "other"},
    {"session_key": "other"}, {"revision": 13},
    {"moment": datetime(2026, 11, 23, 9, 31, tzinfo=UTC)},
])
def test_the_key_changes_with_everything_a_page_depends_on(change: dict[str, Any]) -> None:
    assert rules.page_key(replace(IDENTITY, **change)) != rules.page_key(IDENTITY)
