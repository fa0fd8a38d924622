"""The container of a vendor's answer file, checked before any spreadsheet library reads it.

Pure: bytes in, ``None`` out, or ``AnswerFileError`` with French messages; no ORM. An XLSX
is a zip of XML parts, and no library guards its container: a part that inflates to tens
of megabytes, a table of millions of tiny strings, macros or links stored under any name.
So every part is inflated here through a bounded stream (never more than the cap, whatever
its header declares) and scanned by expat without building a tree: elements, shared
strings and cells are counted as they stream by, with an early stop at the cap, and the
content types and relationships of every part are read. Only a file that passes goes on
to openpyxl, whose work is then bounded by these counts.
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.parsers import expat

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 300
# A filled 400-need cadre is ~0.4 MB of sheet XML, 1.3 MB with 2 000-character comments
# on every row; Excel and LibreOffice write the same cells a little more verbosely.
MAX_PART_BYTES = 8 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 30 * 1024 * 1024
MAX_RATIO = 150  # a spreadsheet compresses ~10×; a zip bomb by thousands
RATIO_FLOOR_BYTES = 256 * 1024  # small entries may compress very well (empty styles…)
# Counted in every part, whatever its name. The filled 400-need cadre holds ~5 400 cells,
# up to ~1 400 distinct strings once re-saved by a spreadsheet, ~15 000 XML elements, and
# ~450 elements other than cells and strings; openpyxl builds an object for each of those
# (styles, views, validations, properties…), the costliest kind to parse.
MAX_SHARED_STRINGS = 20_000
MAX_CELLS = 40_000
MAX_OTHER_ELEMENTS = 20_000
MAX_XML_ELEMENTS = 200_000
_DATA_ELEMENTS = frozenset({"row", "c", "v", "f", "is", "t", "si"})
_CHUNK_BYTES = 64 * 1024

# Active content, by content type ([Content_Types].xml) or by relationship type (any
# .rels part): found by its type whatever the part is called (the usual names count too).
_MACRO_CONTENT_TYPES = ("macroenabled", "vbaproject", "vbadata", "activex", "oleobject",
                        "macrosheet", "dialogsheet", "attachedtoolbars")
_MACRO_RELATIONSHIPS = {"vbaproject", "vbaprojectsignature", "wordvbadata", "xlmacrosheet",
                        "xlintlmacrosheet", "activexcontrol", "activexcontrolbinary",
                        "oleobject", "control", "package", "attachedtoolbars",
                        "dialogsheet", "keymapcustomizations"}
_LINK_CONTENT_TYPES = ("externallink", "connections", "querytable")
_LINK_RELATIONSHIPS = {"externallink", "externallinkpath", "xlpathmissing", "connections",
                       "querytable"}


class AnswerFileError(Exception):
    """The file is refused; ``messages`` say why, in French, for the user."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)


def _not_a_workbook() -> AnswerFileError:
    return AnswerFileError([_("Ce fichier n'est pas un classeur Excel (.xlsx) lisible. "
                              "Renvoyez le cadre de réponse au format .xlsx.")])


def _damaged() -> AnswerFileError:
    return AnswerFileError([_("Le classeur est endommagé : une de ses parties est "
                              "illisible.")])


def _too_big() -> AnswerFileError:
    return AnswerFileError([_("Le classeur décompressé est trop volumineux pour un cadre "
                              "de réponse : il est refusé.")])


@dataclass
class _Scan:
    """What streaming every part found: counts, content types, relationship types."""

    inflated: int = 0
    elements: int = 0
    other_elements: int = 0
    shared_strings: int = 0
    cells: int = 0
    content_types: set[str] = field(default_factory=set)
    relationships: set[str] = field(default_factory=set)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        """One opening tag; names come as « namespace local » (expat's separator)."""
        self.elements += 1
        local = name.rpartition(" ")[2]
        if local == "si":
            self.shared_strings += 1
        elif local == "c":
            self.cells += 1
        elif local not in _DATA_ELEMENTS:
            self.other_elements += 1
            if local in ("Default", "Override") and "ContentType" in attributes:
                self.content_types.add(attributes["ContentType"].strip().lower())
            elif local == "Relationship" and "Type" in attributes:
                self.relationships.add(attributes["Type"].strip().rstrip("/").lower())
        if self.elements > MAX_XML_ELEMENTS or self.other_elements > MAX_OTHER_ELEMENTS:
            raise AnswerFileError([_("Le classeur est anormalement complexe pour un cadre "
                                     "de réponse : il est refusé.")])
        if self.shared_strings > MAX_SHARED_STRINGS:
            raise AnswerFileError([_("Le classeur contient plus de %d textes différents : "
                                     "ce n'est pas un cadre de réponse, il est refusé.")
                                   % MAX_SHARED_STRINGS])
        if self.cells > MAX_CELLS:
            raise AnswerFileError([_("Le classeur contient plus de %d cellules : ce n'est "
                                     "pas un cadre de réponse, il est refusé.") % MAX_CELLS])


