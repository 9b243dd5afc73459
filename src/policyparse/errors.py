"""Errors a user can cause, each with its own exit code.

The CLI turns every :class:`PolicyParseError` into a one-line message on stderr and
the class's ``exit_code``; anything else is a bug (exit 70).
"""

from __future__ import annotations


class PolicyParseError(Exception):
    """Base class: a clear, user-facing failure."""

    exit_code = 1
    code = "error"

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class UsageError(PolicyParseError):
    exit_code = 2
    code = "usage"


class InputNotFound(PolicyParseError):
    exit_code = 3
    code = "not-found"


class InputUnreadable(PolicyParseError):
    """A directory, a permission problem, or an I/O failure."""

    exit_code = 4
    code = "unreadable"


class EmptyInput(PolicyParseError):
    exit_code = 5
    code = "empty"


class BinaryInput(PolicyParseError):
    exit_code = 6
    code = "binary"


class DecodeFailure(PolicyParseError):
    exit_code = 7
    code = "encoding"


class InputTooLarge(PolicyParseError):
    exit_code = 8
    code = "too-large"


class NoStructure(PolicyParseError):
    """The text decodes but has no numbering and no clauses: not a notice."""

    exit_code = 9
    code = "no-structure"


class UnbalancedBrackets(PolicyParseError):
    exit_code = 10
    code = "unbalanced"


class GrammarError(PolicyParseError):
    exit_code = 11
    code = "grammar"


class OutputError(PolicyParseError):
    exit_code = 12
    code = "output"


class UnsupportedFormat(PolicyParseError):
    """A format the parser does not read (legacy Word .doc, WPS, OFD, a spreadsheet…); the
    message says how to convert it."""

    exit_code = 13
    code = "format"


class CorruptDocument(PolicyParseError):
    """A .docx or .pdf that cannot be opened: truncated, not what its bytes claim, broken."""

    exit_code = 14
    code = "corrupt"


class EncryptedDocument(PolicyParseError):
    exit_code = 15
    code = "encrypted"


class NoText(PolicyParseError):
    """A published file with no text to read: a scanned PDF (no text layer), a web page
    with no article body."""

    exit_code = 16
    code = "no-text"


EXIT_CODES: dict[str, int] = {
    cls.code: cls.exit_code
    for cls in (
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
}
EXIT_INTERNAL = 70
