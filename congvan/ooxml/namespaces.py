"""The XML namespaces of WordprocessingML, named once for every module that reads or writes it."""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""The main WordprocessingML namespace (prefix ``w``)."""
NS = {"w": W}
"""Prefix table for XPath and ``find``."""


def w(tag: str) -> str:
    """``{namespace}tag`` of a ``w:`` element or attribute, for lxml."""
    return f"{{{W}}}{tag}"
