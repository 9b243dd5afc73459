"""Settings: ``[tool.policyparse]`` in pyproject.toml or ``policyparse.toml``, then the command line.

Precedence, key by key: command-line option > config file > built-in default. The config
file is ``--config FILE`` if given, else the first ``policyparse.toml`` or ``pyproject.toml``
with a ``[tool.policyparse]`` table found from the current directory upwards
(``policyparse.toml`` wins over ``pyproject.toml`` in the same directory).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..read import SUFFIXES
from ..read.globs import glob_regex
from .findings import SEVERITIES
from .registry import GROUPS, Rule, all_rules

try:  # Python 3.11+
    import tomllib as _toml
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    try:
        import tomli as _toml  # type: ignore[no-redef]
    except ModuleNotFoundError:
        _toml = None  # type: ignore[assignment]

KNOWN_KEYS = {"select", "ignore", "per-file-ignores", "fail-on", "grammar", "extensions"}
DEFAULT_FAIL_ON = "warning"


@dataclass
class Settings:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: str = DEFAULT_FAIL_ON
    grammar: str | None = None
    extensions: tuple[str, ...] = SUFFIXES
    root: Path = field(default_factory=Path.cwd)  # per-file-ignores globs are relative to this
    source: str | None = None  # the config file used, if any


def find_config(start: Path) -> Path | None:
    """The nearest policyparse.toml, or pyproject.toml with [tool.policyparse], at or above ``start``."""
    for d in [start, *start.parents]:
        own = d / "policyparse.toml"
        if own.is_file():
            return own
        py = d / "pyproject.toml"
        if py.is_file() and "policyparse" in _read_toml(py).get("tool", {}):
            return py
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    if _toml is None:
        raise UsageError("reading TOML config needs Python 3.11 or the `tomli` package", str(path))
    try:
        with path.open("rb") as fh:
            return _toml.load(fh)
    except OSError as exc:
        raise UsageError(f"cannot read config ({exc.strerror or exc})", str(path)) from None
    except _toml.TOMLDecodeError as exc:
        raise UsageError(f"is not valid TOML: {exc}", str(path)) from None


def load_settings(config: Path | None = None, cwd: Path | None = None) -> Settings:
    """Settings from a config file (explicit, or found upwards from ``cwd``), validated."""
    path = config if config is not None else find_config((cwd or Path.cwd()).resolve())
    s = Settings(root=(cwd or Path.cwd()).resolve())
    if path is None:
        return s
    if not path.is_file():
        raise UsageError("config file not found", str(path))
    data = _read_toml(path)
    if path.name == "pyproject.toml" or "tool" in data:
        table = data.get("tool", {}).get("policyparse", {})
    else:
        table = data
    if not isinstance(table, dict):
        raise UsageError("[tool.policyparse] must be a table", str(path))
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        raise UsageError(f"unknown key(s) in config: {', '.join(sorted(unknown))} "
                         f"(known: {', '.join(sorted(KNOWN_KEYS))})", str(path))
    s.root = path.resolve().parent
    s.source = str(path)
    if "select" in table:
        s.select = _str_list(table["select"], "select", path)
    if "ignore" in table:
        s.ignore = _str_list(table["ignore"], "ignore", path)
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise UsageError("per-file-ignores must be a table of glob = [codes]", str(path))
    s.per_file_ignores = {str(k): _str_list(v, f"per-file-ignores.{k}", path) for k, v in pfi.items()}
    if "fail-on" in table:
        s.fail_on = check_severity(str(table["fail-on"]), "fail-on")
    if "grammar" in table:
        s.grammar = str((s.root / str(table["grammar"])).resolve())
    if "extensions" in table:
        s.extensions = tuple("." + e.lstrip(".") for e in _str_list(table["extensions"], "extensions", path))
    for sel in [*s.select, *s.ignore, *(c for v in s.per_file_ignores.values() for c in v)]:
        resolve_selector(sel, where=str(path))
    return s


def _str_list(v: Any, key: str, path: Path) -> list[str]:
    if isinstance(v, str):
        return [x.strip() for x in v.split(",") if x.strip()]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise UsageError(f"{key} must be a list of strings", str(path))
    return list(v)


def check_severity(value: str, option: str) -> str:
    if value not in SEVERITIES:
        raise UsageError(f"{option} must be one of {', '.join(SEVERITIES)} (got {value!r})")
    return value


def resolve_selector(sel: str, where: str | None = None) -> set[str]:
    """Codes matched by a selector: ALL, a code (PP201), a prefix (PP2), a slug or a group name."""
    rules = all_rules()
    key = sel.strip()
    if key.upper() == "ALL":
        return {r.code for r in rules}
    up = key.upper()
    hit = {r.code for r in rules if r.code.startswith(up)} if re.fullmatch(r"PP\d{0,3}", up) else set()
    hit |= {r.code for r in rules if r.slug == key.lower() or r.group == key.lower()}
    if not hit:
        groups = ", ".join(sorted(GROUPS.values()))
        msg = f"unknown rule selector {sel!r} (use a code such as PP201, a prefix such as PP2, a slug, or a group: {groups})"
        raise UsageError(msg, where)
    return hit


def enabled_rules(select: list[str], ignore: list[str]) -> list[Rule]:
    """The rules selected and not ignored, in code order."""
    chosen: set[str] = set()
    for s in select:
        chosen |= resolve_selector(s)
    for s in ignore:
        chosen -= resolve_selector(s)
    return [r for r in all_rules() if r.code in chosen]


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """A gitignore-like glob (``**`` spans directories, ``*`` and ``?`` stay within one),
    the same reading ``batch --glob`` gives it."""
    return glob_regex(pattern)


def ignored_for(path: str, settings: Settings) -> set[str]:
    """Codes that per-file-ignores switches off for ``path`` (globs relative to the config's folder;
    a glob without a slash also matches the file name alone)."""
    p = Path(path).resolve()
    try:
        rel = p.relative_to(settings.root).as_posix()
    except ValueError:
        rel = p.as_posix()
    out: set[str] = set()
    for glob, codes in settings.per_file_ignores.items():
        rx = glob_to_regex(glob.removeprefix("./"))
        if rx.match(rel) or ("/" not in glob and rx.match(p.name)):
            for c in codes:
                out |= resolve_selector(c)
    return out
