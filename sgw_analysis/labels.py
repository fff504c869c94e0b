"""Every Chinese word a person reads: levels, statuses, columns, and issue messages by rule id.

Data keeps English codes; only presentation and issue messages go through this module.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

DEMO_FLAG = "示例数据"

LEVEL: Mapping[str, str] = MappingProxyType({
    "province": "省级", "prefecture": "地市级", "county": "区县级",
})
FIELD: Mapping[str, str] = MappingProxyType({"groups": "建群数", "contacts": "联系人数"})

SUBMISSION_STATUS: Mapping[str, str] = MappingProxyType({
    "ingested": "已采用", "superseded": "已被替代", "rejected": "未采用",
})
SEVERITY: Mapping[str, str] = MappingProxyType({"error": "错误", "warning": "提示"})

COVERAGE_STATUS: Mapping[str, str] = MappingProxyType({
    "met": "达标", "partial": "部分达标", "none": "未建", "invalid": "数据有误",
    "not_returned": "未报送", "not_applicable": "不适用",
})

GROUP_TYPE: Mapping[str, str] = MappingProxyType({
    "prefecture_heads": "地市级团委少年部长群",
    "provincial_committee": "省级少工委委员群",
    "prefecture_leaders": "地市级少工委负责同志群",
    "prefecture_counselors": "地市少先队总辅导员群",
    "master_studio": "少先队名师工作室群",
    "theory": "少先队理论研究交流群",
    "media": "少先队媒体信息交流群",
    "out_of_school": "校外少先队工作者交流群",
    "other": "其他交流群",
})

# ---------------------------------------------------------------- ingestion: rejected files
REJECT_REASON: Mapping[str, str] = MappingProxyType({
    "file_empty": "文件为空（0字节），请重新发送",
    "file_lock": "这是Office打开文件时留下的临时锁定文件（~$开头），不是报表",
    "file_encrypted": "文件设有打开密码，无法读取，请去掉密码后重新发送",
    "file_corrupt": "文件已损坏或不完整（可能下载中断），请重新发送",
    "file_not_spreadsheet": "不是电子表格文件（{what}），请发送附件2的Excel表格",
    "file_unsupported": "不支持的文件格式（{what}），请另存为.xlsx后重新发送",
    "not_annex2": "表格中没有找到附件2的栏目（建群数、联系人数），不是微信群矩阵建设情况信息汇总表",
    "province_unknown": "无法确定是哪个省（区、市）的报表：单位栏、文件名和文件夹名中都没有省份名称",
})

# ---------------------------------------------------------------- ingestion: findings by rule
ISSUE_MESSAGE: Mapping[str, str] = MappingProxyType({
    "value_missing": "{level}{field}没有填写，请补报",
    "value_not_a_number": "{level}{field}填写为“{raw}”，不是数字，请补报具体数字",
    "formula_without_cached_value": "{level}{field}是公式（{raw}）但文件中没有计算结果，请在Excel中打开、保存后重新发送",
    "negative_value": "{level}{field}为负数（{raw}），请核实更正",
    "non_integer_value": "{level}{field}不是整数（{raw}），请核实更正",
    "absurd_value": "{level}{field}数值过大（{raw}），请核实是否多填了位数",
    "approximate_value": "{level}{field}填写为约数（{raw}），已按{value}统计，请报送准确数字",
    "not_applicable_value": "{level}{field}填写为“{raw}”（不适用），但该省有{level}，请填写具体数字",
    "field_not_found": "表中没有找到{level}{field}一栏，请按附件2格式填报",
    "province_conflict": "单位栏写的是{unit}，文件名或文件夹指向{other}，已按单位栏认定为{unit}",
    "date_unreadable": "填报日期“{raw}”无法识别",
    "listing_missing": "没有找到“省级建群情况一览”，请列出省级所建各群",
    "listing_count_mismatch": "省级建群数为{groups}个，但一览表列出{listed}个群，请核实",
    "listing_members_far_from_contacts": "一览表各群人数合计{members}人，与省级联系人数{contacts}人相差很大，请核实",
    "county_groups_below_prefecture": "区县级建群数（{county}）小于地市级建群数（{prefecture}），请核实",
    "member_not_a_number": "一览表中“{group}”的人数“{raw}”不是数字",
    "listing_row_without_name": "一览表第{row}行有内容但没有群名称，未计入",
    "schema_violation": "数据校验未通过（{check}），请核实",
})
