"""The schema of ``grammars/*.yaml``: pydantic models that validate the rule data.

Imported only when a grammar is validated (the first load of a grammar's exact bytes; see
``policyparse.grammar``): pydantic's import and model building cost more than a small
file's whole parse.
"""

from __future__ import annotations

from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, field_validator
from pydantic import Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Wording moved out of the Python code (issue 11). New fields stand in classes of their own,
# which the files' models inherit.

class _TargetsWording(_Strict):
    money_units: list[str] = Field([], description=(
        "Units of money: an amount in a unit ending in one of these, in a sentence of `rule_words`, "
        "states a rule of support (每家给予100万元奖励), not a target."))
    list_joiners: list[str] = Field([], description=(
        "Characters that join the items of a list of quantities sharing one verb "
        "(选拔100名正职、200名副职): the later item takes the earlier one's comparator."))
    plan_period_words: list[str] = Field([], description=(
        "Words after a plan's name (`plan_periods`) that make it the target year of a quantity "
        "after it (到“十三五”末, “十四五”时期)."))
    past_period_words: list[str] = Field([], description=(
        "Words after a plan's name opening a sentence that place the sentence in the plan's "
        "time (“十三五”期间, 十三五以来): a plan that ended before the notice's year reports the past."))
    past_year_openers: list[str] = Field([], description=(
        "Words that may stand before a year opening a sentence (在2022年, 于2022年): the sentence "
        "reports that year when it is before the notice's."))
    forward_after_year: list[str] = Field([], description=(
        "Words right after a year's 年 that look forward from it (2022年底前, 2022年起): a "
        "sentence opening so does not report the past."))
    aim_year_openers: list[str] = Field([], description=(
        "Words before a year that aim at it (到2025年, 至2025年): a sentence holding one aims, so "
        "it is no statistic or report. Not where the word ends a `statistic_words` entry (截至)."))


class DeadlineWords(_Strict):
    """The words around the date of a labelled deadline (推进时限：2022年10月底前)."""

    by_openers: list[str] = Field([], description=(
        "Words before a date that make it the date to finish by (到2017年, 于2022年6月)."))
    date_ends: dict[str, int | None] = Field({}, description=(
        "Words right after a year or month that place the date within it, each with the month "
        "it gives a year alone (年底 → 12, 上半年 → 6; null: none). The date is then one to finish by."))
    before: list[str] = Field([], description=(
        "Words after a date that make it one to finish by (2016年前, 2016年6月底之前, 2016年内)."))
    from_words: list[str] = Field([], description=(
        "Words after a date that make it the start of ongoing work (2016年起, 2016年开始)."))
    range_words: list[str] = Field([], description=(
        "Words that join the two ends of a range of dates (2016年至2020年); the dashes "
        "- — – ~ always do."))
    plan_within: list[str] = Field([], description=(
        "Words after a plan's name (targets' `plan_periods`) that make its five years the "
        "deadline (“十三五”期间)."))
    plan_ends: list[str] = Field([], description=(
        "Words after a plan's name that make its last year's end the deadline (“十三五”末)."))


class _ClausesWording(_Strict):
    deadline_words: DeadlineWords = Field(default_factory=DeadlineWords, description=(
        "The wording of labelled deadlines: the words around a date that say what it bounds."))
    note_tails: list[str] = Field([], description=(
        "Words right after a document-wide note inside a clause that belong to the note and go "
        "with it (…列第一位者为牵头单位，下同)."))
    label_endings: list[str] = Field([], description=(
        "How a clause label ends (…单位, …部门, …时限): `check` takes a short word ending so "
        "before a colon for a label it does not know (PP102)."))


class _DepartmentsWording(_Strict):
    name_joins: list[str] = Field([], description=(
        "Conjunctions that join two names of a list (省财政厅和省商务厅), besides `separators`: "
        "the first name of a bracketed text ends at one."))
    levels: list[str] = Field([], description=(
        "Administrative levels above `elidable_prefixes` a name may open with (国家, 国务院): "
        "`check` compares names without their level (PP208), since 国家发展改革委 is another "
        "organ than 省发展改革委, not a slip."))


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


class ClausesFile(_ClausesWording):
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


class DepartmentsFile(_DepartmentsWording):
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


class TargetsFile(_TargetsWording):
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
