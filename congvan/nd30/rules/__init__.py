"""The conformance rules, one module per group of Phụ lục I: page, header block, body and
signature, appendix. Each module has ``check(anatomy) -> list[Finding]``."""
