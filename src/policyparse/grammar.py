"""Load, validate and compile the rule data in ``grammars/*.yaml``.

The grammar is read once per process (and per override file), validated with
pydantic, and its patterns compiled once. ``--grammar FILE`` overlays a YAML file on
the built-in rules: mappings merge key by key, lists are extended (the override's
entries first), scalars are replaced.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import regex
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import GrammarError

GRAMMAR_FILES = ("markers", "clauses", "departments", "targets", "metadata")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MarkerKind(_Strict):
    name: str
    rank: float
    numeral: str
    pattern: str
    # an unbracketed marker (一、 1、) that can also start an enumeration in a sentence
    enumerates: bool = False
    # "always" / "unspaced" (no white space after the marker): the heading stands only
    # if a neighbour in sequence (n±1, its parent or first child) is a heading too
    needs_sequence: Literal["never", "unspaced", "always"] = "never"

    @field_validator("pattern")
    @classmethod
    def _anchored(cls, v: str) -> str:
        if not v.startswith("^"):
            raise ValueError("marker patterns must start with ^")
        regex.compile(v)
        return v


class BoxSpec(_Strict):
    name: str = "box"
    pattern: str


class AppendixSpec(_Strict):
    pattern: str
    listing: str


class MarkersFile(_Strict):
    version: int = 1
    kinds: list[MarkerKind]
    box: BoxSpec
    appendix: AppendixSpec
    # what follows an enumerating marker when it lists numbers instead of opening a
    # heading: groups `next` (a numeral) and optional `sep` (a list separator)
    enumeration: str | None = None


class Labels(_Strict):
    lead: list[str]
    support: list[str]
    responsible: list[str]
    deadline: list[str]
    steps: list[str]
    ignore: list[str] = []


class Verbs(_Strict):
    lead: list[str]
    responsible: list[str]
    support: list[str]


class Implied(_Strict):
    pattern: str


class ClausesFile(_Strict):
    version: int = 1
    labels: Labels
    verbs: Verbs
    joint_words: list[str]
    implied: Implied
    first_listed_lead: str
    not_clause: str
    name_openers: list[str] = []
    note_hints: list[str] = []
    deadline_ongoing: list[str] = []
    lead_marks: list[str] = []


class DepartmentsFile(_Strict):
    version: int = 1
    suffixes: list[str]
    group_prefixes: list[str]
    separators: list[str]
    others_tails: list[str]
    elidable_prefixes: list[str]
    proper_starts: list[str]
    aliases: dict[str, str] = {}
    admin_suffixes: list[str] = []
    group_suffixes: list[str] = []
    standalone: list[str] = []
    branch_suffixes: list[str] = []
    prefix_exceptions: list[str] = []
    not_in_names: list[str] = []
    not_name_starts: list[str] = []
    joint_levels: list[str] = []
    joint_level_organs: list[str] = []
    joint_place_ends: list[str] = []


class TargetsFile(_Strict):
    version: int = 1
    comparators_before: dict[str, list[str]]
    comparators_after: dict[str, list[str]]
    indicator_nouns: list[str]
    count_verbs: list[str]
    percent: list[str]
    magnitudes: list[str]
    measures: list[str]
    spec_units: list[str]
    not_before: list[str]
    placeholders: list[str]
    plan_periods: dict[str, int]
    # units that measure time: a policy's duration unless an indicator noun or a
    # limiting comparator says otherwise
    time_units: list[str] = ["年", "个月", "月", "天", "日", "小时", "分钟", "岁", "个工作日", "工作日"]
    # words that make a sentence a rule of support (给予…奖励): its amounts and periods
    # describe the rule, they are not targets
    rule_words: list[str] = []
    # per-beneficiary words (每人, 每家): an amount after them is a rate, not a target
    per_unit: list[str] = []
    # 按每户…: a per-unit standard, whatever the unit
    per_unit_standard: list[str] = []
    percent_verbs_after: list[str] = []
    # a threshold quantity followed by this particle describes a class (超过1亿元的企业)
    attributive: list[str] = []
    # a sentence comparing with the past (同比, 比上年) reports a statistic …
    statistic_words: list[str] = []
    # a year right after these is the baseline compared with (较2020年), not the target year
    baseline_words: list[str] = []
    # comparator words too common to be trusted away from the number they qualify
    weak_comparators: list[str] = []
    # copulas that make a target only with a unit (为, 实现, 确保, 达) …
    verbs_needing_unit: list[str] = []
    # … only with a percentage or an amount in 万/亿 (为, 实现) …
    verbs_needing_amount: list[str] = []
    # … and never with a time unit (为期3年)
    verbs_not_for_time: list[str] = []
    # … unless it aims at something (力争, 确保, or a target year 到2020年)
    aim_words: list[str] = []

    @field_validator("comparators_before", "comparators_after")
    @classmethod
    def _known(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        bad = set(v) - {">=", "<=", "=", "~", "+", "-"}
        if bad:
            raise ValueError(f"unknown comparator(s): {sorted(bad)}")
        return v


class MetadataFile(_Strict):
    version: int = 1
    title_endings: list[str]
    issued_title: str
    wrapper_title: str = r"(?:关于|關於)(?:印发|印發|转发|轉發|下发|颁布|頒布)(?P<title>.{4,80}?)的(?:通知|通告|决定|決定)$"
    issuer_endings: list[str]
    addressee_words: list[str]
    draft_words: list[str]
    doc_number: str
    table_headers: dict[str, list[str]]
    doc_number_not_org: list[str] = []
    # a line opening with these is a sentence of the body, never the title
    not_title_starts: list[str] = []
    # a title opening with these names its subject and leaves the issuer to the line above
    # (青海省人民政府 / 关于加快推进生态旅游发展的实施意见)
    title_subject_openers: list[str] = []
    form_labels: list[str] = []


class GrammarData(_Strict):
    markers: MarkersFile
    clauses: ClausesFile
    departments: DepartmentsFile
    targets: TargetsFile
    metadata: MetadataFile


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

    data: GrammarData
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


def _package_grammar_dir() -> Path | None:
    try:
        p = resources.files("policyparse") / "grammars"
        if p.is_dir():
            return Path(str(p))
    except (ModuleNotFoundError, FileNotFoundError, TypeError):
        pass
    return None


def builtin_grammar_dir() -> Path:
    """The installed grammars (inside the wheel), else the repository's grammars/."""
    pkg = _package_grammar_dir()
    if pkg is not None and (pkg / "markers.yaml").is_file():
        return pkg
    repo = Path(__file__).resolve().parents[2] / "grammars"
    if (repo / "markers.yaml").is_file():
        return repo
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


