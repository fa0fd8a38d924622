"""The browser harness checks itself: axe-core and the CSP watch would fail a bad page."""

from __future__ import annotations

import pytest

from .conftest import UI, AccessibilityError, axe_check


def test_axe_check_fails_on_a_critical_violation(ui: UI) -> None:
    ui.goto("/connexion/", context="login page")
    ui.page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('main').append(img);
    }""")
    with pytest.raises(AccessibilityError, match=r"\[critical\] image-alt"):
        axe_check(ui.page, ui.axe_source)


def test_a_script_refused_by_the_csp_is_reported(ui: UI) -> None:
    ui.goto("/connexion/", context="login page")
    # A <script> tag added to the page is refused by the CSP (so axe-core is injected with
    # page.evaluate instead), and the refusal reaches the console watch.
    with pytest.raises(Exception):  # noqa: B017, PT011 — Playwright's error type varies
        ui.page.add_script_tag(content="window.__inline = 1;")
    assert ui.page.evaluate("typeof window.__inline") == "undefined"
    ui.page.evaluate("() => document.body.setAttribute('style', 'color: red')")
    ui.page.wait_for_timeout(100)
    with pytest.raises(AssertionError, match="Content Security Policy"):
        ui.assert_no_errors()
