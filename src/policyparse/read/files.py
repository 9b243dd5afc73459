"""Finding notice files in a folder: the one walk that ``batch`` and ``check`` share.

Hidden files and folders (a name starting with ``.``) are skipped, folder links are never
followed (no cycles), names are sorted within each folder and folders are entered depth
first, so the order never depends on the file system; a sub-folder that cannot be listed
is reported, not fatal.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path


def walk(root: str | Path, accept: Callable[[str], object],
         exclude: str | Path | None = None) -> Iterator[tuple[str, str | None]]:
    """Yield ``(relative path, problem)`` for every file under ``root`` whose relative path
    (``/``-separated) ``accept`` takes. ``exclude`` (the output folder, when it lies inside
    ``root``) is skipped. ``problem`` is None, or a message for a sub-folder that cannot be
    listed."""
    root_p = Path(root)
    skip: str | None = None
    if exclude is not None:
        try:
            rel_ex = Path(exclude).resolve().relative_to(root_p.resolve())
            skip = rel_ex.as_posix() if rel_ex.parts else None
        except ValueError:
            skip = None
    yield from _walk(str(root_p), "", accept, skip)


def _walk(dirpath: str, prefix: str, accept: Callable[[str], object],
          skip: str | None) -> Iterator[tuple[str, str | None]]:
    try:
        with os.scandir(dirpath) as it:
            entries = sorted((e.name, _kind(e)) for e in it if not e.name.startswith("."))
    except OSError as exc:
        yield prefix.rstrip("/") or ".", f"folder cannot be listed ({exc.strerror or exc})"
        return
    for name, kind in entries:
        rel = prefix + name
        if kind == "dir":
            if rel != skip:
                yield from _walk(os.path.join(dirpath, name), rel + "/", accept, skip)
        elif kind == "file" and accept(rel):
            yield rel, None


def _kind(entry: os.DirEntry[str]) -> str:
    try:
        if entry.is_dir(follow_symlinks=False):  # never follow folder links: no cycles
            return "dir"
        if entry.is_file() or entry.is_symlink():  # a dangling link is reported when read
            return "file"
    except OSError:
        return "file"
    return "other"  # fifos, sockets, devices: reading them could block
