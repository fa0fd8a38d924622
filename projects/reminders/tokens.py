"""The « ne plus recevoir » link of a reminder e-mail: a signed token naming the person,
the kind of reminder and the day it was issued. No account needed to use it; a forged or
altered token fails the signature, an old one is refused by its date (the domain clock)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core import signing
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError

SALT = "projects.reminders.stop"


@dataclass(frozen=True)
class StopRequest:
    """Whose reminders of which kind the link stops."""

    user_id: int
    kind: str


def stop_token(*, user_id: int, kind: str, issued_on: date) -> str:
    """The token of the link, signed with the site's secret key."""
    return signing.dumps({"u": user_id, "k": kind, "d": issued_on.isoformat()}, salt=SALT)


def stop_token_read(token: str, *, today: date, valid_days: int) -> StopRequest:
    """The request a token carries; a clear French DomainError when forged or expired."""
    try:
        payload = signing.loads(token, salt=SALT)
        request = StopRequest(user_id=int(payload["u"]), kind=str(payload["k"]))
        issued_on = date.fromisoformat(payload["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise DomainError(_("Ce lien d'arrêt des rappels n'est pas valide : il a peut-être "
                            "été mal copié. Vous pouvez choisir vos rappels depuis votre "
                            "compte.")) from error
    if today > issued_on + timedelta(days=valid_days):
        raise DomainError(_("Ce lien d'arrêt des rappels a expiré. Utilisez celui d'un rappel "
                            "plus récent, ou choisissez vos rappels depuis votre compte."))
    return request
