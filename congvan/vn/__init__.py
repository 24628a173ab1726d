"""Vietnamese text: normal form, legacy encodings, deadline phrases, Số and date lines, slugs."""
