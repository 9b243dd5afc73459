"""Load, validate and compile the rule data in ``grammars/*.yaml``.

The grammar is read once per process (and per override file), validated with pydantic
(``policyparse.grammar.schema``), and its patterns compiled once. ``--grammar FILE``
overlays a YAML file on the built-in rules: mappings merge key by key, lists are
extended (the override's entries first), scalars are replaced.

Validation is remembered: parsing the YAML and importing pydantic cost about 250 ms,
more than a small notice's whole ``extract``, so the validated data of each exact set of
grammar bytes is kept as JSON in a cache folder (``POLICYPARSE_CACHE_DIR``, else
``$XDG_CACHE_HOME/policyparse``, else ``~/.cache/policyparse``; set the variable to an
empty string to turn the cache off). The key covers the grammar files' bytes, the
override's bytes, the schema's source and the versions of policyparse and Python, so
any change validates afresh; an unreadable or unwritable cache only costs
time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ..constants import VERSION as __version__
from ..errors import GrammarError, OutputError

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
    return "|".join(re.escape(w) for w in uniq)


class _Open(Exception):
    """A pattern whose first characters are no short known set."""


# the str tests of the categories a str pattern can open with (re's Unicode \\d is
# str.isdecimal, \\s str.isspace, \\w str.isalnum or "_")
_CATEGORY_TEST = {
    "CATEGORY_DIGIT": str.isdecimal, "CATEGORY_NOT_DIGIT": lambda ch: not ch.isdecimal(),
    "CATEGORY_SPACE": str.isspace, "CATEGORY_NOT_SPACE": lambda ch: not ch.isspace(),
    "CATEGORY_WORD": lambda ch: ch.isalnum() or ch == "_", "CATEGORY_NOT_WORD": lambda ch: not (ch.isalnum() or ch == "_"),
}


def _first_items(pattern: str, plain: bool) -> list[tuple] | None:
    """What the first character of a match of ``pattern`` is one of: ("char", c) items, and
    unless ``plain`` also ("range", lo, hi) and ("category", test); None when that is no
    such set (any character, a negated class, an empty match, case-insensitive matching,
    or a pattern only ``regex`` reads)."""
    try:
        from re import _constants as sc
        from re import _parser as sp
    except ImportError:  # Python 3.10
        import sre_constants as sc  # type: ignore[no-redef]
        import sre_parse as sp  # type: ignore[no-redef]

    out: list[tuple] = []
    # case-insensitive: more characters than written; ASCII: \\D and \\W differ from str's tests
    open_flags = sc.SRE_FLAG_IGNORECASE | (0 if plain else sc.SRE_FLAG_ASCII)

    def add(op: Any, av: Any) -> None:
        if op is sc.LITERAL:
            out.append(("char", chr(av)))
        elif op is sc.RANGE and not plain:
            out.append(("range", chr(av[0]), chr(av[1])))
        elif op is sc.CATEGORY and not plain and str(av) in _CATEGORY_TEST:
            out.append(("category", _CATEGORY_TEST[str(av)]))
        else:
            raise _Open

    def can_be_empty(items: Any) -> bool:
        for op, av in items:
            if op is sc.AT or op is sc.ASSERT or op is sc.ASSERT_NOT:
                continue
            if op is sc.LITERAL:
                add(op, av)
                return False
            if op is sc.IN:
                for o, a in av:
                    add(o, a)
                return False
            if op is sc.SUBPATTERN:
                if av[1] & open_flags:
                    raise _Open
                if not can_be_empty(av[-1]):
                    return False
            elif op is sc.BRANCH:
                if not any([can_be_empty(b) for b in av[1]]):  # a list: every branch adds its characters
                    return False
            elif op is sc.MAX_REPEAT or op is sc.MIN_REPEAT:
                if not can_be_empty(av[2]) and av[0] > 0:
                    return False
            else:
                raise _Open
        return True

    try:
        parsed = sp.parse(pattern)
        if parsed.state.flags & open_flags or can_be_empty(parsed):
            return None
    except (_Open, re.error, AttributeError):  # AttributeError: another Python's parser
        return None
    return out


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, read from the pattern, or None
    when they are no set of plain characters (a class like \\d, any character, an empty
    match, case-insensitive matching, or a pattern only ``regex`` reads): a cheap test
    before the pattern, kept in one place with it."""
    items = _first_items(pattern, plain=True)
    return None if items is None else frozenset(item[1] for item in items)


