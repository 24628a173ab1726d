"""Reading back what we wrote: parts, paragraphs and formatting of a .docx."""

import re
import unicodedata
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag):
    prefix, name = tag.split(":")
    return f"{{{W}}}{name}"


def part(path, name="word/document.xml"):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def text(p):
    return "".join(t.text or "" for t in p.iter(q("w:t")))


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def stream(root):
    """Every paragraph's text, in document order (table cells included), normalised."""
    return [norm(text(p)) for p in root.iter(q("w:p")) if norm(text(p))]


def find_paragraph(root, wanted):
    for p in root.iter(q("w:p")):
        if norm(text(p)) == wanted:
            return p
    raise AssertionError(f"no paragraph {wanted!r}")


def run_props(p):
    """(size in pt, bold, italic) of the paragraph's first run with text."""
    for r in p.iter(q("w:r")):
        if r.find("w:t", NS) is None:
            continue
        sz = r.find("w:rPr/w:sz", NS)
        b = r.find("w:rPr/w:b", NS)
        i = r.find("w:rPr/w:i", NS)
        size = int(sz.get(q("w:val"))) / 2 if sz is not None else None
        on = lambda e: e is not None and e.get(q("w:val")) not in ("0", "false")
        return size, on(b), on(i)
    raise AssertionError("paragraph has no text run")


def alignment(p):
    jc = p.find("w:pPr/w:jc", NS)
    return jc.get(q("w:val")) if jc is not None else None


def sections(root):
    """sectPr elements in order (the last is the body's own)."""
    return list(root.iter(q("w:sectPr")))


def twips_to_mm(v):
    return int(v) / 1440 * 25.4


def effective_size(p, styles):
    """Font size (pt) of a paragraph's first run: direct, else its style's, else the default."""
    size = run_props(p)[0]
    if size is not None:
        return size
    style = p.find("w:pPr/w:pStyle", NS)
    if style is not None:
        for s in styles.findall("w:style", NS):
            if s.get(q("w:styleId")) == style.get(q("w:val")):
                sz = s.find("w:rPr/w:sz", NS)
                if sz is not None:
                    return int(sz.get(q("w:val"))) / 2
    sz = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:sz", NS)
    return int(sz.get(q("w:val"))) / 2
