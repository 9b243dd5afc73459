"""Errors a user can cause, each with its own exit code.

The CLI turns every :class:`PolicyParseError` into a one-line message on stderr and
the class's ``exit_code``; anything else is a bug (exit 70).
"""

from __future__ import annotations


class PolicyParseError(Exception):
    """Base class: a clear, user-facing failure."""

    exit_code = 1
    code = "error"
    meaning = ""  # the README's exit-code table is made from these (see exit_code_table)

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class UsageError(PolicyParseError):
    exit_code = 2
    code = "usage"
    meaning = "usage error (bad option or value)"


class InputNotFound(PolicyParseError):
    exit_code = 3
    code = "not-found"
    meaning = "input file not found"


class InputUnreadable(PolicyParseError):
    """A directory, a permission problem, or an I/O failure."""

    exit_code = 4
    code = "unreadable"
    meaning = "input unreadable (a directory, permissions, I/O)"


class EmptyInput(PolicyParseError):
    exit_code = 5
    code = "empty"
    meaning = "empty input"


class BinaryInput(PolicyParseError):
    exit_code = 6
    code = "binary"
    meaning = "binary input"


class DecodeFailure(PolicyParseError):
    exit_code = 7
    code = "encoding"
    meaning = "undecodable bytes (neither UTF-8, UTF-16 with BOM, nor GB18030)"


class InputTooLarge(PolicyParseError):
    exit_code = 8
    code = "too-large"
    meaning = "input too large (`--max-bytes`, default 16 MiB; for a .docx, the size of its unpacked parts)"


class NoStructure(PolicyParseError):
    """The text decodes but has no numbering and no clauses: not a notice."""

    exit_code = 9
    code = "no-structure"
    meaning = "no structure: no numbered heading and no clause — only with `--strict`; by default such a notice (a reply, a decision) is parsed and carries a `no-structure` warning"


class UnbalancedBrackets(PolicyParseError):
    exit_code = 10
    code = "unbalanced"
    meaning = "broken brackets: unbalanced on a tenth or more of the bracketed lines (`--lenient` closes them at line end and parses anyway; a rarer stray bracket is a typo, recovered with a warning on stderr; a group the source wrapped onto the next line is neither)"


class GrammarError(PolicyParseError):
    exit_code = 11
    code = "grammar"
    meaning = "invalid grammar file"


class OutputError(PolicyParseError):
    exit_code = 12
    code = "output"
    meaning = "cannot write the output"


class UnsupportedFormat(PolicyParseError):
    """A format the parser does not read (legacy Word .doc, WPS, OFD, a spreadsheet…); the
    message says how to convert it."""

    exit_code = 13
    code = "format"
    meaning = "a format policyparse does not read: legacy Word .doc, WPS, OFD, RTF, a spreadsheet, an image, a zip (the message says how to convert it, e.g. `soffice --headless --convert-to docx FILE`)"


class CorruptDocument(PolicyParseError):
    """A .docx or .pdf that cannot be opened: truncated, not what its bytes claim, broken."""

    exit_code = 14
    code = "corrupt"
    meaning = "a damaged .docx or PDF: truncated, not what its bytes claim, broken XML"


class EncryptedDocument(PolicyParseError):
    exit_code = 15
    code = "encrypted"
    meaning = "a password-protected .docx or PDF"


class NoText(PolicyParseError):
    """A published file with no text to read: a scanned PDF (no text layer), a web page
    with no article body."""

    exit_code = 16
    code = "no-text"
    meaning = "no text to read: a scanned PDF without a text layer (OCR it first, e.g. `ocrmypdf`), a web page without an article body"


ERRORS: tuple[type[PolicyParseError], ...] = (
        UsageError,
        InputNotFound,
        InputUnreadable,
        EmptyInput,
        BinaryInput,
        DecodeFailure,
        InputTooLarge,
        NoStructure,
        UnbalancedBrackets,
        GrammarError,
        OutputError,
        UnsupportedFormat,
        CorruptDocument,
        EncryptedDocument,
        NoText,
)
EXIT_CODES: dict[str, int] = {cls.code: cls.exit_code for cls in ERRORS}
EXIT_INTERNAL = 70


def exit_code_table() -> str:
    """The README's table of exit codes (a test holds the README to it)."""
    rows = ["| code | meaning |", "| --- | --- |", "| 0 | success |"]
    rows += [f"| {cls.exit_code} | {cls.meaning} |" for cls in sorted(ERRORS, key=lambda c: c.exit_code)]
    rows.append(f"| {EXIT_INTERNAL} | internal error (a bug: please report it with the input) |")
    return "\n".join(rows) + "\n"