def first_char_test(pattern: str) -> Any:
    """A test of one character that holds for the first character of every match of
    ``pattern``, where :func:`first_chars` has no set (ranges and classes like \\d count
    too), or None when there is none. Nothing is compiled: it serves tables filled once."""
    items = _first_items(pattern, plain=False)
    if items is None:
        return None

    def test(ch: str) -> bool:
        for item in items:
            kind = item[0]
            if (kind == "char" and ch == item[1] or kind == "range" and item[1] <= ch <= item[2]
                    or kind == "category" and item[1](ch)):
                return True
        return False

    return test


def rx(pattern: str) -> Any:
    """Compile with the standard ``re`` when it reads the pattern, else with ``regex``.

    For the patterns ``re`` accepts the two engines agree (both leftmost-first
    backtrackers; str patterns are Unicode-aware in both), and ``re`` compiles them about
    twice as fast, which is most of a small notice's start-up. ``regex`` stays for
    what ``re`` lacks (variable-width look-behind, ``\\p{..}`` classes, repeated group
    names) and is imported only then."""
    try:
        return re.compile(pattern)
    except re.error:
        import regex

        return regex.compile(pattern)


@dataclass(frozen=True)
class KindInfo:
    """What the lexer and the tree need of a heading kind: a marker kind of the grammar, or
    one level of an ``outline`` kind (decimal1 of decimal)."""

    name: str
    family: str  # kinds of one family are neighbours in sequence of each other
    rank: float
    list_item: bool  # can number the items of an attachment list
    level: int | None = None  # the level of an outline kind (its number of dots); None otherwise


