"""Finding elements in serialised OOXML by their tags: nesting, longer names, empty elements."""
from lxml import etree

from congvan.ooxml.fragments import element_end, enclosing, first_child, rewrite

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML = (f'<w:document xmlns:w="{W}"><w:body><w:tbl><w:tblPr><w:tblW w:w="1"/></w:tblPr>'
       '<w:tr><w:tc><w:tcPr/><w:p/><w:tbl><w:tr><w:tc><w:p>A</w:p></w:tc><w:tc/></w:tr></w:tbl>'
       '<w:p>B</w:p></w:tc></w:tr></w:tbl><w:p>C</w:p></w:body></w:document>').encode()


def test_enclosing_skips_longer_names_empty_and_closed_elements():
    outer = XML.index(b"<w:tc>")
    inner = XML.index(b"<w:tc>", outer + 1)
    assert enclosing(XML, XML.index(b"A"), "w:tc") == inner
    assert enclosing(XML, XML.index(b"B"), "w:tc") == outer
    assert enclosing(XML, XML.index(b"C"), "w:tc") == -1
    assert enclosing(XML, XML.index(b"A"), "w:tbl") == XML.index(b"<w:tbl>", XML.index(b"<w:tcPr/>"))


def test_element_end_counts_nested_elements():
    outer = XML.index(b"<w:tc>")
    end = element_end(XML, outer, "w:tc")
    assert XML[end - len(b"<w:p>B</w:p></w:tc>"):end] == b"<w:p>B</w:p></w:tc>"
    assert element_end(XML, XML.index(b"<w:tc/>"), "w:tc") == XML.index(b"<w:tc/>") + 7


def test_first_child_only_if_it_is_first():
    table = XML.index(b"<w:tbl>")
    assert first_child(XML, table, "w:tblPr") == b'<w:tblPr><w:tblW w:w="1"/></w:tblPr>'
    assert first_child(XML, table, "w:tr") is None
    assert first_child(XML, XML.index(b"<w:tbl>", table + 1), "w:tblPr") is None


def test_rewrite_changes_a_piece_as_on_the_whole_tree():
    start = XML.index(b"<w:tc>")
    piece = XML[start:element_end(XML, start, "w:tc")]

    def mark(root):
        for p in root.iter(f"{{{W}}}p"):
            p.set(f"{{{W}}}rsidR", "1")

    whole = etree.fromstring(XML)
    mark(whole)
    fixed = XML[:start] + rewrite(XML, b"<w:tr>", piece, b"</w:tr>", mark) + XML[start + len(piece):]
    expected = etree.tostring(whole, encoding="unicode").replace('<w:p w:rsidR="1">C', "<w:p>C").encode()
    assert fixed == expected
    assert rewrite(XML, b"<w:tr>", b"<w:tc>", b"</w:tr>", mark) is None  # does not parse
