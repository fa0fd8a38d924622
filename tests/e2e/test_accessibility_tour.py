"""Every page of a fully filled demo project, as the chef de projet and as a member.

The flows check the pages they pass through; this tour follows every link of the project
it finds, so that pages no flow visits (calendar, charter, history, contributions…) are
checked too, with real data in their tables — and a link shown to someone who may not
follow it (a 403 or 404 behind a visible link) fails as well.
"""

from __future__ import annotations

import re
from collections import deque

import pytest

from projects.demo import seed as demo
from projects.plugins import working_page

from .conftest import UI

# A safety stop: the tour fails rather than wander if links ever multiply. (Risks, budget
# and COPIL pages, and the validation pages of the demo's finished steps, added some.)
MAX_PAGES = 90


def _shape(path: str, prefix: str) -> str:
    """One page per URL shape is enough (/taches/4/ looks like /taches/5/), except that
    the steps with a working page each lead to one of their own; the others share one
    template."""
    rest = path.removeprefix(prefix)
    step = re.match(r"etapes/(\d+)/", rest)
    if step and working_page(int(step.group(1))) is None:
        step = None
    shaped = re.sub(r"\d+", "N", rest)
    return prefix + (f"etapes/{step.group(1)}/" + shaped[len("etapes/N/"):] if step else shaped)


@pytest.mark.parametrize("person", [demo.LEAD, demo.MEMBER], ids=lambda p: p.role)
def test_every_project_page_passes_axe(ui: UI, person: demo.DemoPerson) -> None:
    project = demo.demo_seed().project
    prefix = f"/projets/{project.pk}/"
    ui.sign_in(person.email, demo.DEMO_PASSWORD)

    queue: deque[str] = deque([prefix, "/?tous=1"])
    seen_shapes: set[str] = set()
    visited: list[str] = []
    while queue:
        assert len(visited) < MAX_PAGES, f"more than {MAX_PAGES} kinds of page: {visited}"
        path = queue.popleft()
        shape = _shape(path, prefix)
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        ui.goto(path, context=f"tour as {person.role}")
        visited.append(path)
        hrefs = ui.page.eval_on_selector_all(
            "a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))")
        for href in hrefs:
            href = href.split("#", 1)[0]
            if href.startswith(prefix) and _shape(href, prefix) not in seen_shapes:
                queue.append(href)

    assert len(visited) >= 8, visited  # home, team, steps, framing, calendar, documents…
    print(f"\n{person.role}: {len(visited)} pages checked: {visited}")