@dataclass
class Grammar:
    """Validated rule data, the tables built from it, and its patterns.

    Patterns are compiled on first use (``cached_property``: after that an attribute read
    like any other), since compiling all of them costs more than parsing a small notice
    that needs a few. A grammar read from its YAML is checked whole by :meth:`compile_all`
    before it is used or cached, so a bad pattern is still reported at load.
    """

    data: Any  # the validated rule data: namespaces with the fields of grammar_schema.GrammarData
    fingerprint: str

    def __post_init__(self) -> None:
        d = self.data
        # each marker kind by name (the first of a name, as the lexer tries kinds in order);
        # an outline's levels are added as they are met (see outline_level)
        self.kind_info: dict[str, KindInfo] = {}
        for k in d.markers.kinds:
            self.kind_info.setdefault(k.name, KindInfo(k.name, k.family or k.name, k.rank, k.list_item))
        lab = d.clauses.labels
        self.label_role: dict[str, str] = {}
        for role in ("lead", "support", "responsible", "deadline", "steps", "ignore"):
            for w in getattr(lab, role):
                self.label_role.setdefault(w, role)
        # how far into a line a label's colon can stand (a cheap test before label_re)
        self.label_reach = max((len(w) for w in self.label_role), default=0) + 8
        self.verb_role: dict[str, str] = {}
        for role in ("lead", "responsible", "support"):
            for w in getattr(d.clauses.verbs, role):
                self.verb_role.setdefault(w, role)
        dep = d.departments
        self.elidable_prefixes = sorted(dep.elidable_prefixes, key=len, reverse=True)
        self.aliases = dict(dep.aliases)
        md = d.metadata
        self.not_title_starts = tuple(md.not_title_starts)
        self.title_subject_openers = tuple(md.title_subject_openers)
        self.form_labels = tuple(w for w in md.form_labels if w)
        self.header_role: dict[str, str] = {}
        for role, words in md.table_headers.items():
            for w in words:
                self.header_role.setdefault(w, role)
        self._clause_tables()

    def outline_level(self, name: str, level: int) -> str:
        """The kind of the headings of outline kind ``name`` with ``level`` dots (decimal, 1 →
        decimal1): a kind of its own, ranked 0.1 per level below the outline's top."""
        key = f"{name}{level}"
        if key not in self.kind_info:
            top = self.kind_info[name]
            self.kind_info[key] = KindInfo(key, top.family, top.rank + 0.1 * level, top.list_item, level)
        return key

    def kind_rank(self, kind: str) -> float:
        """The rank of a heading kind; 10.0 (below every kind) for one the grammar does not know."""
        info = self.kind_info.get(kind)
        return 10.0 if info is None else info.rank

    def compile_all(self) -> None:
        """Compile every pattern now (raises ``re.error`` / ``regex.error``)."""
        for name, attr in vars(type(self)).items():
            if isinstance(attr, cached_property):
                getattr(self, name)

    # markers ------------------------------------------------------------------
    @cached_property
    def marker_kinds(self) -> list[tuple[Any, Any]]:
        return [(k, rx(k.pattern)) for k in self.data.markers.kinds]

    @cached_property
    def box_re(self) -> Any:
        return rx(self.data.markers.box.pattern)

    @cached_property
    def appendix_re(self) -> Any:
        return rx(self.data.markers.appendix.pattern)

    @cached_property
    def appendix_listing_re(self) -> Any:
        return rx(self.data.markers.appendix.listing)

    @cached_property
    def appendix_listing_hint(self) -> str | None:
        """The one character every attachment list line holds (附 of 附件：…), a cheap test
        before ``appendix_listing_re``; None when its pattern opens with more than one."""
        chars = first_chars(self.data.markers.appendix.listing)
        return next(iter(chars)) if chars is not None and len(chars) == 1 else None

    @cached_property
    def enumeration_re(self) -> Any:
        m = self.data.markers
        return rx(m.enumeration) if m.enumeration else None

    @cached_property
    def marker_start_re(self) -> Any:
        """One cheap test per line before the kinds are tried one by one."""
        m = self.data.markers
        starts = [k.pattern for k in m.kinds] + [m.box.pattern, m.appendix.pattern]
        return rx("|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", p) + ")" for p in starts))

    @cached_property
    def marker_prefix(self) -> str:
        """A pattern (text) for a heading's marker that may open a line before its first
        words, optional: any of ``grammars/markers.yaml``'s kinds, unanchored and without
        their groups."""
        kinds = [k.pattern for k in self.data.markers.kinds]
        if not kinds:
            return r"\s*"
        return r"\s*(?:" + "|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", p[1:]) + ")" for p in kinds) + ")?"

    # clauses ------------------------------------------------------------------
    @cached_property
    def label_re(self) -> Any:
        """A label is a known word followed by a colon (folded: ":")."""
        return rx(r"(?P<label>" + _alt(list(self.label_role)) + r")\s*[:：]\s*")

    @cached_property
    def verb_tail_re(self) -> Any:
        return rx(r"(?P<names>.*?)(?P<verb>" + _alt(list(self.verb_role)) + r")$")

    @cached_property
    def joint_re(self) -> Any:
        return rx(r"(?P<a>.+?)(?:" + _alt(self.data.clauses.joint_words) + r")(?P<b>.+)")

    @cached_property
    def implied_re(self) -> Any:
        return rx(self.data.clauses.implied.pattern)

    @cached_property
    def first_lead_re(self) -> Any:
        return rx(self.data.clauses.first_listed_lead)

    @cached_property
    def not_clause_re(self) -> Any:
        return rx(self.data.clauses.not_clause)

    @cached_property
    def note_hint_re(self) -> Any:
        return rx(_alt(self.data.clauses.note_hints) or r"(?!)")

    @cached_property
    def lead_mark_re(self) -> Any:
        """省发展改革委（牵头）: a bracketed lead mark at the end of a name."""
        return rx(r"[(（]\s*(?:" + (_alt(self.data.clauses.lead_marks) or r"(?!)") + r")\s*[)）]$")

    # departments ----------------------------------------------------------------
    @cached_property
    def dept_suffix_re(self) -> Any:
        return rx(r"(?:" + _alt(self.data.departments.suffixes) + r")$")

    @cached_property
    def group_prefix_re(self) -> Any:
        return rx(r"^(?:" + _alt(self.data.departments.group_prefixes) + r")")

    @cached_property
    def others_tail_re(self) -> Any:
        return rx(r"(?:" + _alt(self.data.departments.others_tails) + r")$")

    @cached_property
    def proper_start_re(self) -> Any:
        return rx(r"^(?:" + _alt(self.data.departments.proper_starts) + r")")

    @cached_property
    def group_sep_re(self) -> Any:
        groups = self.data.departments.group_separators
        return rx("[" + "".join(re.escape(s) for s in groups) + "]") if groups else rx("(?!)")

    @cached_property
    def item_sep_re(self) -> Any:
        d = self.data.departments
        item_seps = [s for s in d.separators if s not in d.group_separators]
        return rx("[" + "".join(re.escape(s) for s in item_seps) + r"]")

    @cached_property
    def space_run_re(self) -> Any:
        return rx(r"[ \t\u3000]{2,}|\u3000+|\t")

    @cached_property
    def missing_sep_re(self) -> Any:
        """Where a forgotten 、 may hide: an organ ending followed by a region prefix."""
        return rx("(?<=[" + "".join(sorted(re.escape(c) for c in self.organ_end_chars)) + "])(?="
                  + _alt(self.data.departments.elidable_prefixes) + ")")

    @cached_property
    def not_in_loose_names_re(self) -> Any:
        words = self.data.departments.not_in_loose_names
        return rx(_alt(words)) if words else rx("(?!)")  # an empty alternation would match everywhere

    @cached_property
    def not_in_names_re(self) -> Any:
        return rx(_alt(self.data.departments.not_in_names + list("。，,;；:：！？!?《》“”\"")))

    @cached_property
    def own_place_re(self) -> Any:
        """A region word inside a name, with a name after it (本溪市政府): searched from index 2."""
        return rx("(?:" + "|".join(
            re.escape(p) + ("" if len(p) > 1 else "..") for p in self.region_aff.words) + ")")

    # metadata -------------------------------------------------------------------
    @cached_property
    def title_end_re(self) -> Any:
        return rx(r"(?:" + _alt(self.data.metadata.title_endings) + r")$")

    @cached_property
    def speech_date_re(self) -> Any:
        return rx(self.data.metadata.speech_date)

    @cached_property
    def title_issues_re(self) -> Any:
        return rx(self.data.metadata.title_issues)

    @cached_property
    def title_period_re(self) -> Any:
        return rx(self.data.metadata.title_period)

    @cached_property
    def issued_title_re(self) -> Any:
        return rx(self.data.metadata.issued_title)

    @cached_property
    def wrapper_title_re(self) -> Any:
        return rx(self.data.metadata.wrapper_title)

    @cached_property
    def issuer_end_re(self) -> Any:
        return rx(r"(?:" + _alt(self.data.metadata.issuer_endings) + r")$")

    @cached_property
    def draft_re(self) -> Any:
        return rx(_alt(self.data.metadata.draft_words))

    @cached_property
    def doc_number_re(self) -> Any:
        return rx(self.data.metadata.doc_number)

    @cached_property
    def doc_number_not_org_re(self) -> Any:
        words = self.data.metadata.doc_number_not_org
        return rx(r"^.*(?:" + _alt(words) + r")") if words else None

    @cached_property
    def draft_line_re(self) -> Any:
        return rx(r"^[（(\[【]?(?:" + _alt(self.data.metadata.draft_words) + r")+[）)\]】]?$")

    @cached_property
    def draft_suffix_re(self) -> Any:
        return rx(r"[（(\[【](?:" + _alt(self.data.metadata.draft_words) + r")+[）)\]】]$")

    def _clause_tables(self) -> None:
        """Tables for the responsibility layer, built once (affix lookups keyed by character),
        so no list is sorted per call."""
        d = self.data
        c, dep = d.clauses, d.departments

        def longest_first(words: list[str]) -> tuple[str, ...]:
            return tuple(sorted({w for w in words if w}, key=lambda w: (-len(w), w)))

        self.joint_words = longest_first(c.joint_words)
        self.standalone_names = frozenset(dep.standalone)
        # a name ends with one of these characters: where a forgotten 、 may hide
        self.organ_end_chars = frozenset(s[-1] for s in dep.suffixes + dep.admin_suffixes if s)
        self.header_firsts = frozenset(w[0] for w in self.header_role if w)
        # the header words by length, longest first: (length, the words of that length)
        self.header_words_by_len = tuple((n, frozenset(w for w in self.header_role if len(w) == n))
                                         for n in sorted({len(w) for w in self.header_role}, reverse=True))
        # Memo of pure functions of (text, this grammar): clause parses and deadline readings.
        # The same clause texts recur within and across notices; bounded by the users.
        self.memo: dict[object, object] = {}
        self.verb_aff = Affixes(list(self.verb_role))
        self.opener_aff = Affixes(c.name_openers)
        self.note_tail_aff = Affixes(c.note_tails)
        # the first name of a bracketed text ends at a list separator or a conjunction
        self.first_name_ends = tuple(dict.fromkeys(dep.separators + dep.name_joins))
        self.levels = tuple(dep.levels)
        self.suffix_aff = Affixes(dep.suffixes)
        self.admin_aff = Affixes(dep.admin_suffixes)
        self.group_suffix_aff = Affixes(dep.group_suffixes)
        self.group_prefix_aff = Affixes(dep.group_prefixes)
        self.branch_aff = Affixes(dep.branch_suffixes)
        self.exception_aff = Affixes(dep.prefix_exceptions)
        self.proper_aff = Affixes(dep.proper_starts)
        self.others_aff = Affixes(dep.others_tails)
        self.others_joins = tuple(dep.others_joins)
        self.loose_name_max = dep.loose_name_max
        self.region_aff = Affixes(dep.elidable_prefixes)
        self.joint_levels = frozenset(dep.joint_levels)
        self.group_prefix_words = tuple(w for w in dep.group_prefixes if w)
        self.joint_place_ends = frozenset(w for w in dep.joint_place_ends if w)
        self.joint_level_organ_aff = Affixes(dep.joint_level_organs)
        self.not_start_aff = Affixes(dep.not_name_starts)


