"""The unit of output: a :class:`Finding` (path, 1-based line and column, code, severity, message)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def severity_rank(severity: str) -> int:
    """Order severities: info < warning < error."""
    return _RANK[severity]


@dataclass(frozen=True)
class Finding:
    """One problem found in one notice. Line and column are 1-based, columns count code points."""

    path: str
    line: int
    column: int
    code: str
    slug: str
    severity: str
    message: str
    end_line: int | None = None
    end_column: int | None = None
    # the normalised text of the line, so a baseline entry survives line shifts
    line_text: str = field(default="", compare=False)

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("line_text")
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        keys = {"path", "line", "column", "code", "slug", "severity", "message", "end_line", "end_column"}
        return cls(**{k: v for k, v in d.items() if k in keys})
