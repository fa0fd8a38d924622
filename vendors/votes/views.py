"""Views of the votes of the assemblée générale (step 11: the final choice of the solution).

A vote whose closing time has passed is closed by the first page that reads it
(``vote_close_if_due``): results never depend on someone remembering to press « Clore ».
Before the close no page shows any count; the results section exists only once closed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.core.selectors import document_versions
from projects.documents.services import document_request, document_request_message
from projects.policy import GENERATE_DOCUMENT, VIEW_PROJECT
from vendors.choices import VendorsDocument
from vendors.permissions import CAST_VOTE, EVALUATE_OFFERS, RUN_VOTE

from ..evaluation.selectors import OfferStanding, has_submitted, offer_standing
from . import selectors, services
from .forms import BallotForm, ProxyForm, RoomBallotForm, RoomVoterForm, VoteOpenForm
from .models import RoomBallotMode, RoomVoter, Vote, VoteState

_RECEIPTS_KEY = "vote-receipts"


def _get_vote(access: ProjectAccess, vote_pk: int) -> Vote:
    """A vote of the requesting member's project (404 otherwise), closed if its time passed."""
    vote = get_object_or_404(Vote.objects.select_related("project", "closed_by"),
                             pk=vote_pk, project=access.project)
    return services.vote_close_if_due(vote=vote)


def _detail(access: ProjectAccess, vote: Vote) -> HttpResponse:
    return redirect("vendors:vote-detail", project_pk=access.project.pk, vote_pk=vote.pk)


def _remember_receipt(request: HttpRequest, vote: Vote, receipt: str, label: str) -> None:
    """Keep a receipt in the session until the next page shows it (once)."""
    pending = request.session.get(_RECEIPTS_KEY, {})
    pending.setdefault(str(vote.pk), []).append([label, receipt])
    request.session[_RECEIPTS_KEY] = pending


def _pop_receipts(request: HttpRequest, vote: Vote) -> list[list[str]]:
    pending = request.session.get(_RECEIPTS_KEY, {})
    receipts = pending.pop(str(vote.pk), [])
    if receipts:
        request.session[_RECEIPTS_KEY] = pending
    return receipts


