"""Published files → the text the parser reads.

A notice arrives as plain text, a saved web page, a Word .docx or a PDF. :func:`sniff` tells
which from the bytes (the file name only breaks ties); :func:`load_bytes` decodes plain text
as before and hands the other kinds to their reader (``read.html``, ``read.docx``,
``read.pdf``), each imported only when such a file comes, so reading a .txt costs nothing
more. A reader returns the lines of text it found (table rows as tab-separated cells, one
row a line), the page of each line where the original has pages, and the metadata the
container states beside the text; from then on the pipeline is the one the .txt path runs.

Formats the parser cannot read (legacy Word .doc, WPS, OFD, spreadsheets) are refused
with :class:`~policyparse.errors.UnsupportedFormat` and a hint how to convert them.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..constants import DEFAULT_MAX_BYTES
from ..errors import InputNotFound, InputTooLarge, InputUnreadable, UnsupportedFormat

if TYPE_CHECKING:  # pragma: no cover
    from ..parse.source import SourceText


class Converted(NamedTuple):
    """What a reader found in a published file."""

    lines: list[str]  # the text, a line each (no line breaks inside); table rows tab-separated
    pages: list[int] | None = None  # the 1-based page of each line (paged originals)
    hints: dict[str, str] | None = None  # title / issuer / doc_number / date stated beside the text


# the readers, by format; each module has ``convert(data, path, max_bytes) -> Converted``
READERS = {"html": "policyparse.read.html", "docx": "policyparse.read.docx", "pdf": "policyparse.read.pdf"}

# file name endings readers are meant for (batch and check look for these in folders)
SUFFIXES = (".txt", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf")

_CONVERT_HINT = "convert it first, e.g. `soffice --headless --convert-to docx FILE`"
_LEGACY = {
    "doc": f"is a legacy Word (.doc) file; {_CONVERT_HINT}",
    "wps": f"is a WPS document; {_CONVERT_HINT}",
    "ofd": "is an OFD document; export it as PDF (e.g. from the OFD reader) first",
    "xlsx": "is a spreadsheet (.xlsx), not a notice; save it as .txt or .docx first",
    "xls": "is a legacy Excel (.xls) spreadsheet, not a notice; save it as .txt or .docx first",
    "zip": "is a zip archive, not a notice; unpack it first",
    "rtf": f"is an RTF document; {_CONVERT_HINT}",
    "image": "is an image; a scanned notice needs OCR first (e.g. ocrmypdf)",
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream of a password-protected OOXML file
_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<?xml")


def sniff(data: bytes, name: str | None = None) -> str:
    """The kind of a file, from its bytes: ``text``, ``html``, ``docx``, ``pdf``, or one
    of the formats in ``_LEGACY`` (``doc``, ``wps``, ``ofd``, ``xlsx``…)."""
    head = data[:2048]
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, name)
    if head.startswith(_OLE):
        if _ENCRYPTED in data:  # an OOXML file (.docx…) with a password: its reader says so
            return "docx"
        low = (name or "").lower()
        if low.endswith(".wps"):
            return "wps"
        if low.endswith((".xls", ".et")):
            return "xls"
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    lead = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lead.startswith(_HTML_STARTS) and (b"<html" in data[:4096].lower() or not lead.startswith(b"<?xml")):
        return "html"
    if lead.startswith(b"<!--") and b"<html" in data[:8192].lower():
        return "html"
    if lead.startswith(b"<") and (name or "").lower().endswith(_HTML_SUFFIXES):
        return "html"  # a saved fragment (<div>…, <p>…) named as a web page
    return "text"


def _zip_kind(data: bytes, name: str | None) -> str:
    """A zip's kind from the member names in its central directory (read without unpacking)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        low = (name or "").lower()
        # a truncated Word file: its reader reports it as corrupt
        return "docx" if low.endswith((".docx", ".doc")) else "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names or any(n.lower() == "ofd.xml" for n in names):
        return "ofd"
    if (name or "").lower().endswith(".docx"):
        return "docx"  # named a Word file but not one: its reader reports it as corrupt
    return "zip"


def load_bytes(data: bytes, path: str | None = None, max_bytes: int | None = None,
               text: str | None = None) -> SourceText:
    """Decode or convert a file's bytes into the :class:`SourceText` the parser reads
    (``text``: their UTF-8 decoding, when the caller has it)."""
    from ..parse.source import converted_source, decode_bytes

    kind = sniff(data, path)
    if kind == "text":
        return decode_bytes(data, path, text)
    if kind in _LEGACY:
        raise UnsupportedFormat(_LEGACY[kind], path)
    reader = import_module(READERS[kind])
    got = reader.convert(data, path, DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    return converted_source(got.lines, data, path, kind, got.pages, got.hints)


def read_source(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode a file, with a clear error for every way it can go wrong."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputNotFound("no such file", name)
    if p.is_dir():
        raise InputUnreadable("is a directory, not a file (use `policyparse batch` for folders)", name)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(
                f"is {size / 1048576:.1f} MiB, over the {max_bytes / 1048576:.0f} MiB limit (--max-bytes)", name
            )
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputUnreadable(f"cannot be read ({exc.strerror or exc})", name) from None
    if len(data) > max_bytes:
        raise InputTooLarge(f"is over the {max_bytes / 1048576:.0f} MiB limit (--max-bytes)", name)
    from ..read import load_bytes

    return load_bytes(data, name, max_bytes)


__all__ = ["READERS", "SUFFIXES", "Converted", "load_bytes", "read_source", "sniff"]
