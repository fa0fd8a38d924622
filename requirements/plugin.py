"""What the requirements app brings to the method: phase 2 « Définition » (steps 4, 6, 7
and the documents of step 8), declared once for ``projects.plugins``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from projects.plugins import Plugin, StepPage, plugin_register

from .documents import DOCUMENTS
from .history import TRACKED
from .permissions import PERMISSIONS

if TYPE_CHECKING:
    from projects.benchmark import BenchmarkRun
    from projects.demo import DemoContext


def _demo_seed(context: DemoContext) -> None:
    from .demo import demo_part

    demo_part(context)


def _benchmark(run: BenchmarkRun) -> None:
    from .benchmark import benchmark_part

    benchmark_part(run)


plugin_register(Plugin(
    app_label="requirements",
    step_pages=(
        StepPage(4, "requirements:existing", _("Étude de l'existant")),
        StepPage(6, "requirements:grid", _("Grille des besoins")),
        StepPage(7, "requirements:services", _("Prestations attendues")),
    ),
    documents=DOCUMENTS,
    history=TRACKED,
    permissions=PERMISSIONS,
    demo_seed=_demo_seed,
    benchmark=_benchmark,
))
