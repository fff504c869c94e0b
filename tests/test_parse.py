"""parse: every way a province wrote a count or a date, with the value AND the status."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sgw_analysis import parse
from sgw_analysis.parse import ParsedCount, date_in_name, parse_count, parse_date
from sgw_analysis.read import normalize

COUNT_CASES = [
    # (raw, value, status, id)
    ("９个", 9, parse.OK, "full_width_digit_with_unit"),
    ("1,296人", 1296, parse.OK, "thousands_separator_with_unit"),
    ("二十三", 23, parse.OK, "chinese_numeral"),
    ("一百二十", 120, parse.OK, "chinese_numeral_hundreds"),
    ("一万二", 12000, parse.OK, "spoken_shorthand_after_wan"),
    ("三百五十个", 350, parse.OK, "chinese_numeral_with_unit"),
    ("三百五", 350, parse.OK, "spoken_shorthand_after_bai"),
    ("3.5万", 35000, parse.OK, "arabic_decimal_before_wan"),
    ("1万2", 12000, parse.OK, "arabic_digits_around_wan"),
    ("两千", 2000, parse.OK, "liang_for_two"),
    ("一百零五", 105, parse.OK, "ling_for_a_gap"),
    ("两万零五百", 20500, parse.OK, "ling_after_wan"),
    ("十五", 15, parse.OK, "shi_without_yi"),
    ("一百十五", 115, parse.OK, "shi_after_bai_without_yi"),
    ("二〇一七", 2017, parse.OK, "digit_by_digit"),
    ("约两万", 20000, parse.APPROXIMATE, "approximate_chinese_numeral"),
    ("零", 0, parse.OK, "ling_is_zero"),
    ("万", None, parse.NOT_A_NUMBER, "wan_alone_is_no_number"),
    ("十十", None, parse.NOT_A_NUMBER, "unit_twice"),
    ("一一万", None, parse.NOT_A_NUMBER, "two_digits_before_a_unit"),
    ("三百八万", None, parse.NOT_A_NUMBER, "shorthand_before_wan_is_ambiguous"),
    ("二千13", None, parse.NOT_A_NUMBER, "arabic_tail_after_a_unit"),
    ("〇千", None, parse.NOT_A_NUMBER, "zero_before_a_unit"),
    ("1.2亿", None, parse.ABSURD, "yi_is_read_exactly_and_is_absurd"),
    ("3.25十", None, parse.NON_INTEGER, "fraction_of_a_unit"),
    ("约88800人", 88800, parse.APPROXIMATE, "yue_prefix"),
    ("810余人", 810, parse.APPROXIMATE, "yu_suffix_before_unit"),
    ("300多", 300, parse.APPROXIMATE, "duo_suffix"),
    ("无", 0, parse.OK, "wu_is_a_real_zero"),
    ("0", 0, parse.OK, "zero"),
    ("", None, parse.MISSING, "blank_is_missing_not_zero"),
    ("待统计", None, parse.NOT_A_NUMBER, "pending_text_is_empty_not_zero"),
    ("/", None, parse.NOT_APPLICABLE, "slash"),
    ("—", None, parse.NOT_APPLICABLE, "em_dash"),
    ("不适用", None, parse.NOT_APPLICABLE, "bu_shi_yong"),
    ("-5", -5, parse.NEGATIVE, "negative_kept"),
    ("12.5", None, parse.NON_INTEGER, "fraction"),
    ("12.0", 12, parse.OK, "integral_decimal_text"),
    (456.0, 456, parse.OK, "float_from_excel"),
    ("合计70个", 70, parse.OK, "total_word_and_unit"),
    ("99999999", None, parse.ABSURD, "absurd_keeps_only_its_text"),
    ("1" + "0" * 30, None, parse.ABSURD, "ten_to_the_thirty"),
    (1e308, None, parse.ABSURD, "float_1e308"),
    (float("inf"), None, parse.ABSURD, "infinity"),
    ("-" + "9" * 40, None, parse.ABSURD, "huge_negative"),
    ("9" * 32_767, None, parse.ABSURD, "thirty_thousand_digits"),
    (True, None, parse.NOT_A_NUMBER, "boolean_is_not_a_count"),
    (" 48 ", 48, parse.OK, "surrounding_spaces"),
    ("４５人", 45, parse.OK, "full_width_with_person_unit"),
    (None, None, parse.MISSING, "none_is_missing"),
    (7, 7, parse.OK, "int"),
    (-3.0, -3, parse.NEGATIVE, "negative_float"),
]


@pytest.mark.parametrize(("raw", "value", "status"), [c[:3] for c in COUNT_CASES],
                         ids=[c[3] for c in COUNT_CASES])
def test_parse_count_gives_value_and_status(raw, value, status):
    parsed = parse_count(raw)
    assert (parsed.value, parsed.status) == (value, status)


def test_parse_count_keeps_the_raw_text():
    assert parse_count("约88800人") == ParsedCount(88800, parse.APPROXIMATE, "约88800人")
    assert parse_count(456.0).raw == "456"
    assert parse_count(" 48 ").raw == "48"


def test_parse_count_blank_is_never_zero():
    for blank in ("", "   ", "\u3000", None):
        assert parse_count(blank).value is None


def test_parse_count_absurd_threshold_is_a_parameter():
    assert parse_count("1200", absurd=1000) == ParsedCount(None, parse.ABSURD, "1200")
    assert parse_count("1000", absurd=1000).status == parse.OK


DATE_CASES = [
    ("2017年4月12日", date(2017, 4, 12), "chinese_ymd"),
    ("2017/4/14", date(2017, 4, 14), "slashes"),
    ("2017-04-14", date(2017, 4, 14), "iso"),
    ("2017.4.13", date(2017, 4, 13), "dots"),
    ("20170414", date(2017, 4, 14), "compact_text"),
    (20170414, date(2017, 4, 14), "compact_int"),
    (42839, date(2017, 4, 14), "excel_serial_int"),
    (42839.0, date(2017, 4, 14), "excel_serial_float"),
    ("42839", date(2017, 4, 14), "excel_serial_text"),
    (datetime(2017, 4, 12, 9, 30), date(2017, 4, 12), "datetime"),
    (date(2017, 4, 12), date(2017, 4, 12), "date"),
    ("二〇一七年四月十二日", date(2017, 4, 12), "chinese_numerals"),
    ("２０１７年４月１２日", date(2017, 4, 12), "full_width_digits"),
    ("4月12日", date(2017, 4, 12), "month_day_defaults_to_2017"),
    ("待定", None, "junk"),
    ("", None, "blank"),
    (None, None, "none"),
    ("2017年2月30日", None, "impossible_day"),
    (5, None, "small_number"),
]


@pytest.mark.parametrize(("raw", "expected"), [c[:2] for c in DATE_CASES],
                         ids=[c[2] for c in DATE_CASES])
def test_parse_date_reads_common_forms(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("陕西省 附件2 20170414.xlsx", date(2017, 4, 14)),
    ("收件箱/附件2 2017-04-13.xlsx", date(2017, 4, 13)),
    ("附件2（2017.4.12）.xls", date(2017, 4, 12)),
    ("附件2_2017年4月14日.xlsx", date(2017, 4, 14)),
    ("广西 附件2（微信群矩阵）.xlsx", None),
    ("北京市少工委 附件2 v2.xlsx", None),
    ("附件2.xlsx", None),
], ids=["compact", "iso", "dots", "chinese", "no_date", "version_is_not_a_date", "bare"])
def test_date_in_name(name, expected):
    assert date_in_name(name) == expected


def test_parse_date_of_a_large_number_is_none_not_endless_recursion():
    assert parse_date(12_345_678) is None
    assert parse_date("12345678") is None
    assert parse_date(1e300) is None


def test_chinese_numerals_read_as_cn2an_writes_them():
    cn2an = pytest.importorskip("cn2an")  # dev dependency: an independent writer of numerals
    numbers = [*range(0, 20_001, 7), 99_999, 100_003, 120_000, 1_050_000, 20_500, 30_000_000,
               100_000_001, 999_999_999]
    for number in numbers:
        written = cn2an.an2cn(number, "low")
        assert parse.chinese_number(written) == number, written
        assert parse.chinese_number(written.replace("二", "两")) == number, written


def test_long_values_are_read_but_not_kept_by_the_caches():
    from sgw_analysis.parse import _parse_count
    from sgw_analysis.read.cells import _normalize

    long_text = "约" + "１２" + " " * 5_000 + "个"  # a count padded far past any label
    _parse_count.cache_clear()  # pure caches: emptied only to count what is kept
    _normalize.cache_clear()
    kept_counts, kept_texts = 0, 0
    parsed = parse_count(long_text)
    assert (parsed.value, parsed.status) == (12, "approximate")
    assert normalize("Ａ Ｂ" * 1_000) == "AB" * 1_000
    assert _parse_count.cache_info().currsize == kept_counts
    assert _normalize.cache_info().currsize == kept_texts
    assert parse_count("１２个") == parse_count("１２个")  # a short one is kept and read the same
    assert _parse_count.cache_info().currsize == kept_counts + 1
