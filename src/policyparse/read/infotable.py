"""The info table a government web page puts beside a notice (索引号 / 发文机关 / 成文日期 /
标题 / 发文字号 …): its labels, the metadata hint each gives, and how a date in it reads.
One definition for every reader: the web page itself (``read.html``) and the same page
saved as Word (``read.docx``)."""

from __future__ import annotations

import re

# label (spaces removed) → the hint it gives (see read.Converted.hints). 发布日期 is the
# day the site published the page, not the day the notice was signed: no date hint.
META_LABELS = {
    "标题": "title", "名称": "title", "文件名称": "title", "公文标题": "title",
    "发文机关": "issuer", "发文单位": "issuer", "发文机构": "issuer", "发布机构": "issuer",
    "发布单位": "issuer", "发布机关": "issuer", "制发机关": "issuer", "成文单位": "issuer",
    "发文字号": "doc_number", "文号": "doc_number", "发文文号": "doc_number", "文件编号": "doc_number",
    "成文日期": "date", "发文日期": "date", "印发日期": "date", "签发日期": "date", "成文时间": "date",
}
# labels of such a table that give no hint (they help to recognise one)
INFO_LABELS = ("索引号", "主题分类", "主题词", "发布日期", "发布时间", "公开日期", "公开方式", "生效日期",
               "有效性", "体裁分类", "组配分类", "服务对象", "信息来源", "公开范围", "所属主题", "实施日期",
               "废止日期", "公文种类", "来源")

_DATE_RX = re.compile(r"((?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})")


def iso_date(s: str) -> str | None:
    """2019年01月27日 / 2019-1-27 → 2019-01-27; None for anything else."""
    m = _DATE_RX.search(s)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"
