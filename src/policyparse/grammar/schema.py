"""The schema of ``grammars/*.yaml``: pydantic models that validate the rule data.

Imported only when a grammar is validated (the first load of a grammar's exact bytes; see
``policyparse.grammar``): pydantic's import and model building cost more than a small
file's whole parse.

Every field carries a ``description``: ``python -m policyparse.grammar.reference`` turns
them into the reference of the grammar keys, ``docs/grammar.md``.
"""

from __future__ import annotations

from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..text.numerals import Numeral

_VERSION = "Format version of the file. Validated as an integer, not otherwise read."


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DeadlineWords(_Strict):
    """The words around the date of a labelled deadline (推进时限：2022年10月底前): the
    `deadline_words` section of clauses.yaml."""

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
    """Boxes (专栏N …): the ``box`` section of markers.yaml. A box sits inside the heading
    open where it stands, without opening a level."""

    name: str = Field("box", description=(
        "Name of the box kind. Not read by the parser: box lines are reported with marker kind "
        "`box` whatever this says."))
    pattern: str = Field(..., description=(
        "Regular expression for a line that opens a box, matched on the folded line; group `num` is "
        "the box's number, read as a Chinese or Arabic numeral (`^(?:专栏|專欄)\\s*(?P<num>…)`)."))


class AppendixSpec(_Strict):
    """Appendices (附件 / 附表): the ``appendix`` section of markers.yaml."""

    pattern: str = Field(..., description=(
        "Regular expression for a line that opens an appendix (附件, 附件2, 附件2：重点任务分工表), "
        "matched on the folded line; an appendix starts a fresh hierarchy of headings. Such a line "
        "is never taken for the title."))
    listing: str = Field(..., description=(
        "Regular expression for a line that lists attachments instead (附件：X, 附件：1．X, or 附件： "
        "alone with numbered items on the lines below); group `rest` is what follows 附件. The "
        "attachments are reported in the metadata, and the numbered lines under such a line are "
        "list items, not headings."))


class MarkersFile(_Strict):
    """markers.yaml: the heading marker kinds, boxes, appendices and the enumeration test."""

    version: int = Field(1, description=_VERSION)
    kinds: list[MarkerKind] = Field(..., description=(
        "The heading marker kinds (第一章, 一、, （一）, 1．, （1）, ① …), tried in this order."))
    box: BoxSpec = Field(..., description="The box line (专栏1 …).")
    appendix: AppendixSpec = Field(..., description="The appendix and attachment-list lines.")
    enumeration: str | None = Field(None, description=(
        "Regular expression for what follows an enumerating marker when it lists numbers instead of "
        "opening a heading: groups `next` (a numeral) and optional `sep` (a list separator): "
        "一、二级医院, 1、2月份, 110、119、120. Null: enumerating markers are always headings."))

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
    """Clause labels by role (``牵头单位：X``): the ``labels`` section of clauses.yaml.

    A label is one of these words followed by a colon. A word listed under two roles takes
    the first in the order lead, support, responsible, deadline, steps, ignore; the longest
    label wins (主要责任单位 over 责任单位)."""

    lead: list[str] = Field(..., description="Labels whose value names the lead units (牵头部门, 牵头单位).")
    support: list[str] = Field(..., description=(
        "Labels whose value names the supporting units (配合部门, 参加单位, 协办单位)."))
    responsible: list[str] = Field(..., description=(
        "Labels whose value names the responsible units (责任单位, 实施单位)."))
    deadline: list[str] = Field(..., description=(
        "Labels whose value is the deadline (推进时限, 完成时间, 时间节点), read into a kind "
        "(by, range, from, period, ongoing) and dates."))
    steps: list[str] = Field(..., description="Labels whose value is kept as the steps (推进步骤).")
    ignore: list[str] = Field([], description=(
        "Labels naming people, not departments (责任领导, 联系人): recognised, so they end the value "
        "before them, and dropped."))


