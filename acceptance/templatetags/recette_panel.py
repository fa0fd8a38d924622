"""The summary step 14's panel shows (dates go through the built-in ``jour`` filter)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

if TYPE_CHECKING:
    from projects.models import Project

register = template.Library()


@register.simple_tag
def recette_summary(project: Project) -> dict[str, object]:
    """What step 14's panel shows: cases, campaigns and coverage (a few queries)."""
    from acceptance.cases.models import AcceptanceCase
    from acceptance.recette import selectors

    return {"cases": AcceptanceCase.objects.filter(project=project).count(),
            "campaigns": selectors.campaign_lines(project=project),
            "coverage": selectors.coverage_of(project=project).total}
