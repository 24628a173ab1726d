"""Word files: a template compiled once, deterministic zip packaging, file properties."""