class Verbs(_Strict):
    """Role verbs of unlabelled clauses (``X牵头，Y配合``): the ``verbs`` section of clauses.yaml.

    The names before a verb take its role; the longest verb at the end of a part wins. A word
    listed under two roles takes the first in the order lead, responsible, support."""

    lead: list[str] = Field(..., description="Verbs that make the names before them lead (牵头, 牵头负责).")
    responsible: list[str] = Field(..., description=(
        "Verbs that make the names before them responsible (负责, 按职责分工负责, 落实)."))
    support: list[str] = Field(..., description="Verbs that make the names before them support (配合, 参与, 协助).")


class Implied(_Strict):
    """A document-wide note of implied responsibility: the ``implied`` section of clauses.yaml."""

    pattern: str = Field(..., description=(
        "Regular expression for a note that names units answering for every task without being listed "
        "on each (以下均需各市人民政府落实，不再列出); group `names` is the list. The names are reported "
        "as the document's implied responsibility and the note is cut from any clause it stands in."))


class ClausesFile(_Strict):
    """clauses.yaml: responsibility clauses — labels, role verbs and document-wide conventions.

    Clauses are matched on the source text, so names keep their own punctuation."""

    version: int = Field(1, description=_VERSION)
    labels: Labels = Field(..., description="Labels of `label：value` clauses, by role.")
    verbs: Verbs = Field(..., description="Verbs of unlabelled clauses, by role.")
    joint_words: list[str] = Field(..., description=(
        "Words joining two lists in a verb clause: the names before lead, those after support "
        "(X会同Y负责)."))
    implied: Implied = Field(..., description="The implied-responsibility note.")
    first_listed_lead: str = Field(..., description=(
        "Regular expression for the declaration that the first unit of every list leads "
        "(列第一位者为牵头单位，下同). From the clause that says it on, the first responsible name of a "
        "clause without lead or support becomes its lead."))
    not_clause: str = Field(..., description=(
        "Regular expression for bracketed texts that are never clauses, matched at their start "
        "(（以下简称…）, （试行）, （2016年）, （第三条）) — unless a label follows inside "
        "(（6月底完成，牵头考核单位：市工信局）)."))
    name_openers: list[str] = Field([], description=(
        "Words that may open the names of a verb clause, dropped before the names are read "
        "(由X牵头 → X)."))
    note_hints: list[str] = Field([], description=(
        "A cheap line filter: only a text holding one of these words is searched for "
        "`first_listed_lead` and `implied` (第一, 首位, 不再)."))
    deadline_ongoing: list[str] = Field([], description=(
        "Words that make a deadline without a firm date ongoing (常年, 长期, 持续推进)."))
    lead_marks: list[str] = Field([], description=(
        "Words that, in brackets after a name, make that name lead "
        "(责任单位：省发展改革委（牵头）、省财政厅)."))
    each_own: list[str] = Field([], description=(
        "A verb holding one of these (分别负责) gives each name its own part: the clause gets no "
        "first-listed lead, even where the notice declares one."))
    deadline_words: DeadlineWords = Field(..., description=(
        "The wording of labelled deadlines: the words around a date that say what it bounds."))
    note_tails: list[str] = Field([], description=(
        "Words right after a document-wide note inside a clause that belong to the note and go "
        "with it (…列第一位者为牵头单位，下同)."))
    label_endings: list[str] = Field([], description=(
        "How a clause label ends (…单位, …部门, …时限): `check` takes a short word ending so "
        "before a colon for a label it does not know (PP102)."))


