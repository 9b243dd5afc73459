"""Load, validate and compile the rule data in ``grammars/*.yaml``.

The grammar is read once per process (and per override file), validated with pydantic
(``policyparse.grammar_schema``), and its patterns compiled once. ``--grammar FILE``
overlays a YAML file on the built-in rules: mappings merge key by key, lists are
extended (the override's entries first), scalars are replaced.

Validation is remembered: parsing the YAML and importing pydantic cost about 250 ms,
more than a small notice's whole ``extract``, so the validated data of each exact set of
grammar bytes is kept as JSON in a cache folder (``POLICYPARSE_CACHE_DIR``, else
``$XDG_CACHE_HOME/policyparse``, else ``~/.cache/policyparse``; set the variable to an
empty string to turn the cache off). The key covers the grammar files' bytes, the
override's bytes, the schema's source and the versions of policyparse, Python and
``regex``, so any change validates afresh; an unreadable or unwritable cache only costs
time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import regex

from . import __version__
from .errors import GrammarError

GRAMMAR_FILES = ("markers", "clauses", "departments", "targets", "metadata")


class Affixes:
    """Longest-first lookup of a word list at the end (or start) of a string, keyed by
    the last (first) character: one dict probe and a few ``endswith`` instead of a scan
    of the whole list — these run for every name of every clause."""

    def __init__(self, words: list[str] | tuple[str, ...]) -> None:
        self.words = tuple(sorted({w for w in words if w}, key=lambda w: (-len(w), w)))
        by_last: dict[str, list[str]] = {}
        by_first: dict[str, list[str]] = {}
        for w in self.words:
            by_last.setdefault(w[-1], []).append(w)
            by_first.setdefault(w[0], []).append(w)
        self._last = {k: tuple(v) for k, v in by_last.items()}
        self._first = {k: tuple(v) for k, v in by_first.items()}

    def suffix(self, s: str) -> str | None:
        """The longest word that ``s`` ends with."""
        if s:
            for w in self._last.get(s[-1], ()):
                if s.endswith(w):
                    return w
        return None

    def prefix(self, s: str) -> str | None:
        """The longest word that ``s`` starts with."""
        if s:
            for w in self._first.get(s[0], ()):
                if s.startswith(w):
                    return w
        return None


def _alt(words: list[str]) -> str:
    """A regex alternation, longest word first so the longest label wins."""
    uniq = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) for w in uniq)


@dataclass
class Grammar:
    """Validated rule data plus the patterns compiled from it."""

    data: Any  # the validated rule data: namespaces with the fields of grammar_schema.GrammarData
    fingerprint: str

    def __post_init__(self) -> None:
        d = self.data
        self.marker_kinds = [(k, regex.compile(k.pattern)) for k in d.markers.kinds]
        self.rank = {k.name: k.rank for k in d.markers.kinds}
        self.box_re = regex.compile(d.markers.box.pattern)
        self.appendix_re = regex.compile(d.markers.appendix.pattern)
        self.appendix_listing_re = regex.compile(d.markers.appendix.listing)
        self.enumeration_re = regex.compile(d.markers.enumeration) if d.markers.enumeration else None
        # one cheap test per line before the kinds are tried one by one
        starts = [k.pattern for k in d.markers.kinds] + [d.markers.box.pattern, d.markers.appendix.pattern]
        start_pattern = "|".join("(?:" + regex.sub(r"\(\?P<\w+>", "(?:", p) + ")" for p in starts)
        try:  # the standard engine tests a short anchored alternation about twice as fast
            self.marker_start_re: Any = re.compile(start_pattern)
        except re.error:
            self.marker_start_re = regex.compile(start_pattern)

        lab = d.clauses.labels
        self.label_role: dict[str, str] = {}
        for role in ("lead", "support", "responsible", "deadline", "steps", "ignore"):
            for w in getattr(lab, role):
                self.label_role.setdefault(w, role)
        # a label is a known word followed by a colon (folded: ":")
        self.label_re = regex.compile(r"(?P<label>" + _alt(list(self.label_role)) + r")\s*[:：]\s*")
        # how far into a line a label's colon can stand (a cheap test before label_re)
        self.label_reach = max((len(w) for w in self.label_role), default=0) + 8
        self.verb_role: dict[str, str] = {}
        for role in ("lead", "responsible", "support"):
            for w in getattr(d.clauses.verbs, role):
                self.verb_role.setdefault(w, role)
        self.verb_tail_re = regex.compile(r"(?P<names>.*?)(?P<verb>" + _alt(list(self.verb_role)) + r")$")
        self.joint_re = regex.compile(r"(?P<a>.+?)(?:" + _alt(d.clauses.joint_words) + r")(?P<b>.+)")
        self.implied_re = regex.compile(d.clauses.implied.pattern)
        self.first_lead_re = regex.compile(d.clauses.first_listed_lead)
        self.not_clause_re = regex.compile(d.clauses.not_clause)

        dep = d.departments
        self.dept_suffix_re = regex.compile(r"(?:" + _alt(dep.suffixes) + r")$")
        self.group_prefix_re = regex.compile(r"^(?:" + _alt(dep.group_prefixes) + r")")
        self.others_tail_re = regex.compile(r"(?:" + _alt(dep.others_tails) + r")$")
        self.elidable_prefixes = sorted(dep.elidable_prefixes, key=len, reverse=True)
        self.proper_start_re = regex.compile(r"^(?:" + _alt(dep.proper_starts) + r")")
        self.aliases = dict(dep.aliases)

        md = d.metadata
        self.title_end_re = regex.compile(r"(?:" + _alt(md.title_endings) + r")$")
        self.issued_title_re = regex.compile(md.issued_title)
        self.wrapper_title_re = regex.compile(md.wrapper_title)
        self.issuer_end_re = regex.compile(r"(?:" + _alt(md.issuer_endings) + r")$")
        self.draft_re = regex.compile(_alt(md.draft_words))
        self.doc_number_re = regex.compile(md.doc_number)
        self.not_title_starts = tuple(md.not_title_starts)
        self.title_subject_openers = tuple(md.title_subject_openers)
        self.form_labels = tuple(w for w in md.form_labels if w)
        self.doc_number_not_org_re = regex.compile(
            r"^.*(?:" + _alt(md.doc_number_not_org) + r")") if md.doc_number_not_org else None
        self.draft_line_re = regex.compile(
            r"^[（(\[【]?(?:" + _alt(md.draft_words) + r")+[）)\]】]?$")
        self.draft_suffix_re = regex.compile(
            r"[（(\[【](?:" + _alt(md.draft_words) + r")+[）)\]】]$")
        self.header_role: dict[str, str] = {}
        for role, words in md.table_headers.items():
            for w in words:
                self.header_role.setdefault(w, role)
        self._compile_clause_tables()

    def _compile_clause_tables(self) -> None:
        """Tables for the responsibility layer, built once (affix lookups keyed by character,
        precompiled patterns), so no pattern is built or list sorted per call."""
        d = self.data
        c, dep = d.clauses, d.departments

        def longest_first(words: list[str]) -> tuple[str, ...]:
            return tuple(sorted({w for w in words if w}, key=lambda w: (-len(w), w)))

        self.joint_words = longest_first(c.joint_words)
        self.standalone_names = frozenset(dep.standalone)
        # a name ends with one of these characters: where a forgotten 、 may hide
        self.organ_end_chars = frozenset(s[-1] for s in dep.suffixes + dep.admin_suffixes if s)
        item_seps = [s for s in dep.separators if s not in ("，", ",", "；", ";")]
        self.group_sep_re = regex.compile("[，,；;]")
        self.item_sep_re = regex.compile("[" + "".join(regex.escape(s) for s in item_seps) + r"]")
        self.space_run_re = regex.compile(r"[ \t\u3000]{2,}|\u3000+|\t")
        self.header_words = sorted(self.header_role.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        # Memo of pure functions of (text, this grammar): clause parses and deadline readings.
        # The same clause texts recur within and across notices; bounded by the users.
        self.memo: dict[object, object] = {}
        self.verb_aff = Affixes(list(self.verb_role))
        self.opener_aff = Affixes(c.name_openers)
        self.suffix_aff = Affixes(dep.suffixes)
        self.admin_aff = Affixes(dep.admin_suffixes)
        self.group_suffix_aff = Affixes(dep.group_suffixes)
        self.group_prefix_aff = Affixes(dep.group_prefixes)
        self.branch_aff = Affixes(dep.branch_suffixes)
        self.exception_aff = Affixes(dep.prefix_exceptions)
        self.proper_aff = Affixes(dep.proper_starts)
        self.others_aff = Affixes(dep.others_tails)
        self.region_aff = Affixes(dep.elidable_prefixes)
        self.joint_levels = frozenset(dep.joint_levels)
        self.group_prefix_words = tuple(w for w in dep.group_prefixes if w)
        self.joint_place_ends = frozenset(w for w in dep.joint_place_ends if w)
        self.joint_level_organ_aff = Affixes(dep.joint_level_organs)
        self.not_start_aff = Affixes(dep.not_name_starts)
        # where a forgotten 、 may hide: an organ ending followed by a region prefix
        self.missing_sep_re = re.compile(
            "(?<=[" + "".join(sorted(regex.escape(c) for c in self.organ_end_chars)) + "])(?="
            + _alt(dep.elidable_prefixes) + ")")
        # stdlib re: for a plain alternation of literals it is several times faster here
        self.not_in_names_re = re.compile(_alt(dep.not_in_names + list("。，,;；:：！？!?《》“”\"")))
        self.note_hint_re = regex.compile(_alt(c.note_hints) or r"(?!)")
        # a region word inside a name, with a name after it (本溪市政府): searched from index 2
        self.own_place_re = re.compile("(?:" + "|".join(
            regex.escape(p) + ("" if len(p) > 1 else "..") for p in self.region_aff.words) + ")")
        # 省发展改革委（牵头）: a bracketed lead mark at the end of a name
        self.lead_mark_re = regex.compile(r"[(（]\s*(?:" + (_alt(c.lead_marks) or r"(?!)") + r")\s*[)）]$")


def builtin_grammar_dir() -> Path:
    """The installed grammars (inside the wheel), else the repository's grammars/."""
    here = Path(__file__).resolve().parent
    for d in (here / "grammars", here.parents[1] / "grammars"):
        if (d / "markers.yaml").is_file():
            return d
    raise GrammarError("built-in grammars not found (the package is installed without its grammars/)")


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(over, list):
        return list(over) + [x for x in base if x not in over]
    return over


