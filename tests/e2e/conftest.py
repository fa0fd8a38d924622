"""Browser tests: Playwright drives the system Chromium against pytest-django's live server.

Every page a test visits goes through ``UI``, which runs axe-core on it and fails on any
serious or critical violation, and fails as well on any console error — a script or style
refused by the Content Security Policy is reported there and would otherwise go unnoticed.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread: Django would otherwise refuse
# to touch the database from the test body ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
    sync_playwright,
)

from msp_si.accounts.models import User
from tests.conftest import PASSWORD

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # The machine's network is closed: without these Chromium keeps trying to reach Google.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
# Generous for a 2-core machine running the server, the PDF renderer and the browser at once.
TIMEOUT_MS = 15_000

E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``e2e`` so ``-m "not e2e"`` leaves the browser out."""
    for item in items:
        if E2E_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: install the Debian package chromium")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """One headless Chromium for the whole session (starting it costs about a second)."""
    chromium = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def eager_documents(settings: Any) -> Iterator[None]:
    """Run Celery tasks in-process, even when REDIS_URL points at a broker with no worker.

    The live server runs in a thread of this process, so the document job started by
    « Générer » is rendered there, after its transaction commits.
    """
    from msp_si import celery_app

    saved = (celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.task_always_eager = True
    # A failing render must show on the page as a failed job, as in production.
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved


class AccessibilityError(AssertionError):
    pass


def axe_check(page: Page, axe_source: str, *, context: str = "") -> None:
    """Run axe-core on the page; fail on any serious or critical violation.

    The script is injected with ``page.evaluate`` (DevTools protocol): a ``<script>`` tag
    added to the page would be refused by the app's Content Security Policy.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary,
                                          html: n.html.slice(0, 200)})),
            }));
        }"""
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"axe-core: {len(blocking)} serious/critical violation(s) on {page.url}"
                 + (f" ({context})" if context else "")]
        for v in blocking:
            lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} <{v['helpUrl']}>")
            for node in v["nodes"][:10]:
                lines.append(f"    {json.dumps(node['target'])}: {node['html']}")
                if node["summary"]:
                    lines.append("      " + node["summary"].replace("\n", "\n      "))
        raise AccessibilityError("\n".join(lines))


class UI:
    """A browser tab on the live server that checks every page it lands on.

    Navigation goes through ``goto``, ``follow`` (a click that loads a new page) and
    ``swap`` (a click answered by an htmx swap); each ends with ``check``: axe-core and the
    console. A page loaded any other way and never checked fails the test at teardown.
    """

    def __init__(self, page: Page, base_url: str, axe_source: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.axe_source = axe_source
        self.errors: list[str] = []
        self.loads: list[str] = []
        self.checked_loads = 0
        self.checks = 0
        page.set_default_timeout(TIMEOUT_MS)
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught exception: {exc}"))
        page.on("framenavigated",
                lambda frame: frame == page.main_frame and self.loads.append(frame.url))
        # htmx announces each settled swap; ``swap`` waits for this counter to move.
        page.add_init_script(
            "document.addEventListener('htmx:afterSettle', () => {"
            " window.__e2eSwaps = (window.__e2eSwaps || 0) + 1; });"
        )

    def _on_console(self, message: ConsoleMessage) -> None:
        # CSP refusals ("… violates the following Content Security Policy directive …"),
        # failed resource loads and script errors are all reported as console errors.
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.errors.append(f"console error on {self.page.url} ({where}): {message.text}")

    def url(self, path: str) -> str:
        return self.base_url + path

    def path(self) -> str:
        """The current page's path, without the live server's origin."""
        return self.page.url.removeprefix(self.base_url)

    # --- navigation, each followed by a check ------------------------------------------

    def goto(self, path: str, *, status: int = 200, context: str = "") -> None:
        """Open a page; ``status`` allows an expected error page (e.g. 410 for a used link)."""
        url = path if path.startswith("http") else self.url(path)
        response = self.page.goto(url)
        assert response is not None, f"GET {path}: no response"
        assert response.status == status, f"GET {path}: HTTP {response.status}, not {status}"
        if status >= 400:
            # Chromium logs the error status of the document itself: that one is expected.
            expected = f"({response.url}): Failed to load resource: the server responded " \
                       f"with a status of {status}"
            self.errors = [e for e in self.errors if expected not in e]
        self.check(context=context or f"GET {path}")

    def follow(self, target: Locator, *, context: str = "") -> None:
        """Click a link or submit button that loads a new page, then check that page."""
        with self.page.expect_navigation() as navigation:
            target.click()
        response = navigation.value
        self.page.wait_for_load_state("load")
        assert response is None or response.ok, (
            f"{response.request.method} → {response.url}: HTTP {response.status}")
        self.check(context=context)

    def follow_confirmed(self, target: Locator, *, question: str, context: str = "") -> None:
        """Click an irreversible action: it asks ``question`` first; refused, nothing is
        sent and the page stays; accepted, the new page loads and is checked."""
        asked: list[str] = []

        def refuse(dialog: Any) -> None:
            asked.append(dialog.message)
            dialog.dismiss()

        self.page.once("dialog", refuse)
        before = self.page.url
        target.click()
        assert asked, "no confirmation asked"
        assert question in asked[0], asked[0]
        assert self.page.url == before
        self.page.once("dialog", lambda dialog: dialog.accept())
        self.follow(target, context=context)

    def swap(self, action: Callable[[], Any], *, context: str = "") -> None:
        """Do something answered by an htmx swap, wait for it to settle, then check."""
        before = self.page.evaluate("window.__e2eSwaps || 0")
        action()
        # A function, not an expression string: the CSP forbids evaluating strings.
        self.page.wait_for_function("before => (window.__e2eSwaps || 0) > before", arg=before)
        self.check(context=context)

    def check(self, *, context: str = "") -> None:
        """axe-core on the page as it is now, and no console error so far."""
        self.checked_loads = len(self.loads)
        self.checks += 1
        self.assert_no_errors()
        axe_check(self.page, self.axe_source, context=context)

    def assert_no_errors(self) -> None:
        errors, self.errors = self.errors, []  # reported once, not again at teardown
        assert not errors, "\n".join(errors)

    def assert_every_page_checked(self) -> None:
        unchecked = self.loads[self.checked_loads:]
        assert not unchecked, f"pages loaded without an axe check: {unchecked}"

    # --- small conveniences ------------------------------------------------------------

    def nav(self, name: str) -> Locator:
        """A link of the main navigation bar."""
        return self.page.get_by_role("navigation", name="Navigation principale").get_by_role(
            "link", name=name, exact=True)

    def sign_in(self, email: str, password: str = PASSWORD) -> None:
        self.goto("/connexion/", context="login page")
        self.page.get_by_label("Adresse e-mail").fill(email)
        self.page.get_by_label("Mot de passe").fill(password)
        self.follow(self.page.get_by_role("button", name="Se connecter"),
                    context="after sign-in")
        assert "/connexion/" not in self.page.url, "sign-in refused"


@pytest.fixture
def new_ui(
    browser: Browser, live_server: Any, axe_source: str, transactional_db: None
) -> Iterator[Callable[[], UI]]:
    """Open a fresh browser context (own cookies) on the live server; several per test."""
    opened: list[tuple[Any, UI]] = []

    def open_ui() -> UI:
        context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris",
                                      accept_downloads=True)
        ui = UI(context.new_page(), live_server.url, axe_source)
        opened.append((context, ui))
        return ui

    yield open_ui
    try:
        for _context, ui in opened:
            ui.assert_no_errors()
            ui.assert_every_page_checked()
    finally:
        for context, _ui in opened:
            context.close()


@pytest.fixture
def ui(new_ui: Callable[[], UI]) -> UI:
    """A fresh browser context and tab for this test."""
    return new_ui()


@pytest.fixture
def chef(make_user: Callable[..., User]) -> User:
    """A chef de projet-to-be: an account with no project yet."""
    return make_user("chef@msp-tilleuls.test", first_name="Claire", last_name="Martin")


@pytest.fixture
def chef_project(chef: User, make_project: Callable[..., Any]) -> Any:
    """The MSP's project created through ``project_create``, led by ``chef``."""
    return make_project(name="MSP des Tilleuls", lead=chef)