def _refuse_markup(*_args: object) -> None:
    # No spreadsheet part has a DTD; entities are the way to an XML bomb.
    raise AnswerFileError([_("Le classeur est endommagé ou contient du XML refusé.")])


def _xml_parser(scan: _Scan) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = scan.start
    parser.StartDoctypeDeclHandler = _refuse_markup
    parser.EntityDeclHandler = _refuse_markup
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def _stream_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, scan: _Scan) -> None:
    """Inflate one part chunk by chunk, never past the caps, scanning it as XML.

    A part that is not XML (an image) stops the parser, not the inflation: its size is
    still checked. The zip module also stops at the size the header declares and checks
    the CRC, so what openpyxl reads later is exactly what was scanned here.
    """
    parser: expat.XMLParserType | None = _xml_parser(scan)
    size = 0
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK_BYTES):
                size += len(chunk)
                scan.inflated += len(chunk)
                if size > MAX_PART_BYTES or scan.inflated > MAX_UNCOMPRESSED_BYTES:
                    raise _too_big()
                if parser is not None:
                    try:
                        parser.Parse(chunk, False)
                    except expat.ExpatError:
                        parser = None
        if parser is not None:
            # openpyxl refuses a broken part it needs; the others are never read.
            with contextlib.suppress(expat.ExpatError):
                parser.Parse(b"", True)
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError,
            NotImplementedError, RuntimeError):
        raise _damaged() from None
    if size != entry.file_size:
        raise _damaged()


def _open(content: bytes) -> zipfile.ZipFile:
    if not content:
        raise AnswerFileError([_("Le fichier est vide.")])
    if len(content) > MAX_FILE_BYTES:
        raise AnswerFileError([_("Le fichier dépasse %d Mo : ce n'est pas un cadre de "
                                 "réponse.") % (MAX_FILE_BYTES // (1024 * 1024))])
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
            NotImplementedError, RuntimeError):
        raise _not_a_workbook() from None
    return archive


def _check_entries(entries: Sequence[zipfile.ZipInfo]) -> None:
    """What the zip directory declares: refused before a single byte is inflated."""
    if len(entries) > MAX_ENTRIES:
        raise AnswerFileError([_("Le classeur contient trop d'éléments pour un cadre de "
                                 "réponse.")])
    names = [entry.filename for entry in entries]
    if len(set(names)) != len(names):
        raise _damaged()  # two parts of one name: which one is read depends on the reader
    for entry in entries:
        if entry.file_size > RATIO_FLOOR_BYTES and \
                entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise AnswerFileError([_("Le classeur est anormalement compressé (archive "
                                     "piégée ?) : il est refusé.")])
    if any(entry.file_size > MAX_PART_BYTES for entry in entries) or \
            sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise _too_big()
    folded = {name.replace("\\", "/").lower() for name in names}
    if "xl/workbook.xml" not in folded or "[content_types].xml" not in folded:
        raise _not_a_workbook()


def _check_active_content(scan: _Scan, names: Sequence[str]) -> None:
    """Macros and links, found by their content and relationship types (and names)."""
    folded = [name.replace("\\", "/").lower() for name in names]
    kinds = {relationship.rpartition("/")[2] for relationship in scan.relationships}
    if any(m in t for t in scan.content_types for m in _MACRO_CONTENT_TYPES) \
            or kinds & _MACRO_RELATIONSHIPS \
            or any(posixpath.basename(n) == "vbaproject.bin" for n in folded):
        raise AnswerFileError([_("Le classeur contient des macros ou des objets actifs : "
                                 "enregistrez-le au format « .xlsx » sans macros, puis "
                                 "renvoyez-le.")])
    if any(m in t for t in scan.content_types for m in _LINK_CONTENT_TYPES) \
            or kinds & _LINK_RELATIONSHIPS \
            or any(n.startswith("xl/externallinks/") for n in folded):
        raise AnswerFileError([_("Le classeur contient des liaisons vers d'autres fichiers : "
                                 "supprimez-les (copier, puis coller les valeurs) et "
                                 "renvoyez-le.")])


def container_check(content: bytes) -> None:
    """Refuse the file unless its container is a plain, reasonably sized workbook."""
    with _open(content) as archive:
        entries = archive.infolist()
        _check_entries(entries)
        scan = _Scan()
        for entry in entries:
            _stream_part(archive, entry, scan)
        _check_active_content(scan, [entry.filename for entry in entries])