@project_view(VIEW_PROJECT)
@require_GET
def vote_list(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """The project's votes with their state; the chef de projet opens a new one here."""
    votes = [services.vote_close_if_due(vote=v) for v in selectors.votes_of(
        project=access.project)]
    return render(request, "vendors/votes/vote_list.html", {
        "votes": votes, "can_run": access.has(RUN_VOTE), "states": VoteState,
    })


@project_view(RUN_VOTE)
def vote_create(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Open a vote: question, options, times, quorum, majority, secrecy and pouvoirs."""
    eligible = len(services.eligible_memberships(access.project))
    form = VoteOpenForm(request.POST or None, project=access.project, eligible=eligible,
                        standing=_standing(access, request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vote = services.vote_open(
                project=access.project, by=request.user, question=data["question"],
                options=[services.OptionSpec(label, a) for label, a in form.option_labels()],
                opens_at=data["opens_at"], closes_at=data["closes_at"],
                quorum_kind=data["quorum_kind"], quorum_value=data["quorum_value"],
                majority=data["majority"], is_secret=data["is_secret"],
                max_proxies=data["max_proxies"], place=data["place"], chair=data["chair"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Le vote « %s » est programmé.") % vote.question)
            return _detail(access, vote)
    return render(request, "vendors/votes/vote_form.html", {
        "form": form, "eligible": eligible,
    }, status=400 if form.errors else 200)


def _standing(access: ProjectAccess, user: Any) -> OfferStanding:
    """Step 11's ranks and eliminations for the vote form; the ranking only when this
    person may see the marks (an evaluator, once theirs are submitted)."""
    visible = not (access.has(EVALUATE_OFFERS)
                   and not has_submitted(project=access.project, evaluator=user))
    return offer_standing(project=access.project, marks_visible=visible)


@project_view(VIEW_PROJECT)
@require_GET
def vote_detail(request: AuthenticatedHttpRequest, access: ProjectAccess,
                vote_pk: int) -> HttpResponse:
    """The voting page while open; the results, the PV and the receipts once closed."""
    vote = _get_vote(access, vote_pk)
    voter = selectors.voter_view(vote=vote, user=request.user) \
        if access.has(CAST_VOTE) and not vote.is_closed else None
    context = {
        "vote": vote, "state": vote.state, "states": VoteState,
        "options": list(vote.options.all()), "voter": voter,
        "receipts": _pop_receipts(request, vote),
        "proxy_form": ProxyForm(candidates=voter.proxy_candidates)
        if voter and voter.is_eligible else None,
        "can_run": access.has(RUN_VOTE), "can_generate": access.has(GENERATE_DOCUMENT),
        "outcome": None, "documents": [],
        "room_voters": selectors.room_voters_of(vote=vote) if access.has(RUN_VOTE) else [],
        "room_voter_form": RoomVoterForm(), "room_modes": RoomBallotMode.choices,
    }
    if vote.is_closed:
        context["outcome"] = selectors.vote_outcome_of(vote=vote)
        context["documents"] = list(document_versions(
            project=access.project, kinds=[VendorsDocument.VOTE_MINUTES], subject=str(vote.pk)))
    return render(request, "vendors/votes/vote_detail.html", context)


@project_view(CAST_VOTE)
@require_POST
def vote_cast(request: AuthenticatedHttpRequest, access: ProjectAccess,
              vote_pk: int) -> HttpResponse:
    """Record (or change) one's ballot, or the ballot of a member whose pouvoir one holds."""
    vote = _get_vote(access, vote_pk)
    form = BallotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez une option avant de voter."))
        return _detail(access, vote)
    behalf = None
    if form.cleaned_data["on_behalf_of"]:
        member = access.project.memberships.filter(
            user_id=form.cleaned_data["on_behalf_of"]).select_related("user").first()
        if member is None:
            messages.error(request, _("Vous ne détenez pas le pouvoir de ce membre pour ce "
                                      "vote."))
            return _detail(access, vote)
        behalf = member.user
    try:
        result = services.vote_cast(vote=vote, by=request.user,
                                    option_pk=form.cleaned_data["option"], on_behalf_of=behalf)
    except DomainError as error:
        messages.error(request, error.message)
        return _detail(access, vote)
    whose = _("au nom de %s") % behalf.display_name if behalf else _("votre bulletin")
    _remember_receipt(request, vote, result.receipt, whose)
    if behalf:
        messages.success(request, _("Le bulletin au nom de %s est enregistré.")
                         % behalf.display_name)
    else:
        messages.success(request, _("Votre bulletin est modifié.") if result.is_change
                         else _("Votre bulletin est enregistré."))
    return _detail(access, vote)


@project_view(CAST_VOTE)
@require_POST
def proxy_give(request: AuthenticatedHttpRequest, access: ProjectAccess,
               vote_pk: int) -> HttpResponse:
    """Give one's pouvoir for this vote to another member with a voting right."""
    vote = _get_vote(access, vote_pk)
    candidates = services.eligible_memberships(access.project)
    form = ProxyForm(request.POST, candidates=[m for m in candidates
                                               if m.user_id != request.user.pk])
    if not form.is_valid():
        messages.error(request, _("Ce membre ne peut pas recevoir de pouvoir."))
        return _detail(access, vote)
    holder = next(m.user for m in candidates if m.user_id == form.cleaned_data["holder"])
    action_run(
        request,
        lambda: services.proxy_give(vote=vote, giver=request.user, holder=holder),
        _("Votre pouvoir est confié à %s.") % holder.display_name,
    )
    return _detail(access, vote)


@project_view(CAST_VOTE)
@require_POST
def proxy_revoke(request: AuthenticatedHttpRequest, access: ProjectAccess,
                 vote_pk: int) -> HttpResponse:
    """Take back one's pouvoir before its holder uses it."""
    vote = _get_vote(access, vote_pk)
    action_run(
        request,
        lambda: services.proxy_revoke(vote=vote, giver=request.user),
        _("Votre pouvoir est retiré : vous pouvez voter vous-même."),
    )
    return _detail(access, vote)


@project_view(RUN_VOTE)
@require_POST
def vote_close(request: AuthenticatedHttpRequest, access: ProjectAccess,
               vote_pk: int) -> HttpResponse:
    """The chef de projet closes the vote; the results appear at once."""
    vote = _get_vote(access, vote_pk)
    action_run(
        request,
        lambda: services.vote_close(vote=vote, by=request.user),
        _("Le vote est clos : voici son résultat."),
    )
    return _detail(access, vote)


@project_view(RUN_VOTE)
@require_POST
def room_voter_add(request: AuthenticatedHttpRequest, access: ProjectAccess,
                   vote_pk: int) -> HttpResponse:
    """The chef de projet lists a professional without an account who votes in the room."""
    vote = _get_vote(access, vote_pk)
    form = RoomVoterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez le nom et la profession du votant dans la salle."))
        return _detail(access, vote)
    name, profession = form.cleaned_data["name"], form.cleaned_data["profession"]
    action_run(
        request,
        lambda: services.room_voter_add(vote=vote, by=request.user, name=name,
                                        profession=profession),
        _("%s est inscrit parmi les votants dans la salle.") % " ".join(name.split()),
    )
    return redirect(reverse("vendors:vote-detail", kwargs={
        "project_pk": access.project.pk, "vote_pk": vote.pk}) + "#room")


@project_view(RUN_VOTE)
@require_POST
def room_ballot_record(request: AuthenticatedHttpRequest, access: ProjectAccess,
                       vote_pk: int, room_voter_pk: int) -> HttpResponse:
    """The chef de projet records the paper ballot or show of hands of a listed person."""
    vote = _get_vote(access, vote_pk)
    room_voter = get_object_or_404(RoomVoter, pk=room_voter_pk, vote=vote)
    form = RoomBallotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez une option et le mode de vote avant "
                                  "d'enregistrer le bulletin."))
    else:
        action_run(
            request,
            lambda: services.room_ballot_record(
                vote=vote, by=request.user, room_voter_pk=room_voter.pk,
                option_pk=form.cleaned_data["option"], mode=form.cleaned_data["mode"]),
            _("Le bulletin de %s est enregistré.") % room_voter.name,
        )
    return redirect(reverse("vendors:vote-detail", kwargs={
        "project_pk": access.project.pk, "vote_pk": vote.pk}) + "#room")