def _read_bytes(path: Path, label: str | None) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GrammarError(f"cannot read grammar file ({exc.strerror or exc})", label or str(path)) from None


def _parse_yaml(data: bytes, path: Path) -> Any:
    import yaml

    try:
        # libyaml's loader when present: the pure-Python one is several times slower
        return yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except UnicodeDecodeError:
        raise GrammarError("is not UTF-8 text", str(path)) from None
    except yaml.YAMLError as exc:
        raise GrammarError(f"is not valid YAML: {str(exc).splitlines()[0]}", str(path)) from None


# ---------------------------------------------------------------- validation cache

_NS = "__ns__"  # marks a validated sub-model (as opposed to a mapping field) in the cache


def _plain(value: Any) -> Any:
    """Validated models → JSON data, each model a ``{"__ns__": {...}}`` wrapper."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        return {_NS: {k: _plain(getattr(value, k)) for k in fields}}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _namespace(obj: dict[str, Any]) -> Any:
    inner = obj.get(_NS)
    return SimpleNamespace(**inner) if inner is not None and len(obj) == 1 else obj


def _cache_dir() -> Path | None:
    env = os.environ.get("POLICYPARSE_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "policyparse"


def _cache_key(blobs: list[bytes]) -> str:
    h = hashlib.sha256()
    schema_src = Path(__file__).with_name("grammar_schema.py")
    try:
        h.update(schema_src.read_bytes())
    except OSError:
        h.update(b"?")
    for part in (__version__, sys.version, getattr(regex, "__version__", "")):
        h.update(part.encode() + b"\0")
    for blob in blobs:
        h.update(len(blob).to_bytes(8, "little") + blob)
    return h.hexdigest()[:32]


def _entry(text: str) -> tuple[Any, str]:
    """Rule data (namespaces) and fingerprint from a cache entry."""
    entry = json.loads(text, object_hook=_namespace)
    return entry["data"], entry["fingerprint"]


def _cache_read(key: str) -> tuple[Any, str] | None:
    """The cached entry of ``key``, if present and intact (its first line is the SHA-256 of
    the rest, so a truncated or edited file is validated afresh instead of trusted)."""
    d = _cache_dir()
    if d is None:
        return None
    try:
        digest, _, text = (d / f"grammar-{key}.json").read_text(encoding="utf-8").partition("\n")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
            return None
        return _entry(text)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # absent or damaged: validate afresh


_CACHE_KEEP = 16


def _cache_write(key: str, entry: str) -> None:
    d = _cache_dir()
    if d is None:
        return
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".grammar-", suffix=".part", dir=str(d))
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(hashlib.sha256(entry.encode("utf-8")).hexdigest() + "\n" + entry)
            os.replace(tmp, d / f"grammar-{key}.json")
        except BaseException:
            os.unlink(tmp)
            raise
        # keep the newest few: one entry per grammar version and override ever used
        old = sorted(d.glob("grammar-*.json"), key=lambda q: q.stat().st_mtime, reverse=True)[_CACHE_KEEP:]
        for q in old:
            q.unlink()
    except OSError:
        pass  # a read-only home or a full disk: the next run validates again


def _validate(raw: dict[str, Any], override: str | None) -> str:
    """The cache entry (JSON text) of validated rule data."""
    from pydantic import ValidationError

    from .grammar_schema import GrammarData

    try:
        model = GrammarData.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise GrammarError(f"invalid grammar at {where}: {first['msg']}", override) from None
    fp = hashlib.sha256(json.dumps(raw, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    return json.dumps({"fingerprint": fp, "data": _plain(model)}, ensure_ascii=False)


@lru_cache(maxsize=8)
def load_grammar(override: str | None = None) -> Grammar:
    """Load the built-in grammar, overlaid with ``override`` (a YAML path) if given.

    The override file has top-level keys named after the grammar files
    (``markers``, ``clauses``, ``departments``, ``targets``, ``metadata``).
    """
    base_dir = builtin_grammar_dir()
    paths = [base_dir / f"{name}.yaml" for name in GRAMMAR_FILES]
    blobs = [_read_bytes(p, None) for p in paths]
    if override:
        blobs.append(_read_bytes(Path(override), override))
    key = _cache_key(blobs)
    hit = _cache_read(key)
    if hit is not None:
        try:
            return Grammar(data=hit[0], fingerprint=hit[1])
        except Exception:  # noqa: BLE001 - an entry of a shape this code cannot use: validate afresh
            pass
    raw: dict[str, Any] = {name: _parse_yaml(b, p) for name, b, p in zip(GRAMMAR_FILES, blobs, paths)}
    if override:
        extra = _parse_yaml(blobs[-1], Path(override))
        if not isinstance(extra, dict) or not set(extra) <= set(GRAMMAR_FILES):
            raise GrammarError(
                f"top-level keys must be among {', '.join(GRAMMAR_FILES)}", override
            )
        raw = _merge(raw, extra)
    entry = _validate(raw, override)
    data, fp = _entry(entry)  # the runtime form is the cached one, whether or not the cache is on
    try:
        g = Grammar(data=data, fingerprint=fp)
    except (regex.error, re.error) as exc:
        raise GrammarError(f"a pattern does not compile: {exc}", override) from None
    _cache_write(key, entry)
    return g
