"""Documents of step 9: the letter inviting a vendor, and its own cadre de réponse."""

from __future__ import annotations

from projects.documents.builders import (
    XLSX_CONTENT_TYPE,
    DocumentBuilder,
    DocumentMeta,
)
from projects.plugins import DocumentSpec
from requirements.rfp.cadre import CadreData, cadre_de_reponse_xlsx
from vendors.choices import VendorsDocument

from .selectors import consultation_letter_data, vendor_cadre_data


def vendor_cadre_write(data: CadreData, meta: DocumentMeta) -> bytes:
    """The cadre de réponse of one vendor, its id in the hidden sheet."""
    return cadre_de_reponse_xlsx(data, generated_at=meta.generated_at)


# One letter and one cadre de réponse per vendor consulted (subject: the consulted vendor).
DOCUMENTS = (
    DocumentSpec(VendorsDocument.CONSULTATION_LETTER,
                 VendorsDocument.CONSULTATION_LETTER.label,
                 DocumentBuilder(gather=consultation_letter_data, takes_subject=True,
                                 template="vendors/pdf/consultation_letter.html",
                                 file_stem="lettre-de-consultation")),
    DocumentSpec(VendorsDocument.VENDOR_CADRE, VendorsDocument.VENDOR_CADRE.label,
                 DocumentBuilder(gather=vendor_cadre_data, takes_subject=True,
                                 write=vendor_cadre_write, file_stem="cadre-de-reponse",
                                 extension="xlsx", content_type=XLSX_CONTENT_TYPE)),
)
