"""Every Chinese word a person reads: levels, statuses, columns, and issue messages by rule id.

Data keeps English codes; only presentation and issue messages go through this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

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
FILE_REJECT_REASON: Mapping[str, str] = MappingProxyType({
    "file_empty": "文件为空（0字节），请重新发送",
    "file_lock": "这是Office打开文件时留下的临时锁定文件（~$开头），不是报表",
    "file_encrypted": "文件设有打开密码，无法读取，请去掉密码后重新发送",
    "file_corrupt": "文件已损坏或不完整（可能下载中断），请重新发送",
    "file_unreadable": "无法打开文件（{what}），请检查文件权限或重新复制",
    "internal_error": "读取此文件时程序出错（{what}），未能采用，请联系技术人员处理",
    "file_not_spreadsheet": "不是电子表格文件（{what}），请发送附件2的Excel表格",
    "file_unsupported": "不支持的文件格式（{what}），请另存为.xlsx后重新发送",
    "not_annex2": "表格中没有找到附件2的栏目（建群数、联系人数），不是微信群矩阵建设情况信息汇总表",
    "province_unknown": "无法确定是哪个省（区、市）的报表：单位栏、文件名和文件夹名中都没有省份名称",
})

REJECT_NAMED_PROVINCE = "（文件名显示为{province}）"
# what a file is, named in the reasons above ({what}) where it is not a spreadsheet (read/)
FILE_KIND: Mapping[str, str] = MappingProxyType({
    "gif": "GIF图片", "bmp": "BMP图片", "zip": "ZIP压缩包", "xlsb": "Excel二进制工作簿.xlsb",
    "powerpoint": "PowerPoint演示文稿", "numbers": "Numbers表格",
    "office_other": "Office文件，但不是Excel表格", "binary": "二进制文件", "no_suffix": "无扩展名",
})

# ---------------------------------------------------------------- ingestion: superseded versions
SUPERSEDED_REASON: Mapping[str, str] = MappingProxyType({
    "duplicate": "与{first}内容完全相同（重复发送），只计一次",
    "replaced": "已被同省的另一份报表{winner}替代：{why}",
    # why the winner won, first that applies
    "later_date": "填报日期较晚（{date}）",
    "correction": "文件名标明为更正版",
    "later_file_time": "文件时间较晚",
})

# ---------------------------------------------------------------- ingestion: findings by rule
FORM_ISSUE_MESSAGE: Mapping[str, str] = MappingProxyType({
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
    "member_negative": "一览表中“{group}”的人数为负数（{raw}），请核实更正",
    "listing_row_without_name": "一览表第{row}行有内容但没有群名称，未计入",
    "schema_violation": "数据校验未通过（{check}），请核实",
})
BLANK_CELL = "空"  # shown for a listed group's 人数 cell left blank

# ---- coverage
TIMELINESS: Mapping[str, str] = MappingProxyType({
    "on_time": "按时报送", "late": "逾期报送", "unknown": "日期不明", "not_returned": "未报送",
})
FOLLOWUP_KIND: Mapping[str, str] = MappingProxyType({
    "not_returned": "催报", "late": "逾期", "invalid": "数据更正", "below_requirement": "未达要求",
})
REQUIREMENT: Mapping[str, str] = MappingProxyType({
    "R-RETURN": "报送附件2",
    "R-ONTIME": "按时报送",
    "R-P-HEADS": "省级建立地市级团委少年部长群",
    "R-P-EXT": "鼓励建立的其他省级群",
    "R-PREF": "各地市建立县级少工委负责同志群",
    "R-CNTY": "各区县建立中小学少先队大队辅导员群",
    "R-OTHER": "鼓励建立的其他交流群",
})
UNIT: Mapping[str, str] = MappingProxyType({"prefecture": "地市", "county": "区县"})
# followup.csv detail: one sentence per row; below-requirement parts are joined by "；"
FOLLOWUP_DETAIL: Mapping[str, str] = MappingProxyType({
    "not_returned": "尚未收到附件2（截止日期{deadline}），请催报",
    "late": "附件2填报日期为{submitted_at}，晚于截止日期{deadline}，逾期{days}天",
    "value_missing": "{level}{field}没有有效数字",
    "value_negative": "{level}{field}为负数（{value}）",
    "invalid_suffix": "，无法判断是否达标，请核实更正",
    "heads_members_missing": (
        "一览表中地市级团委少年部长群“{group}”的人数没有有效数字，"
        "无法判断是否覆盖全部{prefectures}个地市，请补报人数"),
    "groups_none": "{level}建群数为0，应不少于{expected}个",
    "heads_missing": (
        "省级建群情况一览中没有列出地市级团委少年部长群"
        "（应有1个，不少于{expected}人）"),
    "heads_below": (
        "地市级团委少年部长群“{group}”有{members}人，应不少于{expected}人"
        "（{prefectures}个地市各1名部长+省级少工委办公室{extra}人）"),
    "groups_below": "{level}建群数{actual}个，应不少于{expected}个（{units}个{unit}各1个）",
    "contacts_below_prefecture": (
        "{level}联系人数{actual}人，应不少于{expected}人"
        "（{counties}个区县各{per_county}人+{prefectures}个地市各{per_prefecture}人）"),
    "contacts_below_county": (
        "{level}联系人数{actual}人，应不少于{expected}人"
        "（{schools}所中小学各{per_school}人+{counties}个区县各{per_county}人）"),
    "below_suffix": "，请督促补齐",
    "listing_missing": (
        "没有找到省级建群情况一览，无法判断是否建立了覆盖全部{prefectures}个地市的"
        "地市级团委少年部长群，请补报一览表"),
})
UNKNOWN_NUMBER = "未知"
# outliers across provinces (issues rows, severity warning)
OUTLIER_MESSAGE: Mapping[str, str] = MappingProxyType({
    "outlier_contacts_per_group": (
        "{level}平均每个群{value}人，其他省份中位数为{median}人，明显偏{direction}，"
        "请核实建群数和联系人数是否填错（如多填或漏填一位）"),
    "outlier_contacts_per_county": (
        "{level}联系人数平均每个区县{value}人，其他省份中位数为{median}人，"
        "明显偏{direction}，请核实联系人数是否填错（如多填或漏填一位）"),
    "outlier_contacts_per_school": (
        "{level}联系人数平均每所中小学{value}人，其他省份中位数为{median}人，"
        "明显偏{direction}，请核实联系人数是否填错（如多填或漏填一位）"),
})
DIRECTION: Mapping[str, str] = MappingProxyType({"high": "高", "low": "低"})

# ---- presentation
# charts (charts.py), by the stable key each chart is filed under
CHART_TITLE: Mapping[str, str] = MappingProxyType({
    "submission_tile_map": "报送情况",
    "level_coverage": "各级建群覆盖",
    "gap_heatmap": "差距热力图",
    "matrix_structure": "矩阵结构",
    "group_type_matrix": "省级群类型",
    "submission_timeline": "报送时间",
})
CHART_NOTE: Mapping[str, str] = MappingProxyType({
    "submission_tile_map": "每个方块是一个省（区、市），按大致地理位置排列；颜色表示附件2的报送情况",
    "level_coverage": "各省地市级、区县级建群数占应建群数的比例；超过100%的按100%画出，悬停可见原始数字",
    "gap_heatmap": "各省对照通知各项要求的情况；悬停可见原始数字",
    "matrix_structure": "全国→省级→地市级→区县级的建群数；省级按群类型展开（一览表所列）",
    "group_type_matrix": "各省一览表中列出的鼓励类群（通知一.2、一.5）；数字为群个数，空白为未报送",
    "submission_timeline": "各省附件2的填报日期；竖线为截止日期",
})
DEMO_NOTE = "【示例数据，非真实报送】"
REFERENCE_NOTE = "分母：{reference}"
DEADLINE_NOTE = "截止日期：{deadline}"
NATIONAL = "全国"
# dropped from a province's name where a chart has little room (广西壮族自治区 → 广西), longest first
PROVINCE_SUFFIXES: tuple[str, ...] = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")
PERCENT_AXIS = "建群数 / 应建群数"
REQUIREMENT_LINE = "要求（100%）"
PROVINCE_AXIS = "省（区、市）"
DATE_AXIS = "填报日期"
GROUP_COUNT = "群个数"
TILE_STATUS: Mapping[str, str] = MappingProxyType({
    "on_time": "按时报送", "late": "逾期报送", "unknown": "日期不明",
    "invalid": "数据有误", "not_returned": "未报送",
})
GAP_STATUS: Mapping[str, str] = MappingProxyType({
    "met": "达标", "partial": "部分达标", "late": "逾期", "unknown": "日期不明", "none": "未建",
    "invalid": "数据有误", "not_returned": "未报送", "not_applicable": "不适用",
})
REQUIREMENT_SHORT: Mapping[str, str] = MappingProxyType({
    "R-RETURN": "报送附件2", "R-ONTIME": "按时报送", "R-P-HEADS": "省级部长群",
    "R-PREF": "地市级建群", "R-CNTY": "区县级建群",
})
TIMELINE_UNPLACED = "{label}：{provinces}"
NONE_TEXT = "—"
HOVER: Mapping[str, str] = MappingProxyType({
    "tile": "{province}<br>{timeliness}<br>填报日期：{date}{late}<br>数据：{data}<br>文件：{file}",
    "tile_late": "（逾期{days}天）",
    "tile_data_ok": "无数据错误",
    "coverage": ("{province} · {level}<br>建群数：{groups}<br>应建群数：{expected}"
                 "<br>比例（未封顶）：{ratio}<br>状态：{status}"),
    "gap_return": "{province}<br>{requirement}：{status}<br>文件：{file}",
    "gap_ontime": "{province}<br>{requirement}：{status}<br>填报日期：{date}{late}",
    "gap_level": ("{province}<br>{requirement}（{level}）：{status}<br>建群数：{groups} / 应建 {expected_groups}"
                  "<br>联系人数：{contacts} / 应有 {expected_contacts}<br>比例：建群 {group_ratio}，联系人 {contact_ratio}"),
    "node": "{label}<br>建群数：{groups}<br>联系人数：{contacts}",
    "node_type": "{province} · {group_type}<br>一览表所列：{groups}个群，{members}人",
    "group_type": "{province}<br>{group_type}：{groups}个群，{members}人",
    "group_type_missing": "{province}<br>未报送",
    "timeline": "{province}<br>填报日期：{date}<br>{timeliness}{late}<br>文件：{file}",
})
MISSING_VALUE = "空缺"

# summary workbook (workbook.py)
SHEET: Mapping[str, str] = MappingProxyType({
    "summary": "汇总表", "groups": "省级建群情况一览", "coverage": "覆盖情况",
    "issues": "问题清单", "followup": "催报更正", "notes": "说明",
})
SHEET_TITLE: Mapping[str, str] = MappingProxyType({
    "summary": "全国少先队工作微信群矩阵建设情况信息汇总表",
    "groups": "各省（区、市）省级建群情况一览",
    "coverage": "各省（区、市）各级建群覆盖情况",
    "issues": "附件2读取中发现的问题",
    "followup": "需催报或更正的事项",
    "notes": "说明",
})
COLUMN: Mapping[str, str] = MappingProxyType({
    "index": "序号", "province_code": "行政区划代码", "province": "省（区、市）",
    "level": "层级", "groups": "建群数", "contacts": "联系人数", "units": "单位数（分母）",
    "expected_groups": "应建群数", "expected_contacts": "应有联系人数",
    "group_ratio": "建群比例", "contact_ratio": "联系人比例", "status": "状态",
    "reference": "分母来源", "submitted_at": "填报日期", "timeliness": "报送情况",
    "group_name": "群名称", "group_type": "群类型", "composition": "人员构成",
    "members": "人数", "note": "备注", "file": "文件", "row": "行号",
    "severity": "严重程度", "rule": "规则", "sheet": "工作表", "cell": "单元格",
    "value": "原始内容", "message": "说明", "kind": "类别", "requirement": "依据要求",
    "detail": "说明", "item": "项目", "content": "内容",
})
TOTAL_ROW = "全国合计"
TOTAL_MISSING = "{level}：{parts}空缺或有误，未计入合计"
# only the fields that have gaps are named: no "0个省份"
TOTAL_MISSING_PART: Mapping[str, str] = MappingProxyType({
    "groups": "建群数有{count}个省份", "contacts": "联系人数有{count}个省份",
})
LEVEL_STATUS = "{level}状态"
LEVEL_FIELD = "{level}{field}"
REFERENCE_NOTE_SHEET = "分母：{reference}；截止日期：{deadline}"

# notes of the workbook and method section of the report
NOTE_ITEM: Mapping[str, str] = MappingProxyType({
    "notice": "通知", "deadline": "报送截止日期", "reference": "区划分母",
    "schools": "学校数分母", "generated_at": "生成时间", "demo": "数据性质",
    "statuses": "状态含义", "timeliness": "报送情况含义", "not_in_annex2": "附件2无法反映的要求",
    "thresholds": "判断标准",
})
DEMO_TEXT = "示例数据：由演示程序生成，不是各省真实报送，仅供试用"
REAL_TEXT = "各省（区、市）报送的附件2"
STATUS_MEANING: Mapping[str, str] = MappingProxyType({
    "met": "达到通知要求的最低数量（建群数和可计算的联系人数均达到）",
    "partial": "已建群，但建群数或联系人数低于通知要求的最低数量",
    "none": "该级建群数为0",
    "invalid": "数字空缺或有误，无法判断，需要更正",
    "not_returned": "尚未报送附件2",
    "not_applicable": "该省（区、市）没有这一级（北京、天津、上海、重庆没有地市级），不作要求",
})
TIMELINESS_MEANING: Mapping[str, str] = MappingProxyType({
    "on_time": "填报日期不晚于截止日期",
    "late": "填报日期晚于截止日期",
    "unknown": "表中和文件名中都没有可识别的填报日期，不算逾期，但需核实",
    "not_returned": "没有收到可以读取的附件2",
})
THRESHOLDS = (  # filled in from Requirements by context.threshold_text
    "省级：一览表中应有地市级团委少年部长群，人数不少于地市数+{extra}；"
    "地市级：建群数不少于地市数，联系人数不少于每个区县{prefecture_per_county}人加每个地市{prefecture_per_prefecture}人；"
    "区县级：建群数不少于区县数，联系人数不少于每所中小学{county_per_school}人加每个区县{county_per_county}人"
    "（无学校数时联系人数不作判断）。以上为对通知的解读，可在requirements.py中调整"
)
NOT_IN_ANNEX2 = (
    "通知第二部分（关注全国少工委办公室微信公众号）、第三部分（关注“中国红领巾”微信公众号）"
    "和第五部分（专人管理、入群审核、不得传播涉密内容、当天转发）的落实情况，附件2中没有相应栏目，"
    "本报告不作统计，需另行了解"
)

# the report (html_report.py)
REPORT_TITLE = "少先队工作微信群矩阵建设情况报告"
REPORT_SUBTITLE = "依据中少办发〔2017〕4号通知附件2汇总"
HEADLINE: Mapping[str, str] = MappingProxyType({
    "returned": "已报送", "on_time": "按时报送", "late": "逾期报送", "unknown": "日期不明",
    "met": "{level}达标",
})
HEADLINE_UNIT = "{count} / {total}"
SECTION: Mapping[str, str] = MappingProxyType({
    "headline": "总体情况", "charts": "图表", "followup": "催报更正清单",
    "groups": "省级建群情况一览（共{count}个群）", "method": "说明与方法",
})
NO_FOLLOWUP = "没有需要催报或更正的事项"
GENERATED_AT = "生成时间：{when}"
OFFLINE_NOTE = "本文件可离线打开，不需要联网"
NODE_TEXT: Mapping[str, str] = MappingProxyType({
    "level": "建群{groups}个 · 联系人{contacts}人", "groups": "{groups}个群",
})

# ---- command line
CLI = MappingProxyType({
    "reading": "读取报表",
    "reporting": "生成结果",
    "file_unit": "个",
    "try_no_png": "可加 --no-png 参数，不用Chromium生成其余结果（不含图片和report.pdf）",
    "stage_unit": "步",
    "summary": ("共{files}个文件：采用{ingested}个，被替代{superseded}个，未采用{rejected}个；"
                "问题{errors}条错误、{warnings}条提示"),
    "written": "已写出：{paths}",
    "demo_written": "已生成示例数据（{returns}份报表，{missing}个省未报送）：{folder}",
    "no_folder": "报送文件夹不存在：{folder}",
    "cannot_write": "无法写出结果到{folder}：{error}",
    "demo_round": "注意：这是示例数据，不是真实报送",
})
CLI_STAGE = MappingProxyType({
    "coverage": "统计覆盖情况", "charts": "绘制图表", "png": "导出图片",
    "workbook": "汇总表", "html": "报告网页", "manifest": "清单",
    "pdf": "报告PDF", "circular": "情况通报",
})

# ---- print and 情况通报
PAGE_OF = "第{page}页 共{pages}页"
GROUPS_IN_WORKBOOK = "各群的完整列表见summary.xlsx的“省级建群情况一览”工作表（网页版可点击展开）"
PDF_FAILED = "无法用Chromium生成report.pdf：{error}"
PNG_FAILED = "无法用Chromium把图表导出为图片：{error}"
PNG_TIMEOUT = "Chromium长时间没有响应"
CHROMIUM_MISSING = "没有找到Chromium（/usr/bin/chromium，或用环境变量BROWSER_PATH指定）"
NO_CHROMIUM_OUTPUTS = "已按--no-png跳过需要Chromium的部分：图表图片（charts/*.png）、report.pdf，情况通报中不含图表"
DATE_CN = "{year}年{month}月{day}日"
ORDINAL = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")

# 情况通报 (circular/): a draft circular written from the figures of the same run
CIRCULAR_TITLE = "关于少先队工作微信群矩阵建设情况的通报"
CIRCULAR_ISSUER = "全国少工委办公室"
CIRCULAR_FILE = "情况通报.docx"
# the fonts of a 公文 on Chinese Windows, by the names Word looks them up under (circular/document.py)
CIRCULAR_FONT: Mapping[str, str] = MappingProxyType({
    "title": "方正小标宋简体", "heading": "黑体", "body": "仿宋", "note": "楷体", "table": "宋体",
})
CIRCULAR: Mapping[str, str] = MappingProxyType({
    "draft_note": "（初稿：根据各省（区、市）报送的附件2于{when}自动汇总生成，数字请以汇总表为准，核对后使用）",
    "addressee": "各省、自治区、直辖市少工委：",
    "intro": ("按照《关于建立少先队工作微信群矩阵等工作的通知》（中少办发〔2017〕4号）要求，"
              "各省级少工委应于{deadline}前报送微信群矩阵建设情况信息汇总表（附件2）。"
              "现将截至{when}的报送和建设情况通报如下。"),
    "heading": "{number}、{title}",
    "heading_returns": "报送情况",
    "heading_levels": "建设情况",
    "heading_problems": "存在的问题",
    "heading_next": "有关要求",
    # 一、报送情况
    "returns_none": "应报送的{expected}个省（区、市）均尚未报送附件2。",
    "returns_all": "应报送的{expected}个省（区、市）已全部报送附件2",
    "returns_some": "应报送的{expected}个省（区、市）中，已有{returned}个报送附件2",
    "all_on_time": "，均在截止日期前报送。",
    "among": "，其中",
    "on_time_some": "按时报送{count}个",
    "late_one": "{province}逾期报送（晚于截止日期{days}天）",
    "late_several": "逾期报送{count}个（{names}）",
    "late_name": "{province}逾期{days}天",
    "unknown_one": "{names}的附件2没有可识别的填报日期",
    "unknown_several": "{count}个省份的附件2没有可识别的填报日期（{names}）",
    "not_returned_one": "{names}尚未报送。",
    "not_returned_several": "尚未报送的有{count}个：{names}。",
    # 二、建设情况
    "totals": "已报送的附件2合计：{levels}。",
    "totals_level": "{level}建群{groups}个、联系人{contacts}人",
    "totals_missing": "其中{level}{field}有{count}个省份空缺或有误，未计入合计。",
    "level_all_met": "{level}（{requirement}）：已报送的{returned}个省份全部达到通知要求。",
    "level_one_returned_met": "{level}（{requirement}）：已报送的{names}达到通知要求。",
    "level_some": "{level}（{requirement}）：已报送的{returned}个省份中，{parts}。",
    "level_met": "{count}个达到通知要求",
    "level_none_met": "没有省份达到通知要求",
    "level_short": "{count}个未达到要求",
    "level_short_one": "{names}未达到要求",
    "level_invalid": "{count}个数据有误、无法判断",
    "level_invalid_one": "{names}数据有误、无法判断",
    "not_applicable": "{names}没有地市级，该级不作要求。",
    "every_level_all": "已报送的省份各级均达到通知要求。",
    "every_level_some": "各级均达到通知要求的有{count}个省份。",
    "every_level_one": "各级均达到通知要求的只有{names}。",
    "every_level_none": "还没有省份各级均达到通知要求。",
    "figure_intro": "各省（区、市）情况见图{first}至图{last}和附表1。",
    "figure_intro_one": "各省（区、市）情况见图{first}和附表1。",
    "table_intro": "各省（区、市）情况见附表1。",
    "figure_caption": "图{number}  {title}",
    # 三、存在的问题
    "no_problems": "已报送的附件2中，没有发现未达到通知要求或数据有误的情况。",
    "no_returns_to_judge": "尚无可以对照通知要求判断的附件2。",
    "requirement_short_one": "（{number}）{requirement}方面，{names}未达到要求：{details}。",
    "requirement_short_several": "（{number}）{requirement}方面，{count}个省份未达到要求。{details}。",
    "invalid_one": "（{number}）数据有误、需要更正的：{names}{details}。",
    "invalid_several": "（{number}）数据有误、需要更正的有{count}个省份。{details}。",
    "detail": "{province}：{detail}",
    # 四、有关要求
    "chase": "请{names}少工委抓紧报送附件2。",
    "correct": "请{names}少工委对照通知要求核实情况、督促补齐，并将更正后的附件2报送全国少工委办公室。",
    "nothing_to_chase": "请各省（区、市）少工委继续做好微信群矩阵的日常管理工作。",
    "not_in_annex2": "通知第二、三、五部分（关注微信公众号、专人管理、入群审核、保密和当天转发等）的落实情况，附件2中没有相应栏目，本通报未作统计，请各地对照通知自查。",
    # attachments
    "attachments": "附表：1. 各省（区、市）微信群矩阵建设情况汇总表\n2. 需催报或更正的事项",
    "summary_title": "附表1  各省（区、市）微信群矩阵建设情况汇总表",
    "followup_title": "附表2  需催报或更正的事项",
    "no_followup": "没有需要催报或更正的事项。",
})

# ---- template, feedback, corrections and rounds
# the fillable 附件2 template (template.py); its layout is template_layout.py
TEMPLATE: Mapping[str, str] = MappingProxyType({
    "annex": "附件2",
    "title": "微信群矩阵建设情况信息汇总表",
    "unit": "单位",
    "unit_value": "{province}少工委",
    "province_groups": "省级建群数（个）",
    "province_contacts": "联系人数（人）",
    "prefecture_groups": "地市级少工委建群数：合计（个）",
    "prefecture_contacts": "总计联系人数（人）",
    "county_groups": "区县级少工委建群数：合计（个）",
    "county_contacts": "总计联系人数（人）",
    "listing_title": "省级建群情况一览",
    "group_name": "群名称", "composition": "人员构成", "members": "人数", "note": "备注",
    "date": "填报日期", "filler": "填报人", "phone": "联系电话",
    "not_applicable": "不适用",
    "guide_sheet": "填表说明",
    "blank_file": "附件2（空白）.xlsx",
    "province_file": "{province}-附件2.xlsx",
})
TEMPLATE_GUIDE: tuple[str, ...] = (
    "填表说明",
    "1. 本表为中少办发〔2017〕4号通知附件2，请于{deadline}前填好，通过省级团委少年部长群报送。",
    "2. 只能在白色单元格中填写；灰色的栏目名称已锁定（工作表保护未设密码，请勿修改栏目）。",
    "3. 建群数、联系人数和一览表中的人数请填写0或正整数，不要写“约”“余”或单位。",
    "4. 省级建群情况一览：每行填一个省级所建的群，群名称写全称（如“某省地市级团委少年部长群”）。",
    "5. 直辖市没有地市级，该栏已填“不适用”，无需填写。",
    "6. 填报日期请填写日期（如2017-04-12）；填报人和联系电话便于核实。",
    "7. 请直接在本文件中填写后发送，不要另起表格或复制粘贴到其他表格。",
)
TEMPLATE_PROMPT: Mapping[str, tuple[str, str]] = MappingProxyType({
    "count": ("填写整数", "请填写0或正整数，不带单位"),
    "date": ("填写日期", "请填写填报日期，如2017-04-12"),
    "text": ("填写文字", "不超过{length}个字"),
})
TEMPLATE_ERROR: Mapping[str, tuple[str, str]] = MappingProxyType({
    "count": ("数字有误", "这里只能填写0或正整数"),
    "date": ("日期有误", "这里只能填写2017年至2018年的日期"),
    "text": ("文字过长", "不超过{length}个字"),
})
# findings raised on a returned template (examine.py)
TEMPLATE_ISSUE_MESSAGE: Mapping[str, str] = MappingProxyType({
    "template_altered": ("附件2模板的栏目或单元格名称被改动（{where}），已按栏目名称读取，"
                         "请核对各数字是否填在原模板对应的格中"),
    "date_missing": "填报日期没有填写，请补填",
})
CLI_TEMPLATES_WRITTEN = "已生成附件2模板{count}份：{folder}"
# feedback to each province on its own return (coverage/feedback.py, feedback.py)
FEEDBACK_ASKS_FORM = "按附件2格式如实、完整填报"
FEEDBACK_SEND_BACK: Mapping[str, str] = MappingProxyType({
    "issue": "核实后在原表中更正，重新报送整张附件2",
    "value_missing": "在该格填写准确的整数，重新报送整张附件2",
    "value_not_a_number": "在该格填写准确的整数（不带文字），重新报送整张附件2",
    "approximate_value": "在该格填写准确的整数，重新报送整张附件2",
    "formula_without_cached_value": "在Excel中打开、保存后重新发送",
    "field_not_found": "使用附件2模板填报，重新报送",
    "listing_missing": "在附件2中补列省级所建各群，重新报送",
    "template_altered": "使用原模板，只在白色格中填写，重新报送",
    "date_missing": "补填填报日期，重新报送",
    "date_unreadable": "按2017-04-12的格式填写填报日期，重新报送",
    "not_returned": "通过省级团委少年部长群报送附件2",
    "late": "无需重报，今后请按时报送",
    "invalid": "核实后填写准确的数字，重新报送整张附件2",
    "below_requirement": "督促补齐后，报送更新的附件2",
})
FEEDBACK_FILE = "{province}-附件2审核意见.xlsx"
FEEDBACK_MESSAGES_FILE = "催报消息.txt"
FEEDBACK_SHEET = "审核意见"
FEEDBACK_FORM_SHEET = "原表（{sheet}）"
FEEDBACK_TITLE = "{province}附件2审核意见"
FEEDBACK_SUBTITLE = "文件：{file}；生成时间：{when}；请于{by}前报送更正后的附件2。原文件未作任何改动，下一页为所读取的原表，有问题的单元格已标黄并加批注"
FEEDBACK_SUBTITLE_PREFILLED = "文件：{file}；生成时间：{when}；请于{by}前报送更正后的附件2。来件为文档或图片，下一页“附件2”是据来件所读内容预填的Excel附件2，有问题的格已标黄并加批注，未能读取的格留空标黄，请逐项核对、更正后，以本Excel文件报送"
PREFILL_OVERFLOW = "；来件列出省级所建群{listed}个，表中只能预填前{rows}个，其余各群请核对后另附说明"
PREFILL_UNREAD = "未能从来件中读取此项，请填写"
FEEDBACK_NOT_RETURNED = "尚未收到附件2，无原表"
FEEDBACK_SOURCE: Mapping[str, str] = MappingProxyType({"issue": "读取问题", "followup": "催报更正"})
FEEDBACK_COLUMN: Mapping[str, str] = MappingProxyType({
    "index": "序号", "source": "来源", "kind": "类别", "what": "问题", "where": "位置",
    "asks": "通知要求", "send_back": "请报送",
})
FEEDBACK_WHOLE_FORM = "整份附件2"
FEEDBACK_COMMENT_PREFIX = "审核意见："
# 催报消息.txt: one message per province, to paste into the WeChat group
FEEDBACK_BELOW_SUFFIX = "，请补齐"  # replaces the office's "请督促补齐" in what a province reads
CHASE_MESSAGE = "【{province}少工委】您好！{body}请于{by}前通过省级团委少年部长群报送。{closing}"
CHASE_NOT_RETURNED = "尚未收到贵单位的附件2（微信群矩阵建设情况信息汇总表，截止日期{deadline}）。"
CHASE_ITEMS = "贵单位报送的附件2有{count}处需要更正或补充：{items}。"
CHASE_MORE = "等（共{count}处）"
CHASE_CLOSING = "详见《{file}》。谢谢！"
CHASE_CLOSING_PLAIN = "谢谢！"
CHASE_CLOSING_PREFILLED = "详见《{file}》，其中附有据来件预填的Excel附件2，请核对、更正后以Excel报送。谢谢！"
CHASE_DATE = "{month}月{day}日"
# corrections and rounds (workbook.py, html_report.py, charts)
CORRECTION_STATUS: Mapping[str, str] = MappingProxyType({
    "fixed": "已更正", "still": "仍存在", "new": "新出现"})
MOVEMENT: Mapping[str, str] = MappingProxyType({"better": "进步", "worse": "退步", "same": "不变"})
NOTE_ITEM_PROGRESS = "与上一轮比较"
PROGRESS_NOTE = "与上一轮结果（{folder}）逐省逐级比较状态和数字"
PROGRESS_DIFFERENCE: Mapping[str, str] = MappingProxyType({
    "vintage": "；注意：上一轮使用的区划分母版本不同，状态变化可能部分来自分母变化",
    "requirements": "；注意：上一轮使用的判断标准（阈值或截止日期）不同，状态变化可能部分来自标准变化",
})
CHANGE_SUBJECT_FORM = "报表"
CHANGE_FIELD: Mapping[str, str] = MappingProxyType({
    "submitted_at": "填报日期", "groups": "建群数", "contacts": "联系人数", "group": "群",
    "composition": "人员构成", "members": "人数", "note": "备注"})
SHEET_CORRECTIONS = "更正情况"
SHEET_PROGRESS = "进展"
SECTION_CORRECTIONS = "更正情况"
SECTION_PROGRESS = "与上一轮比较"
PROGRESS_CHART_TITLE = "与上一轮比较：各省各级状态变化"
PROGRESS_CHART_NOTE = "每行一个省（区、市）的一级；箭头从上一轮状态指向本轮状态，向右为进步"
CORRECTION_COLUMN: Mapping[str, str] = MappingProxyType({
    "province": "省（区、市）", "level_or_group": "层级或群", "field": "项目", "before": "更正前",
    "after": "更正后", "before_file": "原文件", "after_file": "更正文件", "status": "问题状态",
    "rule": "规则", "message": "说明", "before_cell": "原单元格", "after_cell": "现单元格",
})
PROGRESS_COLUMN: Mapping[str, str] = MappingProxyType({
    "province": "省（区、市）", "level": "层级", "status_before": "上一轮状态",
    "status_after": "本轮状态", "groups_before": "上一轮建群数", "groups_after": "本轮建群数",
    "groups_change": "建群数变化", "contacts_before": "上一轮联系人数",
    "contacts_after": "本轮联系人数", "contacts_change": "联系人数变化", "movement": "变化",
})
PROGRESS_HOVER = "{province} · {level}<br>{before} → {after}<br>建群数变化：{groups}<br>联系人数变化：{contacts}"

# ---- hostile input
# Reasons for files refused by the limits and guards of read/ and isolate (limits.py); and the
# findings on what reading a file had to cut, leave out or clean.
LIMIT_REJECT_REASON: Mapping[str, str] = MappingProxyType({
    "file_too_large": "文件过大（{what}），远超一份附件2的大小，未读取；请删去图片等多余内容后另存为.xlsx再发送",
    "zip_bomb": "文件解压后异常庞大，可能已损坏或被改动过，未读取；请用Excel打开后另存为.xlsx再发送",
    "xml_forbidden": "文件内部含有Excel不会写入的特殊结构，可能被改动过，未读取；请用Excel打开后另存为.xlsx再发送",
    "workbook_empty": "表格是空的，没有任何内容，请填写附件2后重新发送",
    "file_old_excel": "这是很早版本的Excel文件（Excel 2.x–4.0），无法读取，请用Excel或WPS打开后另存为.xlsx再发送",
    "text_unknown_encoding": "这是文本文件，但文字无法识别（不是中文电脑常用的保存方式），请用Excel打开后另存为.xlsx再发送",
    "link_outside": "这是一个快捷方式（链接），指向报送文件夹以外的文件，未读取；请把文件本身放进文件夹",
    "entry_folder": "这是一个指向文件夹的快捷方式（链接），未读取；请把文件本身放进文件夹",
    "entry_special": "这不是普通文件（设备或管道等），未读取",
    "read_timeout": "读取此文件超过{what}秒仍未完成，已停止：文件可能异常庞大或已损坏；请用Excel打开，删去多余内容后另存为.xlsx再发送",
    "read_memory": "读取此文件所需内存超过上限，已停止：文件内容异常庞大或已损坏；请用Excel打开，删去多余内容后另存为.xlsx再发送",
    "read_crashed": "读取程序在此文件上异常退出，未能读取：文件可能已损坏；请用Excel打开后另存为.xlsx再发送",
})
READ_NOTE: Mapping[str, str] = MappingProxyType({
    "sheets_not_read": "工作簿共有{detail}个工作表，只读取了前{limit}个",
    "rows_not_read": "工作表超过{limit}行，其后的内容未读取",
    "columns_not_read": "工作表超过{limit}列，其后的内容未读取",
    "cells_not_read": "表格内容超过{limit}个单元格，其后的内容未读取",
    "text_cut": "单元格文字超过{limit}个字，只保留了前{limit}个字（共{count}处）",
    "text_cleaned": "单元格中有看不见的控制字符，已删除（共{count}处）",
})

# ---- readers: Word, PDF, images, archives
READER_REJECT_REASON: Mapping[str, str] = MappingProxyType({
    "archive_unsupported": "{what}压缩包无法安全读取，请解压后发送其中的附件2文件（或改用.zip压缩）",
    "archive_encrypted": "压缩包设有密码，无法读取，请解压后发送其中的附件2文件",
    "archive_too_large": "压缩包超出读取限制（{what}），可能是异常文件，请解压后发送其中的附件2文件",
    "archive_unsafe_path": "压缩包中的文件路径指向压缩包之外（{what}），为安全起见未读取，请解压后发送其中的附件2文件",
    "archive_too_deep": "压缩包中套有多层压缩包，未读取，请解压后发送其中的附件2文件",
    "archive_empty": "压缩包中没有文件",
    "needs_libreoffice": "读取{what}文件需要安装LibreOffice（make setup会安装），也可请对方另存为.docx或.xlsx后重新发送",
    "convert_timeout": "LibreOffice转换此文件超时，未能读取，请对方另存为.docx或.xlsx后重新发送",
    "needs_ocr": "读取{what}需要文字识别组件：请安装 sgw-analysis[ocr]（make setup会安装），或请对方发送Excel表格",
    "image_unreadable": "图片无法打开（{what}），可能已损坏，请重新发送",
    "image_too_large": "图片过大（{what}），不像是报表照片或截图，未读取",
    "image_not_form": "图片中没有报表文字（{what}），不是附件2的截图或照片（可能是二维码、图表或照片），请发送附件2的Excel表格",
    "image_not_annex2": "图片中识别出了文字，但没有找到附件2的栏目（建群数、联系人数），不是微信群矩阵建设情况信息汇总表",
    "pdf_encrypted": "PDF文件设有密码，无法读取，请去掉密码后重新发送",
    "pdf_not_form": "PDF中没有可读取的内容（{what}），请发送附件2的Excel表格",
})
# the {what} of the reasons above: what was found, or which limit an archive crossed
READER_DETAIL: Mapping[str, str] = MappingProxyType({
    "pdf_no_text": "没有文字",
    "qr_code": "二维码",
    "few_texts": "只识别出{count}处文字",
    "image_size": "{width}×{height}像素",
    "archive_members": "超过{limit}个文件",
    "archive_member_size": "单个文件超过{limit}MB",
    "archive_total_size": "解压后超过{limit}MB",
    "archive_ratio": "压缩比超过{limit}倍",
})
# where a value of a document or image was written (read/flow.py): 表2!B3, 段落5, 第1页!x=72,y=140
PLACE: Mapping[str, str] = MappingProxyType({
    "table": "表{number}", "paragraph": "段落{number}", "page": "第{number}页",
})
READER_ISSUE_MESSAGE: Mapping[str, str] = MappingProxyType({
    "ocr_unconfirmed": "{what}“{raw}”是从图片中识别的（识别置信度{confidence}，图片区域{region}），请与该省核对确认",
    "ocr_low_confidence": "{what}在图片中识别为“{raw}”，但识别置信度只有{confidence}（图片区域{region}），未采用，请该省核实或发送Excel表格",
    "ocr_listing_mismatch": "从图片识别：省级建群数为{groups}个，但一览表识别出{listed}个群，可能有漏识或误识，请与该省核对",
    "ocr_subtotal_mismatch": "从图片识别：一览表合计为{total}人，但各群人数相加为{members}人，可能有数字误识，请与该省核对",
})
OCR_FIELD_MEMBERS = "一览表中“{group}”的人数"
SAME_RETURN_OTHER_FORMAT = "与{other}是同一份报表的另一种格式（内容相同），已采用{other}，只计一次"
FORMAT_NAME: Mapping[str, str] = MappingProxyType({
    ".doc": "Word 97-2003（.doc）", ".wps": "WPS文字（.wps）", ".rtf": "RTF", ".odt": "OpenDocument文本（.odt）",
    ".fods": "OpenDocument表格（.fods）", "image": "图片", "pdf": "扫描的PDF",
})

# ---- every rejection reason and every finding's sentence, one mapping each (findings.RULES)
REJECT_REASON: Mapping[str, str] = MappingProxyType({
    **FILE_REJECT_REASON, **LIMIT_REJECT_REASON, **READER_REJECT_REASON})
ISSUE_MESSAGE: Mapping[str, str] = MappingProxyType({**FORM_ISSUE_MESSAGE, **READER_ISSUE_MESSAGE})
