"""Template helpers of the recette: French long dates (« 1er décembre 2026 ») and the
summary step 14's panel shows."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django import template
from django.utils.dateformat import format as date_format

if TYPE_CHECKING:
    from projects.models import Project

register = template.Library()


@register.filter
def long_date(value: date | None) -> str:
    """« 1er décembre 2026 », « 18 décembre 2026 »; empty for no date."""
    if not value:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {date_format(value, 'F Y')}"


@register.simple_tag
def recette_summary(project: Project) -> dict[str, object]:
    """What step 14's panel shows: cases, campaigns and coverage (a few queries)."""
    from acceptance.recette import selectors
    from acceptance.recette.models import AcceptanceCase

    return {"cases": AcceptanceCase.objects.filter(project=project).count(),
            "campaigns": selectors.campaign_lines(project=project),
            "coverage": selectors.coverage_of(project=project).total}
