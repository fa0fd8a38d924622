"""The shape every simple POST action of the views shares: run one service, tell the user
in French how it went."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest
from django_stubs_ext import StrOrPromise

from .errors import DomainError


def action_run(request: HttpRequest, action: Callable[[], object],
               success: StrOrPromise) -> bool:
    """Run ``action``; a refusal (``DomainError``) becomes an error message and changes
    nothing, a success shows ``success``. Returns whether it succeeded."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True
