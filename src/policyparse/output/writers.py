"""Serialise documents: JSON and YAML, written atomically.

JSON keeps Chinese as is (``ensure_ascii=False``). YAML is 1.1 in PyYAML, which reads
``2025-06-30`` as a date and ``on`` as true: every string that would be read back as
anything but a string is quoted, so a round trip gives the same text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import OutputError
from .document import Document, to_dict, to_json

FORMATS = ("json", "yaml")  # a document as text: extract and batch
# a document's tables as a binary file (policyparse.output.table_files): extract only, and only with -o
BINARY_FORMATS = ("xlsx",)
EXTRACT_FORMATS = FORMATS + BINARY_FORMATS

_dumper: Any = None


def _yaml_dumper() -> Any:
    """PyYAML's SafeDumper with strings quoted whenever YAML would read them back as
    anything but a string (built on first use: the JSON path does not import yaml)."""
    global _dumper
    if _dumper is None:
        import yaml

        class _QuotingDumper(yaml.SafeDumper):
            pass

        def _repr_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
            tag = dumper.resolve(yaml.ScalarNode, value, (True, False))
            style = '"' if tag != "tag:yaml.org,2002:str" else None
            if "\n" in value:
                style = "|" if not value.endswith((" ", "\t")) and "\r" not in value else '"'
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

        _QuotingDumper.add_representer(str, _repr_str)
        _dumper = _QuotingDumper
    return _dumper


def dumps(obj: Document | dict[str, Any], fmt: str = "json") -> str:
    """Serialise a document (or its plain data) as ``json`` or ``yaml``; both give the same text
    for the same document (a test holds them equal)."""
    if fmt == "json":
        if isinstance(obj, Document):
            return to_json(obj) + "\n"
        return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        data = obj if isinstance(obj, dict) else to_dict(obj)
        import yaml

        return yaml.dump(data, Dumper=_yaml_dumper(), allow_unicode=True, sort_keys=False, width=4096)
    raise ValueError(f"unknown format {fmt!r}")


# Temporary files this process is writing: a batch worker told to stop (SIGTERM) removes
# them and exits at once. Unwinding with an exception instead is not reliable: a signal
# handler's exception raised while a finaliser or ``__del__`` runs is swallowed, and the
# worker lives on, blocking the pool that waits for it.
# Keyed by name, valued by the process that made the file: a forked worker inherits its
# parent's entries (the manifest the parent is writing) and must leave those alone.
_PARTIAL: dict[str, int] = {}


def remove_partial_files() -> None:
    """Delete this process's unfinished temporary files (from a signal handler)."""
    me = os.getpid()
    for tmp, pid in list(_PARTIAL.items()):
        if pid != me:
            continue
        try:
            os.unlink(tmp)
        except OSError:
            pass


class AtomicFile:
    """A text file written piece by piece into ``<dir>/.<name>.<pid>.<random>.part`` and
    renamed into place by :meth:`commit`, or removed by :meth:`abort`: a reader (or an
    interrupted run) never sees it half-written. The temporary name is registered before
    the file exists, so a stop (SIGTERM in a batch worker) can always remove it. The file
    gets the usual permissions (0666 less the umask), as a plain write would. The one
    atomic writer of the project: ``extract -o``, batch outputs, tables and manifest, and
    the grammar cache all go through it."""

    def __init__(self, path: str | Path, encoding: str = "utf-8", newline: str | None = "\n",
                 binary: bool = False):
        self.path = Path(path)
        self._tmp = str(self.path.parent / f".{self.path.name}.{os.getpid()}.{os.urandom(4).hex()}.part")
        _PARTIAL[self._tmp] = os.getpid()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as exc:
            _PARTIAL.pop(self._tmp, None)
            raise OutputError(f"cannot write output ({exc.strerror or exc})", str(path)) from None
        # binary: a file a library writes (Excel, Parquet), bytes in, ``fh`` a binary file
        self.fh = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline=newline)

    def write(self, text: str) -> None:
        self.fh.write(text)

    def commit(self) -> None:
        try:
            self.fh.close()
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write output ({exc.strerror or exc})", str(self.path)) from None
        _PARTIAL.pop(self._tmp, None)

    def abort(self) -> None:
        try:
            self.fh.close()
        except OSError:
            pass
        try:
            os.unlink(self._tmp)
        except OSError:
            pass
        _PARTIAL.pop(self._tmp, None)


def write_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through an :class:`AtomicFile`."""
    f = AtomicFile(path, encoding)
    try:
        f.write(text)
    except BaseException as exc:
        f.abort()
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write output ({exc.strerror or exc})", str(path)) from None
        raise
    f.commit()
