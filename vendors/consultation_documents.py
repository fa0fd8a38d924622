"""Documents of step 9: the letter inviting a vendor, and its own cadre de réponse."""

from __future__ import annotations

from projects.choices import DocumentKind
from projects.documents import (
    XLSX_CONTENT_TYPE,
    DocumentBuilder,
    DocumentMeta,
    builder_register,
)
from requirements.cadre import CadreData, cadre_de_reponse_xlsx

from .consultation_selectors import consultation_letter_data, vendor_cadre_data


def vendor_cadre_write(data: CadreData, meta: DocumentMeta) -> bytes:
    """The cadre de réponse of one vendor, its id in the hidden sheet."""
    return cadre_de_reponse_xlsx(data, generated_at=meta.generated_at)


def consultation_documents_register() -> None:
    """Called once from ``VendorsConfig.ready``."""
    builder_register(DocumentKind.CONSULTATION_LETTER, DocumentBuilder(
        gather=consultation_letter_data, takes_subject=True,
        template="vendors/pdf/consultation_letter.html",
        file_stem="lettre-de-consultation",
    ))
    builder_register(DocumentKind.VENDOR_CADRE, DocumentBuilder(
        gather=vendor_cadre_data, takes_subject=True, write=vendor_cadre_write,
        file_stem="cadre-de-reponse", extension="xlsx", content_type=XLSX_CONTENT_TYPE,
    ))
