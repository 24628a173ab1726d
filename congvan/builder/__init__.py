"""A build: templates found and compiled, documents rendered (on every core), then written."""
