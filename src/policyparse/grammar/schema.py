"""The schema of ``grammars/*.yaml``: pydantic models that validate the rule data.

Imported only when a grammar is validated (the first load of a grammar's exact bytes; see
``policyparse.grammar``): pydantic's import and model building cost more than a small
file's whole parse.
"""

from __future__ import annotations

from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..text.numerals import Numeral


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MarkerKind(_Strict):
    """A kind of heading marker (一、 （一） 1． …). What the parser does with a kind is said
    by these attributes, never by its name: a kind can be renamed freely."""

    name: str = Field(description=(
        "The kind's name: the `kind` of its headings in the output (an `outline` kind adds its level: "
        "decimal0, decimal1 …)."))
    rank: float = Field(description=(
        "Seniority by the GB/T 9704—2012 convention, used when a kind appears for the first time (lower = "
        "more senior: 一、 2, （一） 3, 1． 4, （1） 5); depth comes from the order in which kinds first "
        "appear, rank only breaks ties."))
    numeral: Numeral = Field(description=(
        "How the `num` group reads: chinese (一 十一, and digits), arabic (1, ⑴ ⒈), decimal (1.2.3: its "
        "last component), circled (① ❶), latin (a b)."))
    pattern: str = Field(description=(
        "Regular expression matched against the folded line (full-width ASCII → half-width, U+3000 → "
        "space) after its leading white space; starts with ^ and has a group `num` (or `num2`) holding "
        "the number."))
    enumerates: bool = Field(False, description=(
        "An unbracketed marker (一、 1、) that can also start an enumeration inside a sentence: not a "
        "heading where `enumeration` matches after it (一、二级医院, 1、2月份)."))
    needs_sequence: Literal["never", "unspaced", "always"] = Field("never", description=(
        "When a heading of this kind stands only if a neighbour in sequence is a heading too (n±1, its "
        "parent or its first child, of the same `family`): always, or unspaced (no white space after the "
        "marker: 第一条高速公路 reads like 第一条为了…)."))
    family: str | None = Field(None, description=(
        "Kinds of one family are neighbours in sequence of each other for `needs_sequence` (1． is the "
        "parent of 1.1 when both say `family: decimal`); a free label. Default: the kind's own name."))
    list_item: bool = Field(False, description=(
        "Its markers can number the items of an attachment list (附件：1．X then 2．Y on the lines "
        "below): there they are list items, not headings."))
    outline: bool = Field(False, description=(
        "A decimal outline (1 / 1.1 / 1.1.1): each count of dots is a level of its own, named the kind's "
        "name plus that count (decimal0, decimal1 …) and ranked `rank` + 0.1 per dot; its neighbours in "
        "sequence are read from all components, and a top item (1 总则) stands only where its first "
        "child (1.1) follows."))

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

    @model_validator(mode="after")
    def _levels_named_apart(self) -> MarkersFile:
        """An outline's levels are named its name plus a number (decimal1): no other kind may
        be named so, or the two could not be told apart."""
        outlines = [k.name for k in self.kinds if k.outline]
        for k in self.kinds:
            for o in outlines:
                if k.name != o and k.name.startswith(o) and k.name[len(o):].isdigit():
                    raise ValueError(f"kind {k.name!r} is named like a level of the outline kind {o!r}")
        return self


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
    # a verb holding one of these (分别负责) gives each name its own part: no first-listed lead
    each_own: list[str] = []


class DepartmentsFile(_Strict):
    version: int = 1
    suffixes: list[str]
    group_prefixes: list[str]
    separators: list[str]
    group_separators: list[str] = []
    others_tails: list[str]
    others_joins: list[str] = []
    not_in_loose_names: list[str] = []
    loose_name_max: int = 12
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
    # ranks (1类, 2级, 三星): a rank is a target only after a comparator (达到3级), else it labels
    # a category (1类创新药, 2级及以上能效)
    rank_units: list[str] = []
    # approximators between a comparator and its number (提高约20%): the comparator still holds
    approximators: list[str] = []
    # per-beneficiary words (每人, 每家): an amount after them is a rate, not a target
    per_unit: list[str] = []
    # 按每户…: a per-unit standard, whatever the unit
    per_unit_standard: list[str] = []
    percent_verbs_after: list[str] = []
    # a threshold quantity followed by this particle describes a class (超过1亿元的企业)
    attributive: list[str] = []
    # a sentence comparing with the past (同比, 比上年) reports a statistic …
    statistic_words: list[str] = []
    # a section reviewing past work (一、2023年工作回顾) reports: its title names the past and
    # ends in one of `review_endings`
    review_endings: list[str] = []
    # a sentence that defines a term (X是指…) describes it: its quantities are no targets
    definition_words: list[str] = []
    # multiples of an amount (1倍以上5倍以下的罚款): in a sentence of rule words, a rule
    ratio_units: list[str] = []
    # an amount in these with a floor, then a noun, picks out a class (50亿元以上工业项目)
    amount_units: list[str] = []
    # a count right after these sums up the list before it (A、B等8个…)
    list_ends: list[str] = []
    # a phrase ending so before a comma states a condition (…以下的，经批准…)
    condition_ends: list[str] = []
    review_past_words: list[str] = []
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
    speech_date: str = r"^[（(—\-－]{1,2}(?P<date>.{6,16}?日)在.{2,60}上(?:的讲话|的报告)?[）)]?$"
    title_issues: str = r"(?:印发|印發|转发|轉發)《[^《》]{4,80}》$"
    title_period: str = r"[（(](?:\d{4}\s*[-—–~至]+\s*\d{4}\s*年?|试行|暂行|修订|試行|暫行|修訂)[）)]$"
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
    # the state's name before a central organ in a decree's header (中华人民共和国国务院令)
    state_names: list[str] = []


class GrammarData(_Strict):
    markers: MarkersFile
    clauses: ClausesFile
    departments: DepartmentsFile
    targets: TargetsFile
    metadata: MetadataFile
