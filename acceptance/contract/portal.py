"""The vendor's secret link (no account): it answers the project's anomalies.

The link belongs to the contract (issued and revoked on the contract page, valid during
the contract); what the vendor does goes through the anomaly log's own services, so it is
in the anomaly's history like any other move.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from msp_si.common.actions import action_run
from msp_si.common.ratelimit import link_rate_limited
from projects.access import public_view

from ..anomalies import rules, services
from ..anomalies.forms import VendorAnswerForm
from ..anomalies.models import Anomaly, AnomalyComment
from ..choices import AnomalyStatus
from .models import Contract
from .services import contract_for_token


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "acceptance/portal/refused.html", status=404)


def _portal_anomalies(contract: Contract) -> list[Anomaly]:
    shared = AnomalyComment.objects.filter(is_internal=False).order_by("created_at", "id")
    anomalies: list[Anomaly] = list(Anomaly.objects.filter(project_id=contract.project_id)
                     .prefetch_related(Prefetch("comments", queryset=shared,
                                                to_attr="shared_comments"))
                     .order_by("-number"))
    for anomaly in anomalies:
        anomaly.vendor_moves = [  # type: ignore[attr-defined]
            (to, AnomalyStatus(to).label) for to in rules.moves_for(anomaly.status,
                                                                    rules.VENDOR)]
    return anomalies


@public_view
@require_GET
@link_rate_limited("vendor-anomaly-link")
def vendor_portal(request: HttpRequest, token: str) -> HttpResponse:
    """What the vendor sees through its link: this project's anomalies, shared comments."""
    contract = contract_for_token(token)
    if contract is None:
        return _refused(request)
    response = render(request, "acceptance/portal/portal.html", {
        "contract": contract, "token": token, "anomalies": _portal_anomalies(contract),
        "form": VendorAnswerForm(),
    })
    response["Cache-Control"] = "no-store"
    return response


@public_view
@require_POST
@link_rate_limited("vendor-anomaly-link")
def vendor_portal_answer(request: HttpRequest, token: str, number: int) -> HttpResponse:
    """The vendor marks an anomaly « prise en compte » or « corrigée », with a comment."""
    contract = contract_for_token(token)
    if contract is None:
        return _refused(request)
    anomaly = Anomaly.objects.filter(project_id=contract.project_id, number=number).first()
    if anomaly is None:
        return _refused(request)
    form = VendorAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Réponse incomplète : rien n'a été enregistré."))
        return redirect("acceptance:vendor-portal", token=token)
    data = form.cleaned_data
    action_run(request, lambda: services.anomaly_move(
        anomaly=anomaly, to=data["to"], expected=data["expected"], by=None,
        comment=data["comment"]),
        _("AN-%(n)03d : « %(s)s » enregistré. Merci.")
        % {"n": anomaly.number, "s": AnomalyStatus(data["to"]).label})
    return redirect(reverse("acceptance:vendor-portal", kwargs={"token": token})
                    + f"#anomalie-{anomaly.number}")


urlpatterns = [
    path("mise-en-oeuvre/prestataire/<str:token>/", vendor_portal, name="vendor-portal"),
    path("mise-en-oeuvre/prestataire/<str:token>/anomalies/<int:number>/",
         vendor_portal_answer, name="vendor-portal-answer"),
]