def builtin_grammar_dir() -> Path:
    """The installed grammars (inside the wheel), else the repository's grammars/."""
    package = Path(__file__).resolve().parents[1]  # src/policyparse, or site-packages/policyparse
    for d in (package / "grammars", package.parents[1] / "grammars"):
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
    schema_src = Path(__file__).with_name("schema.py")
    try:
        h.update(schema_src.read_bytes())
    except OSError:
        h.update(b"?")
    for part in (__version__, sys.version):
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
    from ..output.writers import write_atomic

    try:
        write_atomic(d / f"grammar-{key}.json", hashlib.sha256(entry.encode("utf-8")).hexdigest() + "\n" + entry)
        # keep the newest few: one entry per grammar version and override ever used
        old = sorted(d.glob("grammar-*.json"), key=lambda q: q.stat().st_mtime, reverse=True)[_CACHE_KEEP:]
        for q in old:
            q.unlink()
    except (OSError, OutputError):
        pass  # a read-only home or a full disk: the next run validates again


def _validate(raw: dict[str, Any], override: str | None) -> str:
    """The cache entry (JSON text) of validated rule data."""
    from pydantic import ValidationError

    from .schema import GrammarData

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
    import regex  # already loaded by the schema's checks

    try:
        g = Grammar(data=data, fingerprint=fp)
        g.compile_all()
    except (re.error, regex.error) as exc:
        raise GrammarError(f"a pattern does not compile: {exc}", override) from None
    _cache_write(key, entry)
    return g