class DepartmentsFile(_Strict):
    """departments.yaml: how a department name is recognised by its form (no dictionary), how
    lists of names split, and which region prefix an elided name gets back."""

    version: int = Field(1, description=_VERSION)
    suffixes: list[str] = Field(..., description=(
        "Organ endings (厅, 局, 委员会, 人民政府, 有关部门): a name is a qualifier followed by one "
        "of these, longest first. Also the endings after which a forgotten 、 is looked for "
        "(省财政厅省教育厅)."))
    group_prefixes: list[str] = Field(..., description=(
        "Prefixes of group names that stand for departments (各有关部门, 各市人民政府, 省直): such a "
        "name is kept as written and never given an elided prefix."))
    separators: list[str] = Field(..., description="Characters that separate the names of a list (、 ， / ；).")
    group_separators: list[str] = Field([], description=(
        "Separators that also start a new group, where an elided region prefix stops being restored "
        "(（省发展改革委、经济和信息化委，广东电网公司）: 省 stops at ，)."))
    others_tails: list[str] = Field(..., description=(
        "Tails meaning \"and others\" (等, 等有关部门, 及其他相关单位): cut from the list, which is "
        "then reported with `and_others`."))
    others_joins: list[str] = Field([], description=(
        "等 followed by a conjunction (等和, 等及): ends one run of names and adds the next one "
        "(A、B等和各省级人民政府 → A, B, 各省级人民政府, and others)."))
    not_in_loose_names: list[str] = Field([], description=(
        "Words that make a name without an organ ending prose, where a role verb closes the list "
        "(由, 要, 工作, 措施): see `loose_name_max`."))
    loose_name_max: int = Field(12, description=(
        "A list that a role verb closes (X、Y负责) may hold names without an organ ending "
        "(银保监会, 共青团中央) when they are at most this long, hold none of `not_in_names` and "
        "`not_in_loose_names`, and the list names one organ by its form."))
    elidable_prefixes: list[str] = Field(..., description=(
        "Region prefixes that a list may write only on its first name (省发展改革委、经济和信息化委 → "
        "省经济和信息化委); restored on the others when none writes a prefix of its own."))
    proper_starts: list[str] = Field(..., description=(
        "Starts of names that carry their own place or are national (国家, 中国人民银行, 北京, 沈阳): "
        "never given an elided prefix; they also count as administrative in a bare list."))
    aliases: dict[str, str] = Field({}, description=(
        "Known short form → full spelling (省发改委: 省发展改革委). Names are reported as written; the "
        "alias is given beside them (`known_as`) so lists from different notices can be joined."))
    admin_suffixes: list[str] = Field([], description=(
        "Endings of an administrative organ (厅, 委, 局, 人民政府): a bare bracketed list is a clause "
        "only if one of its names ends so, or starts with a region, group or proper prefix."))
    group_suffixes: list[str] = Field([], description=(
        "Place words that end a group name after a group prefix (各地区, 各县（市、区）, 各市州)."))
    standalone: list[str] = Field([], description="Organ words that are a name on their own (海关, 法院, 妇联).")
    branch_suffixes: list[str] = Field([], description=(
        "Endings of local branches of central organs and of enterprises (海关, 证监局, 分行, 公司): a "
        "name with its own head before the ending carries its own place and gets no elided prefix "
        "(大连海关)."))
    prefix_exceptions: list[str] = Field([], description=(
        "Words that start with a region prefix's character but are no prefix (市场, 区域): such a name "
        "writes no prefix of its own, so an elided one is restored on it (省财政厅、市场监管局 → "
        "省市场监管局), and no forgotten 、 is looked for before it."))
    not_in_names: list[str] = Field([], description=(
        "Words that never occur inside an organ name (包括, 按照, 负责, 的): a \"name\" holding one is "
        "prose, unless the word is part of the organ's own name up to its ending (就业指导中心)."))
    not_name_starts: list[str] = Field([], description=(
        "Starts of an aside about an organ, not a name (原省工商局, 现省市场监管局, 报省政府办公厅)."))
    joint_levels: list[str] = Field([], description=(
        "Administrative levels that a joint group name lists before the organ they share: an item "
        "that is only (a group prefix and) one of these joins the items after it up to one ending in "
        "`joint_level_organs` (各市、州、县人民政府 is one name)."))
    joint_level_organs: list[str] = Field([], description=(
        "Organs that a run of levels or places shares (人民政府, 政府, 管委会)."))
    joint_place_ends: list[str] = Field([], description=(
        "Last characters of proper places before a shared organ: 沈阳市、大连市人民政府 → "
        "沈阳市人民政府, 大连市人民政府."))
    name_joins: list[str] = Field([], description=(
        "Conjunctions that join two names of a list (省财政厅和省商务厅), besides `separators`: "
        "the first name of a bracketed text ends at one."))
    levels: list[str] = Field([], description=(
        "Administrative levels above `elidable_prefixes` a name may open with (国家, 国务院): "
        "`check` compares names without their level (PP208), since 国家发展改革委 is another "
        "organ than 省发展改革委, not a slip."))


