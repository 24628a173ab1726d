"""The output folder: the one writer, its manifest, backups and safe paths."""