@project_view(GENERATE_DOCUMENT)
@require_POST
def vote_minutes(request: AuthenticatedHttpRequest, access: ProjectAccess,
                 vote_pk: int) -> HttpResponse:
    """Queue the procès-verbal of a closed vote."""
    vote = _get_vote(access, vote_pk)
    if not vote.is_closed:
        messages.error(request, _("Le procès-verbal se génère une fois le vote clos."))
        return _detail(access, vote)
    document = document_request(project=access.project, kind=VendorsDocument.VOTE_MINUTES,
                                by=request.user, subject=str(vote.pk),
                                subject_label=vote.question[:200])
    messages.success(request, document_request_message(document))
    return redirect(reverse("vendors:vote-detail", kwargs={
        "project_pk": access.project.pk, "vote_pk": vote.pk}) + "#minutes")


_VOTES = "projets/<int:project_pk>/votes"
urlpatterns = [
    path(f"{_VOTES}/", vote_list, name="vote-list"),
    path(f"{_VOTES}/ouvrir/", vote_create, name="vote-create"),
    path(f"{_VOTES}/<int:vote_pk>/", vote_detail, name="vote-detail"),
    path(f"{_VOTES}/<int:vote_pk>/voter/", vote_cast, name="vote-cast"),
    path(f"{_VOTES}/<int:vote_pk>/pouvoir/", proxy_give, name="vote-proxy-give"),
    path(f"{_VOTES}/<int:vote_pk>/pouvoir/retirer/", proxy_revoke, name="vote-proxy-revoke"),
    path(f"{_VOTES}/<int:vote_pk>/clore/", vote_close, name="vote-close"),
    path(f"{_VOTES}/<int:vote_pk>/salle/", room_voter_add, name="vote-room-voter-add"),
    path(f"{_VOTES}/<int:vote_pk>/salle/<int:room_voter_pk>/bulletin/", room_ballot_record,
         name="vote-room-ballot"),
    path(f"{_VOTES}/<int:vote_pk>/proces-verbal/", vote_minutes, name="vote-minutes"),
]
