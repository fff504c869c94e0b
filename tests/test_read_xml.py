"""XML members of a zip: the C parser only where no DTD can stand, defusedxml's parser elsewhere.

A DTD stands in the prolog, before the root element; a member opening on its root (after at most
a UTF-8 byte order mark and a declaration saying UTF-8 or nothing) cannot have one.
"""

from __future__ import annotations

import pytest
from conftest import zip_bytes, zip_members

from sgw_analysis.read import ReadError, read_bytes
from sgw_analysis.read.archive import has_no_dtd

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
STRINGS = "xl/sharedStrings.xml"
BOM = b"\xef\xbb\xbf"
# two entities, one expanding into the other: what a billion laughs is built of
DTD = '<!DOCTYPE sst [<!ENTITY a "EXPANDED"><!ENTITY b "&a;&a;&a;">]>'
BODY = f'<sst {NS} count="1" uniqueCount="1"><si><t>&b;</t></si></sst>'


@pytest.mark.parametrize("head", [
    f"<sst {NS}>".encode(),
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst {NS}>'.encode(),
    f"<?xml version='1.0' encoding='utf-8'?><x:sst {NS}>".encode(),
    BOM + f'<?xml version="1.0"?>\n  <sst {NS}>'.encode(),
    BOM + f"<sst {NS}>".encode(),
])
def test_a_member_opening_on_its_root_element_has_no_dtd(head):
    assert has_no_dtd(head)


@pytest.mark.parametrize("head", [
    f'<?xml version="1.0"?>{DTD}{BODY}'.encode(),
    f'<?xml version="1.0"?><!-- a comment -->{DTD}{BODY}'.encode(),
    f'<?xml version="1.0"?><?pi data?>{DTD}{BODY}'.encode(),
    BOM + f"{DTD}{BODY}".encode(),
    BOM + f'<?xml version="1.0"?>{DTD}{BODY}'.encode(),
    f'<?xml version="1.0" encoding="UTF-16"?>{DTD}{BODY}'.encode("utf-16"),
    f'<?xml version="1.0" encoding="UTF-16"?><sst {NS}/>'.encode("utf-16-le"),
    f'<?xml version="1.0" encoding="UTF-16"?><sst {NS}/>'.encode(),
    f'<?xml version="1.0" encoding="ISO-8859-1"?><sst {NS}/>'.encode(),
    b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE sst+AD4-<sst/>',
    f' <?xml version="1.0"?><sst {NS}/>'.encode(),
    f'<?XML version="1.0"?><sst {NS}/>'.encode(),
    f'<?xml version="1.1"?><sst {NS}/>'.encode(),
    f'<?xml version="1.0"{" " * 600}?><sst {NS}/>'.encode(),  # the root beyond the bytes looked at
    b"",
])
def test_anything_before_the_root_element_or_another_encoding_is_left_to_defusedxml(head):
    assert not has_no_dtd(head)


def _xlsx(make_workbook) -> dict[str, bytes]:
    return zip_members(make_workbook([["省级建群数", 5], ["联系人数", 230]]))



def _read_error(members: dict[str, bytes]) -> str:
    with pytest.raises(ReadError) as caught:
        read_bytes(zip_bytes(members), "x.xlsx")
    return caught.value.code


@pytest.mark.parametrize("strings", [
    f'<?xml version="1.0"?>{DTD}{BODY}'.encode(),
    f'<?xml version="1.0"?><!-- a comment -->{DTD}{BODY}'.encode(),
    f'<?xml version="1.0"?><?pi data?>\n{DTD}{BODY}'.encode(),
    BOM + f"{DTD}{BODY}".encode(),
    f'<?xml version="1.0" encoding="UTF-16"?>{DTD}{BODY}'.encode("utf-16"),
    f'<?xml version="1.0" encoding="UTF-16"?>{DTD}{BODY}'.encode("utf-16-le"),
    f'<?xml version="1.0" encoding="ISO-8859-1"?>{DTD}{BODY}'.encode(),
])
def test_a_dtd_behind_a_comment_a_bom_or_another_encoding_is_refused(make_workbook, strings):
    assert _read_error({**_xlsx(make_workbook), STRINGS: strings}) == "xml_forbidden"


@pytest.mark.parametrize("strings", [
    f'<?xml version="1.0" encoding="UTF-16"?>{DTD}{BODY}'.encode(),  # UTF-16 said, bytes ASCII
    f"<sst {NS}><si><t>&b;</t></si></sst>".encode(),  # an entity no DTD declares
    f"<sst {NS}>{DTD}<si><t>&b;</t></si></sst>".encode(),  # a DTD inside the root
    f"<sst {NS}><si><t>x</t></si></sst>{DTD}".encode(),  # a DTD after the root
])
def test_entities_without_a_dtd_in_the_prolog_make_a_corrupt_file(make_workbook, strings):
    assert _read_error({**_xlsx(make_workbook), STRINGS: strings}) == "file_corrupt"


def test_a_workbook_reads_the_same_by_either_parser(make_workbook):
    members = _xlsx(make_workbook)
    fast = read_bytes(zip_bytes(members), "x.xlsx")
    commented = {name: data.replace(b"?>", b"?><!-- via defusedxml -->", 1)
                 if name.endswith((".xml", ".rels")) else data for name, data in members.items()}
    assert all(not has_no_dtd(data) for name, data in commented.items() if name.endswith(".xml"))
    defused = read_bytes(zip_bytes(commented), "x.xlsx")
    assert defused == fast
    assert [cell.value for cell in fast.sheets[0].cells.values()] == ["省级建群数", 5.0, "联系人数", 230.0]