def _read_yaml(path: Path) -> Any:
    try:
        # libyaml's loader when present: the pure-Python one is most of the start-up time
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise GrammarError(f"cannot read grammar file ({exc.strerror or exc})", str(path)) from None
    except yaml.YAMLError as exc:
        raise GrammarError(f"is not valid YAML: {str(exc).splitlines()[0]}", str(path)) from None


@lru_cache(maxsize=8)
def load_grammar(override: str | None = None) -> Grammar:
    """Load the built-in grammar, overlaid with ``override`` (a YAML path) if given.

    The override file has top-level keys named after the grammar files
    (``markers``, ``clauses``, ``departments``, ``targets``, ``metadata``).
    """
    base_dir = builtin_grammar_dir()
    raw: dict[str, Any] = {name: _read_yaml(base_dir / f"{name}.yaml") for name in GRAMMAR_FILES}
    if override:
        extra = _read_yaml(Path(override))
        if not isinstance(extra, dict) or not set(extra) <= set(GRAMMAR_FILES):
            raise GrammarError(
                f"top-level keys must be among {', '.join(GRAMMAR_FILES)}", override
            )
        raw = _merge(raw, extra)
    try:
        data = GrammarData.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise GrammarError(f"invalid grammar at {where}: {first['msg']}", override) from None
    try:
        fp = hashlib.sha256(json.dumps(raw, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
        return Grammar(data=data, fingerprint=fp)
    except regex.error as exc:
        raise GrammarError(f"a pattern does not compile: {exc}", override) from None
