"""The bon de commande (PDF), one per order, and the orders' history."""

from __future__ import annotations

from projects.documents.builders import DocumentBuilder
from projects.history import Tracked, title_label
from projects.plugins import DocumentSpec

from ..choices import AcceptanceDocument
from .models import PurchaseOrder, PurchaseOrderLine
from .selectors import purchase_order_data

# Subject: the order's number within the project (never reused).
DOCUMENTS = (
    DocumentSpec(AcceptanceDocument.PURCHASE_ORDER, AcceptanceDocument.PURCHASE_ORDER.label,
                 DocumentBuilder(gather=purchase_order_data, takes_subject=True,
                                 template="acceptance/pdf/purchase_order.html",
                                 file_stem="bon-de-commande")),
)
TRACKED = (
    Tracked("commande", PurchaseOrder, "project_id", title_label("title")),
    Tracked("ligne de commande", PurchaseOrderLine, "project_id", title_label("label")),
)