class TargetsFile(_Strict):
    """targets.yaml: numeric targets — what commits a notice to a quantity, and what does not.

    A target is a number (or a placeholder) with a unit, tied to a comparator word before it
    (达到42%), a qualifier after it (80%以上), an indicator noun before it (比例1.16%), or a
    count verb (建设200个). Matched on the folded text (６．５％ → 6.5%)."""

    version: int = Field(1, description=_VERSION)
    comparators_before: dict[str, list[str]] = Field(..., description=(
        "Comparator → words right before the number that give it (`>=`: 不低于, 超过; `<=`: 控制在; "
        "`=`: 达到, 提高到; `+`: 增长; `-`: 下降). Keys are among `>=`, `<=`, `=`, `~`, `+`, `-`. A "
        "word earlier in the phrase counts too, unless it is weak."))
    comparators_after: dict[str, list[str]] = Field(..., description=(
        "Comparator → qualifiers right after the number and unit (`>=`: 以上; `<=`: 以内; `~`: 左右); "
        "they override the word before. Same keys as `comparators_before`."))
    indicator_nouns: list[str] = Field(..., description=(
        "Nouns that state a target right before the number without a verb (率, 比例, 量: "
        "保有量6902万亩, 比例1.16%); the comparator is `=`."))
    count_verbs: list[str] = Field(..., description=(
        "Verbs of building or reaching that commit to the quantity right after them (建设200个基地), "
        "or to a count (not a percentage) later in their phrase (累计建成5G基站1.2万个)."))
    percent: list[str] = Field(..., description="Percentage units (%, ‰, 个百分点).")
    magnitudes: list[str] = Field(..., description=(
        "Magnitudes (万, 亿, 万亿): a unit on their own or before a measure (万亩, 亿元)."))
    measures: list[str] = Field(..., description=(
        "Measure words and units (个, 项, 亩, 吨, 元, 平方米); a number needs a unit (or is a "
        "placeholder) to be a candidate at all."))
    spec_units: list[str] = Field(..., description=(
        "Units of a specification, never a target (千伏, 纳米, 届, 号: 500千伏)."))
    not_before: list[str] = Field(..., description=(
        "Words right before a number (or its comparator) that make it an ordinal or identifier, never "
        "a value (第, 编号, 电话)."))
    placeholders: list[str] = Field(..., description=(
        "Placeholders for a value still to be set (*, ×, XX): a target with `value` null and "
        "`pending` true. X and XX count only after a comparator."))
    plan_periods: dict[str, int] = Field(..., description=(
        "Five-year plan → its last year (十四五: 2025): the target year of 到\"十四五\"末, a deadline "
        "(\"十四五\"期间 is its five years), and a past period in a report."))
    time_units: list[str] = Field(..., description=(
        "Units that measure time: a quantity in them is a policy's duration (240小时过境免签, "
        "有效期5年), not a target, unless a `=` or `<=` comparator word, none of `verbs_not_for_time`, "
        "commits to it (受教育年限达到11年, 不超过3个月)."))
    rule_words: list[str] = Field([], description=(
        "Words that make a sentence a rule of support or regulation (给予, 奖励, 补贴, 应当, 不得): "
        "its money amounts, multiples and periods describe the rule, not targets, unless an aim "
        "stands in the value's own phrase after them; so does a percentage after them in its phrase "
        "(补贴比例不高于30%)."))
    rank_units: list[str] = Field([], description=(
        "Ranks (类, 级, 星): a target only right after a comparator (达到3级), else the number labels "
        "a category (1类创新药, 2级及以上能效)."))
    approximators: list[str] = Field([], description=(
        "Approximators between a comparator and its number (提高约20%): the comparator still holds."))
    per_unit: list[str] = Field([], description=(
        "Per-beneficiary words (每人, 每户, 单个): a money amount after them in the sentence is a rate, "
        "not a target."))
    per_unit_standard: list[str] = Field([], description=(
        "Words of a per-unit standard to apply (按每户不低于1个充电桩): a quantity after them, whatever "
        "its unit, is no target."))
    percent_verbs_after: list[str] = Field([], description=(
        "Verbs right after a percentage that commit to it as a share to reach (停车位100%建设充电设施, "
        "行政村100%覆盖)."))
    attributive: list[str] = Field([], description=(
        "Particles after a threshold quantity that make it describe a class (的: 超过1亿元的企业, "
        "60岁以上的老年人); percentages stay targets."))
    statistic_words: list[str] = Field([], description=(
        "Words of a sentence comparing with the past or stating where things stand (同比, 比上年, "
        "截至, 已建成): it reports a statistic, unless it aims (`aim_words`) or a qualifier follows "
        "the number."))
    review_endings: list[str] = Field([], description=(
        "Endings of a section title that reviews past work (工作回顾, 主要成绩): when the title also "
        "names the past (an earlier year or `review_past_words`), the section's lines give no targets. "
        "Empty: no review sections."))
    definition_words: list[str] = Field([], description=(
        "Words of a definition (是指, 系指): quantities after them in the sentence are no targets."))
    ratio_units: list[str] = Field([], description=(
        "Multiples of an amount (倍): in a sentence of `rule_words` they state the rule, like money "
        "(1倍以上5倍以下的罚款)."))
    amount_units: list[str] = Field([], description=(
        "Endings of amount units (元): an amount with a floor running straight into a noun picks out "
        "a class (50亿元以上工业项目)."))
    list_ends: list[str] = Field([], description=(
        "Characters right before a count that close a list (等: 沈阳、大连、本溪等3个城市): a count "
        "equal to the number of items listed restates the list and is no target."))
    condition_ends: list[str] = Field([], description=(
        "Endings of a phrase that, before a comma, states a condition (的, 者: 达到90%的，可…): its "
        "quantity is no target."))
    review_past_words: list[str] = Field([], description=(
        "Words by which a review section's title names the past (过去, 去年, 以来); see `review_endings`."))
    baseline_words: list[str] = Field([], description=(
        "Words before a year that make it the baseline compared with (较2020年), not the target year."))
    weak_comparators: list[str] = Field([], description=(
        "Comparator words too common to be trusted away from the number they qualify (为, 达, 提高): "
        "they count only right before it."))
    verbs_needing_unit: list[str] = Field([], description=(
        "Copulas that make a target only with a unit (为, 实现, 确保, 达): a placeholder after them "
        "needs one."))
    verbs_needing_amount: list[str] = Field([], description=(
        "Copulas that make a target only with a percentage or an amount with a magnitude (为, 实现: "
        "为5个 is no target)."))
    verbs_not_for_time: list[str] = Field([], description=(
        "Copulas that never commit to a quantity of `time_units` (为期3年, 实现3年翻番)."))
    aim_words: list[str] = Field([], description=(
        "Words of aiming (力争, 确保, 目标) that keep a statistic or a past-year sentence a target, as "
        "a target year does (到2020年)."))
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

    @field_validator("comparators_before", "comparators_after")
    @classmethod
    def _known(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        bad = set(v) - {">=", "<=", "=", "~", "+", "-"}
        if bad:
            raise ValueError(f"unknown comparator(s): {sorted(bad)}")
        return v


class MetadataFile(_Strict):
    """metadata.yaml: the document's metadata (title, issuer, date, addressees, draft status,
    document numbers) and the header cells of task tables."""

    version: int = Field(1, description=_VERSION)
    title_endings: list[str] = Field(..., description=(
        "Document types a title ends with (实施方案, 意见, 通知, 办法): a short head line, or a block "
        "of consecutive ones, ending so is a title candidate (a period such as （试行） may follow)."))
    issued_title: str = Field(..., description=(
        "Regular expression for the sentence that names the document being issued "
        "(现将《X》印发给你们); group `title`. The title when the head has no title line, and the "
        "plan's title of a covering notice."))
    speech_date: str = Field(..., description=(
        "Regular expression for the subtitle that dates a speech or report when no dated signature "
        "does (——2024年1月16日在某市人民代表大会上); group `date`."))
    title_issues: str = Field(..., description=(
        "Regular expression for a title line that is the act of issuing, without 关于…的通知 "
        "(上海市人民政府办公厅印发《关于…的若干意见》): it ends a title as a document type does."))
    title_period: str = Field(..., description=(
        "Regular expression for the period or status a title may end with after its document type "
        "(（2016-2020年）, （试行））, also on a line of its own below the title."))
    wrapper_title: str = Field(..., description=(
        "Regular expression for a covering notice's title (关于印发《X》的通知); group `title` is the "
        "document it issues, reported as `plan_title`."))
    issuer_endings: list[str] = Field(..., description=(
        "Endings of an issuer's name (人民政府, 办公厅, 局): a short line ending so, just above the "
        "date line, signs the notice; also the organ before 关于 in a title or before 令 in a decree."))
    addressee_words: list[str] = Field(..., description=(
        "Words of an addressee line: one of the first head lines that ends with a colon and holds one "
        "of these (各, 人民政府, 部门) names whom the notice goes to."))
    draft_words: list[str] = Field(..., description=(
        "Draft markers (征求意见稿, 送审稿, 草案): a head line that is only one, or a title ending in one "
        "in brackets, makes the notice a draft; the word inside a sentence does not. The bracketed "
        "marker is not part of the title."))
    doc_number: str = Field(..., description=(
        "Regular expression for a document number (国发〔2015〕66号), with groups `org`, `year` and "
        "`num`. Every number cited is reported; one standing alone on a head line is the notice's own."))
    table_headers: dict[str, list[str]] = Field(..., description=(
        "Column role → header cell texts of a task table (`lead`: 牵头单位; `deadline`: 完成时限). Roles "
        "read: `seq`, `task`, `lead`, `support`, `responsible`, `deadline`, `steps`; `ignore` and "
        "any other role mark a known column that gives nothing. A header row needs two known cells, "
        "one of them a department or deadline column."))
    doc_number_not_org: list[str] = Field([], description=(
        "Words cut, with all before them, from the ideographs before a number's year bracket, so the "
        "number starts at the issuing organ's abbreviation (落实国发〔2015〕66号 → 国发〔2015〕66号)."))
    not_title_starts: list[str] = Field([], description=(
        "Starts of a head line that is a sentence of the body, never the title (为, 根据, 经国务院)."))
    title_subject_openers: list[str] = Field([], description=(
        "Words a title opens with when it names its subject (关于): the issuer is then the line right "
        "above (青海省人民政府 / 关于加快推进生态旅游发展的实施意见), or the text before the word "
        "in the title (某市人民政府关于…的意见)."))
    form_labels: list[str] = Field([], description=(
        "Words after an organ's name that label the document's form (函, 令: 臺北市政府函): such a "
        "title candidate gives way to another, and a decree's header (…令) names its issuer."))
    state_names: list[str] = Field([], description=(
        "The state's name before a central organ in a decree's header, cut from the issuer "
        "(中华人民共和国国务院令 → 国务院)."))


class GrammarData(_Strict):
    """The whole grammar: one section per file of ``grammars/``, each named after its file
    (``markers`` validates markers.yaml). A ``--grammar`` override file has the same top-level
    keys: its mappings merge key by key, its lists are put before the built-in ones, its
    scalars replace them."""

    markers: MarkersFile = Field(..., description="markers.yaml: heading markers, boxes, appendices.")
    clauses: ClausesFile = Field(..., description="clauses.yaml: responsibility clauses.")
    departments: DepartmentsFile = Field(..., description="departments.yaml: department names and lists.")
    targets: TargetsFile = Field(..., description="targets.yaml: numeric targets.")
    metadata: MetadataFile = Field(..., description="metadata.yaml: document metadata and task-table headers.")
